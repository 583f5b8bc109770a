// The users view: each signaling user's grants, caps and services now (GET /netserv/v1/users).
import { get } from './api.js';
import { h, table } from './dom.js';

function row(user) {
  const cap = user.maxServices > 0 ? ` of ${user.maxServices}` : '';
  return h('tr', { 'data-user': user.name }, h('td', {}, h('strong', {}, user.name)),
    h('td', { class: 'mono' }, user.grants.map(g => h('div', {}, g))),
    h('td', { class: 'num' }, `${user.services.length}${cap}`),
    h('td', {}, user.services.join(', ') || '—'),
    h('td', { class: 'num' }, user.maxRateKbps > 0 ? `${user.maxRateKbps} kb/s` : 'no cap'));
}

export const usersView = {
  events: ['service.'],
  async refresh() {
    const users = await get('/netserv/v1/users');
    table(document.getElementById('users-table'), ['user', 'grants', 'services in use', 'service ids', 'rate cap'],
      users.map(row), 'No signaling users are configured (users:).');
  },
};
