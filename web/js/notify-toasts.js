/**
 * Toasts, top right: at most `max` visible, newest on top, each removed after its
 * duration when autoRemove, and reported as read once it has been on a visible
 * screen for `readAfter` ms (a toast in a background tab is not "seen").
 */
import { icon as svgIcon } from './icons.js';
import { actionLink, el, icon, typeOf, TYPES } from './notify-render.js';

export const MAX_TOASTS = 5;
export const READ_AFTER = 3000;

export class Toasts {
  /**
   * @param {{document?: Document, max?: number, readAfter?: number, onSeen?: (id: string) => void}} [options]
   */
  constructor({ document: doc = globalThis.document, max = MAX_TOASTS, readAfter = READ_AFTER, onSeen = () => {} } = {}) {
    this.doc = doc;
    this.max = max;
    this.readAfter = readAfter;
    this.onSeen = onSeen;
    this._toasts = new Map();
    this.root = el(doc, 'section', 'hn-toasts');
    this.root.setAttribute('aria-label', 'Notifications');
    this.root.setAttribute('data-testid', 'toasts');
    this._onVisibility = () => this._visibilityChanged();
    doc.addEventListener('visibilitychange', this._onVisibility);
    doc.body.append(this.root);
  }

  show(n) {
    const id = String(n.id);
    if (this._toasts.has(id)) return;
    const type = typeOf(n);
    const node = el(this.doc, 'div', `hn-toast hn-toast--${type}`);
    node.setAttribute('data-testid', 'toast');
    node.setAttribute('data-type', type);
    node.setAttribute('data-id', id);
    node.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');

    const body = el(this.doc, 'div', 'hn-toast__body');
    const title = el(this.doc, 'strong', 'hn-toast__title', n.title ?? '');
    title.setAttribute('data-testid', 'toast-title');
    const sr = el(this.doc, 'span', 'hn-sr', `${TYPES[type].label}: `);
    title.prepend(sr);
    const message = el(this.doc, 'p', 'hn-toast__message', n.message ?? '');
    message.setAttribute('data-testid', 'toast-message');
    body.append(title, message);
    const link = actionLink(this.doc, n, 'toast-action');
    if (link) body.append(link);

    const close = el(this.doc, 'button', 'hn-close');
    close.append(svgIcon(this.doc, 'close'));
    close.type = 'button';
    close.setAttribute('aria-label', 'Dismiss notification');
    close.setAttribute('data-testid', 'toast-close');
    close.addEventListener('click', () => this.dismiss(id));

    node.append(icon(this.doc, n), body, close);
    this.root.prepend(node);

    const toast = { node, removeTimer: null, seenTimer: null, seen: Boolean(n.read) };
    this._toasts.set(id, toast);
    if (n.autoRemove !== false) {
      const duration = Number.isFinite(n.duration) ? n.duration : 5000;
      toast.removeTimer = setTimeout(() => this.dismiss(id), duration);
    }
    this._watchSeen(id, toast);
    while (this._toasts.size > this.max) this.dismiss(this._toasts.keys().next().value);
  }

  dismiss(id) {
    const toast = this._toasts.get(String(id));
    if (!toast) return;
    clearTimeout(toast.removeTimer);
    clearTimeout(toast.seenTimer);
    this._toasts.delete(String(id));
    toast.node.remove();
  }

  /** Another tab read it: it stays until its time is up, but is not reported again. */
  markSeen(id) {
    const toast = this._toasts.get(String(id));
    if (!toast) return;
    toast.seen = true;
    clearTimeout(toast.seenTimer);
    toast.node.classList.add('is-read');
  }

  setHidden(hidden) {
    this.root.hidden = hidden;
  }

  /** Ids of the toasts on screen, oldest first. */
  ids() {
    return [...this._toasts.keys()];
  }

  clear() {
    for (const id of this.ids()) this.dismiss(id);
  }

  destroy() {
    this.clear();
    this.doc.removeEventListener('visibilitychange', this._onVisibility);
    this.root.remove();
  }

  _watchSeen(id, toast) {
    clearTimeout(toast.seenTimer);
    if (toast.seen || this.doc.visibilityState === 'hidden') return;
    toast.seenTimer = setTimeout(() => {
      if (toast.seen || this.doc.visibilityState === 'hidden') return;
      toast.seen = true;
      toast.node.classList.add('is-read');
      this.onSeen(id);
    }, this.readAfter);
  }

  _visibilityChanged() {
    for (const [id, toast] of this._toasts) {
      if (this.doc.visibilityState === 'hidden') clearTimeout(toast.seenTimer);
      else this._watchSeen(id, toast);
    }
  }
}
