// Connection against a fake EventSource and a fake clock.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, streamUrl } from '../js/connection.js';
import { ResumeTracker } from '../js/ids.js';
import { FakeEventSource, fakeStreamOptions as setup, envelope as env } from '../test-support/fakes.mjs';

const latest = () => FakeEventSource.latest();

describe('Connection', () => {
  test('stream URL: repeated topics, heartbeat=event, events=unnamed, resume point', () => {
    assert.equal(streamUrl('/api/events', ['a', 'chat/x'], null), '/api/events?topic=a&topic=chat%2Fx&heartbeat=event&events=unnamed');
    assert.equal(
      streamUrl('/api/events?x=1', ['a'], 'e:1-0'),
      '/api/events?x=1&topic=a&heartbeat=event&events=unnamed&lastEventId=e%3A1-0',
    );
  });

  test('connects, emits state only on change, delivers envelopes', () => {
    const { options } = setup();
    const c = new Connection({ ...options, topics: ['custom/demo'] });
    const states = [];
    const events = [];
    c.onState((s) => states.push(s));
    c.on('event', (e) => events.push(e));
    c.connect();
    const es = latest();
    assert.equal(es.params.getAll('topic')[0], 'custom/demo');
    assert.equal(es.params.get('heartbeat'), 'event');
    assert.equal(es.params.has('lastEventId'), false);
    es.open();
    es.open();
    es.event(env('e:1-0', 'custom/demo'));
    es.event(env('e:1-1', 'custom/demo'));
    assert.deepEqual(states, ['connecting', 'connected']);
    assert.deepEqual(events.map((e) => e.id), ['e:1-0', 'e:1-1']);
    assert.equal(c.lastEventId, 'e:1-1');
  });

  test('a stream over several shards resumes from its cursor, the block\'s last id', () => {
    const { options } = setup();
    const c = new Connection({ ...options, topics: ['custom/a', 'custom/b'] });
    const events = [];
    c.on('event', (e) => events.push(e));
    c.connect();
    const es = latest();
    es.open();
    // The server writes the event's id, then the stream's cursor: a browser keeps the last.
    es.send(null, env('a:1-0', 'custom/a'), 'a:1-0,b:7-0');
    es.send(null, env('a:1-0', 'custom/a'), 'a:1-0,b:7-0');
    assert.deepEqual(events.map((e) => e.id), ['a:1-0'], 'duplicates are still told apart by the event id');
    assert.equal(c.lastEventId, 'a:1-0,b:7-0');
  });

  test('duplicates are dropped; snapshots (no id) never move the resume point', () => {
    const { options } = setup();
    const c = new Connection({ ...options, topics: ['rooms'] });
    const events = [];
    c.on('event', (e) => events.push(e));
    c.connect();
    const es = latest();
    es.open();
    es.event(env('e:1-0', 'rooms', 'room_updated'));
    es.event(env('e:1-0', 'rooms', 'room_updated'));
    // The fake, like a browser, keeps the previous lastEventId on an event without id.
    es.event({ topic: 'rooms', type: 'rooms_list', timestamp: 1, data: [] });
    es.event({ topic: 'rooms', type: 'rooms_list', timestamp: 2, data: [] });
    assert.deepEqual(events.map((e) => e.type), ['room_updated', 'rooms_list', 'rooms_list']);
    assert.equal(c.lastEventId, 'e:1-0');
  });

  test('every event type arrives, read from the envelope: nothing is listed', () => {
    const { options } = setup();
    const c = new Connection({ ...options, topics: ['custom/x'] });
    const events = [];
    c.on('event', (e) => events.push(e.type));
    c.connect();
    const es = latest();
    es.open();
    for (const [i, type] of ['price_changed', 'x.y:z', 'message', 'reset', 'expired'].entries()) {
      es.event(env(String(i), 'custom/x', type));
    }
    assert.deepEqual(events, ['price_changed', 'x.y:z', 'message', 'reset', 'expired'], 'a publisher may name a type like a control event');
    assert.deepEqual([...es.listeners.keys()].sort(), ['expired', 'expiring', 'heartbeat', 'message', 'reset', 'revoked']);
  });

  test('an unnamed block without a JSON envelope is ignored with a warning', () => {
    const { options } = setup();
    const c = new Connection({ ...options, topics: ['t'] });
    const events = [];
    c.on('event', (e) => events.push(e));
    c.connect();
    latest().open();
    const warn = console.warn;
    const warned = [];
    console.warn = (...a) => warned.push(a);
    try {
      latest().send(null, 'not json');
      latest().send(null, '[1,2]');
      latest().send(null, { topic: 't' });
      latest().send(null, '');
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(events, []);
    assert.equal(warned.length, 3);
  });

  test('expired: emitted once, the stream closes and is not retried', () => {
    const { options, clock } = setup();
    const c = new Connection({ ...options, topics: ['notifications'] });
    const expired = [];
    const retries = [];
    c.on('expired', (d) => expired.push(d));
    c.on('retry', (r) => retries.push(r));
    c.connect();
    const es = latest();
    es.open();
    es.control('expired', { reason: 'expired' });
    es.fail(); // the server closes the stream right after
    clock.advance(10 * 60_000);
    assert.deepEqual(expired, [{ reason: 'expired' }]);
    assert.equal(es.closed, true);
    assert.equal(c.state, 'disconnected');
    assert.deepEqual(retries, []);
    assert.equal(FakeEventSource.instances.length, 1, 'no retry');
    assert.equal(clock.pending, 0);
  });

  test('revoked: emitted with its topic, the stream closes and is not retried as it was', () => {
    const { options, clock } = setup();
    const c = new Connection({ ...options, topics: ['rooms', 'chat/vault'] });
    const revoked = [];
    c.on('revoked', (d) => revoked.push(d));
    c.connect();
    latest().open();
    latest().control('revoked', { reason: 'revoked', topic: 'chat/vault' });
    clock.advance(60_000);
    assert.deepEqual(revoked, [{ reason: 'revoked', topic: 'chat/vault' }]);
    assert.equal(FakeEventSource.instances.length, 1);
    assert.equal(latest().closed, true);
  });

  test('on error: closes the native EventSource and reconnects with backoff and lastEventId', () => {
    const { options, clock } = setup();
    const c = new Connection({ ...options, topics: ['custom/demo'] });
    const retries = [];
    c.on('retry', (r) => retries.push(r));
    c.connect();
    const first = latest();
    first.open();
    first.event(env('e:5-0', 'custom/demo'));
    first.fail();
    assert.equal(first.closed, true, 'the browser must not retry on its own');
    assert.equal(c.state, 'disconnected');
    assert.deepEqual(retries, [{ attempt: 1, delay: 500, reason: 'error' }]);
    assert.equal(FakeEventSource.instances.length, 1);
    clock.advance(499);
    assert.equal(FakeEventSource.instances.length, 1);
    clock.advance(1);
    assert.equal(FakeEventSource.instances.length, 2);
    assert.equal(latest().params.get('lastEventId'), 'e:5-0');
    latest().open();
    assert.equal(c.state, 'connected');
    assert.equal(c.attempt, 0, 'success resets the count');
  });

  test('events from a closed EventSource are ignored', () => {
    const { options } = setup();
    const c = new Connection({ ...options, topics: ['t'] });
    const events = [];
    c.on('event', (e) => events.push(e));
    c.connect();
    const first = latest();
    first.open();
    first.fail();
    first.event(env('late', 't', 'message'));
    assert.deepEqual(events, []);
  });

  test('backoff grows, then gives up with `error` after maxAttempts until connect()', () => {
    const { options, clock } = setup({ maxAttempts: 3 });
    const c = new Connection({ ...options, topics: ['t'] });
    const states = [];
    const delays = [];
    c.onState((s) => states.push(s));
    c.on('retry', (r) => delays.push(r.delay));
    c.connect();
    for (let i = 0; i < 4; i += 1) {
      latest().fail();
      clock.advance(60_000);
    }
    assert.deepEqual(delays, [500, 1000, 2000]);
    assert.equal(FakeEventSource.instances.length, 4, 'first try + 3 retries');
    assert.equal(c.state, 'error');
    assert.deepEqual(states, ['connecting', 'disconnected', 'connecting', 'disconnected', 'connecting', 'disconnected', 'connecting', 'error']);
    clock.advance(10 * 60_000);
    assert.equal(FakeEventSource.instances.length, 4, 'stays in error');
    c.wake();
    assert.equal(FakeEventSource.instances.length, 4, 'online/visible do not leave error');
    c.connect();
    assert.equal(FakeEventSource.instances.length, 5);
    assert.equal(c.state, 'connecting');
    latest().open();
    assert.equal(c.state, 'connected');
  });

  test('a refused stream (never opens) counts as a failed attempt', () => {
    const { options, clock } = setup({ maxAttempts: 1 });
    const c = new Connection({ ...options, topics: ['t'] });
    c.connect();
    latest().fail();
    clock.advance(10_000);
    latest().fail();
    assert.equal(c.state, 'error');
  });

  test('watchdog: reconnects after two heartbeat intervals of silence', () => {
    const { options, clock } = setup({ heartbeatInterval: 1000 });
    const c = new Connection({ ...options, topics: ['t'] });
    let watchdog = 0;
    c.on('watchdog', () => (watchdog += 1));
    c.connect();
    const es = latest();
    es.open();
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1500);
      es.control('heartbeat', { timestamp: clock.t });
    }
    assert.equal(watchdog, 0, 'heartbeats keep it alive');
    assert.equal(c.state, 'connected');
    clock.advance(1999);
    assert.equal(watchdog, 0);
    clock.advance(1);
    assert.equal(watchdog, 1);
    assert.equal(es.closed, true);
    assert.equal(c.state, 'disconnected');
    clock.advance(1000);
    assert.equal(FakeEventSource.instances.length, 2);
  });

  test('watchdog also bounds an attempt that never opens', () => {
    const { options, clock } = setup({ heartbeatInterval: 1000 });
    const c = new Connection({ ...options, topics: ['t'] });
    c.connect();
    clock.advance(2000);
    assert.equal(latest().closed, true);
    assert.equal(c.state, 'disconnected');
  });

  test('reset: notified with reason and earliestId, resume point unchanged', () => {
    const { options } = setup();
    const c = new Connection({ ...options, topics: ['t'], tracker: new ResumeTracker({ last: 'old:1-0' }) });
    const resets = [];
    c.on('reset', (r) => resets.push(r));
    c.connect();
    assert.equal(latest().params.get('lastEventId'), 'old:1-0');
    latest().open();
    latest().control('reset', { reason: 'epoch', earliestId: 'new:1-0' });
    assert.deepEqual(resets, [{ reason: 'epoch', earliestId: 'new:1-0' }]);
    assert.equal(c.lastEventId, 'old:1-0');
  });

  test('online reconnects at once while waiting on backoff', () => {
    const { options, env: e } = setup({ backoffBase: 60_000, backoffCap: 60_000 });
    const c = new Connection({ ...options, topics: ['t'] });
    c.connect();
    latest().open();
    latest().fail();
    assert.equal(FakeEventSource.instances.length, 1);
    e.target.dispatchEvent(new Event('online'));
    assert.equal(FakeEventSource.instances.length, 2);
  });

  test('becoming visible reconnects at once when the stream died while hidden', () => {
    const { options, env: e } = setup({ backoffBase: 60_000, backoffCap: 60_000 });
    const c = new Connection({ ...options, topics: ['t'] });
    c.connect();
    latest().open();
    e.hidden = true;
    latest().fail();
    e.document.dispatchEvent(new Event('visibilitychange')); // still hidden
    assert.equal(FakeEventSource.instances.length, 1);
    e.hidden = false;
    e.document.dispatchEvent(new Event('visibilitychange'));
    assert.equal(FakeEventSource.instances.length, 2);
  });

  test('close(): disconnected, no more timers or listeners', () => {
    const { options, clock, env: e } = setup();
    const c = new Connection({ ...options, topics: ['t'] });
    c.connect();
    latest().open();
    latest().fail();
    c.close();
    assert.equal(c.state, 'disconnected');
    assert.equal(clock.pending, 0);
    e.target.dispatchEvent(new Event('online'));
    assert.equal(FakeEventSource.instances.length, 1);
  });
});
