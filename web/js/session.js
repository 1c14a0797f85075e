/**
 * Who is signed in, and the page-wide announcement of sign-in and sign-out:
 * `herald:session` on window with {detail: {user}} (user null when signed out).
 */
import { getJSON, ProblemError } from './rest.js';

export const SESSION_EVENT = 'herald:session';

/** The signed-in user {id, username, roles}, or null. */
export async function currentUser({ get = getJSON } = {}) {
  try {
    return (await get('/api/session'))?.user ?? null;
  } catch (err) {
    if (err instanceof ProblemError && err.status === 401) return null;
    throw err;
  }
}

export function announceSession(user) {
  window.dispatchEvent(new CustomEvent(SESSION_EVENT, { detail: { user: user ?? null } }));
}

/** Calls fn(user or null) on every announced change; returns a function that stops it. */
export function onSession(fn) {
  const listener = (e) => fn(e.detail?.user ?? null);
  window.addEventListener(SESSION_EVENT, listener);
  return () => window.removeEventListener(SESSION_EVENT, listener);
}
