// The shared-worker path: each tab is a Hub whose WorkerLink talks over a real
// MessageChannel to one TabServer, which carries every tab's topics on one
// TopicStream (fake EventSource, fake clock). A fake SharedWorker is the only fake
// between the two sides.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Hub } from '../js/hub.js';
import { TabServer } from '../js/tab-server.js';
import { TopicStream } from '../js/topic-stream.js';
import { FakeEventSource, envelope as env, fakeStreamOptions, settle } from '../test-support/fakes.mjs';
import { subscriptionScenarios } from '../test-support/scenarios.mjs';

const latest = () => FakeEventSource.latest();

/** @param {{unsupported?: boolean, silent?: boolean, readyTimeout?: number}} how */
function workerWorld(extra = {}, how = {}) {
  const { clock, options } = fakeStreamOptions(extra);
  const stream = how.unsupported ? null : new TopicStream(options);
  const server = new TabServer(stream);
  const channels = [];
  const hubs = [];
  const names = [];
  class FakeSharedWorker {
    constructor(url, init) {
      names.push(init.name);
      const channel = new MessageChannel();
      channels.push(channel);
      this.port = channel.port1;
      if (!how.silent) server.connect(channel.port2);
    }
  }
  const world = {
    clock,
    server,
    names,
    tab(hubOptions = {}) {
      const hub = new Hub(
        { ...hubOptions },
        {
          SharedWorker: FakeSharedWorker,
          window: new EventTarget(),
          link: { readyTimeout: how.readyTimeout ?? 5000, document: null, locks: null },
          stream: options,
        },
      );
      hubs.push(hub);
      return hub;
    },
    settle: () => settle(),
    async flush(ms = 0) {
      await settle();
      clock.advance(ms);
      await settle();
    },
    close() {
      for (const hub of hubs) hub.close();
      for (const { port1, port2 } of channels) {
        port1.close();
        port2.close();
      }
    },
  };
  return world;
}

describe('worker path (WorkerLink to one TabServer)', () => {
  subscriptionScenarios((options) => workerWorld(options));

  const scenario = (name, fn, extra = {}, how = {}) =>
    test(name, async () => {
      const w = workerWorld(extra, how);
      try {
        await fn(w);
      } finally {
        w.close();
      }
    });

  scenario('every tab shares one stream and gets only its own topics', async (w) => {
    const one = w.tab();
    const two = w.tab();
    const got = { one: [], two: [] };
    one.subscribe('custom/a', (e) => got.one.push(e.id));
    two.subscribe('custom/b', (e) => got.two.push(e.id));
    two.subscribe('custom/a', (e) => got.two.push(e.id));
    await w.flush();
    assert.equal(FakeEventSource.instances.length, 1);
    assert.deepEqual(latest().topics, ['custom/a', 'custom/b']);
    latest().open();
    latest().event(env('1', 'custom/a'));
    latest().event(env('2', 'custom/b'));
    await w.settle();
    assert.deepEqual(got, { one: ['1'], two: ['1', '2'] });
    assert.equal(one.mode, 'shared-worker');
    assert.equal(one.state, 'connected');
    assert.equal(two.state, 'connected');
    assert.equal(w.names[0], w.names[1], 'same options, same worker');
  });

  scenario('a tab that joins a topic another tab holds gets the snapshot the worker kept', async (w) => {
    const one = w.tab();
    one.subscribe('rooms', () => {});
    await w.flush();
    latest().open();
    latest().event({ topic: 'rooms', type: 'rooms_list', timestamp: 1, data: [] });
    await w.settle();
    const two = w.tab();
    const got = [];
    two.subscribe('rooms', (e) => got.push(e.type));
    await w.flush();
    assert.equal(FakeEventSource.instances.length, 1);
    assert.deepEqual(got, ['rooms_list']);
  });

  scenario('revoked reaches the tabs holding that topic; the others keep theirs on the reopened stream', async (w) => {
    const one = w.tab();
    const two = w.tab();
    const told = [];
    one.subscribe('chat/vault', () => {}, { onRevoked: (d) => told.push(`one:${d.topic}`) });
    one.subscribe('rooms', () => {});
    const other = [];
    two.subscribe('custom/x', (e) => other.push(e.id), { onRevoked: () => told.push('two') });
    await w.flush();
    latest().open();
    latest().control('revoked', { reason: 'revoked', topic: 'chat/vault' });
    await w.flush();
    assert.deepEqual(told, ['one:chat/vault']);
    assert.deepEqual(latest().topics, ['custom/x', 'rooms']);
    latest().open();
    latest().event(env('9', 'custom/x'));
    await w.settle();
    assert.deepEqual(other, ['9']);
    assert.deepEqual(one.topics, ['rooms']);
  });

  scenario('expired reaches every tab; the worker resumes once every tab has had its say', async (w) => {
    const one = w.tab();
    const two = w.tab();
    const told = [];
    one.onExpired(() => told.push('one'));
    two.onExpired(() => told.push('two'));
    const offBell = one.subscribe('notifications', () => {});
    two.subscribe('metrics', () => {});
    await w.flush();
    latest().open();
    latest().control('expired', { reason: 'expired' });
    await w.settle();
    assert.deepEqual(told.sort(), ['one', 'two']);
    assert.equal(one.state, 'expired');
    assert.equal(two.state, 'expired');
    two.resume(); // before tab one dropped its private topic: refused
    await w.flush();
    latest().fail();
    await w.flush(60_000);
    assert.equal(two.state, 'expired');
    offBell();
    one.resume();
    await w.flush();
    assert.deepEqual(latest().topics, ['metrics']);
    latest().open();
    await w.settle();
    assert.equal(one.state, 'connected');
    assert.equal(two.state, 'connected');
  });

  scenario('a tab that leaves frees its topics after the grace period', async (w) => {
    const one = w.tab();
    const two = w.tab();
    one.subscribe('a', () => {});
    two.subscribe('b', () => {});
    await w.flush();
    latest().open();
    one.close();
    await w.flush(1000);
    assert.deepEqual(latest().topics, ['b']);
    assert.equal(w.server.tabs, 1);
  }, { gracePeriod: 1000 });

  scenario('a worker that cannot open streams: the page falls back to its own stream, subscriptions kept', async (w) => {
    const hub = w.tab();
    const modes = [];
    hub.onMode((m) => modes.push(m));
    const warn = console.warn;
    console.warn = () => {};
    const got = [];
    try {
      hub.subscribe('custom/a', (e) => got.push(e.id));
      await w.flush();
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(modes, ['shared-worker', 'local']);
    assert.equal(FakeEventSource.instances.length, 1);
    latest().open();
    latest().event(env('1', 'custom/a'));
    await w.settle();
    assert.deepEqual(got, ['1']);
  }, {}, { unsupported: true });

  scenario('a worker that never answers: the page falls back after the ready timeout', async (w) => {
    const hub = w.tab();
    const warn = console.warn;
    console.warn = () => {};
    try {
      hub.subscribe('custom/a', () => {});
      assert.equal(hub.mode, 'shared-worker');
      await new Promise((r) => setTimeout(r, 60));
      await w.flush();
    } finally {
      console.warn = warn;
    }
    assert.equal(hub.mode, 'local');
    assert.deepEqual(latest().topics, ['custom/a']);
  }, {}, { silent: true, readyTimeout: 20 });
});
