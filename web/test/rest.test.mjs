import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, postJSON, ProblemError, withRetry, isRetryable, retryAfterMs, fieldOf, newClientId } from '../js/rest.js';

const json = (status, body, type = 'application/json', headers = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });

test('sends JSON with same-origin credentials and parses the answer', async () => {
  let seen;
  const fetch = async (url, init) => {
    seen = { url, init };
    return json(201, { id: 'm1' });
  };
  const out = await postJSON('/api/chat/rooms/r/messages', { content: 'hi' }, { fetch });
  assert.deepEqual(out, { id: 'm1' });
  assert.equal(seen.init.credentials, 'same-origin');
  assert.equal(seen.init.method, 'POST');
  assert.equal(seen.init.headers['Content-Type'], 'application/json');
  assert.equal(seen.init.body, '{"content":"hi"}');
});

test('empty bodies give null', async () => {
  assert.equal(await request('/x', { fetch: async () => new Response(null, { status: 204 }) }), null);
});

test('problem+json becomes a ProblemError with status, title, detail, field', async () => {
  const fetch = async () =>
    json(400, { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'content is required', field: 'content' }, 'application/problem+json');
  await assert.rejects(request('/x', { fetch }), (err) => {
    assert.ok(err instanceof ProblemError);
    assert.ok(err instanceof Error);
    assert.equal(err.status, 400);
    assert.equal(err.title, 'Bad Request');
    assert.equal(err.detail, 'content is required');
    assert.equal(err.field, 'content');
    assert.match(err.message, /content is required/);
    return true;
  });
});

test('non-JSON errors still become ProblemError; Retry-After is kept', async () => {
  const fetch = async () => new Response('busy', { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '2' } });
  await assert.rejects(request('/x', { fetch }), (err) => err.status === 429 && err.title === 'Too Many Requests' && err.retryAfter === 2000);
});

test('field from common extension members', () => {
  assert.equal(fieldOf({ errors: [{ field: 'name' }] }), 'name');
  assert.equal(fieldOf({ invalidParams: [{ name: 'topic' }] }), 'topic');
  assert.equal(fieldOf({ 'invalid-params': [{ name: 'x' }] }), 'x');
  assert.equal(fieldOf({ title: 'x' }), null);
});

test('retryAfterMs', () => {
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs(null), null);
  assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10000);
  assert.equal(retryAfterMs('soon'), null);
});

test('withRetry reuses the same clientId on every attempt', async () => {
  const ids = [];
  const sleeps = [];
  const result = await withRetry(
    async (clientId, attempt) => {
      ids.push(clientId);
      if (attempt < 2) throw new ProblemError({ status: 503, title: 'Unavailable' });
      return 'ok';
    },
    { sleep: async (ms) => sleeps.push(ms), random: () => 0.5, base: 100 },
  );
  assert.equal(result, 'ok');
  assert.equal(ids.length, 3);
  assert.equal(new Set(ids).size, 1);
  assert.match(ids[0], /^[0-9a-f-]{36}$/);
  assert.deepEqual(sleeps, [50, 100]);
});

test('withRetry does not retry client errors and gives up after `retries`', async () => {
  let calls = 0;
  await assert.rejects(
    withRetry(async () => {
      calls += 1;
      throw new ProblemError({ status: 400 });
    }, { sleep: async () => {} }),
    (err) => err.status === 400,
  );
  assert.equal(calls, 1);
  calls = 0;
  await assert.rejects(
    withRetry(async () => {
      calls += 1;
      throw new TypeError('Failed to fetch');
    }, { retries: 2, sleep: async () => {} }),
    TypeError,
  );
  assert.equal(calls, 3);
});

test('isRetryable and newClientId', () => {
  assert.equal(isRetryable(new ProblemError({ status: 500 })), true);
  assert.equal(isRetryable(new ProblemError({ status: 429 })), true);
  assert.equal(isRetryable(new ProblemError({ status: 409 })), false);
  assert.equal(isRetryable(new TypeError('network')), true);
  assert.equal(isRetryable(Object.assign(new Error('x'), { name: 'AbortError' })), false);
  const a = newClientId();
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, newClientId());
});
