// The subscription model on its own: bookkeeping, snapshot replay, what each subscriber is told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Subscribers } from '../js/subscribers.js';
import { settle } from '../test-support/fakes.mjs';

function model() {
  const calls = [];
  const subs = new Subscribers({ onFirst: (t) => calls.push(`first:${t}`), onLast: (t) => calls.push(`last:${t}`) });
  return { subs, calls };
}

test('first and last subscriber of a topic are reported, nothing in between; unsubscribe is idempotent', () => {
  const { subs, calls } = model();
  const a = subs.add('t', () => {});
  const b = subs.add('t', () => {});
  a();
  a();
  assert.deepEqual(calls, ['first:t']);
  b();
  assert.deepEqual(calls, ['first:t', 'last:t']);
  assert.deepEqual(subs.topics(), []);
});

test('bad arguments are refused', () => {
  const { subs } = model();
  assert.throws(() => subs.add('', () => {}), TypeError);
  assert.throws(() => subs.add('t', null), TypeError);
});

test('events go to their topic only; snapshots are kept for a late subscriber, not for the first', async () => {
  const { subs } = model();
  const first = [];
  subs.add('rooms', (e) => first.push(e.type));
  subs.deliver({ topic: 'rooms', type: 'rooms_list', data: 1 });
  subs.deliver({ id: '5', topic: 'rooms', type: 'room_updated' });
  subs.deliver({ topic: 'other', type: 'x' });
  const late = [];
  subs.add('rooms', (e) => late.push(e.type));
  assert.deepEqual(late, [], 'not inside add()');
  await settle(1);
  assert.deepEqual(first, ['rooms_list', 'room_updated']);
  assert.deepEqual(late, ['rooms_list']);
});

test('a subscriber that leaves before the replay gets nothing', async () => {
  const { subs } = model();
  subs.add('m', () => {});
  subs.deliver({ topic: 'm', type: 'metrics_update' });
  const late = [];
  const off = subs.add('m', (e) => late.push(e));
  off();
  await settle(1);
  assert.deepEqual(late, []);
});

test('the last subscriber leaving forgets the topic snapshots', async () => {
  const { subs } = model();
  const off = subs.add('m', () => {});
  subs.deliver({ topic: 'm', type: 'metrics_update' });
  off();
  subs.add('m', () => {});
  const again = [];
  subs.add('m', (e) => again.push(e));
  await settle(1);
  assert.deepEqual(again, []);
});

test('reset goes to everyone, or to one topic when named', () => {
  const { subs } = model();
  const told = [];
  subs.add('a', () => {}, { onReset: (d) => told.push(`a:${d.reason}`) });
  subs.add('b', () => {}, { onReset: (d) => told.push(`b:${d.reason}`) });
  subs.reset({ reason: 'stale' });
  subs.reset({ reason: 'epoch' }, 'b');
  assert.deepEqual(told, ['a:stale', 'b:stale', 'b:epoch']);
});

test('revoke tells and removes the topic subscribers without reporting the topic as released', () => {
  const { subs, calls } = model();
  const told = [];
  const got = [];
  const off = subs.add('chat/x', (e) => got.push(e), { onRevoked: (d) => told.push(d) });
  subs.add('rooms', () => {}, { onRevoked: () => told.push('wrong') });
  subs.revoke('chat/x', { reason: 'revoked' });
  assert.deepEqual(told, [{ topic: 'chat/x', reason: 'revoked' }]);
  assert.deepEqual(subs.topics(), ['rooms']);
  subs.deliver({ id: '1', topic: 'chat/x', type: 'message' });
  off();
  assert.deepEqual(got, []);
  assert.deepEqual(calls, ['first:chat/x', 'first:rooms']);
});

test('expire tells every subscriber and keeps the subscriptions', () => {
  const { subs } = model();
  const told = [];
  subs.add('a', () => {}, { onExpired: (d) => told.push(`a:${d.reason}`) });
  subs.add('b', () => {});
  subs.expire({ reason: 'expired' });
  assert.deepEqual(told, ['a:expired']);
  assert.deepEqual(subs.topics(), ['a', 'b']);
});
