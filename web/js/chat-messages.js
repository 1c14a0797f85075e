/**
 * The message list of the open room: messages in id order whatever order they
 * arrive in (history, live, replay after a reconnect), each once; pending ones
 * of this user at the end until the server has them. Everything a user typed is
 * set as textContent, never as HTML.
 */
const NEAR_BOTTOM_PX = 48;

export class MessageList {
  /** @param {HTMLOListElement} list  @param {{meId: string}} me */
  constructor(list, meId) {
    this._list = list;
    this._meId = meId;
    this._byId = new Map();
    this._pending = new Map();
  }

  clear() {
    this._byId.clear();
    this._pending.clear();
    this._list.replaceChildren();
  }

  has(id) {
    return this._byId.has(String(id));
  }

  /** Oldest and newest ids shown, for paging back and read markers. */
  oldestId() {
    const first = this._list.querySelector('[data-message-id]');
    return first ? first.getAttribute('data-message-id') : null;
  }

  newestId() {
    let max = null;
    for (const id of this._byId.keys()) if (max === null || Number(id) > Number(max)) max = id;
    return max;
  }

  atBottom() {
    const l = this._list;
    return l.scrollHeight - l.scrollTop - l.clientHeight < NEAR_BOTTOM_PX;
  }

  scrollToBottom() {
    this._list.scrollTop = this._list.scrollHeight;
  }

  /**
   * Adds stored messages (any order, duplicates ignored). Follows new messages
   * only when the reader was already at the bottom; adding older ones keeps the
   * reader's place. Returns how many were new.
   */
  add(messages) {
    const follow = this.atBottom();
    const before = this._list.scrollHeight;
    const top = this._list.scrollTop;
    let added = 0;
    let prepended = false;
    for (const m of messages) {
      const id = String(m.id);
      if (this._byId.has(id)) continue;
      const el = messageElement(m, this._meId);
      const pending = m.clientId ? this._pending.get(m.clientId) : null;
      if (pending) {
        pending.remove();
        this._pending.delete(m.clientId);
      }
      const next = this._firstAfter(Number(id));
      this._list.insertBefore(el, next ?? this._firstPending());
      if (next && next === this._list.querySelector('[data-message-id]')) prepended = true;
      this._byId.set(id, el);
      added += 1;
    }
    if (prepended && !follow) this._list.scrollTop = top + (this._list.scrollHeight - before);
    else if (follow) this.scrollToBottom();
    return added;
  }

  /** Shows or updates this user's message that the server does not have yet. */
  showPending(entry, username) {
    if (entry.message && this.has(entry.message.id)) return;
    let el = this._pending.get(entry.clientId);
    if (!el) {
      el = messageElement({ content: entry.content, userId: this._meId, username, type: 'text', timestamp: Date.now() }, this._meId);
      el.classList.add('chat-msg--pending');
      el.setAttribute('data-testid', 'pending-message');
      el.setAttribute('data-client-id', entry.clientId);
      this._pending.set(entry.clientId, el);
      this._list.append(el);
      this.scrollToBottom();
    }
    el.classList.toggle('chat-msg--failed', entry.state === 'failed');
    el.title = entry.error ? String(entry.error.detail || entry.error.message || entry.error) : '';
  }

  _firstAfter(id) {
    for (const el of this._list.querySelectorAll('[data-message-id]')) {
      if (Number(el.getAttribute('data-message-id')) > id) return el;
    }
    return null;
  }

  _firstPending() {
    return this._list.querySelector('[data-client-id]:not([data-message-id])');
  }
}

/** One message as an element; user text only ever through textContent. */
export function messageElement(m, meId, doc = globalThis.document) {
  const li = doc.createElement('li');
  const system = m.type === 'system';
  li.className = `chat-msg ${system ? 'chat-msg--system' : m.userId === meId ? 'chat-msg--own' : 'chat-msg--other'}`;
  li.setAttribute('data-testid', 'message');
  if (m.id != null) li.setAttribute('data-message-id', String(m.id));
  if (m.clientId) li.setAttribute('data-client-id', m.clientId);
  li.setAttribute('data-user-id', String(m.userId ?? ''));
  li.setAttribute('data-type', String(m.type ?? 'text'));

  if (system) {
    li.textContent = String(m.content ?? '');
    return li;
  }
  const head = doc.createElement('div');
  head.className = 'chat-msg__head';
  head.append(text(doc, 'span', 'chat-msg__author', m.username ?? m.userId ?? ''), time(doc, m.timestamp));
  const body = text(doc, 'div', 'chat-msg__content', m.content ?? '');
  body.setAttribute('data-testid', 'message-content');
  li.append(head, body);
  const url = safeUrl(m.metadata?.url);
  if (url && m.type === 'image') {
    const img = doc.createElement('img');
    img.className = 'chat-msg__image';
    img.src = url;
    img.alt = String(m.content ?? '');
    img.loading = 'lazy';
    li.append(img);
  } else if (url && m.type === 'file') {
    const a = text(doc, 'a', 'chat-msg__file', String(m.metadata?.name ?? url));
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    li.append(a);
  }
  return li;
}

/** The server accepts only http(s) and same-origin paths; check again before an href or src. */
export function safeUrl(url) {
  if (typeof url !== 'string') return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  return /^https?:\/\//i.test(url) ? url : null;
}

function text(doc, tag, className, value) {
  const el = doc.createElement(tag);
  el.className = className;
  el.textContent = String(value);
  return el;
}

function time(doc, timestamp) {
  const el = doc.createElement('time');
  el.className = 'chat-msg__time';
  const d = new Date(typeof timestamp === 'number' ? timestamp : Date.now());
  el.dateTime = d.toISOString();
  el.textContent = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  el.title = d.toLocaleString();
  return el;
}
