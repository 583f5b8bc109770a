// The services view: every service with its filter, pool, mode, state, nodes, counters and the lease counting
// down (GET /netserv/v1/services); the form creates one (POST), each row refreshes its lease
// (POST /{id}/refresh) or deletes it (DELETE /{id}).
import { get, write } from './api.js';
import { badge, h, replace, table } from './dom.js';
import * as format from './format.js';

let report = () => {};
/** Services whose delete was clicked once: the next click deletes (kept across the table's refreshes). */
const armed = new Set();

function leaseSeconds() {
  return Number(document.getElementById('lease-seconds').value) || 600;
}

function actions(service) {
  const refresh = h('button', { type: 'button', class: 'small', 'data-action': 'refresh',
    onclick: () => report(write('POST', `/netserv/v1/services/${service.id}/refresh`, { ttlSeconds: leaseSeconds() }),
      `service ${service.id}: lease renewed for ${leaseSeconds()} s`) }, 'Refresh lease');
  const remove = h('button', { type: 'button', class: 'small danger', 'data-action': 'delete',
    'data-armed': armed.has(service.id) ? 'yes' : 'no' }, armed.has(service.id) ? 'Confirm delete' : 'Delete');
  remove.addEventListener('click', () => {
    if (!armed.has(service.id)) {
      armed.add(service.id);
      remove.dataset.armed = 'yes';
      remove.textContent = 'Confirm delete';
      return;
    }
    armed.delete(service.id);
    report(write('DELETE', `/netserv/v1/services/${service.id}`), `service ${service.id} deleted`);
  });
  return h('td', { class: 'actions' }, refresh, remove);
}

function row(service) {
  return h('tr', { 'data-service': service.id, 'data-name': service.name },
    h('td', { class: 'num' }, service.id),
    h('td', {}, h('strong', {}, service.name), service.module ? h('div', { class: 'sub' }, service.module.name) : null),
    h('td', {}, service.user || '—'),
    h('td', { class: 'mono' }, format.filter(service.filter)),
    h('td', {}, service.pool), h('td', {}, service.mode), h('td', {}, badge(service.state)),
    h('td', {}, service.nodes.join(', ') || '—'),
    h('td', { class: 'num', 'data-packets': service.counters.packets }, service.counters.packets.toLocaleString()),
    h('td', { class: 'num' }, format.bytes(service.counters.bytes)),
    h('td', { class: 'num lease', 'data-expires': service.expiresAt || '' },
      format.lease(service.expiresAt, Date.now())),
    actions(service));
}

/** The pools the form offers, keeping the operator's choice across refreshes. */
function pools(list) {
  const select = document.getElementById('pool-select');
  const chosen = select.value;
  replace(select, list.length === 0 ? h('option', { value: '' }, 'no pools')
    : list.map(p => h('option', { value: p.name, selected: p.name === chosen }, p.name)));
}

/** The form's fields as the API's ServiceCreate JSON: empty fields are left out. */
export function serviceRequest(fields) {
  const v = name => (fields[name] || '').trim();
  const filter = { protocol: v('protocol') };
  for (const key of ['src', 'dst', 'dstPorts']) if (v(key)) filter[key] = v(key);
  const body = { name: v('name'), filter, pool: v('pool'), mode: v('mode') };
  if (v('ttlSeconds')) body.ttlSeconds = Number(v('ttlSeconds'));
  if (v('user')) body.user = v('user');
  if (v('moduleName') || v('moduleUrl') || v('moduleSha256')) {
    body.module = { name: v('moduleName'), url: v('moduleUrl'), sha256: v('moduleSha256') };
  }
  return body;
}

async function create(event) {
  event.preventDefault();
  const form = event.target;
  const done = await report(write('POST', '/netserv/v1/services', serviceRequest(Object.fromEntries(
    new FormData(form)))), null);
  if (!done) return;
  report(Promise.resolve(), done.accepted ? `service ${done.name || ''} still installing: deployment ${done.id}`
    : `service ${done.id} created: steered through ${done.nodes.join(', ') || 'its pool'}`);
  form.reset();
}

export const servicesView = {
  events: ['service.', 'node.'],
  /** report(promise, success message) shows the outcome and refreshes; resolves to the result or null. */
  init(reporter) {
    report = reporter;
    document.getElementById('service-form').addEventListener('submit', create);
  },
  async refresh() {
    const [services, poolList] = await Promise.all([get('/netserv/v1/services'), get('/netserv/v1/pools')]);
    pools(poolList);
    table(document.getElementById('services-table'), ['id', 'name', 'user', 'filter', 'pool', 'mode', 'state',
      'nodes', 'packets', 'bytes', 'lease', ''], services.map(row), 'No services yet: create one below.');
  },
  /** Counts each lease down between refreshes. */
  tick() {
    for (const cell of document.querySelectorAll('#services-table td.lease')) {
      cell.textContent = format.lease(cell.dataset.expires, Date.now());
    }
  },
};
