// renewStream against a fake fetch and a fake clock.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { apiBase, renewStream } from '../js/renewal.js';

/** A fetch that answers each call with the next status of `statuses` (a thrown TypeError for 'down'). */
function server(statuses) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push(`${init.method} ${url} ${init.credentials}`);
    const status = statuses.shift() ?? 500;
    if (status === 'down') throw new TypeError('Failed to fetch');
    return { ok: status >= 200 && status < 300, status };
  };
  return { calls, fetch };
}

function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms) => { t += ms; }, random: () => 0.5 };
}

const notice = { expiresIn: 60000, stream: 'Qm9vb2tzQm9va3NCb29rcw' };

describe('renewStream', () => {
  test('the REST base comes from the events URL', () => {
    assert.equal(apiBase('/api/events'), '/api');
    assert.equal(apiBase('https://h.example/api/events?x=1'), 'https://h.example/api');
  });

  test('renews the session, then hands the new credential to the stream', async () => {
    const s = server([200, 200]);
    assert.equal(await renewStream(notice, { fetch: s.fetch, ...clock() }), true);
    assert.deepEqual(s.calls, [
      'POST /api/session/renew same-origin',
      'POST /api/streams/Qm9vb2tzQm9va3NCb29rcw/credential same-origin',
    ]);
  });

  test('a refusal is final: signed out (401), jwt mode (404), a stream gone (404)', async () => {
    for (const statuses of [[401], [404], [200, 404], [200, 403]]) {
      const s = server([...statuses]);
      assert.equal(await renewStream(notice, { fetch: s.fetch, ...clock() }), false);
      assert.equal(s.calls.length, statuses.length, `no retry after ${statuses}`);
    }
  });

  test('a network failure or 5xx is retried while time is left, and not after', async () => {
    const s = server(['down', 503, 200, 200]);
    assert.equal(await renewStream(notice, { fetch: s.fetch, ...clock() }), true);
    assert.equal(s.calls.length, 4);

    const never = server([]);
    const c = clock();
    assert.equal(await renewStream({ ...notice, expiresIn: 3000 }, { fetch: never.fetch, ...c }), false);
    assert.ok(c.now() <= 3000, 'gave up by the expiry');
    assert.ok(never.calls.length >= 2, 'tried more than once');
  });

  test('cross-origin pages send their cookie; a notice without a stream renews nothing', async () => {
    const s = server([200, 200]);
    await renewStream(notice, { fetch: s.fetch, url: 'https://h.example/api/events', withCredentials: true, ...clock() });
    assert.equal(s.calls[0], 'POST https://h.example/api/session/renew include');
    const none = server([]);
    assert.equal(await renewStream({ expiresIn: 1000 }, { fetch: none.fetch, ...clock() }), false);
    assert.deepEqual(none.calls, []);
  });
});
