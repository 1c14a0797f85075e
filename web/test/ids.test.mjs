import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResumeTracker } from '../js/ids.js';

test('tracks the last id received', () => {
  const t = new ResumeTracker();
  assert.equal(t.last, null);
  assert.equal(t.accept('e1:100-0'), true);
  assert.equal(t.accept('e1:100-1'), true);
  assert.equal(t.last, 'e1:100-1');
});

test('ids are opaque: the last one received wins, not the largest', () => {
  const t = new ResumeTracker();
  t.accept('zzz');
  t.accept('aaa');
  assert.equal(t.last, 'aaa');
});

test('a duplicate is refused and does not move the resume point', () => {
  const t = new ResumeTracker();
  t.accept('a');
  t.accept('b');
  assert.equal(t.accept('a'), false);
  assert.equal(t.accept('b'), false);
  assert.equal(t.last, 'b');
  assert.equal(t.seen('a'), true);
  assert.equal(t.seen('c'), false);
});

test('events without id (snapshots) are delivered and keep the resume point', () => {
  const t = new ResumeTracker();
  t.accept('a');
  assert.equal(t.accept(undefined), true);
  assert.equal(t.accept(null), true);
  assert.equal(t.accept(''), true);
  assert.equal(t.last, 'a');
});

test('numbers are compared as strings', () => {
  const t = new ResumeTracker();
  t.accept(5);
  assert.equal(t.accept('5'), false);
  assert.equal(t.last, '5');
});

test('the recent window is bounded but always covers the last `window` ids', () => {
  const t = new ResumeTracker({ window: 10 });
  for (let i = 0; i < 1000; i += 1) assert.equal(t.accept(`id-${i}`), true);
  for (let i = 990; i < 1000; i += 1) assert.equal(t.accept(`id-${i}`), false);
  assert.ok(t._recent.size <= 20);
  assert.equal(t.accept('id-0'), true); // long forgotten
});

test('starts from a given resume point and can be reset', () => {
  const t = new ResumeTracker({ last: 'x' });
  assert.equal(t.last, 'x');
  assert.equal(t.accept('x'), false);
  t.reset();
  assert.equal(t.last, null);
  assert.equal(t.accept('x'), true);
});

test('an event may carry the stream\'s cursor: that is the resume point, its id the duplicate key', () => {
  const t = new ResumeTracker();
  assert.equal(t.accept('a:1-0', 'a:1-0,b:2-0'), true);
  assert.equal(t.last, 'a:1-0,b:2-0');
  assert.equal(t.accept('a:1-0', 'a:1-0,b:2-0'), false);
  assert.equal(t.accept('b:3-0', ''), true);
  assert.equal(t.last, 'b:3-0', 'no cursor: the id is the resume point');
});
