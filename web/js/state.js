/**
 * Connection state as a string, emitted only on change. One helper for the
 * connection, the topic stream, the worker link and the hub, so each says what
 * its state is and none of them re-implements "emit only on change".
 *
 *   disconnected  not started, closed, or waiting for the next attempt
 *   connecting    opening
 *   connected     the stream is open
 *   error         gave up after maxAttempts failed retries; stays until connect()
 *   expired       the server ended the stream because the session ended; no retry
 *                 until the page signs in again (connect()) or resumes without it
 */
import { Emitter } from './emitter.js';

export const STATES = Object.freeze({
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  DISCONNECTED: 'disconnected',
  ERROR: 'error',
  EXPIRED: 'expired',
});

const KNOWN = new Set(Object.values(STATES));

export class StateValue {
  constructor(initial = STATES.DISCONNECTED) {
    this._value = initial;
    this._events = new Emitter();
  }

  get value() {
    return this._value;
  }

  /** Sets the state; listeners hear it only when it changed. Unknown strings are ignored. */
  set(state) {
    if (!KNOWN.has(state) || state === this._value) return false;
    this._value = state;
    this._events.emit('change', state);
    return true;
  }

  /** Calls fn(state) on every change; returns a function that stops it. */
  onChange(fn) {
    return this._events.on('change', fn);
  }
}
