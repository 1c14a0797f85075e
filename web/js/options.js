/**
 * Client options from a URL query string, so tests and operators can tune any
 * page without code: `?maxAttempts=3&backoffBase=200&backoffCap=1000&heartbeat=2000&grace=500&sharedWorker=0`.
 * Only valid values are returned; anything else is ignored.
 */
const NUMBER_KEYS = {
  maxAttempts: ['maxAttempts', 'maxattempts', 'attempts'],
  backoffBase: ['backoffBase', 'base', 'retry'],
  backoffCap: ['backoffCap', 'cap'],
  heartbeatInterval: ['heartbeatInterval', 'heartbeat'],
  gracePeriod: ['gracePeriod', 'grace'],
};

const TRUE = new Set(['1', 'true', 'yes', 'on', '']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** @param {string|URLSearchParams} search  e.g. location.search */
export function optionsFromQuery(search) {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search ?? '');
  const out = {};
  for (const [option, names] of Object.entries(NUMBER_KEYS)) {
    for (const name of names) {
      if (!params.has(name)) continue;
      const value = parseNumber(params.get(name));
      if (value !== null) {
        out[option] = value;
        break;
      }
    }
  }
  const sw = params.get('sharedWorker') ?? params.get('sharedworker');
  if (sw !== null) {
    const v = sw.trim().toLowerCase();
    if (TRUE.has(v)) out.sharedWorker = true;
    else if (FALSE.has(v)) out.sharedWorker = false;
  }
  return out;
}

/** A non-negative number of milliseconds (or attempts); "Infinity" allowed; null when invalid. */
export function parseNumber(text) {
  if (text == null) return null;
  const t = String(text).trim();
  if (/^(inf|infinity)$/i.test(t)) return Infinity;
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Options that change how the shared connection behaves: tabs share a worker only when these match. */
const WORKER_KEYS = ['url', 'maxAttempts', 'backoffBase', 'backoffCap', 'heartbeatInterval', 'gracePeriod', 'withCredentials'];

/** The SharedWorker name: identical options give the same worker, different ones a separate worker. */
export function workerName(options = {}) {
  const picked = {};
  for (const key of WORKER_KEYS) {
    const v = options[key];
    if (v === undefined) continue;
    picked[key] = v === Infinity ? 'Infinity' : v;
  }
  return 'herald ' + JSON.stringify(picked);
}

/** Reads options back from a name made by workerName; {} when it is not one. */
export function parseWorkerName(name) {
  if (typeof name !== 'string' || !name.startsWith('herald ')) return {};
  try {
    const raw = JSON.parse(name.slice('herald '.length));
    const out = {};
    for (const key of WORKER_KEYS) {
      if (!(key in raw)) continue;
      out[key] = raw[key] === 'Infinity' ? Infinity : raw[key];
    }
    return out;
  } catch {
    return {};
  }
}
