/**
 * The home page: connection indicator, and a live panel showing the events
 * published to a custom/… topic. Event data is only ever rendered as text.
 * Every event type shows, whatever its name: the client needs no list of them.
 * Query parameters: topic, and the client options of options.js
 * (maxAttempts, backoffBase, backoffCap, heartbeat, grace, sharedWorker).
 */
import './tried-forms.js';
import * as herald from './herald.js';
import { createBuffer } from './buffer.js';

const MAX_ROWS = 500;
const TOPIC = /^custom\/[A-Za-z0-9._:/-]{1,200}$/;

const $ = (id) => document.getElementById(id);

function start() {
  const params = new URLSearchParams(location.search);
  const els = {
    form: $('topic-form'),
    topic: $('topic'),
    error: $('topic-error'),
    current: $('current-topic'),
    count: $('event-count'),
    lastId: $('last-id'),
    mode: $('mode'),
    list: $('events'),
    empty: $('empty'),
    publish: $('curl-publish'),
    stream: $('curl-stream'),
    clear: $('clear'),
  };

  herald.mountIndicator($('connection'));
  herald.onState(() => showMode(els));

  let off = null;
  let count = 0;
  const buffer = createBuffer((items) => render(items), { maxSize: 200 });

  function listen(topic) {
    off?.();
    buffer.clear();
    clearList();
    els.current.textContent = topic;
    els.list.setAttribute('data-topic', topic);
    showCurl(els, topic);
    off = herald.subscribe(topic, (event) => buffer.push({ kind: 'event', event }), {
      onReset: (info) => buffer.push({ kind: 'reset', info }),
    });
    const url = new URL(location.href);
    url.searchParams.set('topic', topic);
    history.replaceState(null, '', url);
  }

  function clearList() {
    count = 0;
    els.list.replaceChildren();
    els.count.textContent = '0';
    els.count.setAttribute('data-count', '0');
    els.empty.hidden = false;
  }

  function render(items) {
    for (const item of items) {
      const row = item.kind === 'event' ? eventRow(item.event) : resetRow(item.info);
      els.list.prepend(row);
      if (item.kind === 'event') {
        count += 1;
        if (item.event.id != null) els.lastId.textContent = String(item.event.id);
      }
    }
    while (els.list.childElementCount > MAX_ROWS) els.list.lastElementChild.remove();
    els.count.textContent = String(count);
    els.count.setAttribute('data-count', String(count));
    els.empty.hidden = els.list.childElementCount > 0;
    showMode(els);
  }

  els.form.addEventListener('submit', (e) => {
    e.preventDefault();
    let topic = els.topic.value.trim();
    if (topic && !topic.startsWith('custom/')) topic = `custom/${topic}`;
    if (!TOPIC.test(topic)) {
      els.error.textContent = 'A topic is custom/ followed by 1–200 of A–Z a–z 0–9 . _ : / -';
      return;
    }
    els.error.textContent = '';
    els.topic.value = topic;
    listen(topic);
  });

  els.clear.addEventListener('click', () => {
    buffer.clear();
    clearList();
  });

  for (const button of document.querySelectorAll('[data-copy]')) {
    button.addEventListener('click', async () => {
      const text = $(button.getAttribute('data-copy'))?.textContent ?? '';
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch {
        button.textContent = 'Select & copy';
      }
      setTimeout(() => (button.textContent = 'Copy'), 1500);
    });
  }

  const initial = params.get('topic')?.trim();
  const topic = initial && TOPIC.test(initial) ? initial : 'custom/demo';
  els.topic.value = topic;
  listen(topic);

  // For tests and the curious: the client API from the console.
  globalThis.herald = herald;
}

function eventRow(event) {
  const li = document.createElement('li');
  li.className = 'event is-new';
  li.setAttribute('data-testid', 'event');
  li.setAttribute('data-type', String(event.type ?? ''));
  if (event.id != null) li.setAttribute('data-id', String(event.id));

  const head = document.createElement('div');
  head.className = 'event__head';
  head.append(
    span('event__type', String(event.type ?? 'message')),
    span('event__time', formatTime(event.timestamp)),
    span('event__id', event.id != null ? String(event.id) : 'snapshot (no id)'),
  );
  const data = document.createElement('pre');
  data.className = 'event__data';
  data.setAttribute('data-testid', 'event-data');
  data.textContent = formatData(event.data);
  li.append(head, data);
  return li;
}

function resetRow(info) {
  const li = document.createElement('li');
  li.className = 'notice';
  li.setAttribute('data-testid', 'reset');
  li.textContent = `Stream reset (${info?.reason ?? 'unknown reason'}): events may have been missed; earliest id ${info?.earliestId ?? '—'}.`;
  return li;
}

function span(className, text) {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}

function formatTime(ts) {
  const d = new Date(typeof ts === 'number' ? ts : Date.now());
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function formatData(data) {
  if (data === undefined) return '';
  if (typeof data === 'string') return data;
  try {
    return JSON.stringify(data);
  } catch {
    return String(data);
  }
}

function showCurl(els, topic) {
  const origin = location.origin;
  const body = JSON.stringify({ topic, type: 'hello', data: { text: 'Hello from curl' } });
  els.publish.textContent =
    `curl -H 'Authorization: Bearer dev-publisher-token' -H 'Content-Type: application/json' \\\n` +
    `  -d '${body}' \\\n  ${origin}/api/publish`;
  els.stream.textContent = `curl -N '${origin}/api/events?topic=${topic}'`;
}

function showMode(els) {
  const mode = herald.connectionMode();
  els.mode.textContent = mode ?? '—';
  if (mode) els.mode.setAttribute('data-mode', mode);
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
