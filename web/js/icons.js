/**
 * The client's icons as inline SVG, built element by element (never from markup
 * text), so they show the same on every system: an emoji needs a font that not
 * every system has, and without it the bell was an empty box. Each icon is
 * decorative (aria-hidden); the text next to it, or an aria-label, says what it is.
 * Strokes use currentColor, so CSS colours them.
 */
const SVG = 'http://www.w3.org/2000/svg';

/** 24×24 outline paths (drawn for Herald: simple strokes, no external set). */
const PATHS = Object.freeze({
  bell: ['M6 16V11a6 6 0 0 1 12 0v5l2 2H4z', 'M10 20a2 2 0 0 0 4 0'],
  lock: ['M6 11h12v9H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  info: ['M12 11v6', 'M12 7.5v.5'],
  warning: ['M12 7v7', 'M12 17.5v.5'],
  error: ['M7 7l10 10', 'M17 7L7 17'],
  leave: ['M14 5h5v14h-5', 'M10 8l-4 4 4 4', 'M6 12h10'],
  person: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 20a8 8 0 0 1 16 0'],
});

export const ICONS = Object.freeze(Object.keys(PATHS));

/**
 * @param {Document} doc
 * @param {string} name  one of ICONS
 * @param {string} [className]
 * @returns {SVGSVGElement}
 */
export function icon(doc, name, className = 'herald-icon') {
  const paths = PATHS[name];
  if (!paths) throw new Error(`no icon ${name}`);
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '1em');
  svg.setAttribute('height', '1em');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  svg.setAttribute('data-icon', name);
  for (const d of paths) {
    const path = doc.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
