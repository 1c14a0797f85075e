/**
 * A small connection indicator: a coloured dot and a label. The root element
 * carries data-testid="connection-state" and data-state="<state>" (and
 * data-mode="shared-worker|local"); in `error` it shows a Retry button.
 * Styling lives in css/herald.css (.herald-indicator).
 */
export const LABELS = Object.freeze({
  connecting: 'Connecting…',
  connected: 'Live',
  disconnected: 'Offline',
  error: 'Connection failed',
  expired: 'Session ended',
});

/**
 * @param {{onState: Function, connect?: Function, onMode?: Function, mode?: string}} source  a Hub
 * @param {{document?: Document, labels?: object}} [options]
 * @returns {{element: HTMLElement, update: Function, destroy: Function}}
 */
export function createIndicator(source, { document: doc = globalThis.document, labels = LABELS } = {}) {
  const root = doc.createElement('span');
  root.className = 'herald-indicator';
  root.setAttribute('data-testid', 'connection-state');
  root.setAttribute('role', 'status');
  root.setAttribute('aria-live', 'polite');

  const dot = doc.createElement('span');
  dot.className = 'herald-indicator__dot';
  dot.setAttribute('aria-hidden', 'true');

  const label = doc.createElement('span');
  label.className = 'herald-indicator__label';

  const retry = doc.createElement('button');
  retry.type = 'button';
  retry.className = 'herald-indicator__retry';
  retry.textContent = 'Retry';
  retry.addEventListener('click', () => source.connect?.());

  root.append(dot, label, retry);

  const update = (state) => {
    const s = typeof state === 'string' ? state : 'disconnected';
    root.setAttribute('data-state', s);
    label.textContent = labels[s] ?? s;
    root.title = `Herald connection: ${s}`;
  };
  const setMode = (mode) => {
    if (mode) root.setAttribute('data-mode', mode);
  };

  update(source.state);
  setMode(source.mode);
  const offState = source.onState((s) => update(s));
  const offMode = source.onMode?.(setMode);

  return {
    element: root,
    update,
    destroy() {
      offState?.();
      offMode?.();
      root.remove();
    },
  };
}

/** Creates an indicator and appends it to target (an element or a selector). */
export function mountIndicator(target, source, options) {
  const doc = options?.document ?? globalThis.document;
  const parent = typeof target === 'string' ? doc.querySelector(target) : target;
  if (!parent) throw new Error(`no element for ${target}`);
  const indicator = createIndicator(source, options);
  parent.append(indicator.element);
  return indicator;
}
