/**
 * The pieces toasts and the panel share: type icons and labels, the action link,
 * times. Everything from a notification goes in as text (textContent), never HTML.
 */
import { icon as svgIcon } from './icons.js';
import { isExternal, safeHref } from './safe-url.js';

export const TYPES = Object.freeze({
  info: { icon: 'info', label: 'Information' },
  success: { icon: 'check', label: 'Success' },
  warning: { icon: 'warning', label: 'Warning' },
  error: { icon: 'error', label: 'Error' },
});

export function typeOf(n) {
  return Object.hasOwn(TYPES, n?.type) ? n.type : 'info';
}

export function el(doc, tag, className, text) {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = String(text);
  return e;
}

/** The type icon, hidden from screen readers (the label says the type). */
export function icon(doc, n) {
  const type = typeOf(n);
  const i = el(doc, 'span', `hn-icon hn-icon--${type}`);
  i.setAttribute('aria-hidden', 'true');
  i.append(svgIcon(doc, TYPES[type].icon));
  return i;
}

/** The action link, or null when there is none or its URL is not safe to follow. */
export function actionLink(doc, n, testId) {
  const href = safeHref(n?.actionUrl);
  if (!href) return null;
  const a = el(doc, 'a', 'hn-action', n.actionLabel || 'Open');
  a.href = href;
  a.setAttribute('data-testid', testId);
  if (isExternal(href)) {
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  return a;
}

export function timeText(ts) {
  const d = new Date(typeof ts === 'number' ? ts : Date.now());
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
}
