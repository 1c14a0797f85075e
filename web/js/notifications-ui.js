/**
 * The notification centre, on any page with one line:
 *
 *   <script type="module" src="/js/notifications-ui.js"></script>
 *
 * It puts a bell (unread count, panel) into the page's `[data-herald-notifications]`
 * element, or else the `.herald-header`, or else the top right corner, and shows
 * toasts for the signed-in user's notifications as they arrive. It starts once a
 * user is signed in (GET /api/session) and follows sign-in and sign-out announced
 * with `announceSession(user)` from /js/session.js (the `herald:session` window event).
 * Every change arrives on the `notifications` stream too, so all the user's tabs
 * agree. Text is rendered as text only.
 */
import { subscribe, getJSON, postJSON, deleteJSON, ProblemError } from './herald.js';
import { currentUser, onSession } from './session.js';
import { parseNumber } from './options.js';
import { NotificationState } from './notify-state.js';
import { Toasts } from './notify-toasts.js';
import { Panel } from './notify-panel.js';

export const TOPIC = 'notifications';
const API = '/api/notifications';
const PAGE = 50;
/** Events racing the first page are settled by asking for the count once more. */
const RECONCILE_AFTER = 2000;

let centre = null;

/** Starts the centre for the signed-in user (idempotent); returns it, or null when nobody is signed in. */
export async function startNotifications({ user } = {}) {
  const who = user ?? (await currentUser().catch(() => null));
  if (!who) {
    stopNotifications();
    return null;
  }
  if (centre?.userId === who.id) return centre;
  stopNotifications();
  centre = new Centre(who);
  return centre;
}

export function stopNotifications() {
  centre?.destroy();
  centre = null;
}

class Centre {
  constructor(user) {
    this.userId = user.id;
    this.state = new NotificationState();
    this.loading = null;
    this.pending = [];
    this.toasts = new Toasts({ readAfter: readAfterOption(), onSeen: (id) => this.markRead(id) });
    this.panel = new Panel(mountPoint(), this.state, {
      // The panel lists them all; toasts over it would only hide its buttons.
      onOpen: () => {
        this.toasts.setHidden(true);
        this.load();
      },
      onClose: () => this.toasts.setHidden(false),
      onRead: (id) => this.markRead(id),
      onRemove: (id) => this.remove(id),
      onReadAll: () => this.act(() => postJSON(`${API}/read-all`), 'read'),
      onClearAll: () => this.act(() => deleteJSON(API), 'removed'),
      onMore: () => this.loadMore(),
    });
    this.off = subscribe(TOPIC, (event) => this.onEvent(event), {
      onReset: () => this.load(),
    });
    this.load();
    this.reconcile = setTimeout(() => this.refreshCount(), RECONCILE_AFTER);
  }

  onEvent(event) {
    const { type, data } = event;
    // The page being loaded may predate this event: apply it again once the page is in.
    if (this.loading) this.pending.push(event);
    if (type === 'notification') {
      if (this.state.added(data)) this.toasts.show(data);
    } else if (type === 'notification_read') {
      this.state.read(data ?? {});
      for (const id of this.idsOf(data)) this.toasts.markSeen(id);
    } else if (type === 'notification_removed') {
      this.state.removed(data ?? {});
      for (const id of this.idsOf(data)) this.toasts.dismiss(id);
    }
  }

  idsOf(data) {
    if (data?.all) return this.toasts.ids();
    return Array.isArray(data?.ids) ? data.ids.map(String) : [];
  }

  async load() {
    if (this.loading) return this.loading;
    this.pending = [];
    this.loading = (async () => {
      try {
        const page = await getJSON(`${API}?limit=${PAGE}`);
        this.state.load(page ?? {});
        const racing = this.pending;
        this.pending = [];
        if (racing.length) {
          for (const { type, data } of racing) {
            if (type === 'notification') this.state.added(data);
            else if (type === 'notification_read') this.state.read(data ?? {});
            else if (type === 'notification_removed') this.state.removed(data ?? {});
          }
          await this.refreshCount();
        }
      } catch (err) {
        // 401: the session ended (signed out elsewhere as this page signed in, say). The stream
        // says `expired` and the page offers the sign-in; nothing to warn about here.
        if (!(err instanceof ProblemError && err.status === 401)) console.warn('[herald] notifications: could not load', err);
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  async loadMore() {
    const last = this.state.list().at(-1);
    if (!last) return;
    try {
      this.state.loadMore(await getJSON(`${API}?limit=${PAGE}&before=${encodeURIComponent(last.id)}`));
    } catch (err) {
      console.warn('[herald] notifications: could not load older ones', err);
    }
  }

  async refreshCount() {
    const ticket = this.state.countTicket();
    try {
      const { unreadCount } = await getJSON(`${API}/unread-count`);
      this.state.setUnreadCount(unreadCount, ticket);
    } catch {
      // the next event or load corrects it
    }
  }

  markRead(id) {
    const n = this.state.get(id);
    if (n?.read) return;
    this.act(() => postJSON(`${API}/${encodeURIComponent(id)}/read`), 'read');
  }

  remove(id) {
    this.toasts.dismiss(id);
    this.act(() => deleteJSON(`${API}/${encodeURIComponent(id)}`), 'removed');
  }

  /** Applies the server's answer at once; the stream event that follows changes nothing more. */
  async act(call, kind) {
    try {
      const change = await call();
      if (change) this.state[kind](change);
    } catch (err) {
      if (err instanceof ProblemError && err.status === 404) this.load();
      else console.warn('[herald] notifications:', err);
    }
  }

  destroy() {
    clearTimeout(this.reconcile);
    this.off?.();
    this.toasts.destroy();
    this.panel.destroy();
  }
}

/** `?notifyReadAfter=<ms>` changes how long a toast must be on screen to count as read. */
function readAfterOption() {
  const ms = parseNumber(new URLSearchParams(location.search).get('notifyReadAfter'));
  return ms ?? undefined;
}

function mountPoint() {
  const explicit = document.querySelector('[data-herald-notifications]');
  if (explicit) return explicit;
  const header = document.querySelector('.herald-header');
  if (header) {
    const slot = document.createElement('div');
    slot.className = 'hn-slot';
    header.append(slot);
    return slot;
  }
  const corner = document.createElement('div');
  corner.className = 'hn-slot hn-slot--corner';
  document.body.append(corner);
  return corner;
}

function ensureStyles() {
  if (document.querySelector('link[data-herald-notifications-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('../css/notifications.css', import.meta.url).href;
  link.setAttribute('data-herald-notifications-css', '');
  document.head.append(link);
}

function boot() {
  ensureStyles();
  onSession((user) => (user ? startNotifications({ user }) : stopNotifications()));
  startNotifications();
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
  else boot();
}
