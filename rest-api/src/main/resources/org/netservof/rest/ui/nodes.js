// The nodes and pools view: each node's attachment, health, agent and containers (GET /netserv/v1/nodes), a
// drain button (POST /netserv/v1/nodes/{id}/drain, scope admin; the API has no undrain), and the pools
// (GET /netserv/v1/pools).
import { get, write } from './api.js';
import { badge, h, table } from './dom.js';
import * as format from './format.js';

let report = () => {};

function containers(agent) {
  if (!agent || agent.containers.length === 0) return '—';
  return agent.containers.map(c => h('div', { class: 'container', 'data-user': c.user },
    h('strong', {}, c.user), ' ', badge(c.running ? 'running' : 'stopped'),
    h('span', { class: 'sub' }, ` in ${c.packetsIn} · out ${c.packetsOut} · ${format.bytes(c.memoryKb * 1000)}`),
    c.modules.map(m => h('div', { class: 'sub' }, `${m.name}: ${m.status}, ${m.in} in, ${m.dropped} dropped`))));
}

function agentCell(agent) {
  if (!agent) return h('td', {}, 'configured, no agent');
  return h('td', {}, badge(agent.connected ? 'connected' : 'gone'),
    h('div', { class: 'sub' }, `${agent.address} · heartbeat ${format.ago(agent.lastHeartbeat, Date.now())}`));
}

function drainButton(node) {
  return h('button', { type: 'button', class: 'small', 'data-action': 'drain', disabled: node.state !== 'healthy',
    title: 'no new flows go to it; the ones it carries finish there',
    onclick: () => report(write('POST', `/netserv/v1/nodes/${encodeURIComponent(node.id)}/drain`),
      `node ${node.id} draining`) }, node.state === 'draining' ? 'Draining' : 'Drain');
}

function nodeRow(node) {
  return h('tr', { 'data-node': node.id, 'data-state': node.state },
    h('td', {}, h('strong', {}, node.id)), h('td', {}, node.pool),
    h('td', { class: 'mono' }, node.attachment), h('td', {}, badge(node.state), h('div', { class: 'sub' }, node.status)),
    agentCell(node.agent), h('td', {}, containers(node.agent)), h('td', { class: 'num' }, node.weight),
    h('td', { class: 'actions' }, drainButton(node)));
}

function poolRow(pool) {
  return h('tr', { 'data-pool': pool.name }, h('td', {}, h('strong', {}, pool.name)),
    h('td', {}, pool.nodes.join(', ') || '—'),
    h('td', { class: 'num' }, `${pool.healthy} of ${pool.nodes.length}`),
    h('td', {}, pool.services.join(', ') || '—'));
}

export const nodesView = {
  events: ['node.', 'service.'],
  init(reporter) {
    report = reporter;
  },
  async refresh() {
    const [nodes, pools] = await Promise.all([get('/netserv/v1/nodes'), get('/netserv/v1/pools')]);
    table(document.getElementById('nodes-table'), ['node', 'pool', 'attachment', 'state', 'agent', 'containers',
      'weight', ''], nodes.map(nodeRow), 'No service nodes.');
    table(document.getElementById('pools-table'), ['pool', 'nodes', 'taking new flows', 'services'],
      pools.map(poolRow), 'No pools.');
  },
};
