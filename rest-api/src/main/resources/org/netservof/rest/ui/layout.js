// Where the topology's parts go: a deterministic layout (the same network always draws the same), no physics.
// Switches joined in one line by their cables sit in a row in that order; otherwise on a circle in DPID order (one
// in the middle, two side by side). Each switch's hosts and service nodes fan out away from the centre, by port.

const RING = 190;
const PAIR = 170;
const REACH = 130;
const STEP = 0.62;
const GAP = 250;

/** The switches in line order when the cables join them in one line (ends first to last), else null. */
function line(dpids, links) {
  if (dpids.length < 3) return null;
  const next = new Map(dpids.map(d => [d, new Set()]));
  for (const l of links) {
    if (next.has(l.src) && next.has(l.dst) && l.src !== l.dst) {
      next.get(l.src).add(l.dst);
      next.get(l.dst).add(l.src);
    }
  }
  const ends = dpids.filter(d => next.get(d).size === 1);
  if (ends.length !== 2 || dpids.some(d => next.get(d).size > 2)) return null;
  const order = [ends[0]];
  while (order.length < dpids.length) {
    const step = [...next.get(order[order.length - 1])].find(d => !order.includes(d));
    if (!step) return null;
    order.push(step);
  }
  return order;
}

/** A row: the ends' attachments fan out sideways, the middle ones' downwards. */
function placeRow(order) {
  const out = new Map();
  order.forEach((dpid, i) => {
    const direction = i === 0 ? Math.PI : i === order.length - 1 ? 0 : Math.PI / 2;
    out.set(dpid, { x: (i - (order.length - 1) / 2) * GAP, y: 0, out: direction });
  });
  return out;
}

/** Switch positions by DPID, and the outward direction (radians) of each. */
function placeSwitches(dpids) {
  const n = dpids.length;
  const out = new Map();
  dpids.forEach((dpid, i) => {
    if (n === 1) out.set(dpid, { x: 0, y: 0, out: Math.PI / 2 });
    else if (n === 2) out.set(dpid, { x: i === 0 ? -PAIR : PAIR, y: 0, out: i === 0 ? Math.PI : 0 });
    else {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
      out.set(dpid, { x: RING * Math.cos(a), y: RING * Math.sin(a), out: a });
    }
  });
  return out;
}

/** The attachments of one switch, fanned around its outward direction. */
function fan(sw, attachments, wide) {
  const spread = Math.min((attachments.length - 1) * STEP, wide ? 1.7 * Math.PI : 0.9 * Math.PI);
  const step = attachments.length > 1 ? spread / (attachments.length - 1) : 0;
  return attachments.map((a, i) => {
    const angle = sw.out - spread / 2 + i * step;
    return { ...a, x: sw.x + REACH * Math.cos(angle), y: sw.y + REACH * Math.sin(angle), angle };
  });
}

const order = (a, b) => a.port - b.port || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id);

/**
 * model: {switches: [dpid], links: [{src, srcPort, dst, dstPort, state}], attachments: [{kind, id, dpid, port}]}.
 * Returns {switches: [{dpid, x, y}], links (with their ends' positions), attachments (with x, y), box}.
 */
export function layout(model) {
  const dpids = [...model.switches].sort();
  const row = line(dpids, model.links);
  const placed = row ? placeRow(row) : placeSwitches(dpids);
  const attachments = [];
  for (const dpid of dpids) {
    const own = model.attachments.filter(a => a.dpid === dpid).sort(order);
    attachments.push(...fan(placed.get(dpid), own, dpids.length === 1));
  }
  const links = model.links.filter(l => placed.has(l.src) && placed.has(l.dst))
    .map(l => ({ ...l, from: placed.get(l.src), to: placed.get(l.dst) }));
  const switches = dpids.map(dpid => ({ dpid, x: placed.get(dpid).x, y: placed.get(dpid).y }));
  return { switches, links, attachments, box: box([...switches, ...attachments]) };
}

/** The drawing's extent with room for labels: [x, y, width, height]. */
function box(points) {
  if (points.length === 0) return [-200, -100, 400, 200];
  const xs = points.map(p => p.x);
  const ys = points.map(p => p.y);
  const x0 = Math.min(...xs) - 110;
  const y0 = Math.min(...ys) - 60;
  return [x0, y0, Math.max(...xs) + 110 - x0, Math.max(...ys) + 60 - y0];
}

/** A point part of the way from a to b. */
export function along(a, b, part) {
  return { x: a.x + (b.x - a.x) * part, y: a.y + (b.y - a.y) * part };
}
