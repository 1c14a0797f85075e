/**
 * Marks a form `data-tried` when someone tries to send it, so its required fields
 * show as invalid from then on (css/herald.css) — and not before: a page must not
 * open with red fields nobody has typed in yet. Forms here are `novalidate` and
 * sent by script, which leaves no mark of its own that CSS can select on.
 * (A module runs once per page, however many modules import it.)
 */
if (typeof document !== 'undefined') {
  document.addEventListener('submit', (e) => e.target?.setAttribute?.('data-tried', ''), true);
}
