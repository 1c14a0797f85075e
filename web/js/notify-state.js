/**
 * The signed-in user's notifications as the page knows them: what the REST list
 * returned plus what the stream has said since. Pure (no DOM, no network), so the
 * rules are tested in Node. The unread count is the server's: every read/removed
 * event carries it, and a new notification adds one.
 */
import { Emitter } from './emitter.js';

export const MAX_KEPT = 500;

export class NotificationState {
  constructor({ maxKept = MAX_KEPT } = {}) {
    this.maxKept = maxKept;
    this._items = new Map();
    this._unread = 0;
    this._hasMore = false;
    this._events = new Emitter();
    /** Changes so far: a count the server gave before the latest of them is out of date. */
    this._version = 0;
  }

  /** Calls fn() after every change. */
  onChange(fn) {
    return this._events.on('change', fn);
  }

  get unreadCount() {
    return this._unread;
  }

  get hasMore() {
    return this._hasMore;
  }

  has(id) {
    return this._items.has(String(id));
  }

  get(id) {
    return this._items.get(String(id)) ?? null;
  }

  /** Newest first. */
  list() {
    return [...this._items.values()].sort(newestFirst);
  }

  /** Replaces everything with a REST answer {notifications, unreadCount, hasMore}. */
  load({ notifications = [], unreadCount = 0, hasMore = false } = {}) {
    this._items.clear();
    for (const n of notifications) if (valid(n)) this._items.set(String(n.id), { ...n, read: Boolean(n.read) });
    this._unread = count(unreadCount);
    this._hasMore = Boolean(hasMore);
    this._changed();
  }

  /** Appends an older page. */
  loadMore({ notifications = [], hasMore = false } = {}) {
    for (const n of notifications) if (valid(n) && !this.has(n.id)) this._items.set(String(n.id), { ...n, read: Boolean(n.read) });
    this._hasMore = Boolean(hasMore);
    this._changed();
  }

  /** A `notification` event: returns true when it is new to this page (worth a toast). */
  added(data) {
    if (!valid(data) || this.has(data.id)) return false;
    this._items.set(String(data.id), { ...data, read: false });
    this._unread += 1;
    this._trim();
    this._changed();
    return true;
  }

  /** A `notification_read` event or REST answer: {ids, all, unreadCount}. */
  read({ ids = [], all = false, unreadCount } = {}) {
    const targets = all ? [...this._items.keys()] : ids.map(String);
    for (const id of targets) {
      const n = this._items.get(id);
      if (n) n.read = true;
    }
    if (unreadCount !== undefined) this._unread = count(unreadCount);
    this._changed();
  }

  /** A `notification_removed` event or REST answer: {ids, all, unreadCount}. */
  removed({ ids = [], all = false, unreadCount } = {}) {
    if (all) this._items.clear();
    else for (const id of ids) this._items.delete(String(id));
    if (unreadCount !== undefined) this._unread = count(unreadCount);
    this._changed();
  }

  /** Taken before asking the server for the count, and handed back with its answer. */
  countTicket() {
    return this._version;
  }

  /**
   * The server's count, unless something changed since `ticket` was taken: an answer
   * that left before an event may arrive after it, and must not undo it. Returns whether it
   * was applied.
   */
  setUnreadCount(n, ticket = this._version) {
    if (ticket !== this._version) return false;
    this._unread = count(n);
    this._changed();
    return true;
  }

  _trim() {
    if (this._items.size <= this.maxKept) return;
    const oldest = this.list().slice(this.maxKept);
    for (const n of oldest) this._items.delete(String(n.id));
    this._hasMore = true;
  }

  _changed() {
    this._version += 1;
    this._events.emit('change');
  }
}

function valid(n) {
  return n && typeof n === 'object' && (typeof n.id === 'string' || typeof n.id === 'number');
}

function count(n) {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** By timestamp, then by id as a number where ids are numeric (the server's order). */
function newestFirst(a, b) {
  const t = (b.timestamp ?? 0) - (a.timestamp ?? 0);
  if (t !== 0) return t;
  return String(b.id).localeCompare(String(a.id), 'en', { numeric: true });
}
