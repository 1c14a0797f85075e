import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optionsFromQuery, parseNumber, workerName, parseWorkerName } from '../js/options.js';

test('reads client options from a query string', () => {
  assert.deepEqual(optionsFromQuery('?maxAttempts=3&sharedWorker=0&backoffBase=200&backoffCap=1000&heartbeat=2000&grace=500'), {
    maxAttempts: 3,
    backoffBase: 200,
    backoffCap: 1000,
    heartbeatInterval: 2000,
    gracePeriod: 500,
    sharedWorker: false,
  });
});

test('accepts long names, Infinity and truthy flags; ignores junk', () => {
  assert.deepEqual(optionsFromQuery('heartbeatInterval=100&gracePeriod=0&maxAttempts=Infinity&sharedWorker=1'), {
    heartbeatInterval: 100,
    gracePeriod: 0,
    maxAttempts: Infinity,
    sharedWorker: true,
  });
  assert.deepEqual(optionsFromQuery('?maxAttempts=-1&backoffBase=abc&sharedWorker=maybe&topic=custom/x'), {});
  assert.deepEqual(optionsFromQuery(''), {});
  assert.equal(parseNumber('1.5'), 1.5);
  assert.equal(parseNumber(' 7 '), 7);
  assert.equal(parseNumber('1e3'), null);
});

test('worker names carry the options that matter and round-trip', () => {
  const opts = { maxAttempts: Infinity, backoffBase: 100, sharedWorker: true, gracePeriod: 0 };
  const name = workerName(opts);
  assert.ok(name.startsWith('herald '));
  assert.deepEqual(parseWorkerName(name), { maxAttempts: Infinity, backoffBase: 100, gracePeriod: 0 });
  assert.equal(workerName({}), workerName({ sharedWorker: false }));
  assert.notEqual(workerName({ maxAttempts: 3 }), workerName({}));
  assert.deepEqual(parseWorkerName('something else'), {});
  assert.deepEqual(parseWorkerName('herald {oops'), {});
});
