import { icon } from './icons.js';

/**
 * The rooms sidebar: the user's room list from the `rooms` topic (a rooms_list
 * snapshot, then room_updated per change), with name, last message, online count
 * and the server's unread count for this user.
 */
export class RoomList {
  /** @param {HTMLUListElement} list  @param {(roomId: string) => void} onOpen */
  constructor(list, onOpen) {
    this._list = list;
    this._onOpen = onOpen;
    this._rooms = new Map();
    this._current = null;
  }

  get(id) {
    return this._rooms.get(id) ?? null;
  }

  /** Replaces everything with a snapshot ({rooms: [...]}, from rooms_list or GET /api/chat/rooms). */
  replace(rooms) {
    this._rooms = new Map(rooms.map((r) => [r.id, r]));
    this.render();
  }

  /** Applies one room_updated: new state, or {id, removed: true}. */
  update(room) {
    if (room.removed) this._rooms.delete(room.id);
    else this._rooms.set(room.id, room);
    this.render();
  }

  /** Changes some fields of a room already listed (a member count from user_joined, say). */
  patch(id, fields) {
    const room = this._rooms.get(id);
    if (!room) return;
    this._rooms.set(id, { ...room, ...fields });
    this.render();
  }

  setCurrent(id) {
    this._current = id;
    this.render();
  }

  render() {
    const items = [...this._rooms.values()].map((room) => this._item(room));
    this._list.replaceChildren(...items);
  }

  _item(room) {
    const li = document.createElement('li');
    li.setAttribute('data-testid', 'room');
    li.setAttribute('data-room-id', room.id);
    if (room.id === this._current) li.setAttribute('aria-current', 'true');
    const button = document.createElement('button');
    button.type = 'button';
    const name = roomTitle(document, room, 'chat-room-item__name');
    name.setAttribute('data-testid', 'room-name');
    // The open room is being read: its count is about to be cleared by our own read marker.
    const count = room.id === this._current ? 0 : Number(room.unreadCount ?? 0);
    const badge = span('chat-badge', String(count));
    badge.setAttribute('data-testid', 'unread');
    badge.setAttribute('data-count', String(count));
    badge.hidden = count === 0;
    badge.title = `${count} unread`;
    const last = room.lastMessage;
    const lastText = last ? (last.type === 'system' ? last.content : `${last.username}: ${last.content}`) : 'No messages yet';
    const online = span('chat-room-item__online', `${room.online ?? 0} online`);
    online.setAttribute('data-testid', 'room-online-count');
    button.append(name, badge, span('chat-room-item__last', lastText), online);
    button.addEventListener('click', () => this._onOpen(room.id));
    li.append(button);
    return li;
  }
}

/** A room's name after a lock (private) or `#` (public), as an element; the name goes in as text. */
export function roomTitle(doc, room, className) {
  const title = doc.createElement('span');
  if (className) title.className = className;
  if (room.private) {
    title.append(icon(doc, 'lock'), ' ');
    title.title = 'Private room';
  } else {
    title.append('# ');
  }
  title.append(String(room.name ?? room.id));
  return title;
}

function span(className, text) {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}
