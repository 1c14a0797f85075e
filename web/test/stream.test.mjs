// Connection and Pool against a fake EventSource and a fake clock.
// (Fakes live here rather than in a helper module: every .mjs under test/ is run as a test file.)
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, streamUrl } from '../js/connection.js';
import { Pool } from '../js/pool.js';
import { ResumeTracker } from '../js/ids.js';

class FakeEventSource {
  static instances = [];
  constructor(url, init) {
    this.url = url;
    this.init = init;
    this.listeners = new Map();
    this.closed = false;
    this.onopen = null;
    this.onerror = null;
    FakeEventSource.instances.push(this);
  }
  addEventListener(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
  }
  close() {
    this.closed = true;
  }
  get params() {
    return new URL(this.url, 'http://x').searchParams;
  }
  open() {
    this.onopen?.({ type: 'open' });
  }
  fail() {
    this.onerror?.({ type: 'error' });
  }
  /** Dispatches like a browser: only to listeners of that type. `lastEventId` sticks like the real one. */
  send(type, data, id) {
    if (id !== undefined) this.lastEventId = id;
    const ev = { type, data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: this.lastEventId ?? '' };
    for (const fn of this.listeners.get(type) ?? []) fn(ev);
  }
  event(env, type = env.type) {
    this.send(type, env, env.id);
  }
}

function latest() {
  return FakeEventSource.instances[FakeEventSource.instances.length - 1];
}

class FakeClock {
  constructor() {
    this.t = 1_000_000;
    this.timers = new Map();
    this.seq = 0;
  }
  now = () => this.t;
  setTimeout = (fn, ms) => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  };
  clearTimeout = (id) => {
    this.timers.delete(id);
  };
  advance(ms) {
    const end = this.t + ms;
    for (;;) {
      let next = null;
      for (const [id, timer] of this.timers) if (timer.at <= end && (!next || timer.at < next[1].at)) next = [id, timer];
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }
  get pending() {
    return this.timers.size;
  }
}

class FakeEnv {
  constructor() {
    this.hidden = false;
    this.target = new EventTarget();
    this.document = new EventTarget();
  }
  isHidden = () => this.hidden;
}

function setup(extra = {}) {
  FakeEventSource.instances = [];
  const clock = new FakeClock();
  const env = new FakeEnv();
  const options = {
    EventSource: FakeEventSource,
    timers: clock,
    environment: env,
    random: () => 0.5,
    backoffBase: 1000,
    backoffCap: 8000,
    heartbeatInterval: 15000,
    ...extra,
  };
  return { clock, env, options };
}

const env = (id, topic, type = 'hello', data = {}) => ({ id, topic, type, timestamp: 1, data });

describe('Connection', () => {
  test('stream URL: repeated topics, heartbeat=event, resume point', () => {
    assert.equal(streamUrl('/api/events', ['a', 'chat/x'], null), '/api/events?topic=a&topic=chat%2Fx&heartbeat=event');
    assert.equal(streamUrl('/api/events?x=1', ['a'], 'e:1-0'), '/api/events?x=1&topic=a&heartbeat=event&lastEventId=e%3A1-0');
  });

  test('connects, emits state only on change, delivers envelopes', () => {
    const { options } = setup();
    const c = new Connection({ ...options, topics: ['custom/demo'], types: ['hello'] });
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

  test('unknown types need a listener; addTypes works on the open stream', () => {
    const { options } = setup();
    const c = new Connection({ ...options, topics: ['custom/x'] });
    const events = [];
    c.on('event', (e) => events.push(e.type));
    c.connect();
    const es = latest();
    es.open();
    es.event(env('1', 'custom/x', 'price'));
    c.addTypes(['price']);
    es.event(env('2', 'custom/x', 'price'));
    es.event(env('3', 'custom/x', 'message'));
    assert.deepEqual(events, ['price', 'message']);
  });

  test('on error: closes the native EventSource and reconnects with backoff and lastEventId', () => {
    const { options, clock } = setup();
    const c = new Connection({ ...options, topics: ['custom/demo'], types: ['hello'] });
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
      es.send('heartbeat', { timestamp: clock.t });
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
    latest().send('reset', { reason: 'epoch', earliestId: 'new:1-0' });
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

describe('Pool', () => {
  const tick = () => new Promise((r) => setImmediate(r));

  test('synchronous subscriptions share one stream; events routed by topic', () => {
    const { options, clock } = setup();
    const pool = new Pool(options);
    const a = [];
    const b = [];
    pool.subscribe('custom/a', (e) => a.push(e.id), { types: ['hello'] });
    pool.subscribe('custom/b', (e) => b.push(e.id), { types: ['hello'] });
    clock.advance(0);
    assert.equal(FakeEventSource.instances.length, 1);
    const es = latest();
    assert.deepEqual(es.params.getAll('topic'), ['custom/a', 'custom/b']);
    es.open();
    assert.equal(pool.state, 'connected');
    es.event(env('1', 'custom/a'));
    es.event(env('2', 'custom/b'));
    es.event(env('3', 'custom/other'));
    assert.deepEqual(a, ['1']);
    assert.deepEqual(b, ['2']);
  });

  test('a second subscriber to an open topic does not reopen the stream', () => {
    const { options, clock } = setup();
    const pool = new Pool(options);
    pool.subscribe('metrics', () => {});
    clock.advance(0);
    latest().open();
    pool.subscribe('metrics', () => {});
    clock.advance(0);
    assert.equal(FakeEventSource.instances.length, 1);
    assert.equal(pool.subscriberCount('metrics'), 2);
  });

  test('topic change: new stream from the old resume point, old closed only once the new is open, no duplicate', () => {
    const { options, clock } = setup();
    const pool = new Pool(options);
    const got = [];
    const states = [];
    pool.onState((s) => states.push(s));
    pool.subscribe('custom/a', (e) => got.push(e.id), { types: ['hello'] });
    clock.advance(0);
    const old = latest();
    old.open();
    old.event(env('1', 'custom/a'));
    pool.subscribe('custom/b', (e) => got.push(e.id), { types: ['hello'] });
    clock.advance(0);
    const next = latest();
    assert.notEqual(next, old);
    assert.deepEqual(next.params.getAll('topic'), ['custom/a', 'custom/b']);
    assert.equal(next.params.get('lastEventId'), '1');
    old.event(env('2', 'custom/a'));
    assert.equal(old.closed, false, 'old stays until the new one opens');
    next.open();
    assert.equal(old.closed, true);
    next.event(env('2', 'custom/a')); // replayed at the seam
    next.event(env('3', 'custom/b'));
    assert.deepEqual(got, ['1', '2', '3']);
    assert.deepEqual(states, ['connecting', 'connected'], 'no flicker during the swap');
  });

  test('last unsubscribe closes after the grace period; resubscribing within it keeps the stream', () => {
    const { options, clock } = setup({ gracePeriod: 1000 });
    const pool = new Pool(options);
    let off = pool.subscribe('t', () => {});
    clock.advance(0);
    const es = latest();
    es.open();
    off();
    clock.advance(500);
    off = pool.subscribe('t', () => {});
    clock.advance(5000);
    assert.equal(es.closed, false);
    assert.equal(FakeEventSource.instances.length, 1);
    off();
    clock.advance(999);
    assert.equal(es.closed, false);
    clock.advance(1);
    assert.equal(es.closed, true);
    assert.equal(pool.state, 'disconnected');
  });

  test('dropping one topic swaps to a smaller stream after the grace period', () => {
    const { options, clock } = setup({ gracePeriod: 1000 });
    const pool = new Pool(options);
    pool.subscribe('a', () => {});
    const offB = pool.subscribe('b', () => {});
    clock.advance(0);
    latest().open();
    offB();
    clock.advance(1000);
    assert.equal(FakeEventSource.instances.length, 2);
    assert.deepEqual(latest().params.getAll('topic'), ['a']);
  });

  test('reset notifies every subscriber', () => {
    const { options, clock } = setup();
    const pool = new Pool(options);
    const resets = [];
    pool.subscribe('a', () => {}, { onReset: (r) => resets.push(['a', r.reason]) });
    pool.subscribe('b', () => {}, { onReset: (r) => resets.push(['b', r.reason]) });
    pool.subscribe('b', () => {});
    clock.advance(0);
    latest().open();
    latest().send('reset', { reason: 'retention', earliestId: 'x' });
    assert.deepEqual(resets, [['a', 'retention'], ['b', 'retention']]);
  });

  test('a late subscriber to an open topic receives the kept snapshots', async () => {
    const { options, clock } = setup();
    const pool = new Pool(options);
    pool.subscribe('rooms', () => {});
    clock.advance(0);
    latest().open();
    latest().event({ topic: 'rooms', type: 'rooms_list', timestamp: 1, data: ['general'] });
    const late = [];
    pool.subscribe('rooms', (e) => late.push(e.type));
    await tick();
    assert.deepEqual(late, ['rooms_list']);
  });

  test('a throwing handler does not stop delivery to the others', () => {
    const { options, clock } = setup();
    const pool = new Pool(options);
    const errors = console.error;
    console.error = () => {};
    try {
      const got = [];
      pool.subscribe('t', () => {
        throw new Error('boom');
      });
      pool.subscribe('t', (e) => got.push(e.id));
      clock.advance(0);
      latest().open();
      latest().event(env('1', 't', 'message'));
      assert.deepEqual(got, ['1']);
    } finally {
      console.error = errors;
    }
  });

  test('reconnect after the server drops the stream: resumes by id, exactly once, in order', () => {
    const { options, clock } = setup();
    const pool = new Pool(options);
    const got = [];
    pool.subscribe('custom/demo', (e) => got.push(e.id), { types: ['hello'] });
    clock.advance(0);
    latest().open();
    for (const id of ['1', '2', '3']) latest().event(env(id, 'custom/demo'));
    latest().fail();
    assert.equal(pool.state, 'disconnected');
    clock.advance(1000);
    assert.equal(latest().params.get('lastEventId'), '3');
    latest().open();
    for (const id of ['3', '4', '5']) latest().event(env(id, 'custom/demo'));
    assert.deepEqual(got, ['1', '2', '3', '4', '5']);
    assert.equal(pool.state, 'connected');
  });

  test('connect() revives a pool that gave up', () => {
    const { options, clock } = setup({ maxAttempts: 0 });
    const pool = new Pool(options);
    pool.subscribe('t', () => {});
    clock.advance(0);
    latest().fail();
    assert.equal(pool.state, 'error');
    pool.connect();
    assert.equal(pool.state, 'connecting');
    latest().open();
    assert.equal(pool.state, 'connected');
  });
});
