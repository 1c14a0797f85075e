/**
 * The chat page: sign-in, the rooms sidebar (topic `rooms`), the open room
 * (topic `chat/{id}`: messages, typing, joins and leaves with the member count),
 * leaving a room and adding a member, history paging, read markers, and a
 * composer whose messages survive a dropped connection and are stored once.
 * When the session ends the page says so and offers the sign-in again; a room
 * taken away (`revoked`) is left with a line saying why.
 * Query options of the browser client apply (?sharedWorker=0, ?backoffBase=…);
 * `#room=<id>` opens a room.
 */
import './tried-forms.js';
import * as herald from './herald.js';
import { MessageList } from './chat-messages.js';
import { RoomList, roomTitle } from './chat-rooms.js';
import { LOBBY, RoomTools } from './chat-room-tools.js';
import { ChatSignIn } from './chat-signin.js';
import { Outbox } from './chat-outbox.js';
import { TypingSender, TypingSet, typingText } from './chat-typing.js';
import { announceSession } from './session.js';

const PAGE = 50;
const READ_DELAY_MS = 300;
const $ = (id) => document.getElementById(id);
const api = (roomId, tail = '') => `/api/chat/rooms/${encodeURIComponent(roomId)}${tail}`;

let signIn = null;

async function start() {
  herald.mountIndicator($('connection'));
  signIn = new ChatSignIn((user) => enter(user));
  let me = null;
  try {
    me = (await herald.getJSON('/api/session')).user;
  } catch {
    me = null;
  }
  if (me) enter(me);
  else signIn.show();
}

function enter(me) {
  $('chat').hidden = false;
  $('me').textContent = me.username;
  let signingOut = false;
  $('signout').addEventListener('click', async () => {
    signingOut = true;
    await herald.deleteJSON('/api/session').catch(() => {});
    location.reload();
  });

  const messages = new MessageList($('messages'), me.id);
  const typing = new TypingSet();
  let current = null;
  let offRoom = null;
  let hasMore = false;
  let loadingOlder = false;
  let readTimer = null;

  const rooms = new RoomList($('rooms'), (id) => open(id));
  const outbox = new Outbox(
    (entry) => herald.postJSON(api(entry.roomId, '/messages'), { content: entry.content, clientId: entry.clientId }),
    {
      onChange: (entry) => {
        if (entry.roomId !== current) return;
        if (entry.state === 'sent') messages.add([entry.message]);
        else messages.showPending(entry, me.username);
        $('composer-error').textContent = entry.state === 'failed' ? entry.error?.detail || 'Not sent.' : '';
        if (entry.state === 'sent') scheduleRead();
      },
    },
  );
  const typingSender = new TypingSender((isTyping) => current && herald.postJSON(api(current, '/typing'), { typing: isTyping }));
  const tools = new RoomTools({
    me,
    current: () => current,
    left: (roomId, view) => {
      const name = rooms.get(roomId)?.name ?? roomId;
      if (!view.private) rooms.update(view);
      if (roomId === current) open(LOBBY);
      notice(`You left ${name}.`);
    },
    added: (view) => {
      rooms.update(view);
      showRoom();
    },
    notice: (text) => notice(text),
  });

  const offRooms = herald.subscribe('rooms', (event) => {
    if (event.type === 'rooms_list') {
      rooms.replace(event.data.rooms);
      if (!current) open(initialRoom(event.data.rooms));
      else showRoom();
    } else if (event.type === 'room_updated') {
      rooms.update(event.data);
      if (event.data.id === current) showRoom();
      if (event.data.removed && event.data.id === current) open(LOBBY);
    }
  }, {
    onReset: () => herald.getJSON('/api/chat/rooms').then((r) => rooms.replace(r.rooms)).catch(() => {}),
    onState: (state) => outbox.setOnline(state === 'connected'),
  });

  function initialRoom(list) {
    const wanted = new URLSearchParams(location.hash.slice(1)).get('room');
    return list.some((r) => r.id === wanted) ? wanted : list.some((r) => r.id === 'general') ? 'general' : list[0]?.id;
  }

  // The session ended: say so, let go of everything that needed it, offer the sign-in.
  herald.onExpired(() => {
    if (signingOut) return;
    typingSender.sent();
    outbox.setOnline(false);
    offRoom?.();
    offRoom = null;
    offRooms();
    current = null;
    announceSession(null);
    $('chat').hidden = true;
    signIn.show({ ended: true });
  });

  async function open(roomId) {
    if (!roomId || roomId === current) return;
    typingSender.stop();
    offRoom?.();
    offRoom = null;
    current = roomId;
    messages.clear();
    typing.clear();
    showTyping();
    notice('');
    rooms.setCurrent(roomId);
    const room = rooms.get(roomId);
    showRoom();
    history.replaceState(null, '', `#room=${encodeURIComponent(roomId)}`);
    try {
      if (room && !room.member && !room.private) await herald.postJSON(api(roomId, '/join'));
    } catch (err) {
      $('composer-error').textContent = err.detail || err.message;
    }
    if (current !== roomId) return;
    // Subscribe before loading history: whatever arrives in between is merged by id, never lost.
    offRoom = herald.subscribe(`chat/${roomId}`, (event) => onRoomEvent(roomId, event), {
      onReset: () => loadLatest(roomId),
      onRevoked: () => lost(roomId),
    });
    await loadLatest(roomId);
    for (const entry of outbox.pending(roomId)) messages.showPending(entry, me.username);
    $('composer-input').focus();
  }

  async function loadLatest(roomId) {
    try {
      const page = await herald.getJSON(api(roomId, `/messages?limit=${PAGE}`));
      if (current !== roomId) return;
      hasMore = page.hasMore;
      messages.add(page.messages);
      messages.scrollToBottom();
      scheduleRead();
    } catch (err) {
      $('composer-error').textContent = err.detail || err.message;
    }
  }

  async function loadOlder() {
    const before = messages.oldestId();
    if (!hasMore || loadingOlder || !before) return;
    loadingOlder = true;
    const roomId = current;
    try {
      const page = await herald.getJSON(api(roomId, `/messages?limit=${PAGE}&before=${encodeURIComponent(before)}`));
      if (current !== roomId) return;
      hasMore = page.hasMore;
      messages.add(page.messages);
    } finally {
      loadingOlder = false;
    }
  }

  /** The server took the room away (we left it, here or in another tab): go to the lobby and say why. */
  function lost(roomId) {
    const name = rooms.get(roomId)?.name ?? roomId;
    if (roomId === current) {
      offRoom = null;
      open(LOBBY);
    }
    notice(tools.isLeaving(roomId) ? `You left ${name}.` : `You are no longer a member of ${name}.`);
  }

  function onRoomEvent(roomId, event) {
    if (roomId !== current) return;
    const d = event.data ?? {};
    if (event.type === 'user_joined' || event.type === 'user_left') {
      // The line itself comes as the room's system message; this keeps the count live.
      if (Number.isFinite(d.memberCount)) rooms.patch(roomId, { memberCount: d.memberCount });
      showRoom();
    } else if (event.type === 'message') {
      typing.stop(d.userId);
      showTyping();
      if (messages.add([d]) && d.userId !== me.id) scheduleRead();
    } else if (event.type === 'typing_start' && d.userId !== me.id) {
      typing.start(d.userId, d.username);
      showTyping();
    } else if (event.type === 'typing_stop') {
      typing.stop(d.userId);
      showTyping();
    }
  }

  /**
   * Marks the open room read up to its newest message, once things settle, while the page is
   * visible. Not while leaving it: the server would answer 403 to a member who just left.
   */
  function scheduleRead() {
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      const newest = messages.newestId();
      if (!current || !newest || document.visibilityState === 'hidden' || tools.isLeaving(current)) return;
      herald.postJSON(api(current, '/read'), { lastReadId: newest }).catch(() => {});
    }, READ_DELAY_MS);
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') scheduleRead();
  });

  function showTyping() {
    $('typing').textContent = typingText(typing.names());
  }
  setInterval(showTyping, 1000); // drops typists whose stop never came

  /** The open room's title, counts and tools, from the room list's latest state. */
  function showRoom() {
    const room = rooms.get(current);
    $('room-name').replaceChildren(room ? roomTitle(document, room) : String(current ?? '—'));
    const online = $('room-online');
    online.textContent = room ? `${room.online ?? 0} online · ${room.memberCount ?? 0} members` : '';
    online.setAttribute('data-member-count', String(room?.memberCount ?? 0));
    tools.show(room);
  }

  function notice(text) {
    $('room-notice').textContent = text;
  }

  $('messages').addEventListener('scroll', () => {
    if ($('messages').scrollTop < 40) loadOlder();
  });

  // --- composer ------------------------------------------------------------
  const input = $('composer-input');
  const send = $('send');
  const refresh = () => {
    send.disabled = input.value.trim() === '';
  };
  input.addEventListener('input', () => {
    refresh();
    typingSender.input(input.value.trim() !== '');
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  function submit() {
    const content = input.value.trim();
    if (!content || !current) return;
    typingSender.sent();
    outbox.add(current, content);
    input.value = '';
    refresh();
  }

  // --- new room ------------------------------------------------------------
  const dialog = $('room-dialog');
  $('new-room').addEventListener('click', () => {
    $('room-form').reset();
    $('room-form-error').textContent = '';
    dialog.showModal();
  });
  $('room-form-cancel').addEventListener('click', () => dialog.close());
  $('room-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const members = $('room-form-members').value.split(',').map((s) => s.trim()).filter(Boolean);
    try {
      const room = await herald.postJSON('/api/chat/rooms', {
        name: $('room-form-name').value,
        private: $('room-form-private').checked,
        members,
      });
      dialog.close();
      rooms.update(room);
      open(room.id);
    } catch (err) {
      $('room-form-error').textContent = err.detail || err.message;
    }
  });

  globalThis.herald = herald;
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
