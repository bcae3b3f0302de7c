import type { Namespace } from 'socket.io';
import type { RelayedBatch, Viewer } from '@tsunagi/shared';
import type { Logger } from 'pino';
import type { AgentSocketData } from './agent-socket.ts';
import type { CobrowseNotifier, CobrowseService } from './cobrowse-service.ts';
import { rooms } from './rooms.ts';

/**
 * Pushes the service's changes to the sockets. Session and queue updates
 * are coalesced (a burst of changes sends one message) because each one costs
 * a store read; batches are relayed at once.
 */
export class SocketNotifier implements CobrowseNotifier {
  private readonly pendingSessions = new Map<string, NodeJS.Timeout>();
  private queueTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly agents: Namespace,
    private readonly customers: Namespace,
    private readonly cobrowse: CobrowseService,
    private readonly logger: Logger,
    private readonly coalesceMs = 30,
  ) {}

  relayBatch(batch: RelayedBatch): void {
    this.agents.to(rooms.watchers(batch.sessionId)).emit('replay:batch', batch);
  }

  requestSnapshot(sessionId: string): void {
    this.customers.to(rooms.customer(sessionId)).emit('snapshot:request', {});
  }

  sessionChanged(sessionId: string): void {
    if (this.pendingSessions.has(sessionId)) return;
    this.pendingSessions.set(
      sessionId,
      setTimeout(() => {
        this.pendingSessions.delete(sessionId);
        this.publishSession(sessionId).catch((err: unknown) => this.logger.error({ err, sessionId }, 'session update failed'));
      }, this.coalesceMs),
    );
  }

  queueChanged(): void {
    this.queueTimer ??= setTimeout(() => {
      this.queueTimer = undefined;
      this.cobrowse
        .waitingQueue()
        .then((waiting) => this.agents.to(rooms.queue).emit('queue', { waiting }))
        .catch((err: unknown) => this.logger.error({ err }, 'queue update failed'));
    }, this.coalesceMs);
  }

  async viewersOf(sessionId: string): Promise<Viewer[]> {
    const sockets = await this.agents.in(rooms.watchers(sessionId)).fetchSockets();
    const byUser = new Map<string, Viewer>();
    for (const socket of sockets) {
      const { user } = socket.data as AgentSocketData;
      byUser.set(user.id, { displayName: user.displayName, role: user.role });
    }
    return [...byUser.values()];
  }

  async isCustomerConnected(sessionId: string): Promise<boolean> {
    return (await this.customers.in(rooms.customer(sessionId)).fetchSockets()).length > 0;
  }

  /** Sends pending updates now (shutdown, tests). */
  async flush(): Promise<void> {
    const sessions = [...this.pendingSessions.keys()];
    for (const timer of this.pendingSessions.values()) clearTimeout(timer);
    this.pendingSessions.clear();
    clearTimeout(this.queueTimer);
    this.queueTimer = undefined;
    await Promise.all(sessions.map((id) => this.publishSession(id)));
  }

  private async publishSession(sessionId: string): Promise<void> {
    const row = await this.cobrowse.sessionRow(sessionId);
    if (!row) return;
    const [live, customerView] = await Promise.all([this.cobrowse.liveSession(row), this.cobrowse.customerView(row)]);
    const agentRooms = [rooms.watchers(sessionId), ...(row.owner_id ? [rooms.user(row.owner_id)] : [])];
    this.agents.to(agentRooms).emit('session:update', live);
    this.customers.to(rooms.customer(sessionId)).emit('session', customerView);
    if (row.status === 'ended') {
      // Nothing more will come: close the customer's sockets once told.
      this.customers.in(rooms.customer(sessionId)).disconnectSockets();
    }
  }
}
