import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotificationState } from '../js/notify-state.js';
import { safeHref, isExternal } from '../js/safe-url.js';

const n = (id, timestamp, extra = {}) => ({ id: String(id), timestamp, title: `t${id}`, message: 'm', type: 'info', ...extra });

test('loads the REST page and lists newest first', () => {
  const s = new NotificationState();
  s.load({ notifications: [n(1, 10, { read: true }), n(3, 30), n(2, 20)], unreadCount: 2, hasMore: true });
  assert.deepEqual(s.list().map((x) => x.id), ['3', '2', '1']);
  assert.equal(s.unreadCount, 2);
  assert.equal(s.hasMore, true);
  assert.equal(s.get('1').read, true);
});

test('a new notification counts once, however often it arrives', () => {
  const s = new NotificationState();
  s.load({ notifications: [n(1, 10)], unreadCount: 1 });
  assert.equal(s.added(n(2, 20)), true);
  assert.equal(s.added(n(2, 20)), false, 'replayed after a reconnect');
  assert.equal(s.added(n(1, 10)), false, 'already in the REST page');
  assert.equal(s.unreadCount, 2);
});

test('read events mark items and take the server count', () => {
  const s = new NotificationState();
  s.load({ notifications: [n(1, 10), n(2, 20)], unreadCount: 7 });
  s.read({ ids: ['1'], unreadCount: 6 });
  assert.equal(s.get('1').read, true);
  assert.equal(s.get('2').read, false);
  assert.equal(s.unreadCount, 6);
  s.read({ ids: [], all: true, unreadCount: 0 });
  assert.equal(s.get('2').read, true);
  assert.equal(s.unreadCount, 0);
});

test('removed events drop items; all clears', () => {
  const s = new NotificationState();
  s.load({ notifications: [n(1, 10), n(2, 20)], unreadCount: 2 });
  s.removed({ ids: ['2'], unreadCount: 1 });
  assert.deepEqual(s.list().map((x) => x.id), ['1']);
  s.removed({ ids: ['1'], all: true, unreadCount: 0 });
  assert.equal(s.list().length, 0);
  assert.equal(s.unreadCount, 0);
});

test('change listeners fire and a bad payload is ignored', () => {
  const s = new NotificationState();
  let changes = 0;
  s.onChange(() => (changes += 1));
  assert.equal(s.added(null), false);
  assert.equal(s.added({ title: 'no id' }), false);
  s.added(n(1, 1));
  assert.equal(changes, 1);
  s.setUnreadCount(-3);
  assert.equal(s.unreadCount, 0);
});

test('a count asked before an event does not undo it when it arrives after', () => {
  const s = new NotificationState();
  s.added(n(1, 1));
  const ticket = s.countTicket(); // GET /unread-count leaves: the server says 1
  s.read({ ids: ['1'], unreadCount: 0 }); // another tab reads it; the event comes first
  assert.equal(s.setUnreadCount(1, ticket), false);
  assert.equal(s.unreadCount, 0);
  const later = s.countTicket();
  assert.equal(s.setUnreadCount(0, later), true, 'an answer with nothing after it is applied');
});

test('keeps at most maxKept, dropping the oldest', () => {
  const s = new NotificationState({ maxKept: 2 });
  s.added(n(1, 1));
  s.added(n(2, 2));
  s.added(n(3, 3));
  assert.deepEqual(s.list().map((x) => x.id), ['3', '2']);
  assert.equal(s.hasMore, true);
});

test('equal timestamps order by numeric id', () => {
  const s = new NotificationState();
  s.added(n(9, 5));
  s.added(n(10, 5));
  assert.deepEqual(s.list().map((x) => x.id), ['10', '9']);
});

test('safeHref allows http(s) and relative paths only', () => {
  const base = 'https://herald.example/index.html';
  assert.equal(safeHref('/chat.html', base), 'https://herald.example/chat.html');
  assert.equal(safeHref('dashboard.html?x=1', base), 'https://herald.example/dashboard.html?x=1');
  assert.equal(safeHref('https://other.example/a', base), 'https://other.example/a');
  assert.equal(safeHref('HTTP://other.example', base), 'http://other.example/');
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:x', 'data:text/html,x',
    '//evil.example', '/\\evil.example', 'vbscript:x', 'mailto:a@b', '', null, 42, 'http://', 'https:///x']) {
    assert.equal(safeHref(bad, base), null, String(bad));
  }
});

test('isExternal compares origins', () => {
  const base = 'https://herald.example/';
  assert.equal(isExternal('https://herald.example/chat.html', base), false);
  assert.equal(isExternal('https://other.example/', base), true);
});
