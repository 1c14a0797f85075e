/**
 * The client's own check of a notification's action link, mirroring the server's
 * (ActionUrls.java): http(s) with a host, or a path relative to this site. A link is
 * only ever built from a URL that passes, so a javascript: or //host URL that got
 * past the server by any route still never becomes a clickable link.
 */
export function safeHref(url, base = globalThis.location?.href ?? 'http://localhost/') {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2000) return null;
  // Browsers drop tabs and newlines inside URLs and read '\' as '/'.
  if (/[\u0000-\u0020\u007f\\]/.test(url)) return null;
  if (url.startsWith('//')) return null;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  // The URL parser forgives 'https:///x' and 'http:host'; the server refuses them, and so do we.
  if (scheme && !/^https?:\/\/[^/?#]/i.test(url)) return null;
  let resolved;
  try {
    resolved = new URL(url, base);
  } catch {
    return null;
  }
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return null;
  if (!resolved.host) return null;
  return resolved.href;
}

/** True when href leaves the page's origin (opened in a new tab, without an opener). */
export function isExternal(href, base = globalThis.location?.href ?? 'http://localhost/') {
  try {
    return new URL(href).origin !== new URL(base).origin;
  } catch {
    return true;
  }
}
