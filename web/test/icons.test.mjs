// Icons are SVG elements built one by one: no markup text, no emoji.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { icon, ICONS } from '../js/icons.js';

/** Just enough of a document to build elements and look at them. */
function fakeDocument() {
  const make = (ns, tag) => ({
    ns,
    tag,
    attrs: {},
    children: [],
    setAttribute(name, value) {
      this.attrs[name] = String(value);
    },
    append(...nodes) {
      this.children.push(...nodes);
    },
  });
  return { createElementNS: make };
}

test('every icon is an aria-hidden SVG of paths that CSS can colour', () => {
  const doc = fakeDocument();
  for (const name of ICONS) {
    const svg = icon(doc, name);
    assert.equal(svg.ns, 'http://www.w3.org/2000/svg');
    assert.equal(svg.tag, 'svg');
    assert.equal(svg.attrs['aria-hidden'], 'true');
    assert.equal(svg.attrs.stroke, 'currentColor');
    assert.equal(svg.attrs['data-icon'], name);
    assert.ok(svg.children.length > 0 && svg.children.every((p) => p.tag === 'path' && /^M[-\d .a-zA-Z]+$/.test(p.attrs.d)));
  }
  assert.ok(ICONS.includes('bell') && ICONS.includes('lock') && ICONS.includes('close'));
});

test('an unknown icon is a mistake, not an empty box', () => {
  assert.throws(() => icon(fakeDocument(), 'nope'), /no icon nope/);
});
