// The topology view: switches, the links between them (a link that went away stays, dashed, as down), hosts
// and service nodes on their switch ports, drawn in SVG. Data: /netserv/v1/switches, /wm/topology/links/json,
// /wm/device/ and /netserv/v1/nodes.
import { get, optional } from './api.js';
import { badge, replace, s } from './dom.js';
import { shortDpid } from './format.js';
import { along, layout } from './layout.js';

/** Links seen since the page opened, by key: one that vanished is drawn as down until it comes back. */
const seen = new Map();

/** A cable's key, the same in both directions: its two ends, sorted. */
const linkKey = l => [`${l.src}/${l.srcPort}`, `${l.dst}/${l.dstPort}`].sort().join('-');

async function load() {
  const [switches, links, devices, nodes] = await Promise.all([get('/netserv/v1/switches'),
    get('/wm/topology/links/json'), get('/wm/device/'), optional('/netserv/v1/nodes', [])]);
  const up = links.map(l => ({ src: l['src-switch'], srcPort: l['src-port'], dst: l['dst-switch'],
    dstPort: l['dst-port'], state: 'up' }));
  up.forEach(l => seen.set(linkKey(l), l));
  const upKeys = new Set(up.map(linkKey));
  const down = [...seen.values()].filter(l => !upKeys.has(linkKey(l))).map(l => ({ ...l, state: 'down' }));
  const hosts = devices.devices.filter(d => d.attachmentPoint.length > 0).map(d => ({ kind: 'host',
    id: d.mac[0], label: d.ipv4[0] || d.mac[0], dpid: d.attachmentPoint[0].switch,
    port: Number(d.attachmentPoint[0].port) }));
  const serviceNodes = nodes.map(n => ({ kind: 'node', id: n.id, label: n.id, state: n.state,
    dpid: n.attachment.slice(0, n.attachment.lastIndexOf('/')),
    port: Number(n.attachment.slice(n.attachment.lastIndexOf('/') + 1)) }));
  return { switches: switches.map(sw => sw.dpid), roles: switches, links: [...up, ...down],
    attachments: [...hosts, ...serviceNodes] };
}

function drawLink(l) {
  const a = along(l.from, l.to, 0.2);
  const b = along(l.from, l.to, 0.8);
  return s('g', { class: 'link', 'data-link': linkKey(l), 'data-state': l.state },
    s('title', {}, `${l.src} port ${l.srcPort} ↔ ${l.dst} port ${l.dstPort}${l.state === 'down' ? ' (down)' : ''}`),
    s('line', { x1: l.from.x, y1: l.from.y, x2: l.to.x, y2: l.to.y }),
    portLabel(a, l.srcPort), portLabel(b, l.dstPort));
}

function portLabel(at, port) {
  return s('g', { class: 'port' }, s('circle', { cx: at.x, cy: at.y, r: 9 }),
    s('text', { x: at.x, y: at.y, 'dominant-baseline': 'central', 'text-anchor': 'middle' }, port));
}

function drawAttachment(a, sw) {
  const label = along(sw, a, 0.42);
  const attrs = a.kind === 'host' ? { 'data-host': a.id } : { 'data-node': a.id, 'data-state': a.state };
  const shape = a.kind === 'host' ? s('circle', { class: 'dot', cx: a.x, cy: a.y, r: 13 })
    : s('rect', { x: a.x - 15, y: a.y - 11, width: 30, height: 22, rx: 5 });
  const below = a.y >= sw.y - 1;
  return s('g', { class: a.kind, 'data-dpid': a.dpid, 'data-port': a.port, ...attrs },
    s('title', {}, `${a.kind} ${a.label} on ${a.dpid} port ${a.port}`),
    s('line', { x1: sw.x, y1: sw.y, x2: a.x, y2: a.y }), portLabel(label, a.port), shape,
    s('text', { x: a.x, y: a.y + (below ? 30 : -22), 'text-anchor': 'middle', class: 'label' }, a.label));
}

function drawSwitch(sw) {
  return s('g', { class: 'switch', 'data-dpid': sw.dpid }, s('title', {}, `switch ${sw.dpid}`),
    s('rect', { x: sw.x - 34, y: sw.y - 16, width: 68, height: 32, rx: 6 }),
    s('text', { x: sw.x, y: sw.y, 'dominant-baseline': 'central', 'text-anchor': 'middle' }, shortDpid(sw.dpid)));
}

function render(svg, model) {
  const drawn = layout(model);
  const at = new Map(drawn.switches.map(sw => [sw.dpid, sw]));
  svg.setAttribute('viewBox', drawn.box.join(' '));
  replace(svg, s('g', { class: 'links' }, drawn.links.map(drawLink)),
    s('g', { class: 'attachments' }, drawn.attachments.filter(a => at.has(a.dpid))
      .map(a => drawAttachment(a, at.get(a.dpid)))),
    s('g', { class: 'switches' }, drawn.switches.map(drawSwitch)));
}

function summary(el, model) {
  const count = (kind) => model.attachments.filter(a => a.kind === kind).length;
  const down = model.links.filter(l => l.state === 'down').length;
  replace(el, `${model.switches.length} switches · ${model.links.length - down} links · ${count('host')} hosts · `
    + `${count('node')} service nodes`, down > 0 ? [' · ', badge(`${down} down`, 'down')] : []);
}

export const topologyView = {
  events: ['switch.', 'port.', 'link.', 'node.'],
  async refresh() {
    const model = await load();
    render(document.getElementById('topology'), model);
    summary(document.getElementById('topology-summary'), model);
  },
};
