/**
 * JSON over fetch for Herald's REST API.
 *
 * - Sends the session cookie (credentials: 'same-origin').
 * - Turns error responses, `application/problem+json` (RFC 9457) above all,
 *   into a ProblemError carrying status, title, detail and the offending field.
 * - withRetry() retries idempotent writes, passing the same clientId to every
 *   attempt so the server can recognise a retry and never store a duplicate.
 */
import { backoffDelay } from './backoff.js';

export class ProblemError extends Error {
  constructor({ status = 0, title = '', detail = '', field = null, type = 'about:blank', body = null, retryAfter = null } = {}) {
    super(detail ? `${title || `HTTP ${status}`}: ${detail}` : title || `HTTP ${status}`);
    this.name = 'ProblemError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.field = field;
    this.type = type;
    this.body = body;
    /** ms to wait before retrying, from Retry-After (429/503), or null. */
    this.retryAfter = retryAfter;
  }
}

/**
 * @param {string} path  e.g. '/api/chat/rooms'
 * @param {{method?: string, body?: any, headers?: object, signal?: AbortSignal, fetch?: Function}} [options]
 * @returns {Promise<any>} parsed JSON, text, or null for an empty body
 */
export async function request(path, { method = 'GET', body, headers = {}, signal, fetch: doFetch = globalThis.fetch } = {}) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json', ...headers },
  };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const res = await doFetch(path, init);
  if (!res.ok) throw await problemFrom(res);
  if (res.status === 204 || res.status === 205) return null;
  const text = await res.text();
  if (!text) return null;
  const type = res.headers.get('content-type') ?? '';
  if (/json/i.test(type)) return JSON.parse(text);
  return text;
}

export const getJSON = (path, options) => request(path, { ...options, method: 'GET' });
export const postJSON = (path, body, options) => request(path, { ...options, method: 'POST', body });
export const putJSON = (path, body, options) => request(path, { ...options, method: 'PUT', body });
export const deleteJSON = (path, options) => request(path, { ...options, method: 'DELETE' });

/** Builds the ProblemError for a failed Response. */
export async function problemFrom(res) {
  const type = res.headers.get('content-type') ?? '';
  let body = null;
  let text = '';
  try {
    text = await res.text();
    if (text && /json/i.test(type)) body = JSON.parse(text);
  } catch {
    body = null;
  }
  const problem = body && typeof body === 'object' ? body : {};
  return new ProblemError({
    status: res.status,
    title: str(problem.title) || res.statusText || `HTTP ${res.status}`,
    detail: str(problem.detail) || (body ? '' : text.slice(0, 500)),
    field: fieldOf(problem),
    type: str(problem.type) || 'about:blank',
    body,
    retryAfter: retryAfterMs(res.headers.get('retry-after')),
  });
}

/** The field a validation problem points at, whatever extension member the server used. */
export function fieldOf(problem) {
  if (!problem || typeof problem !== 'object') return null;
  if (typeof problem.field === 'string') return problem.field;
  for (const key of ['errors', 'invalidParams', 'invalid-params', 'violations', 'fields']) {
    const list = problem[key];
    if (Array.isArray(list) && list.length) {
      const first = list[0];
      if (typeof first === 'string') return first;
      const name = first?.field ?? first?.name ?? first?.path ?? first?.pointer;
      if (typeof name === 'string') return name;
    }
  }
  if (typeof problem.pointer === 'string') return problem.pointer.replace(/^#?\//, '');
  return null;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or invalid. */
export function retryAfterMs(value, now = Date.now()) {
  if (value == null || value === '') return null;
  const v = String(value).trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A fresh client id (UUID v4); crypto.randomUUID is missing outside secure contexts. */
export function newClientId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i += 1) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Network failures, timeouts, 429 and 5xx are worth retrying; other 4xx are not. */
export function isRetryable(err) {
  if (err instanceof ProblemError) return err.status === 408 || err.status === 429 || err.status >= 500;
  if (err && err.name === 'AbortError') return false;
  return err instanceof TypeError; // what fetch rejects with when the network fails
}

/**
 * Runs operation(clientId, attempt) until it succeeds, retrying retryable errors
 * with full-jitter backoff (or the server's Retry-After). The clientId is the
 * same on every attempt: that is what makes the retried write idempotent.
 *
 *   const msg = await withRetry((clientId) =>
 *     postJSON(`/api/chat/rooms/${room}/messages`, { content, clientId }));
 */
export async function withRetry(
  operation,
  { retries = 3, base = 500, cap = 8000, clientId = newClientId(), random = Math.random, sleep = delay, shouldRetry = isRetryable } = {},
) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation(clientId, attempt);
    } catch (err) {
      if (attempt >= retries || !shouldRetry(err)) throw err;
      const wait = err?.retryAfter ?? backoffDelay(attempt, { base, cap, random });
      await sleep(wait);
    }
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function str(v) {
  return typeof v === 'string' ? v : '';
}
