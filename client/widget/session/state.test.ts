import { describe, expect, it } from 'vitest';
import type { CustomerSessionView } from '@tsunagi/shared';
import { initialState, transition, type WidgetEvent, type WidgetState } from './state.ts';

const view = (over: Partial<CustomerSessionView>): CustomerSessionView => ({
  sessionId: '6f1c7a52-3b8e-4c1e-9a51-2d4a3c5b7e90',
  status: 'waiting',
  code: '123456',
  codeExpiresAt: 10_000,
  agent: null,
  viewers: [],
  endedReason: null,
  control: 'off',
  ...over,
});

function run(...events: WidgetEvent[]): WidgetState {
  return events.reduce(transition, initialState);
}

describe('widget state machine', () => {
  it('idle → consenting → busy → waiting with the code', () => {
    expect(run({ type: 'open' })).toEqual({ kind: 'consenting', busy: false });
    expect(run({ type: 'open' }, { type: 'agree' })).toEqual({ kind: 'consenting', busy: true });
    expect(run({ type: 'open' }, { type: 'agree' }, { type: 'created', code: '654321', codeExpiresAt: 5 })).toEqual({
      kind: 'waiting',
      code: '654321',
      codeExpiresAt: 5,
    });
  });

  it('declining returns to idle; a busy dialog cannot be declined', () => {
    expect(run({ type: 'open' }, { type: 'decline' })).toEqual({ kind: 'idle' });
    expect(run({ type: 'open' }, { type: 'agree' }, { type: 'decline' })).toEqual({ kind: 'consenting', busy: true });
  });

  it('a failed start shows the error, dismissed back to idle', () => {
    expect(run({ type: 'open' }, { type: 'agree' }, { type: 'failed' })).toEqual({ kind: 'error' });
    expect(run({ type: 'open' }, { type: 'agree' }, { type: 'failed' }, { type: 'dismiss' })).toEqual({ kind: 'idle' });
  });

  it('follows the server: agent joins → active with viewers; code expiry converted to local time', () => {
    const waiting = run({ type: 'resumed' }, { type: 'session', view: view({ codeExpiresAt: 10_000 }), offset: 3_000 });
    expect(waiting).toEqual({ kind: 'waiting', code: '123456', codeExpiresAt: 7_000 });
    const active = transition(waiting, {
      type: 'session',
      view: view({ status: 'active', code: null, agent: { displayName: '山田' }, viewers: [{ displayName: '山田', role: 'agent' }] }),
      offset: 0,
    });
    expect(active).toEqual({ kind: 'active', agentName: '山田', viewers: [{ displayName: '山田', role: 'agent' }] });
  });

  it('ends from any sharing state, with the reason, and ignores server views when not sharing', () => {
    expect(run({ type: 'resumed' }, { type: 'ended', reason: 'agent' })).toEqual({ kind: 'ended', reason: 'agent' });
    expect(run({ type: 'resumed' }, { type: 'session', view: view({ status: 'ended', endedReason: 'idle' }), offset: 0 })).toEqual({
      kind: 'ended',
      reason: 'idle',
    });
    expect(run({ type: 'session', view: view({ status: 'active' }), offset: 0 })).toEqual({ kind: 'idle' });
    expect(run({ type: 'ended', reason: 'agent' })).toEqual({ kind: 'idle' });
  });

  it('a refreshed code replaces the old one only while waiting', () => {
    const waiting = run({ type: 'open' }, { type: 'agree' }, { type: 'created', code: '111111', codeExpiresAt: 1 });
    expect(transition(waiting, { type: 'code', code: '222222', codeExpiresAt: 2 })).toEqual({ kind: 'waiting', code: '222222', codeExpiresAt: 2 });
    expect(transition({ kind: 'idle' }, { type: 'code', code: '222222', codeExpiresAt: 2 })).toEqual({ kind: 'idle' });
  });
});
