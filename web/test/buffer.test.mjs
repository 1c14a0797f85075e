import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBuffer, defaultScheduler } from '../js/buffer.js';

/** A scheduler the test fires by hand: one pending frame at a time. */
function manual() {
  const pending = [];
  const scheduler = (cb) => {
    const entry = { cb, cancelled: false };
    pending.push(entry);
    return () => (entry.cancelled = true);
  };
  const frame = () => {
    for (const e of pending.splice(0)) if (!e.cancelled) e.cb();
  };
  const count = () => pending.filter((e) => !e.cancelled).length;
  return { scheduler, frame, count };
}

test('coalesces pushes into one flush per frame', () => {
  const m = manual();
  const flushes = [];
  const buf = createBuffer((items) => flushes.push(items), { scheduler: m.scheduler });
  buf.push(1);
  buf.push(2);
  buf.push(3);
  assert.equal(m.count(), 1, 'one frame requested for many pushes');
  assert.deepEqual(flushes, []);
  m.frame();
  assert.deepEqual(flushes, [[1, 2, 3]]);
  m.frame();
  assert.equal(flushes.length, 1, 'nothing pending, no empty flush');
  buf.push(4);
  m.frame();
  assert.deepEqual(flushes, [[1, 2, 3], [4]]);
});

test('flushes at once when maxSize is reached', () => {
  const m = manual();
  const flushes = [];
  const buf = createBuffer((items) => flushes.push(items), { scheduler: m.scheduler, maxSize: 3 });
  for (let i = 1; i <= 7; i += 1) buf.push(i);
  assert.deepEqual(flushes, [[1, 2, 3], [4, 5, 6]]);
  assert.equal(buf.size, 1);
  m.frame();
  assert.deepEqual(flushes, [[1, 2, 3], [4, 5, 6], [7]]);
});

test('with a key, only the latest value per key is flushed', () => {
  const m = manual();
  const flushes = [];
  const buf = createBuffer((items) => flushes.push(items), { scheduler: m.scheduler, key: (x) => x.k });
  buf.push({ k: 'a', v: 1 });
  buf.push({ k: 'b', v: 1 });
  buf.push({ k: 'a', v: 2 });
  m.frame();
  assert.deepEqual(flushes, [[{ k: 'b', v: 1 }, { k: 'a', v: 2 }]]);
});

test('manual flush, clear and dispose', () => {
  const m = manual();
  const flushes = [];
  const buf = createBuffer((items) => flushes.push(items), { scheduler: m.scheduler });
  buf.push(1);
  buf.flush();
  assert.deepEqual(flushes, [[1]]);
  assert.equal(m.count(), 0, 'manual flush cancels the pending frame');
  buf.push(2);
  buf.clear();
  m.frame();
  assert.deepEqual(flushes, [[1]]);
  buf.dispose();
  buf.push(3);
  buf.flush();
  assert.deepEqual(flushes, [[1]]);
});

test('interval scheduler flushes once per interval', async () => {
  const flushes = [];
  const buf = createBuffer((items) => flushes.push(items), { interval: 20 });
  buf.push(1);
  buf.push(2);
  assert.deepEqual(flushes, []);
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(flushes, [[1, 2]]);
});

test('the frame scheduler falls back to a timer when frames do not come (hidden tab)', async () => {
  globalThis.requestAnimationFrame = () => 1; // never fires
  globalThis.cancelAnimationFrame = () => {};
  try {
    const schedule = defaultScheduler(0, 15);
    let fired = 0;
    schedule(() => (fired += 1));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fired, 1);
  } finally {
    delete globalThis.requestAnimationFrame;
    delete globalThis.cancelAnimationFrame;
  }
});

test('requires a flush function', () => {
  assert.throws(() => createBuffer(null), TypeError);
});
