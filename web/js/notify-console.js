/**
 * The operator console of notifications.html: sends POST /api/notifications with
 * the publisher token typed into the page. The token lives in sessionStorage (this
 * tab only, gone when it closes), never in localStorage, a cookie or the URL.
 */
import './tried-forms.js';
import { postJSON, ProblemError } from './rest.js';

const TOKEN_KEY = 'herald.publisherToken';
const FIELDS = ['title', 'message', 'type', 'userId', 'actionUrl', 'actionLabel', 'duration', 'autoRemove'];

const $ = (id) => document.getElementById(id);

function start() {
  const form = $('send-form');
  const token = $('token');
  const result = $('result');
  token.value = sessionStorage.getItem(TOKEN_KEY) ?? '';

  token.addEventListener('change', () => sessionStorage.setItem(TOKEN_KEY, token.value.trim()));
  $('forget-token').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    token.value = '';
  });
  form.addEventListener('input', () => showCurl(body()));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    const secret = token.value.trim();
    if (!secret) {
      fail('token', 'Enter the publisher token.');
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, secret);
    const payload = body();
    try {
      const sent = await postJSON('/api/notifications', payload, { headers: { Authorization: `Bearer ${secret}` } });
      result.className = 'result ok';
      result.textContent = `Sent notification ${sent.id} to ${sent.userId ?? 'everyone'}.`;
      result.setAttribute('data-id', sent.id);
    } catch (err) {
      if (err instanceof ProblemError && (err.status === 401 || err.status === 403)) fail('token', 'The publisher token was refused.');
      else if (err instanceof ProblemError && err.field) fail(err.field, err.detail || err.message);
      else fail(null, err?.message ?? 'Sending failed.');
    }
  });
  showCurl(body());
}

function body() {
  const out = {
    title: $('title').value,
    message: $('message').value,
    type: $('type').value,
    autoRemove: $('autoRemove').checked,
  };
  const userId = $('userId').value.trim();
  if (userId) out.userId = userId;
  const actionUrl = $('actionUrl').value.trim();
  if (actionUrl) out.actionUrl = actionUrl;
  const actionLabel = $('actionLabel').value.trim();
  if (actionLabel) out.actionLabel = actionLabel;
  const duration = Number($('duration').value);
  if ($('duration').value !== '') out.duration = Number.isFinite(duration) ? duration : $('duration').value;
  return out;
}

function fail(field, message) {
  const result = $('result');
  result.className = 'result error-text';
  result.textContent = message;
  result.removeAttribute('data-id');
  const input = field && FIELDS.concat('token').includes(field) ? $(field) : null;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

function clearErrors() {
  for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

function showCurl(payload) {
  // The token is left as a variable: it must not end up in a terminal history from here.
  const json = JSON.stringify(payload).replaceAll("'", "'\\''");
  $('curl').textContent =
    `curl -H "Authorization: Bearer $HERALD_PUBLISHER_TOKEN" -H 'Content-Type: application/json' \\\n` +
    `  -d '${json}' \\\n  ${location.origin}/api/notifications`;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
