/**
 * Typing, both ways: the indicator's text for the people typing now, and a
 * sender that tells the server while the user types without a request per key.
 * The server ends a typing state 5 s after its last refresh, so the sender
 * refreshes every REFRESH_MS and says stop after IDLE_MS without input.
 */
export const REFRESH_MS = 2000;
export const IDLE_MS = 3000;
/** Client-side safety net in case a typing_stop is lost: a little over the server's 5 s. */
export const STALE_MS = 6000;

/** "Alice is typing…", "Alice and Bob are typing…", "Several people are typing…", or ''. */
export function typingText(names) {
  if (!names.length) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

/** Who is typing in the open room, by user id, in the order they started. */
export class TypingSet {
  constructor({ now = () => Date.now() } = {}) {
    this._now = now;
    this._typing = new Map();
  }

  start(userId, username) {
    this._typing.set(userId, { username, at: this._now() });
  }

  stop(userId) {
    this._typing.delete(userId);
  }

  clear() {
    this._typing.clear();
  }

  /** Names of those typing, forgetting any not heard from for STALE_MS. */
  names() {
    const now = this._now();
    for (const [id, t] of this._typing) if (now - t.at > STALE_MS) this._typing.delete(id);
    return [...this._typing.values()].map((t) => t.username);
  }
}

/**
 * Sends {typing: true} on the first keystroke and every REFRESH_MS while typing
 * goes on, and {typing: false} after IDLE_MS of quiet or when the text is emptied.
 * send(typing) returns a promise; failures are ignored (typing is best effort).
 */
export class TypingSender {
  constructor(send, { now = () => Date.now(), setTimeout: later = globalThis.setTimeout, clearTimeout: cancel = globalThis.clearTimeout } = {}) {
    this._send = send;
    this._now = now;
    // Called through closures, never as this._later(...): a browser's setTimeout
    // throws "Illegal invocation" when called as a method of another object.
    this._later = (fn, ms) => later(fn, ms);
    this._cancel = (handle) => cancel(handle);
    this._typing = false;
    this._lastSent = 0;
    this._idle = null;
  }

  /** Call on every input with whether the box still has text. */
  input(hasText) {
    if (!hasText) {
      this.stop();
      return;
    }
    const now = this._now();
    if (!this._typing || now - this._lastSent >= REFRESH_MS) {
      this._typing = true;
      this._lastSent = now;
      this._fire(true);
    }
    if (this._idle) this._cancel(this._idle);
    this._idle = this._later(() => this.stop(), IDLE_MS);
  }

  /** Stops announcing; sends a stop only when a start was sent. */
  stop() {
    if (this._idle) this._cancel(this._idle);
    this._idle = null;
    if (!this._typing) return;
    this._typing = false;
    this._fire(false);
  }

  /** The message was sent: the server already ended the typing state. */
  sent() {
    if (this._idle) this._cancel(this._idle);
    this._idle = null;
    this._typing = false;
  }

  _fire(typing) {
    Promise.resolve()
      .then(() => this._send(typing))
      .catch(() => {});
  }
}
