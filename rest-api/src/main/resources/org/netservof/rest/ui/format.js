// How values read on the page; pure functions, no DOM.

/** A DPID without its leading zero bytes: 00:00:00:00:00:00:00:0a reads "0a". */
export function shortDpid(dpid) {
  const bytes = dpid.split(':');
  while (bytes.length > 1 && bytes[0] === '00') bytes.shift();
  return bytes.join(':');
}

/** "1.5 kB", "12 B". */
export function bytes(n) {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** What is left of a lease: "9m 58s", "expired", or "no lease" when it has none. */
export function lease(expiresAt, nowMillis) {
  if (!expiresAt) return 'no lease';
  const left = Math.floor((Date.parse(expiresAt) - nowMillis) / 1000);
  if (left <= 0) return 'expired';
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const sec = left % 60;
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${sec}s` : `${sec}s`;
}

/** A service's filter in one line: "udp 10.0.0.1/32 → 10.0.0.2/32:5060". */
export function filter(f) {
  const ports = f.dstPorts ? `:${f.dstPorts}` : '';
  return `${f.protocol} ${f.src || 'any'} → ${f.dst || 'any'}${ports}`;
}

/** How long ago an instant was, in words: "3s ago". */
export function ago(instant, nowMillis) {
  if (!instant) return 'never';
  const s = Math.max(0, Math.round((nowMillis - Date.parse(instant)) / 1000));
  return s < 120 ? `${s}s ago` : `${Math.round(s / 60)}m ago`;
}

/** Local time of day of an ISO instant. */
export function clock(instant) {
  return new Date(instant).toLocaleTimeString([], { hour12: false });
}
