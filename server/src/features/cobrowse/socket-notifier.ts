import type { Namespace } from 'socket.io';
import type { ChatMessage, ControlAction, NodePoint, RelayedBatch, StaffMember, User, Viewer } from '@tsunagi/shared';
import type { GuidanceNotifier } from '../guidance/guidance-service.ts';
import type { Logger } from 'pino';
import type { AgentSocketData } from './agent-socket.ts';
import type { CustomerSocketData } from './customer-socket.ts';
import type { CobrowseNotifier, CobrowseService } from './cobrowse-service.ts';
import { rooms } from './rooms.ts';

/**
 * Pushes the service's changes to the sockets. Session and queue updates
 * are coalesced (a burst of changes sends one message) because each one costs
 * a store read; batches are relayed at once.
 */
export class SocketNotifier implements CobrowseNotifier, GuidanceNotifier {
  private readonly pendingSessions = new Map<string, NodeJS.Timeout>();
  private queueTimer: NodeJS.Timeout | undefined;
  /** Users who lost a session (transfer) and must hear of its next state once. */
  private readonly formerOwners = new Map<string, Set<string>>();
  private closed = false;

  constructor(
    private readonly agents: Namespace,
    private readonly customers: Namespace,
    private readonly cobrowse: CobrowseService,
    private readonly logger: Logger,
    private readonly coalesceMs = 30,
  ) {}

  relayBatch(batch: RelayedBatch): void {
    this.push(this.agents, rooms.watchers(batch.sessionId), 'replay:batch', batch);
  }

  requestSnapshot(sessionId: string, streamId?: string): void {
    this.push(this.customers, rooms.customer(sessionId), 'snapshot:request', streamId ? { streamId } : {});
  }

  sessionChanged(sessionId: string): void {
    if (this.closed || this.pendingSessions.has(sessionId)) return;
    this.pendingSessions.set(
      sessionId,
      setTimeout(() => {
        this.pendingSessions.delete(sessionId);
        this.publishSession(sessionId).catch((err: unknown) => this.logger.error({ err, sessionId }, 'session update failed'));
      }, this.coalesceMs),
    );
  }

  queueChanged(): void {
    if (this.closed) return;
    this.queueTimer ??= setTimeout(() => {
      this.queueTimer = undefined;
      this.cobrowse
        .waitingQueue()
        .then((waiting) => this.push(this.agents, rooms.queue, 'queue', { waiting }))
        .catch((err: unknown) => this.logger.error({ err }, 'queue update failed'));
    }, this.coalesceMs);
  }

  chatMessage(message: ChatMessage): void {
    this.push(this.customers, rooms.customer(message.sessionId), 'chat:message', message);
    this.push(this.agents, rooms.watchers(message.sessionId), 'chat:message', message);
  }

  // Guidance goes to every tab of the customer; only the one holding `streamId` acts on it.
  pointer(sessionId: string, streamId: string, agentName: string, point: NodePoint | null): void {
    this.push(this.customers, rooms.customer(sessionId), 'guide:pointer', { agentName, streamId, point });
  }

  highlight(sessionId: string, streamId: string, nodeId: number): void {
    this.push(this.customers, rooms.customer(sessionId), 'guide:highlight', { streamId, nodeId });
  }

  controlAction(sessionId: string, streamId: string, action: ControlAction): void {
    this.push(this.customers, rooms.customer(sessionId), 'control:action', { streamId, action });
  }

  async onlineStaff(): Promise<(StaffMember & { role: User['role'] })[]> {
    const byUser = new Map<string, StaffMember & { role: User['role'] }>();
    for (const socket of await this.agents.fetchSockets()) {
      const { user } = socket.data as AgentSocketData;
      byUser.set(user.id, { userId: user.id, displayName: user.displayName, role: user.role });
    }
    return [...byUser.values()];
  }

  async isWatching(userId: string, sessionId: string): Promise<boolean> {
    const sockets = await this.agents.in(rooms.watchers(sessionId)).fetchSockets();
    return sockets.some((socket) => (socket.data as AgentSocketData).user.id === userId);
  }

  stopWatching(userId: string, sessionId: string): void {
    this.agents.in(rooms.user(userId)).socketsLeave(rooms.watchers(sessionId));
    this.formerOwners.set(sessionId, (this.formerOwners.get(sessionId) ?? new Set()).add(userId));
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

  async customerPresence(sessionId: string): Promise<{ connected: boolean; tabIds: ReadonlySet<string> }> {
    const sockets = await this.customers.in(rooms.customer(sessionId)).fetchSockets();
    const tabIds = new Set<string>();
    for (const socket of sockets) {
      const { tabId } = socket.data as CustomerSocketData;
      if (tabId) tabIds.add(tabId);
    }
    return { connected: sockets.length > 0, tabIds };
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

  /**
   * Shutdown, once the sockets are closed: pending updates are dropped and
   * nothing more is pushed. (An update timer firing after the adapter closed
   * made the Redis adapter reject a publish where nobody could catch it.)
   */
  close(): void {
    this.closed = true;
    for (const timer of this.pendingSessions.values()) clearTimeout(timer);
    this.pendingSessions.clear();
    clearTimeout(this.queueTimer);
    this.queueTimer = undefined;
  }

  /**
   * Every push goes through here: after `close` nothing is sent (the adapter,
   * Redis's in particular, may be gone, and its rejection would be nobody's).
   */
  private push(namespace: Namespace, room: string | string[], event: string, payload: unknown): void {
    if (this.closed) return;
    namespace.to(room).emit(event, payload);
  }

  private async publishSession(sessionId: string): Promise<void> {
    const row = await this.cobrowse.sessionRow(sessionId);
    if (!row) return;
    const [live, customerView] = await Promise.all([this.cobrowse.liveSession(row), this.cobrowse.customerView(row)]);
    // Closed while this was reading: the adapter may be gone.
    if (this.closed) return;
    const former = [...(this.formerOwners.get(sessionId) ?? [])].map((userId) => rooms.user(userId));
    this.formerOwners.delete(sessionId);
    const agentRooms = [rooms.watchers(sessionId), rooms.monitor, ...former, ...(row.owner_id ? [rooms.user(row.owner_id)] : [])];
    this.push(this.agents, agentRooms, 'session:update', live);
    this.push(this.customers, rooms.customer(sessionId), 'session', customerView);
    if (row.status === 'ended') {
      // Nothing more will come: close the customer's sockets once told.
      this.customers.in(rooms.customer(sessionId)).disconnectSockets();
    }
  }
}
