import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  type CreateSessionResponse,
  type CustomerTab,
  type LiveSession,
  type PageInfo,
  type TabPresence,
  type WatchResponse,
} from '@tsunagi/shared';
import {
  closeAllSockets,
  connectCustomer,
  connected,
  createSession,
  eventMatching,
  nextEvent,
  ok,
  request,
  samplePage,
  sampleEventsJson,
  signedInAgent,
  until,
  type AgentClient,
  type CustomerClient,
} from './support/clients.ts';
import { createTestDatabase, startTestServer, type TestServer } from './support/test-server.ts';

/**
 * A customer sharing from several tabs: the agent sees the tabs and which
 * one is active, the view starts from the active tab's stream, and guidance
 * names the stream it is for — refused for a stream that is not a page a
 * tab of this session shows now.
 */

const GONE_AFTER_MS = 300;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { TAB_GONE_AFTER_MS: String(GONE_AFTER_MS) } });
});
afterAll(() => server.destroy());
afterEach(() => closeAllSockets());

const shown: TabPresence = { visible: true, focused: true };
const hidden: TabPresence = { visible: false, focused: false };
const pageA: PageInfo = { ...samplePage, url: 'http://insurer.example/fire/', title: '火災保険のお申し込み' };
const pageB: PageInfo = { ...samplePage, url: 'http://insurer.example/payment/', title: 'お支払い方法の変更' };

/** One page load in one tab of the customer: a socket that said hello for `streamId` in `tabId`. */
async function openPage(
  base: string,
  created: CreateSessionResponse,
  tabId: string,
  streamId: string,
  page: PageInfo,
  presence: TabPresence = shown,
): Promise<CustomerClient> {
  const socket = connectCustomer(base, created.token);
  await connected(socket);
  await ok(socket, 'hello', { protocol: PROTOCOL_VERSION, streamId, page, tab: { tabId, ...presence } });
  return socket;
}

/** The session as the console sees it right now, read through the service. */
async function live(sessionId: string, app = server.app): Promise<LiveSession> {
  return app.cobrowse.liveSession((await app.sessions.get(sessionId))!);
}

const summary = (tabs: CustomerTab[]) => tabs.map((tab) => `${tab.tabId}:${tab.state}${tab.active ? ':active' : ''}`);

/** A session with agent1 as owner, watching; tab A open first, then tab B (turned to last, so active). */
async function twoTabs(suffix: string, username = 'agent1') {
  const created = await createSession(server.url, pageA);
  const tabA = `tab-a-${suffix}`;
  const tabB = `tab-b-${suffix}`;
  const streamA = `stream-a-${suffix}`;
  const streamB = `stream-b-${suffix}`;
  const a = await openPage(server.url, created, tabA, streamA, pageA);
  const owner = await signedInAgent(server.url, username);
  await ok(owner, 'session:take', { sessionId: created.sessionId });
  await ok(owner, 'session:watch', { sessionId: created.sessionId });
  const b = await openPage(server.url, created, tabB, streamB, pageB);
  return { created, sessionId: created.sessionId, owner, a, b, tabA, tabB, streamA, streamB };
}

describe('the customer’s tabs', () => {
  it('are listed with the active one, the one the customer turned to last; the list follows visibility and focus', async () => {
    const created = await createSession(server.url, pageA);
    const sessionId = created.sessionId;
    const a = await openPage(server.url, created, 'tab-a-list', 'stream-a-list', pageA);
    const owner = await signedInAgent(server.url, 'agent1');
    await ok(owner, 'session:take', { sessionId });
    const watch = await ok<WatchResponse>(owner, 'session:watch', { sessionId });
    expect(watch.session.tabs).toEqual([
      expect.objectContaining({ tabId: 'tab-a-list', streamId: 'stream-a-list', title: pageA.title, url: pageA.url, state: 'open', active: true }),
    ]);

    // A second tab opens (shown and focused): it is the active one now, and the page shown is its page.
    const twoListed = eventMatching<LiveSession>(owner, 'session:update', (s) => s.tabs.length === 2);
    const b = await openPage(server.url, created, 'tab-b-list', 'stream-b-list', pageB);
    const update = await twoListed;
    expect(summary(update.tabs)).toEqual(['tab-a-list:open', 'tab-b-list:open:active']);
    expect(update.page).toMatchObject({ title: pageB.title, url: pageB.url });

    // The customer switches back to tab A: B is hidden, A shown and focused.
    const backToA = eventMatching<LiveSession>(owner, 'session:update', (s) => s.tabs.find((t) => t.active)?.tabId === 'tab-a-list');
    // The tab turned to is asked for a fresh full snapshot: the view that follows starts from now.
    const snapshotOfA = eventMatching<{ streamId?: string }>(a, 'snapshot:request', (push) => push.streamId === 'stream-a-list');
    await ok(b, 'tab', hidden);
    await ok(a, 'tab', shown);
    await snapshotOfA;
    const switched = await backToA;
    expect(switched.tabs.find((t) => t.tabId === 'tab-b-list')).toMatchObject({ visible: false, active: false, state: 'open' });
    expect(switched.page?.title).toBe(pageA.title);

    // Losing the focus alone (another window in front) does not move the view; a tab shown again does.
    await ok(a, 'tab', { visible: true, focused: false });
    expect((await live(sessionId)).tabs.find((t) => t.active)?.tabId).toBe('tab-a-list');
    const toB = eventMatching<LiveSession>(owner, 'session:update', (s) => s.tabs.find((t) => t.active)?.tabId === 'tab-b-list');
    await ok(b, 'tab', { visible: true, focused: false });
    await toB;

    // A hidden tab that loads a page stays in the background.
    await ok(a, 'tab', hidden);
    a.disconnect();
    await openPage(server.url, created, 'tab-a-list', 'stream-a-list-2', pageA, hidden);
    await until(async () => (await live(sessionId)).tabs.find((t) => t.tabId === 'tab-a-list')?.streamId === 'stream-a-list-2');
    expect(summary((await live(sessionId)).tabs)).toEqual(['tab-a-list:open', 'tab-b-list:open:active']);

    // Presence is refused before hello, and validated.
    const early = connectCustomer(server.url, created.token);
    await connected(early);
    expect(await request(early, 'tab', shown)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await request(b, 'tab', { visible: 'yes' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(b, 'hello', { protocol: PROTOCOL_VERSION, streamId: 'stream-b-list', page: pageB, tab: { tabId: 'x', ...shown } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  it('keep a tab across its page loads; a closed tab shows closed and hands over to the tab turned to before', async () => {
    const { sessionId, owner, a, b, tabA, tabB, streamB, created } = await twoTabs('close');

    await ok(b, 'batch', { streamId: streamB, seq: 1, eventsJson: sampleEventsJson(1) });
    // A page load in tab B: its old page goes, the new one says hello in the same tab, still active.
    b.disconnect();
    const b2 = await openPage(server.url, created, tabB, 'stream-b-close-2', pageB);
    await until(async () => (await live(sessionId)).tabs.find((t) => t.tabId === tabB)?.streamId === 'stream-b-close-2');
    const afterLoad = await live(sessionId);
    expect(summary(afterLoad.tabs)).toEqual([`${tabA}:open`, `${tabB}:open:active`]);
    // Guidance for the page B left is refused: its node ids mean nothing now.
    expect(await request(owner, 'guide:pointer', { sessionId, streamId: streamB, point: { nodeId: 3, x: 0.5, y: 0.5 } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    // The customer closes tab B: away at once, closed once it has not come back; A is active again.
    const away = eventMatching<LiveSession>(owner, 'session:update', (s) => s.tabs.some((t) => t.tabId === tabB && t.state === 'away'));
    const closed = eventMatching<LiveSession>(owner, 'session:update', (s) => s.tabs.some((t) => t.tabId === tabB && t.state === 'closed'));
    b2.disconnect();
    expect((await away).tabs.find((t) => t.active)?.tabId).toBe(tabB);
    const after = await closed;
    expect(summary(after.tabs)).toEqual([`${tabA}:open:active`, `${tabB}:closed`]);
    expect(after.customerConnected).toBe(true);
    expect(await request(owner, 'guide:highlight', { sessionId, streamId: 'stream-b-close-2', nodeId: 3 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    // Ending the session closes every tab.
    const ended = eventMatching<LiveSession>(owner, 'session:update', (s) => s.status === 'ended');
    await ok(a, 'end');
    expect((await ended).tabs.map((t) => t.state)).toEqual(['closed', 'closed']);
  });

  it('are not closed while the whole customer is offline (a network drop)', async () => {
    const { sessionId, a, b, tabA, tabB } = await twoTabs('offline');
    a.disconnect();
    b.disconnect();
    await until(async () => !(await live(sessionId)).customerConnected);
    // Well past the time a tab needs to count as closed when another tab carries on.
    await until(async () => {
      const row = (await server.storage.db.selectFrom('customer_tabs').select('disconnected_at').where('session_id', '=', sessionId).execute());
      return row.every((r) => r.disconnected_at !== null && Date.now() - r.disconnected_at > GONE_AFTER_MS * 2);
    });
    expect(summary((await live(sessionId)).tabs)).toEqual([`${tabA}:away`, `${tabB}:away:active`]);
  });
});

describe('the live view of several tabs', () => {
  it('starts from the active tab’s latest checkpoint; another stream of the session on request, never another session’s', async () => {
    const { sessionId, owner, a, b, streamA, streamB } = await twoTabs('watch');
    for (let seq = 1; seq <= 2; seq++) await ok(a, 'batch', { streamId: streamA, seq, eventsJson: sampleEventsJson(seq) });
    for (let seq = 1; seq <= 3; seq++) await ok(b, 'batch', { streamId: streamB, seq, eventsJson: sampleEventsJson(seq) });
    // A's later checkout must not move the view to A: the view follows the active tab, not the latest snapshot.
    await ok(a, 'batch', { streamId: streamA, seq: 3, eventsJson: sampleEventsJson(1) });
    await ok(a, 'batch', { streamId: streamA, seq: 4, eventsJson: sampleEventsJson(4) });

    const snapshotAtA = nextEvent<{ streamId?: string }>(a, 'snapshot:request');
    const watch = await ok<WatchResponse>(owner, 'session:watch', { sessionId });
    expect(watch.streamId).toBe(streamB);
    expect(watch.checkpoint.map((batch) => `${batch.streamId}#${batch.seq}`)).toEqual([`${streamB}#1`, `${streamB}#2`, `${streamB}#3`]);
    // Every tab hears the request; it names the one whose snapshot the viewer needs.
    expect(await snapshotAtA).toEqual({ streamId: streamB });

    // The agent picks background tab A: its checkpoint, and A is asked for a fresh snapshot (what it shows now).
    const snapshotOfA = nextEvent<{ streamId?: string }>(a, 'snapshot:request');
    const ofA = await ok<WatchResponse>(owner, 'session:watch', { sessionId, streamId: streamA });
    expect(ofA.streamId).toBe(streamA);
    expect(ofA.checkpoint.map((batch) => `${batch.streamId}#${batch.seq}`)).toEqual([`${streamA}#3`, `${streamA}#4`]);
    expect(await snapshotOfA).toEqual({ streamId: streamA });
    // Picking a tab changes nothing for the customer: B is still the active one.
    expect(ofA.session.tabs.find((tab) => tab.active)?.streamId).toBe(streamB);

    const other = await twoTabs('watch-other');
    expect(await request(owner, 'session:watch', { sessionId, streamId: other.streamA })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request(owner, 'session:watch', { sessionId, streamId: 'no' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('guidance for one stream', () => {
  it('reaches every tab naming its stream; refused without a stream, or for a stream of another session', async () => {
    const { sessionId, owner, a, b, streamA, streamB } = await twoTabs('guide');
    const atA = nextEvent(a, 'guide:pointer');
    const atB = nextEvent(b, 'guide:pointer');
    await ok(owner, 'guide:pointer', { sessionId, streamId: streamB, point: { nodeId: 9, x: 0.5, y: 0.25 } });
    const push = { agentName: '佐藤 花子', streamId: streamB, point: { nodeId: 9, x: 0.5, y: 0.25 } };
    expect(await atA).toEqual(push);
    expect(await atB).toEqual(push);
    // Pointing into a background tab is allowed (the agent may look at it); it only lands there.
    await ok(owner, 'guide:highlight', { sessionId, streamId: streamA, nodeId: 4 });

    expect(await request(owner, 'guide:pointer', { sessionId, point: null })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const other = await twoTabs('guide-other', 'agent2');
    for (const [event, payload] of [
      ['guide:pointer', { sessionId, streamId: other.streamB, point: { nodeId: 9, x: 0.5, y: 0.5 } }],
      ['guide:highlight', { sessionId, streamId: other.streamB, nodeId: 9 }],
      ['guide:pointer', { sessionId, streamId: 'stream-never-seen', point: null }],
    ] as const) {
      expect(await request(owner, event, payload), event).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    // Nor can the other session's owner reach this session's tab through their own session.
    const stray: unknown[] = [];
    b.on('guide:pointer', (push) => stray.push(push));
    expect(
      await request(other.owner, 'guide:pointer', { sessionId: other.sessionId, streamId: streamB, point: { nodeId: 9, x: 0, y: 0 } }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await ok(owner, 'guide:pointer', { sessionId, streamId: streamB, point: null });
    await until(() => stray.length > 0);
    expect(stray).toEqual([{ agentName: '佐藤 花子', streamId: streamB, point: null }]);
  });

  it('remote control acts only into the active tab’s stream', async () => {
    const { sessionId, owner, a, b, streamA, streamB } = await twoTabs('control');
    await ok(owner, 'control:request', { sessionId });
    await until(async () => (await server.app.sessions.get(sessionId))?.control_state === 'requested');
    await ok(b, 'control:grant');
    const click = { kind: 'click', point: { nodeId: 12, x: 0.5, y: 0.5 } };

    const action = nextEvent(b, 'control:action');
    await ok(owner, 'control:action', { sessionId, streamId: streamB, action: click });
    expect(await action).toEqual({ streamId: streamB, action: click });
    expect(await request(owner, 'control:action', { sessionId, streamId: streamA, action: click })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    // The customer turns to tab A: control goes there, no longer into B.
    await ok(b, 'tab', hidden);
    await ok(a, 'tab', shown);
    await ok(owner, 'control:action', { sessionId, streamId: streamA, action: click });
    expect(await request(owner, 'control:action', { sessionId, streamId: streamB, action: click })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});

describe('tabs across a restart', () => {
  it('keeps every tab, its page and which one is active', async () => {
    const database = await createTestDatabase((process.env.TSUNAGI_TEST_DB as 'sqlite' | 'postgres' | undefined) ?? 'sqlite');
    try {
      const first = await startTestServer({ databaseUrl: database.url });
      const created = await createSession(first.url, pageA);
      const a = await openPage(first.url, created, 'tab-a-restart', 'stream-a-restart', pageA);
      await openPage(first.url, created, 'tab-b-restart', 'stream-b-restart', pageB);
      await ok(a, 'tab', shown);
      const owner = await signedInAgent(first.url, 'agent1');
      await ok(owner, 'session:take', { sessionId: created.sessionId });
      closeAllSockets();
      await first.close();

      const second = await startTestServer({ databaseUrl: database.url });
      try {
        const agent: AgentClient = await signedInAgent(second.url, 'agent1');
        const watch = await ok<WatchResponse>(agent, 'session:watch', { sessionId: created.sessionId });
        expect(watch.session.tabs.map((t) => [t.tabId, t.streamId, t.title, t.active])).toEqual([
          ['tab-a-restart', 'stream-a-restart', pageA.title, true],
          ['tab-b-restart', 'stream-b-restart', pageB.title, false],
        ]);
        expect(watch.streamId).toBe('stream-a-restart');
        // The customer's tab A comes back: open again, still active.
        await openPage(second.url, created, 'tab-a-restart', 'stream-a-restart', pageA, { visible: true, focused: false });
        await until(async () => (await live(created.sessionId, second.app)).tabs.find((t) => t.tabId === 'tab-a-restart')?.state === 'open');
        expect((await live(created.sessionId, second.app)).tabs.find((t) => t.active)?.tabId).toBe('tab-a-restart');
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });
});
