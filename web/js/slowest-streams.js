/**
 * The dashboard's "Slowest streams": GET /api/admin/streams with the publisher token typed
 * into the page, refreshed every two seconds while the tab is visible. The token lives in
 * sessionStorage under the same key as the notifications console (this tab only). Every
 * server-sent string is rendered with textContent.
 */
import { getJSON, ProblemError } from './rest.js';

const TOKEN_KEY = 'herald.publisherToken';
const REFRESH_MS = 2000;
const LIMIT = 10;

export function mountSlowestStreams(root) {
  if (!root) return;
  const $ = (id) => root.querySelector(`#${id}`);
  const token = $('slowest-token');
  token.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
  let timer = null;

  async function refresh() {
    const secret = token.value.trim();
    if (!secret) return;
    try {
      const answer = await getJSON(`/api/admin/streams?limit=${LIMIT}`, { headers: { Authorization: `Bearer ${secret}` } });
      render(answer);
      $('slowest-error').textContent = '';
    } catch (err) {
      const refused = err instanceof ProblemError && (err.status === 401 || err.status === 403);
      $('slowest-error').textContent = refused ? 'The publisher token was refused.' : `Could not load the streams (${err.message}).`;
      if (refused) stop();
    }
  }

  function render({ node, open, streams }) {
    $('slowest-rows').replaceChildren(...streams.map(row));
    $('slowest-table').hidden = false;
    $('slowest-node').textContent = `Node ${node}: ${open} open, the ${streams.length} furthest behind shown.`;
  }

  function start() {
    stop();
    refresh();
    timer = setInterval(() => { if (!document.hidden) refresh(); }, REFRESH_MS);
  }

  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  $('slowest-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const secret = token.value.trim();
    if (!secret) {
      $('slowest-error').textContent = 'Enter the publisher token.';
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, secret);
    start();
  });
  if (token.value) start();
}

function row(stream) {
  const tr = document.createElement('tr');
  tr.setAttribute('data-testid', 'slowest-stream');
  tr.setAttribute('data-stream-id', String(stream.id));
  tr.setAttribute('data-queued', String(stream.queued));
  tr.append(
    cell(String(stream.id)),
    cell(stream.userId ?? 'anonymous'),
    cell(stream.topics.join(', ')),
    cell(String(stream.queued)),
    cell(millis(stream.oldestQueuedMs)),
    cell(`${millis(stream.sinceWriteMs)} ago`),
  );
  return tr;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function millis(ms) {
  if (ms >= 10_000) return `${Math.round(ms / 1000)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms} ms`;
}
