/**
 * The open room's tools: leave it, and for a private room its creator made, add
 * a member by name (POST /api/chat/rooms/{id}/leave and /join {userId}). Which
 * tools show depends on the room; results and refusals are said in the room's
 * notice line, as text.
 */
import { postJSON } from './rest.js';

const $ = (id) => document.getElementById(id);

/** The lobby everyone is in: it has no Leave button, so a page always has a room to fall back on. */
export const LOBBY = 'general';

export class RoomTools {
  /**
   * @param {{me: object, current: () => string|null, left: (roomId, view) => void,
   *          added: (view) => void, notice: (text) => void}} page
   */
  constructor(page) {
    this._page = page;
    this._leaving = new Set();
    $('leave-room').addEventListener('click', () => this._leave());
    $('add-member-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this._add();
    });
  }

  /** Shows the tools that apply to the room now open. */
  show(room) {
    $('leave-room').hidden = !room || !room.member || room.id === LOBBY;
    const mine = !!room && room.private && room.createdBy === this._page.me.id;
    $('add-member-form').hidden = !mine;
  }

  /**
   * True while this page's leave of roomId is under way: a `revoked` for it is our own
   * doing, and the room is not to be marked read. Over once the leave is answered: the
   * page has then stopped listening to the room (`left` opens another).
   */
  isLeaving(roomId) {
    return this._leaving.has(roomId);
  }

  async _leave() {
    const roomId = this._page.current();
    if (!roomId) return;
    this._leaving.add(roomId);
    try {
      const view = await postJSON(`/api/chat/rooms/${encodeURIComponent(roomId)}/leave`);
      this._page.left(roomId, view);
    } catch (err) {
      this._page.notice(err.detail || err.message);
    } finally {
      this._leaving.delete(roomId);
    }
  }

  async _add() {
    const roomId = this._page.current();
    const input = $('add-member-name');
    const name = input.value.trim();
    if (!roomId) return;
    if (!name) {
      this._page.notice('Type the name of the person to add.');
      return;
    }
    try {
      const view = await postJSON(`/api/chat/rooms/${encodeURIComponent(roomId)}/join`, { userId: name });
      input.value = '';
      $('add-member-form').removeAttribute('data-tried');
      this._page.added(view);
      this._page.notice(`${name} can now see this room.`);
    } catch (err) {
      this._page.notice(err.detail || err.message);
    }
  }
}
