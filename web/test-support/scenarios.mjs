// What a page sees through its Hub, whatever carries the stream: run by
// page-path.test.mjs (a TopicStream in the page) and worker-path.test.mjs (a
// WorkerLink to a TabServer over a real MessageChannel), so both paths are held
// to the same behaviour.
//
// makeWorld(options) -> {clock, tab(): Hub, settle(): Promise, close()}
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeEventSource, envelope as env, quietErrors } from './fakes.mjs';

const latest = () => FakeEventSource.latest();

export function subscriptionScenarios(makeWorld) {
  const scenario = (name, fn, options = {}) =>
    test(name, async () => {
      const world = makeWorld(options);
      try {
        await fn(world);
      } finally {
        world.close();
      }
    });

  scenario('synchronous subscriptions share one stream; events routed by topic, any type', async (w) => {
    const hub = w.tab();
    const a = [];
    const b = [];
    hub.subscribe('custom/a', (e) => a.push(`${e.id}:${e.type}`));
    hub.subscribe('custom/b', (e) => b.push(`${e.id}:${e.type}`));
    await w.flush();
    assert.equal(FakeEventSource.instances.length, 1);
    const es = latest();
    assert.deepEqual(es.topics, ['custom/a', 'custom/b']);
    assert.equal(es.params.get('events'), 'unnamed');
    es.open();
    es.event(env('1', 'custom/a', 'order_created'));
    es.event(env('2', 'custom/b', 'never_heard_of'));
    es.event(env('3', 'custom/other'));
    await w.settle();
    assert.equal(hub.state, 'connected');
    assert.deepEqual(a, ['1:order_created']);
    assert.deepEqual(b, ['2:never_heard_of']);
  });

  scenario('a second subscriber to an open topic does not reopen the stream and gets the kept snapshot', async (w) => {
    const hub = w.tab();
    hub.subscribe('rooms', () => {});
    await w.flush();
    latest().open();
    latest().event({ topic: 'rooms', type: 'rooms_list', timestamp: 1, data: ['general'] });
    latest().event(env('1', 'rooms', 'room_updated'));
    await w.settle();
    const late = [];
    hub.subscribe('rooms', (e) => late.push(e.type));
    await w.flush();
    assert.equal(FakeEventSource.instances.length, 1);
    assert.deepEqual(late, ['rooms_list'], 'only the snapshot, never a past event');
  });

  scenario('topic change: new stream from the old resume point, old closed once the new is open, no duplicate', async (w) => {
    const hub = w.tab();
    const got = [];
    const states = [];
    hub.onState((s) => states.push(s), { immediate: false });
    hub.subscribe('custom/a', (e) => got.push(e.id));
    await w.flush();
    const old = latest();
    old.open();
    old.event(env('1', 'custom/a'));
    await w.settle();
    hub.subscribe('custom/b', (e) => got.push(e.id));
    await w.flush();
    const next = latest();
    assert.notEqual(next, old);
    assert.deepEqual(next.topics, ['custom/a', 'custom/b']);
    assert.equal(next.params.get('lastEventId'), '1');
    old.event(env('2', 'custom/a'));
    assert.equal(old.closed, false, 'old stays until the new one opens');
    next.open();
    assert.equal(old.closed, true);
    next.event(env('2', 'custom/a')); // replayed at the seam
    next.event(env('3', 'custom/b'));
    await w.settle();
    assert.deepEqual(got, ['1', '2', '3']);
    assert.deepEqual(states, ['connecting', 'connected'], 'no flicker during the swap');
  });

  scenario('last unsubscribe closes after the grace period; subscribing again within it keeps the stream and its snapshot', async (w) => {
    const hub = w.tab();
    let off = hub.subscribe('metrics', () => {});
    await w.flush();
    const es = latest();
    es.open();
    es.event({ topic: 'metrics', type: 'metrics_update', timestamp: 1, data: { a: 1 } });
    await w.settle();
    off();
    await w.flush(500);
    const again = [];
    off = hub.subscribe('metrics', (e) => again.push(e.type));
    await w.flush(5000);
    assert.equal(es.closed, false);
    assert.equal(FakeEventSource.instances.length, 1);
    assert.deepEqual(again, ['metrics_update'], 'the server will not resend it: the kept one is handed over');
    off();
    await w.flush(999);
    assert.equal(es.closed, false);
    await w.flush(1);
    assert.equal(es.closed, true);
    assert.equal(hub.state, 'disconnected');
  }, { gracePeriod: 1000 });

  scenario('reset notifies every subscriber once', async (w) => {
    const hub = w.tab();
    const resets = [];
    hub.subscribe('a', () => {}, { onReset: (r) => resets.push(['a', r.reason]) });
    hub.subscribe('b', () => {}, { onReset: (r) => resets.push(['b', r.reason]) });
    hub.subscribe('b', () => {});
    await w.flush();
    latest().open();
    latest().control('reset', { reason: 'retention', earliestId: 'x' });
    await w.settle();
    assert.deepEqual(resets.sort(), [['a', 'retention'], ['b', 'retention']]);
  });

  scenario('a throwing handler does not stop delivery to the others', async (w) => {
    const hub = w.tab();
    const quiet = quietErrors();
    try {
      const got = [];
      hub.subscribe('t', () => {
        throw new Error('boom');
      });
      hub.subscribe('t', (e) => got.push(e.id));
      await w.flush();
      latest().open();
      latest().event(env('1', 't', 'message'));
      await w.settle();
      assert.deepEqual(got, ['1']);
      assert.equal(quiet.seen.length, 1);
    } finally {
      quiet.restore();
    }
  });

  scenario('the server drops the stream: resumes by id, exactly once, in order', async (w) => {
    const hub = w.tab();
    const got = [];
    hub.subscribe('custom/demo', (e) => got.push(e.id));
    await w.flush();
    latest().open();
    for (const id of ['1', '2', '3']) latest().event(env(id, 'custom/demo'));
    latest().fail();
    await w.settle();
    assert.equal(hub.state, 'disconnected');
    await w.flush(1000);
    assert.equal(latest().params.get('lastEventId'), '3');
    latest().open();
    for (const id of ['3', '4', '5']) latest().event(env(id, 'custom/demo'));
    await w.settle();
    assert.deepEqual(got, ['1', '2', '3', '4', '5']);
    assert.equal(hub.state, 'connected');
    assert.equal(hub.lastEventId, '5');
  });

  scenario('connect() revives a stream that gave up', async (w) => {
    const hub = w.tab();
    hub.subscribe('t', () => {});
    await w.flush();
    latest().fail();
    await w.settle();
    assert.equal(hub.state, 'error');
    hub.connect();
    await w.settle();
    assert.equal(hub.state, 'connecting');
    latest().open();
    await w.settle();
    assert.equal(hub.state, 'connected');
  }, { maxAttempts: 0 });

  scenario('revoked: that topic ends with the reason, every other topic carries on from the last id', async (w) => {
    const hub = w.tab();
    const revoked = [];
    const rooms = [];
    const vault = [];
    hub.onRevoked((topic) => revoked.push(`hub:${topic}`));
    hub.subscribe('rooms', (e) => rooms.push(e.id));
    const offVault = hub.subscribe('chat/vault', (e) => vault.push(e.id), { onRevoked: (d) => revoked.push(`sub:${d.topic}:${d.reason}`) });
    await w.flush();
    const first = latest();
    first.open();
    first.event(env('1', 'rooms'));
    first.event(env('2', 'chat/vault'));
    first.control('revoked', { reason: 'revoked', topic: 'chat/vault' });
    await w.flush();
    assert.deepEqual(revoked, ['sub:chat/vault:revoked', 'hub:chat/vault']);
    assert.equal(first.closed, true);
    const second = latest();
    assert.notEqual(second, first);
    assert.deepEqual(second.topics, ['rooms'], 'the revoked topic is not asked for again');
    assert.equal(second.params.get('lastEventId'), '2');
    second.open();
    second.event(env('3', 'rooms'));
    await w.settle();
    assert.deepEqual(rooms, ['1', '3']);
    assert.deepEqual(vault, ['2']);
    assert.deepEqual(hub.topics, ['rooms']);
    offVault(); // already ended: a no-op
    await w.flush(5000);
    assert.equal(FakeEventSource.instances.length, 2);
    assert.equal(hub.state, 'connected');
  });

  scenario('expired: no retry; the page drops what needed the session and the rest resumes once', async (w) => {
    const hub = w.tab();
    const told = [];
    hub.onExpired((d) => told.push(`hub:${d.reason}`));
    hub.subscribe('custom/public', () => {}, { onExpired: (d) => told.push(`sub:${d.reason}`) });
    const offPrivate = hub.subscribe('notifications', () => {});
    await w.flush();
    const first = latest();
    first.open();
    first.event(env('1', 'custom/public'));
    first.control('expired', { reason: 'expired' });
    await w.settle();
    assert.equal(hub.state, 'expired');
    assert.deepEqual(told, ['sub:expired', 'hub:expired']);
    await w.flush(10 * 60_000);
    assert.equal(FakeEventSource.instances.length, 1, 'no retry while expired');

    offPrivate();
    hub.resume();
    await w.flush();
    const resumed = latest();
    assert.notEqual(resumed, first);
    assert.deepEqual(resumed.topics, ['custom/public'], 'no grace period for what was dropped');
    assert.equal(resumed.params.get('lastEventId'), '1');
    resumed.open();
    await w.settle();
    assert.equal(hub.state, 'connected');
  });

  scenario('expired: a resume that is refused goes back to expired, and connect() after a sign-in opens everything', async (w) => {
    const hub = w.tab();
    hub.subscribe('notifications', () => {});
    await w.flush();
    latest().open();
    latest().control('expired', { reason: 'expired' });
    await w.settle();
    hub.resume();
    await w.flush();
    assert.equal(FakeEventSource.instances.length, 2);
    latest().fail(); // 401: this topic needs the session
    await w.flush(10 * 60_000);
    assert.equal(hub.state, 'expired');
    assert.equal(FakeEventSource.instances.length, 2, 'one attempt, no loop');
    hub.connect();
    await w.flush();
    assert.equal(FakeEventSource.instances.length, 3);
    assert.deepEqual(latest().topics, ['notifications']);
    latest().open();
    await w.settle();
    assert.equal(hub.state, 'connected');
  });

  scenario('expired with nothing left to carry stays expired: the page keeps saying the session ended', async (w) => {
    const hub = w.tab();
    const off = hub.subscribe('notifications', () => {});
    await w.flush();
    latest().open();
    latest().control('expired', { reason: 'expired' });
    await w.settle();
    off();
    hub.resume();
    await w.flush(60_000);
    assert.equal(hub.state, 'expired');
    assert.equal(FakeEventSource.instances.length, 1);
  });

  const renewals = [];
  scenario('expiring: the stream renews its credential and carries on, no new stream', async (w) => {
    renewals.length = 0;
    const hub = w.tab();
    const got = [];
    hub.subscribe('notifications', (e) => got.push(e.id));
    await w.flush();
    const es = latest();
    es.open();
    es.control('expiring', { expiresIn: 60000, stream: 'Qm9vb2tzQm9va3NCb29rcw' });
    await w.flush(1000);
    assert.deepEqual(renewals.map((r) => r.stream), ['Qm9vb2tzQm9va3NCb29rcw'], 'renewed with the stream id it was given');
    es.event(env('1', 'notifications'));
    await w.settle();
    assert.deepEqual(got, ['1']);
    assert.equal(FakeEventSource.instances.length, 1, 'the same stream');
    assert.equal(hub.state, 'connected');
  }, { renew: (notice) => { renewals.push(notice); return Promise.resolve(true); } });

  scenario('a stream refused for want of a session says expired: the page is told once, no loop', async (w) => {
    const hub = w.tab();
    const told = [];
    hub.onExpired((d) => told.push(d.reason));
    hub.subscribe('rooms', () => {});
    await w.flush();
    // Signed out in another tab as this stream opened: the server answers with `expired`.
    latest().open();
    latest().control('expired', { reason: 'expired' });
    await w.settle();
    assert.equal(hub.state, 'expired');
    assert.deepEqual(told, ['expired']);
    hub.resume(); // what herald.js does after telling the page
    await w.flush();
    assert.equal(FakeEventSource.instances.length, 2);
    latest().open();
    latest().control('expired', { reason: 'expired' });
    await w.flush(10 * 60_000);
    assert.equal(hub.state, 'expired');
    assert.deepEqual(told, ['expired'], 'the one try found no session either: not told again');
    assert.equal(FakeEventSource.instances.length, 2, 'no loop');
  });

  scenario('close(): drops every subscription and the stream', async (w) => {
    const hub = w.tab();
    const got = [];
    hub.subscribe('t', (e) => got.push(e.id));
    await w.flush();
    const es = latest();
    es.open();
    hub.close();
    await w.flush(5000);
    es.event(env('1', 't'));
    await w.settle();
    assert.deepEqual(got, []);
    assert.equal(hub.state, 'disconnected');
    assert.deepEqual(hub.topics, []);
  });
}
