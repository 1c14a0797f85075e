import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore, shallowEqual } from '../js/store.js';

test('history is bounded per stream (default 1000)', () => {
  const s = createStore();
  for (let i = 0; i < 2500; i += 1) s.push('m', i);
  assert.equal(s.size('m'), 1000);
  const h = s.history('m');
  assert.equal(h.length, 1000);
  assert.equal(h[0], 1500);
  assert.equal(h[999], 2499);
});

test('custom limits, per stream too', () => {
  const s = createStore({ limit: 3, limits: { big: 5 } });
  s.pushMany('a', [1, 2, 3, 4, 5, 6, 7]);
  s.pushMany('big', [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(s.history('a'), [5, 6, 7]);
  assert.deepEqual(s.history('big'), [3, 4, 5, 6, 7]);
});

test('latest-N, last, and unknown streams', () => {
  const s = createStore({ limit: 5 });
  for (let i = 1; i <= 8; i += 1) s.push('m', i);
  assert.deepEqual(s.latest('m', 3), [6, 7, 8]);
  assert.deepEqual(s.latest('m', 50), [4, 5, 6, 7, 8]);
  assert.deepEqual(s.latest('m', 0), []);
  assert.equal(s.last('m'), 8);
  assert.deepEqual(s.latest('none', 3), []);
  assert.equal(s.last('none'), undefined);
  assert.deepEqual(s.history('none'), []);
});

test('history() returns a copy', () => {
  const s = createStore();
  s.push('m', 1);
  s.history('m').push(99);
  assert.deepEqual(s.history('m'), [1]);
});

test('selector subscriptions fire only when the selected value changes', () => {
  const s = createStore();
  const seen = [];
  s.subscribe((st) => st.get('user'), (v, prev) => seen.push([v, prev]));
  s.set('user', 'ann');
  s.set('user', 'ann');
  s.push('m', 1); // unrelated change
  s.set('user', 'bob');
  assert.deepEqual(seen, [['ann', undefined], ['bob', 'ann']]);
});

test('selectors over history with shallowEqual', () => {
  const s = createStore();
  let calls = 0;
  s.subscribe((st) => st.latest('m', 2), () => (calls += 1), { equals: shallowEqual });
  s.push('m', 1);
  s.push('m', 2);
  s.set('other', 1); // latest('m', 2) unchanged
  assert.equal(calls, 2);
});

test('batch notifies once; immediate and unsubscribe', () => {
  const s = createStore();
  const seen = [];
  const off = s.subscribe((st) => st.size('m'), (v) => seen.push(v), { immediate: true });
  s.batch(() => {
    s.push('m', 1);
    s.push('m', 2);
    s.push('m', 3);
  });
  off();
  s.push('m', 4);
  assert.deepEqual(seen, [0, 3]);
});

test('a throwing listener does not stop the others', () => {
  const s = createStore();
  const errors = console.error;
  console.error = () => {};
  try {
    let got = null;
    s.subscribe((st) => st.get('x'), () => {
      throw new Error('boom');
    });
    s.subscribe((st) => st.get('x'), (v) => (got = v));
    s.set('x', 1);
    assert.equal(got, 1);
  } finally {
    console.error = errors;
  }
});

test('replace, update and clear', () => {
  const s = createStore({ limit: 2 });
  s.replace('m', [1, 2, 3]);
  assert.deepEqual(s.history('m'), [2, 3]);
  s.update('n', (v = 0) => v + 1);
  s.update('n', (v = 0) => v + 1);
  assert.equal(s.get('n'), 2);
  s.clear('m');
  assert.deepEqual(s.history('m'), []);
  s.clear();
  assert.equal(s.get('n'), undefined);
});

test('shallowEqual', () => {
  assert.equal(shallowEqual([1, 2], [1, 2]), true);
  assert.equal(shallowEqual([1, 2], [1, 3]), false);
  assert.equal(shallowEqual({ a: 1 }, { a: 1 }), true);
  assert.equal(shallowEqual({ a: 1 }, { a: 1, b: 2 }), false);
  assert.equal(shallowEqual([1], { 0: 1 }), false);
  assert.equal(shallowEqual(null, null), true);
  assert.equal(shallowEqual(null, {}), false);
});
