"""The manager's boundary: a PROBE modules answer in, RateMonitor readings out, each checked before it can count.

A reading is taken only from a domain that answered 200 with one line of JSON, under the manager's own module
(`RateMonitor_1.0#ID`), from a node that the manager's own SETUP answers named for that domain (the publisher's
deployment: a report of any other node or user counts for nothing), with the report's fields in range. Anything
else is ignored with a log line saying why: a cut or garbled answer, a huge one, a strange state or source.
"""

import collections
import ipaddress
import json
import re

MAX_ANSWER = 64 * 1024      # characters of a client's whole answer; a signaling answer is one frame
MAX_REPORT = 8 * 1024       # characters of one report as JSON: the publisher channel's own limit
MAX_SOURCES = 16
MAX_PPS = 10 ** 9
STATES = ('normal', 'warn', 'alarm')
NODE = re.compile(r'^[A-Za-z0-9_.-]{1,64}$')
# "installed on n1,n3; service 4 for 8 s" / "refreshed service 1 for 8 s on n1" / "updated M on n1; ..."
ON_NODES = re.compile(r'\bon ([A-Za-z0-9_.,-]+)')

Reading = collections.namedtuple('Reading', 'domain node state pps sources at')
Reading.__doc__ = """One RateMonitor report: where (domain, node), its state and packets a second, its loudest
sources [(address, packets)], and `at`, when the controller received it (as it says; compared only with itself)."""


def installed_nodes(answer):
    """{domain: {node}} that a SETUP answer says run the module (200 entries only)."""
    out = {}
    for entry in answer.get('stack', []):
        if entry.get('code') != 200:
            continue
        nodes = set()
        for group in ON_NODES.findall(entry.get('detail', '')):
            nodes |= {n for n in group.split(',') if NODE.match(n)}
        if nodes:
            out.setdefault(entry['domain'], set()).update(nodes)
    return out


def monitor_readings(answer, module, deployed, log):
    """The readings in a PROBE modules answer, the farthest domain first (the stack's order). deployed: {domain:
    {node}} where the manager's SETUPs put `module`; log(message) is told of everything ignored."""
    if len(answer.get('raw') or '') > MAX_ANSWER:
        log('ignored a PROBE answer of %d characters (more than %d)' % (len(answer['raw']), MAX_ANSWER))
        return []
    out = []
    for entry in answer.get('stack', []):
        if entry.get('code') == 200:
            out += _domain_readings(entry, module, deployed.get(entry.get('domain'), set()), log)
    return out


def _domain_readings(entry, module, deployed, log):
    domain, body = entry.get('domain'), entry.get('json')
    if not isinstance(body, dict) or not isinstance(body.get('modules'), dict):
        log('domain %s: its answer is not the JSON of PROBE modules (cut or garbled), ignored: %.80r'
            % (domain, entry.get('detail')))
        return []
    out = []
    for key, service in body['modules'].items():
        if key.split('#', 1)[0] != module or not isinstance(service, dict):
            continue
        listed = service.get('nodes') if isinstance(service.get('nodes'), list) else []
        reports = service.get('reports') if isinstance(service.get('reports'), dict) else {}
        for node, value in reports.items():
            reading = _reading(domain, node, value, log)
            if reading is None:
                continue
            if node not in listed or node not in deployed:
                log('domain %s: a %s report from node %s, where this manager deployed none (%s), ignored'
                    % (domain, module, node, ','.join(sorted(deployed)) or 'nowhere'))
                continue
            out.append(reading)
    return out


def _reading(domain, node, value, log):
    """One node's report as a Reading, or None (logged) when it is out of shape."""
    if not isinstance(node, str) or not NODE.match(node) or not isinstance(value, dict):
        log('domain %s: a report under a bad node name %.40r, ignored' % (domain, node))
        return None
    report, at = value.get('report'), value.get('at')
    size = len(json.dumps(report)) if isinstance(report, dict) else 0
    if not isinstance(report, dict) or not isinstance(at, str) or size > MAX_REPORT:
        log('domain %s node %s: a report that is not a JSON object with its time, or of %d characters '
            '(more than %d), ignored' % (domain, node, size, MAX_REPORT))
        return None
    state, pps = report.get('state'), report.get('packets-per-second')
    sources = _sources(report.get('top-sources'))
    if state not in STATES or not _count(pps) or sources is None:
        log('domain %s node %s: a report with state %.20r, rate %.20r or sources out of shape, ignored'
            % (domain, node, state, pps))
        return None
    return Reading(domain, node, state, pps, sources, at[:40])


def _sources(rows):
    """[(address, packets)] of top-sources, or None when any row is not an IPv4 unicast address with a count."""
    if not isinstance(rows, list) or len(rows) > MAX_SOURCES:
        return None
    out = []
    for row in rows:
        if not isinstance(row, dict) or not _count(row.get('packets')) or not _unicast(row.get('source')):
            return None
        out.append((row['source'], row['packets']))
    return out


def _count(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_PPS


def _unicast(text):
    """A source the manager may signal toward: a dotted IPv4 unicast address, nothing else."""
    if not isinstance(text, str) or len(text) > 15:
        return False
    try:
        address = ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return not (address.is_multicast or address.is_unspecified or address.is_loopback or address.is_reserved
                or text.endswith('.255'))


class Freshness:
    """Which readings are live: a node's report counts while its `at` keeps changing; one that stayed the same
    for `stale` seconds of the manager's clock means the monitor saw no packet since (it publishes only then).
    Comparing `at` with itself, never with the manager's clock, needs no clock agreement with the controller."""

    def __init__(self, stale):
        self.stale = stale
        self.seen = {}

    def fresh(self, reading, now):
        key = (reading.domain, reading.node)
        at, since = self.seen.get(key, (None, None))
        if reading.at != at:
            self.seen[key] = (reading.at, now)
            return True
        return now - since <= self.stale
