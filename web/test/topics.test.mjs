import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicRefs, sameTopics } from '../js/topics.js';

test('reference counts per topic', () => {
  const r = new TopicRefs();
  assert.equal(r.add('a'), true);
  assert.equal(r.add('a'), false);
  assert.equal(r.add('b'), true);
  assert.equal(r.count('a'), 2);
  assert.deepEqual(r.active(), ['a', 'b']);
  assert.equal(r.remove('a', 0), false);
  assert.equal(r.remove('a', 0), true);
  assert.equal(r.remove('a', 0), false); // already gone
  assert.deepEqual(r.active(), ['b']);
});

test('a released topic stays desired during its grace period', () => {
  const r = new TopicRefs();
  r.add('a');
  r.add('b');
  r.remove('a', 1000);
  assert.deepEqual(r.desired(1500, 1000), ['a', 'b']);
  assert.equal(r.nextExpiry(1500, 1000), 2000);
  assert.deepEqual(r.desired(2000, 1000), ['b']);
  assert.equal(r.nextExpiry(2000, 1000), null);
});

test('resubscribing within the grace period cancels the release', () => {
  const r = new TopicRefs();
  r.add('a');
  r.remove('a', 0);
  r.add('a');
  assert.equal(r.nextExpiry(10, 1000), null);
  assert.deepEqual(r.desired(5000, 1000), ['a']);
});

test('zero grace drops at once', () => {
  const r = new TopicRefs();
  r.add('a');
  r.remove('a', 100);
  assert.deepEqual(r.desired(100, 0), []);
});

test('sameTopics ignores order', () => {
  assert.equal(sameTopics(['a', 'b'], ['b', 'a']), true);
  assert.equal(sameTopics(['a'], ['a', 'b']), false);
  assert.equal(sameTopics([], []), true);
  assert.equal(sameTopics(['a', 'c'], ['a', 'b']), false);
});
