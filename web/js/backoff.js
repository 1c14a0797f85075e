/**
 * Full-jitter exponential backoff ("Exponential Backoff And Jitter", AWS
 * Architecture Blog): a uniformly random delay in [0, min(cap, base * 2^attempt)).
 * Randomising the whole interval spreads reconnecting clients out after a server
 * drops every stream at once, instead of having them stampede back in lockstep.
 *
 * Pure: the random source is injectable so tests are deterministic.
 *
 * @param {number} attempt  0 for the first retry, 1 for the second, ...
 * @param {{base?: number, cap?: number, random?: () => number}} [options]
 *        base: the server's `retry:` value in ms (Herald's default is 3000)
 *        cap: the largest delay in ms
 * @returns {number} whole milliseconds, 0 <= delay < ceiling (or 0 when ceiling is 0)
 */
export function backoffDelay(attempt, { base = 3000, cap = 30000, random = Math.random } = {}) {
  const ceiling = backoffCeiling(attempt, { base, cap });
  if (ceiling <= 0) return 0;
  const r = Number(random());
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.min(Math.floor(unit * ceiling), Math.max(0, Math.ceil(ceiling) - 1));
}

/** The upper bound of the delay for an attempt: min(cap, base * 2^attempt), never negative. */
export function backoffCeiling(attempt, { base = 3000, cap = 30000 } = {}) {
  const a = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  const b = Number.isFinite(base) && base > 0 ? base : 0;
  const c = Number.isFinite(cap) && cap >= 0 ? cap : Infinity;
  // 2^31 already dwarfs any sane cap; clamping avoids Infinity * 0 and overflow.
  return Math.min(c, b * 2 ** Math.min(a, 31));
}
