// Fakes shared by the browser client's Node tests. Outside web/test/ because
// `node --test web/test/` runs every module under it as a test file; the WAR
// leaves this folder out.

/**
 * An EventSource that dispatches like a browser's: an event without a name goes
 * to 'message' listeners, a named one only to listeners of that name.
 * `lastEventId` sticks across events like the real one.
 */
export class FakeEventSource {
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
  get topics() {
    return this.params.getAll('topic');
  }
  open() {
    this.onopen?.({ type: 'open' });
  }
  fail() {
    this.onerror?.({ type: 'error' });
  }
  /** A block as the server writes it: `name` null for an unnamed event. */
  send(name, data, id) {
    if (id !== undefined) this.lastEventId = id;
    const type = name ?? 'message';
    const ev = { type, data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: this.lastEventId ?? '' };
    for (const fn of this.listeners.get(type) ?? []) fn(ev);
  }
  /** An envelope the way `?events=unnamed` sends it. */
  event(env) {
    this.send(null, env, env.id ?? undefined);
  }
  /** A control event: heartbeat, reset, expired, revoked. */
  control(name, data) {
    this.send(name, data);
  }
  static latest() {
    return FakeEventSource.instances[FakeEventSource.instances.length - 1];
  }
  static open() {
    return FakeEventSource.instances.filter((es) => !es.closed);
  }
}

/** Timers that run only when told to, at the times they were set for. */
export class FakeClock {
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

/** Where a connection hears `online` and `visibilitychange`. */
export class FakeEnv {
  constructor() {
    this.hidden = false;
    this.target = new EventTarget();
    this.document = new EventTarget();
  }
  isHidden = () => this.hidden;
}

/** Connection/TopicStream options over the fakes, with a fresh list of EventSources. */
export function fakeStreamOptions(extra = {}) {
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

export const envelope = (id, topic, type = 'hello', data = {}) => ({ id, topic, type, timestamp: 1, data });

/** Lets queued microtasks and MessagePort deliveries run. */
export async function settle(rounds = 3) {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Silences console.error (reportError) for a test that makes a handler throw on purpose. */
export function quietErrors() {
  const original = console.error;
  const seen = [];
  console.error = (...args) => seen.push(args);
  return { seen, restore: () => (console.error = original) };
}
