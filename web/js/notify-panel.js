/**
 * The bell with the unread count, and the panel it opens: the user's
 * notifications newest first, read/unread styling, mark read, remove, mark all
 * read, clear all, and older pages on demand. It renders a NotificationState and
 * calls back for every action; it never talks to the server itself.
 */
import { icon as svgIcon } from './icons.js';
import { actionLink, el, icon, timeText, typeOf } from './notify-render.js';

export class Panel {
  /**
   * @param {HTMLElement} host  where the bell goes
   * @param {import('./notify-state.js').NotificationState} state
   * @param {{onOpen, onClose, onRead, onRemove, onReadAll, onClearAll, onMore}} actions
   */
  constructor(host, state, actions, { document: doc = globalThis.document } = {}) {
    this.doc = doc;
    this.state = state;
    this.actions = actions;
    this.root = el(doc, 'div', 'hn-centre');

    this.bell = el(doc, 'button', 'hn-bell');
    this.bell.type = 'button';
    this.bell.setAttribute('data-testid', 'notification-bell');
    this.bell.setAttribute('aria-haspopup', 'dialog');
    this.bell.setAttribute('aria-expanded', 'false');
    const bellIcon = el(doc, 'span', 'hn-bell__icon');
    bellIcon.setAttribute('aria-hidden', 'true');
    bellIcon.append(svgIcon(doc, 'bell'));
    this.count = el(doc, 'span', 'hn-bell__count', '0');
    this.count.setAttribute('data-testid', 'unread-count');
    this.bell.append(bellIcon, this.count);
    this.bell.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));

    this.panel = el(doc, 'div', 'hn-panel');
    this.panel.id = `hn-panel-${Math.random().toString(36).slice(2, 8)}`;
    this.panel.hidden = true;
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-label', 'Notifications');
    this.panel.setAttribute('data-testid', 'notification-panel');
    this.bell.setAttribute('aria-controls', this.panel.id);

    const head = el(doc, 'div', 'hn-panel__head');
    const heading = el(doc, 'h2', 'hn-panel__title', 'Notifications');
    this.readAll = button(doc, 'Mark all read', 'mark-all-read', () => actions.onReadAll());
    this.clearAll = button(doc, 'Clear all', 'clear-all', () => actions.onClearAll());
    head.append(heading, this.readAll, this.clearAll);

    this.list = el(doc, 'ul', 'hn-list');
    this.list.setAttribute('data-testid', 'notification-list');
    this.empty = el(doc, 'p', 'hn-empty', 'No notifications.');
    this.empty.setAttribute('data-testid', 'notifications-empty');
    this.more = button(doc, 'Show older', 'notifications-more', () => actions.onMore());
    this.more.classList.add('hn-more');

    this.panel.append(head, this.list, this.empty, this.more);
    this.root.append(this.bell, this.panel);
    host.append(this.root);

    this._onKey = (e) => {
      if (e.key === 'Escape' && this.isOpen) {
        this.close();
        this.bell.focus();
      }
    };
    this._onClick = (e) => {
      if (this.isOpen && !this.root.contains(e.target)) this.close();
    };
    doc.addEventListener('keydown', this._onKey);
    doc.addEventListener('click', this._onClick);
    this._off = state.onChange(() => this.render());
    this.render();
  }

  get isOpen() {
    return !this.panel.hidden;
  }

  open() {
    this.panel.hidden = false;
    this.bell.setAttribute('aria-expanded', 'true');
    this.actions.onOpen?.();
    this.render();
  }

  close() {
    if (!this.isOpen) return;
    this.panel.hidden = true;
    this.bell.setAttribute('aria-expanded', 'false');
    this.actions.onClose?.();
  }

  render() {
    const unread = this.state.unreadCount;
    this.count.textContent = unread > 99 ? '99+' : String(unread);
    this.count.setAttribute('data-count', String(unread));
    this.bell.setAttribute('aria-label', unread === 1 ? 'Notifications: 1 unread' : `Notifications: ${unread} unread`);
    if (!this.isOpen) return;
    const items = this.state.list();
    this.list.replaceChildren(...items.map((n) => this._item(n)));
    this.empty.hidden = items.length > 0;
    this.more.hidden = !this.state.hasMore;
    this.readAll.disabled = unread === 0;
    this.clearAll.disabled = items.length === 0;
  }

  destroy() {
    this._off?.();
    this.doc.removeEventListener('keydown', this._onKey);
    this.doc.removeEventListener('click', this._onClick);
    this.root.remove();
  }

  _item(n) {
    const doc = this.doc;
    const li = el(doc, 'li', `hn-item hn-item--${typeOf(n)}${n.read ? ' is-read' : ''}`);
    li.setAttribute('data-testid', 'notification-item');
    li.setAttribute('data-id', String(n.id));
    li.setAttribute('data-type', typeOf(n));
    li.setAttribute('data-read', String(Boolean(n.read)));

    const body = el(doc, 'div', 'hn-item__body');
    const title = el(doc, 'strong', 'hn-item__title', n.title ?? '');
    title.setAttribute('data-testid', 'notification-title');
    const message = el(doc, 'p', 'hn-item__message', n.message ?? '');
    message.setAttribute('data-testid', 'notification-message');
    const meta = el(doc, 'span', 'hn-item__time', timeText(n.timestamp));
    body.append(title, message, meta);
    const link = actionLink(doc, n, 'notification-action');
    if (link) {
      link.addEventListener('click', () => !n.read && this.actions.onRead(String(n.id)));
      body.append(link);
    }

    const tools = el(doc, 'div', 'hn-item__tools');
    if (!n.read) tools.append(button(doc, 'Mark read', 'notification-read', () => this.actions.onRead(String(n.id))));
    const remove = button(doc, '', 'notification-remove', () => this.actions.onRemove(String(n.id)));
    remove.append(svgIcon(doc, 'close'));
    remove.setAttribute('aria-label', 'Remove notification');
    remove.classList.add('hn-close');
    tools.append(remove);

    li.append(icon(doc, n), body, tools);
    return li;
  }
}

function button(doc, text, testId, onClick) {
  const b = el(doc, 'button', 'secondary hn-button', text);
  b.type = 'button';
  b.setAttribute('data-testid', testId);
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}
