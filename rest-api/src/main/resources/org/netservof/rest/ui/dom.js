// Building the page's elements without innerHTML: text from the API is always text, never markup.
const SVG = 'http://www.w3.org/2000/svg';

/** An HTML element with attributes (on* keys become listeners) and children (strings become text). */
export function h(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, the same way. */
export function s(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), attrs, children);
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return fill(el, {}, children);
}

function fill(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** A table: a header row and one row per item, each row built by the caller. */
export function table(el, headings, rows, empty) {
  const head = h('thead', {}, h('tr', {}, headings.map(t => h('th', {}, t))));
  const body = rows.length > 0 ? rows
    : [h('tr', {}, h('td', { colspan: headings.length, class: 'empty' }, empty))];
  replace(el, head, h('tbody', {}, body));
}

/** A small coloured word: a state, a role, an event name. */
export function badge(text, kind = text) {
  return h('span', { class: 'badge', 'data-kind': kind }, text);
}
