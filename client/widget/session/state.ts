import type { CustomerSessionView, EndReason, Viewer } from '@tsunagi/shared';

/**
 * What the customer sees, as a small state machine:
 *
 *   idle ──open──▶ consenting ──agree──▶ consenting(busy) ──created──▶ waiting ──agent joins──▶ active
 *     ▲               │decline                 │failed                    │             │
 *     └───────────────┘                        ▼                          └──ended──────┴──▶ ended ──dismiss──▶ idle
 *                                            error ──dismiss──▶ idle
 *
 * A page load that finds a stored session goes straight to `waiting`
 * (`resumed`) and the server's first `session` view moves it on.
 * Pure: the controller feeds it events, the view renders the result.
 */
export type WidgetState =
  | { kind: 'idle' }
  | { kind: 'consenting'; busy: boolean }
  /** `code` is null until known (a resumed session before the server answered). `codeExpiresAt` is local time. */
  | { kind: 'waiting'; code: string | null; codeExpiresAt: number | null }
  | { kind: 'active'; agentName: string | null; viewers: Viewer[] }
  | { kind: 'ended'; reason: EndReason | null }
  | { kind: 'error' };

export type WidgetEvent =
  | { type: 'open' }
  | { type: 'decline' }
  | { type: 'agree' }
  | { type: 'failed' }
  | { type: 'created'; code: string; codeExpiresAt: number }
  | { type: 'resumed' }
  /** A session view from the server; `codeExpiresAt` in it is server time, `offset` converts it. */
  | { type: 'session'; view: CustomerSessionView; offset: number }
  | { type: 'code'; code: string; codeExpiresAt: number }
  | { type: 'ended'; reason: EndReason | null }
  | { type: 'dismiss' };

export const initialState: WidgetState = { kind: 'idle' };

/** A `Tsunagi.start()` call waiting for the customer's answer and the session's code. */
export interface PendingStart {
  promise: Promise<{ code: string }>;
  resolve(value: { code: string }): void;
  reject(error: Error): void;
}

export function pendingStart(): PendingStart {
  let resolve!: PendingStart['resolve'];
  let reject!: PendingStart['reject'];
  const promise = new Promise<{ code: string }>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function isSharing(state: WidgetState): boolean {
  return state.kind === 'waiting' || state.kind === 'active';
}

export function transition(state: WidgetState, event: WidgetEvent): WidgetState {
  switch (event.type) {
    case 'open':
      return state.kind === 'idle' || state.kind === 'ended' || state.kind === 'error' ? { kind: 'consenting', busy: false } : state;
    case 'decline':
      return state.kind === 'consenting' && !state.busy ? { kind: 'idle' } : state;
    case 'agree':
      return state.kind === 'consenting' ? { kind: 'consenting', busy: true } : state;
    case 'failed':
      return state.kind === 'consenting' ? { kind: 'error' } : state;
    case 'created':
      return state.kind === 'consenting' || state.kind === 'idle'
        ? { kind: 'waiting', code: event.code, codeExpiresAt: event.codeExpiresAt }
        : state;
    case 'resumed':
      return state.kind === 'idle' || state.kind === 'ended' || state.kind === 'error'
        ? { kind: 'waiting', code: null, codeExpiresAt: null }
        : state;
    case 'session':
      return isSharing(state) ? fromView(event.view, event.offset) : state;
    case 'code':
      return state.kind === 'waiting' ? { kind: 'waiting', code: event.code, codeExpiresAt: event.codeExpiresAt } : state;
    case 'ended':
      return isSharing(state) || (state.kind === 'consenting' && state.busy) ? { kind: 'ended', reason: event.reason } : state;
    case 'dismiss':
      return state.kind === 'ended' || state.kind === 'error' ? { kind: 'idle' } : state;
  }
}

function fromView(view: CustomerSessionView, offset: number): WidgetState {
  switch (view.status) {
    case 'waiting':
      return {
        kind: 'waiting',
        code: view.code,
        codeExpiresAt: view.codeExpiresAt === null ? null : view.codeExpiresAt - offset,
      };
    case 'active':
      return { kind: 'active', agentName: view.agent?.displayName ?? null, viewers: view.viewers };
    case 'ended':
      return { kind: 'ended', reason: view.endedReason };
  }
}
