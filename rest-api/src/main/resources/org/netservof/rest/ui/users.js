// The users view: each signaling user's grants and caps (GET /netserv/v1/users), the services signaled under the
// cap, and every service steered for the user whatever created it (GET /netserv/v1/services, by its user).
import { get } from './api.js';
import { h, table } from './dom.js';

function row(user, services) {
  const cap = user.maxServices > 0 ? ` of ${user.maxServices}` : '';
  const own = services.filter(s => s.user === user.name);
  return h('tr', { 'data-user': user.name }, h('td', {}, h('strong', {}, user.name)),
    h('td', { class: 'mono' }, user.grants.map(g => h('div', {}, g))),
    h('td', { class: 'num' }, `${user.services.length}${cap}`),
    h('td', { 'data-services': own.map(s => s.id).join(',') },
      own.length === 0 ? '—' : own.map(s => h('div', {}, `${s.id} ${s.name}`))),
    h('td', { class: 'num' }, user.maxRateKbps > 0 ? `${user.maxRateKbps} kb/s` : 'no cap'));
}

export const usersView = {
  events: ['service.'],
  async refresh() {
    const [users, services] = await Promise.all([get('/netserv/v1/users'), get('/netserv/v1/services')]);
    table(document.getElementById('users-table'), ['user', 'grants', 'signaled (cap)', 'services now', 'rate cap'],
      users.map(u => row(u, services)), 'No signaling users are configured (users:).');
  },
};
