import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METRICS, formatMetric, trend, createSeries, describeAlert } from '../js/metrics-view.js';

test('six metrics in card order, by their wire names', () => {
  assert.deepEqual(METRICS.map((m) => m.key),
    ['activeUsers', 'requestsPerMinute', 'errorRate', 'avgResponseTime', 'systemLoad', 'memoryUsage']);
});

test('numbers, percentages with one decimal, milliseconds', () => {
  assert.equal(formatMetric('activeUsers', 3), '3');
  assert.equal(formatMetric('requestsPerMinute', 1204), '1,204');
  assert.equal(formatMetric('errorRate', 0.0452), '4.5%');
  assert.equal(formatMetric('errorRate', 0), '0.0%');
  assert.equal(formatMetric('memoryUsage', 1), '100.0%');
  assert.equal(formatMetric('avgResponseTime', 230.4), '230 ms');
  assert.equal(formatMetric('avgResponseTime', 0.84), '0.8 ms');
  assert.equal(formatMetric('avgResponseTime', 1500), '1,500 ms');
  assert.equal(formatMetric('systemLoad', undefined), '—');
  assert.equal(formatMetric('systemLoad', NaN), '—');
});

test('trend compares the newest values with those before them', () => {
  assert.equal(trend([]), 'flat');
  assert.equal(trend([5]), 'flat');
  assert.equal(trend([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]), 'up');
  assert.equal(trend([9, 9, 9, 9, 9, 3, 3, 3, 3, 3]), 'down');
  assert.equal(trend([100, 100, 100, 101, 100, 100]), 'flat', 'a 1 % wobble is flat');
  assert.equal(trend([0, 0, 0, 0]), 'flat');
  assert.equal(trend([0, 0, 1, 1]), 'up', 'from zero');
  assert.equal(trend([1, 2, null, 3, 4]), 'up', 'gaps are skipped');
});

test('series append in time order, skip repeats and stay bounded', () => {
  const s = createSeries(3);
  assert.equal(s.add({ timestamp: 1000, activeUsers: 1, errorRate: 0 }), true);
  assert.equal(s.add({ timestamp: 1000, activeUsers: 9 }), false, 'the snapshot repeating the latest update');
  assert.equal(s.add({ timestamp: 500, activeUsers: 9 }), false, 'older than what is drawn');
  s.add({ timestamp: 2000, activeUsers: 2 });
  s.add({ timestamp: 3000, activeUsers: 3 });
  const [xs, ys] = s.data('activeUsers');
  assert.deepEqual(xs, [1, 2, 3]);
  assert.deepEqual(ys, [1, 2, 3]);
  s.add({ timestamp: 4000, activeUsers: 4 });
  assert.deepEqual(s.data('activeUsers'), [[2, 3, 4], [2, 3, 4]]);
  assert.deepEqual(s.values('errorRate'), [null, null, null], 'missing figures are gaps, not zeros');
  assert.equal(s.size, 3);
  assert.equal(s.lastTimestamp, 4000);
  assert.equal(s.data('activeUsers')[0], xs, 'the same arrays, so a chart can keep them');
});

test('alerts read as sentences', () => {
  assert.equal(describeAlert({ metric: 'errorRate', value: 0.12, threshold: 0.05, state: 'firing' }),
    'Error rate 12.0% above 5.0%');
  assert.equal(describeAlert({ metric: 'avgResponseTime', value: 800, threshold: 1000, state: 'resolved' }),
    'Avg response time back to 800 ms (limit 1,000 ms)');
});
