// The events view: the stream's events as they come, newest first, the last few hundred kept.
import { badge, h } from './dom.js';
import { clock } from './format.js';

const KEEP = 300;

export function addEvent(event) {
  const list = document.getElementById('events-list');
  const { at, ...rest } = event.data;
  const item = h('li', { 'data-event': event.name }, h('time', {}, at ? clock(at) : ''),
    badge(event.name, event.name.split('.')[0]), h('code', {}, JSON.stringify(rest)));
  list.prepend(item);
  while (list.children.length > KEEP) list.lastElementChild.remove();
}
