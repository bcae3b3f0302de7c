import {
  can,
  type ChatMessage,
  type ControlAction,
  type LiveSession,
  type NodePoint,
  type StaffMember,
  type User,
  type WatchResponse,
} from '@tsunagi/shared';
import type { Logger } from 'pino';
import { DomainError } from '../../realtime/domain-error.ts';
import type { CobrowseService } from '../cobrowse/cobrowse-service.ts';
import type { SessionRow, SessionStore } from '../cobrowse/session-store.ts';
import type { ChatStore } from './chat-store.ts';

/** What guidance needs from the real-time layer. */
export interface GuidanceNotifier {
  chatMessage(message: ChatMessage): void;
  pointer(sessionId: string, streamId: string, agentName: string, point: NodePoint | null): void;
  highlight(sessionId: string, streamId: string, nodeId: number): void;
  controlAction(sessionId: string, streamId: string, action: ControlAction): void;
  sessionChanged(sessionId: string): void;
  queueChanged(): void;
  onlineStaff(): Promise<(StaffMember & { role: User['role'] })[]>;
  /** Whether this user still has a socket showing the session's live view. */
  isWatching(userId: string, sessionId: string): Promise<boolean>;
  /** Takes the live feed away from a user (the session moved to someone else). */
  stopWatching(userId: string, sessionId: string): void;
}

export interface GuidanceDeps {
  sessions: SessionStore;
  chats: ChatStore;
  cobrowse: CobrowseService;
  logger: Logger;
  now?: () => number;
}

/**
 * Pointer, highlight, chat, remote control, monitoring and transfer. The
 * server relays and records; the customer's browser is what finally decides
 * whether a control action may run.
 */
export class GuidanceService {
  private notifier: GuidanceNotifier | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: GuidanceDeps) {
    this.now = deps.now ?? Date.now;
  }

  attach(notifier: GuidanceNotifier): void {
    this.notifier = notifier;
  }

  private get notify(): GuidanceNotifier {
    if (!this.notifier) throw new Error('GuidanceService used before a notifier was attached');
    return this.notifier;
  }

  /** The session, if `user` owns it and it is live. */
  private async owned(user: User, sessionId: string): Promise<SessionRow> {
    const row = await this.deps.sessions.get(sessionId);
    if (!row) throw new DomainError('not_found', 'no such session');
    if (row.status === 'ended') throw new DomainError('session_ended', 'this session has ended');
    if (row.owner_id !== user.id || row.status !== 'active') {
      throw new DomainError('forbidden', 'only the agent who owns the session can guide the customer');
    }
    return row;
  }

  private async open(sessionId: string): Promise<SessionRow> {
    const row = await this.deps.sessions.get(sessionId);
    if (!row) throw new DomainError('not_found', 'no such session');
    if (row.status === 'ended') throw new DomainError('session_ended', 'this session has ended');
    return row;
  }

  // ── Chat ────────────────────────────────────────────────────────────────

  async staffChat(user: User, sessionId: string, text: string): Promise<ChatMessage> {
    await this.owned(user, sessionId);
    const message = await this.deps.chats.add(sessionId, text, user, this.now());
    this.notify.chatMessage(message);
    return message;
  }

  async customerChat(sessionId: string, text: string): Promise<ChatMessage> {
    await this.open(sessionId);
    const message = await this.deps.chats.add(sessionId, text, null, this.now());
    this.notify.chatMessage(message);
    return message;
  }

  /** The conversation so far: for the owner, a monitoring supervisor, or the customer. */
  async history(sessionId: string, reader?: User): Promise<ChatMessage[]> {
    const row = await this.deps.sessions.get(sessionId);
    if (!row) throw new DomainError('not_found', 'no such session');
    if (reader && row.owner_id !== reader.id && !can(reader.role, 'cobrowse.monitor')) {
      throw new DomainError('forbidden', 'only the owner or a supervisor can read this conversation');
    }
    return this.deps.chats.list(sessionId);
  }

  // ── Pointer and highlight ───────────────────────────────────────────────

  // Each names the stream the console shows; it must be a page a tab shows now.

  async pointer(user: User, sessionId: string, streamId: string, point: NodePoint | null): Promise<void> {
    const row = await this.owned(user, sessionId);
    await this.deps.cobrowse.assertGuidanceStream(row, streamId, 'open');
    this.notify.pointer(sessionId, streamId, user.displayName, point);
  }

  async highlight(user: User, sessionId: string, streamId: string, nodeId: number): Promise<void> {
    const row = await this.owned(user, sessionId);
    await this.deps.cobrowse.assertGuidanceStream(row, streamId, 'open');
    this.notify.highlight(sessionId, streamId, nodeId);
  }

  // ── Remote control ──────────────────────────────────────────────────────

  async requestControl(user: User, sessionId: string): Promise<void> {
    await this.owned(user, sessionId);
    if (await this.deps.sessions.setControl(sessionId, 'requested', ['off'])) {
      this.deps.logger.info({ sessionId, agentId: user.id }, 'control requested');
      this.notify.sessionChanged(sessionId);
    }
  }

  async releaseControl(user: User, sessionId: string): Promise<void> {
    await this.owned(user, sessionId);
    await this.controlOff(sessionId, 'released by the agent');
  }

  /** Only into the tab the customer is looking at: a hidden tab is no place to act unseen. */
  async controlAction(user: User, sessionId: string, streamId: string, action: ControlAction): Promise<void> {
    const row = await this.owned(user, sessionId);
    if (row.control_state !== 'granted') throw new DomainError('forbidden', 'the customer has not granted control');
    await this.deps.cobrowse.assertGuidanceStream(row, streamId, 'active');
    this.notify.controlAction(sessionId, streamId, action);
  }

  async grantControl(sessionId: string): Promise<void> {
    await this.open(sessionId);
    if (!(await this.deps.sessions.setControl(sessionId, 'granted', ['requested']))) {
      throw new DomainError('conflict', 'no agent is asking for control');
    }
    this.deps.logger.info({ sessionId }, 'control granted');
    this.notify.sessionChanged(sessionId);
  }

  /** The customer declined or took control back; `grantOnly` leaves a pending request alone. Whether control went off. */
  async revokeControl(sessionId: string, grantOnly?: boolean): Promise<boolean> {
    await this.open(sessionId);
    return this.controlOff(sessionId, 'revoked by the customer', grantOnly ? ['granted'] : ['requested', 'granted']);
  }

  /** Control ends when the agent leaves: called when a user's live view closes. */
  async viewerLeft(user: User, sessionId: string): Promise<void> {
    const row = await this.deps.sessions.get(sessionId);
    if (!row || row.owner_id !== user.id || row.control_state === 'off') return;
    if (await this.notify.isWatching(user.id, sessionId)) return;
    await this.controlOff(sessionId, 'the agent left');
  }

  private async controlOff(sessionId: string, why: string, from: SessionRow['control_state'][] = ['requested', 'granted']): Promise<boolean> {
    if (!(await this.deps.sessions.setControl(sessionId, 'off', from))) return false;
    this.deps.logger.info({ sessionId, why }, 'control off');
    this.notify.sessionChanged(sessionId);
    return true;
  }

  // ── Supervision and transfer ────────────────────────────────────────────

  async liveSessions(): Promise<LiveSession[]> {
    const rows = await this.deps.sessions.listLive();
    return Promise.all(rows.map((row) => this.deps.cobrowse.liveSession(row)));
  }

  async monitor(user: User, sessionId: string, streamId?: string): Promise<WatchResponse> {
    return (await this.deps.cobrowse.watch(user, sessionId, 'monitor', streamId)).response;
  }

  async onlineAgents(except: User): Promise<StaffMember[]> {
    const staff = await this.notify.onlineStaff();
    return staff
      .filter((member) => member.userId !== except.id && can(member.role, 'cobrowse.assist'))
      .map(({ userId, displayName }) => ({ userId, displayName }));
  }

  async transfer(user: User, sessionId: string, toUserId: string | null, note: string): Promise<void> {
    await this.owned(user, sessionId);
    const text = note.length > 0 ? note : null;
    if (toUserId === null) {
      if (!(await this.deps.sessions.returnToQueue(sessionId, user.id, text))) throw new DomainError('conflict', 'the session changed hands');
      this.notify.queueChanged();
    } else {
      const target = (await this.onlineAgents(user)).find((agent) => agent.userId === toUserId);
      if (!target) throw new DomainError('not_found', 'that agent is not online');
      if (!(await this.deps.sessions.transferOwner(sessionId, user.id, toUserId, text))) {
        throw new DomainError('conflict', 'the session changed hands');
      }
    }
    this.notify.stopWatching(user.id, sessionId);
    this.deps.logger.info({ sessionId, from: user.id, to: toUserId ?? 'queue' }, 'session transferred');
    this.notify.sessionChanged(sessionId);
  }
}
