import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, backoffCeiling } from '../js/backoff.js';

test('ceiling doubles from base and stops at cap', () => {
  const opts = { base: 1000, cap: 10000 };
  assert.deepEqual([0, 1, 2, 3, 4, 10].map((a) => backoffCeiling(a, opts)), [1000, 2000, 4000, 8000, 10000, 10000]);
});

test('full jitter spans [0, ceiling)', () => {
  const opts = { base: 1000, cap: 10000 };
  assert.equal(backoffDelay(2, { ...opts, random: () => 0 }), 0);
  assert.equal(backoffDelay(2, { ...opts, random: () => 0.5 }), 2000);
  assert.equal(backoffDelay(2, { ...opts, random: () => 0.999999 }), 3999);
  assert.equal(backoffDelay(9, { ...opts, random: () => 0.5 }), 5000);
});

test('never reaches the ceiling even when random misbehaves', () => {
  assert.equal(backoffDelay(0, { base: 100, cap: 1000, random: () => 1 }), 99);
  assert.equal(backoffDelay(0, { base: 100, cap: 1000, random: () => 7 }), 99);
  assert.equal(backoffDelay(0, { base: 100, cap: 1000, random: () => -1 }), 0);
  assert.equal(backoffDelay(0, { base: 100, cap: 1000, random: () => NaN }), 0);
});

test('defaults: base 3000 (server retry:), cap 30000', () => {
  assert.equal(backoffCeiling(0), 3000);
  assert.equal(backoffCeiling(20), 30000);
  const d = backoffDelay(0);
  assert.ok(d >= 0 && d < 3000);
});

test('odd inputs are clamped', () => {
  assert.equal(backoffCeiling(-3, { base: 500, cap: 4000 }), 500);
  assert.equal(backoffCeiling(NaN, { base: 500, cap: 4000 }), 500);
  assert.equal(backoffCeiling(5000, { base: 500, cap: 4000 }), 4000);
  assert.equal(backoffCeiling(3, { base: 0, cap: 4000 }), 0);
  assert.equal(backoffDelay(3, { base: 0, cap: 4000 }), 0);
  assert.equal(backoffCeiling(2, { base: 500, cap: 100 }), 100);
});

test('spread is roughly uniform', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const samples = Array.from({ length: 2000 }, () => backoffDelay(1, { base: 1000, cap: 30000, random }));
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  assert.ok(Math.min(...samples) >= 0 && Math.max(...samples) < 2000);
  assert.ok(mean > 900 && mean < 1100, `mean ${mean}`);
});
