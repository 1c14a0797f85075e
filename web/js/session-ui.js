/**
 * A small sign-in control for pages that need a user (notifications, chat):
 *
 *   <div data-herald-session></div>
 *   <script type="module" src="/js/session-ui.js"></script>
 *
 * Signed out it is a name field and a button (POST /api/session sets the cookie);
 * signed in it shows the name and a sign-out button. Either change is announced as
 * `herald:session` on window ({detail: {user}}, user null on sign-out), which the
 * notification centre follows.
 *
 * When the server ends the stream because the session ended (`expired`), it says
 * so and offers the sign-in again; the sign-out is announced, so what needed the
 * session lets go, and a new sign-in reconnects the stream.
 */
import './tried-forms.js';
import { onExpired, reconnect } from './herald.js';
import { deleteJSON, postJSON } from './rest.js';
import { announceSession, currentUser } from './session.js';

export function mountSession(host) {
  host.classList.add('herald-session');
  let user = null;
  const render = (who) => {
    user = who;
    return who ? signedIn(host, who) : signedOut(host);
  };
  currentUser().then(render, () => render(null));
  onExpired(() => {
    if (!user) return;
    announceSession(null);
    render(null);
    const notice = document.createElement('span');
    notice.className = 'herald-session__ended';
    notice.setAttribute('role', 'status');
    notice.setAttribute('data-testid', 'session-ended');
    notice.textContent = 'Your session has ended. Sign in again:';
    host.prepend(notice);
  });
  return { render };

  function signedOut(root) {
    const form = document.createElement('form');
    form.noValidate = true;
    form.setAttribute('data-testid', 'signin-form');
    const input = document.createElement('input');
    input.name = 'username';
    input.placeholder = 'Your name';
    input.autocomplete = 'username';
    input.maxLength = 40;
    input.required = true;
    input.setAttribute('aria-label', 'Your name');
    input.setAttribute('data-testid', 'signin-username');
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.textContent = 'Sign in';
    submit.setAttribute('data-testid', 'signin-submit');
    const error = document.createElement('span');
    error.className = 'herald-session__error';
    error.setAttribute('role', 'alert');
    form.append(input, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const username = input.value.trim();
      if (!username) {
        error.textContent = 'Enter a name';
        return;
      }
      submit.disabled = true;
      try {
        const { user: who } = await postJSON('/api/session', { username });
        announceSession(who);
        render(who);
        reconnect();
      } catch (err) {
        error.textContent = err?.detail || 'Sign-in failed';
        submit.disabled = false;
      }
    });
    root.replaceChildren(form, error);
  }

  function signedIn(root, who) {
    const name = document.createElement('span');
    name.textContent = who.username ?? who.id;
    name.setAttribute('data-testid', 'signed-in-user');
    name.setAttribute('data-user-id', who.id);
    const out = document.createElement('button');
    out.type = 'button';
    out.className = 'secondary';
    out.textContent = 'Sign out';
    out.setAttribute('data-testid', 'signout');
    out.addEventListener('click', async () => {
      try {
        await deleteJSON('/api/session');
      } finally {
        announceSession(null);
        render(null);
      }
    });
    root.replaceChildren(name, out);
  }
}

function boot() {
  if (!document.querySelector('link[data-herald-session-css]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('../css/session.css', import.meta.url).href;
    link.setAttribute('data-herald-session-css', '');
    document.head.append(link);
  }
  for (const host of document.querySelectorAll('[data-herald-session]')) mountSession(host);
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
  else boot();
}
