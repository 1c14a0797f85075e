/**
 * Messages the user sent, until the server has them. Each gets a clientId once,
 * so however often it is retried — after a failed request or a dropped
 * connection — the server stores it once. Sending waits while the connection is
 * down and resumes when it returns.
 */
import { newClientId, isRetryable } from './rest.js';

export class Outbox {
  /**
   * @param {(entry) => Promise<object>} post   POSTs {content, clientId}; resolves with the stored message
   * @param {{onChange?: Function, sleep?: Function}} [options]
   *        onChange(entry) after every state change: pending | sent | failed
   */
  constructor(post, { onChange = () => {}, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = {}) {
    this._post = post;
    this._onChange = onChange;
    this._sleep = sleep;
    this._queue = [];
    this._online = false;
    this._flushing = false;
  }

  /** Queues a message; returns its entry {clientId, roomId, content, state}. */
  add(roomId, content) {
    const entry = { clientId: newClientId(), roomId, content, state: 'pending', error: null, message: null };
    this._queue.push(entry);
    this._onChange(entry);
    this.flush();
    return entry;
  }

  pending(roomId) {
    return this._queue.filter((e) => e.roomId === roomId);
  }

  /** Whether the stream is up; coming online sends what waited. */
  setOnline(online) {
    this._online = online;
    if (online) this.flush();
  }

  async flush() {
    if (this._flushing || !this._online) return;
    this._flushing = true;
    try {
      while (this._online && this._queue.length) {
        const entry = this._queue[0];
        try {
          entry.message = await this._post(entry);
          entry.state = 'sent';
          this._queue.shift();
          this._onChange(entry);
        } catch (err) {
          if (!isRetryable(err)) {
            entry.state = 'failed';
            entry.error = err;
            this._queue.shift();
            this._onChange(entry);
            continue;
          }
          // Too fast (429) or the network or server failed: keep it, same clientId, try again.
          entry.error = err;
          this._onChange(entry);
          await this._sleep(err?.retryAfter ?? 1000);
        }
      }
    } finally {
      this._flushing = false;
    }
  }
}
