/**
 * The chat page's sign-in box: shown to a visitor, and again when the session
 * ends (the stream said `expired`), with a line saying so. A first sign-in
 * enters the chat in place; a sign-in after the session ended reloads the page,
 * so everything the old session had open starts over cleanly.
 */
import { reconnect } from './herald.js';
import { postJSON } from './rest.js';
import { announceSession } from './session.js';

const $ = (id) => document.getElementById(id);

export class ChatSignIn {
  /** @param {(user: object) => void} onSignedIn  called after a first sign-in */
  constructor(onSignedIn) {
    this._onSignedIn = onSignedIn;
    this._ended = false;
    $('signin-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this._submit();
    });
  }

  /** Shows the box; `ended` adds the line that the session has ended. */
  show({ ended = false } = {}) {
    this._ended = ended;
    $('session-ended').hidden = !ended;
    $('signin-error').textContent = '';
    $('signin').hidden = false;
    $('signin-name').focus();
  }

  async _submit() {
    const username = $('signin-name').value.trim();
    if (!username) {
      $('signin-error').textContent = 'Type a name first.';
      return;
    }
    try {
      const { user } = await postJSON('/api/session', { username });
      if (this._ended) {
        location.reload();
        return;
      }
      announceSession(user);
      $('signin').hidden = true;
      this._onSignedIn(user);
      // A shared stream another tab left `expired` waits for a sign-in to open again.
      reconnect();
    } catch (err) {
      $('signin-error').textContent = err.detail || err.message;
    }
  }
}
