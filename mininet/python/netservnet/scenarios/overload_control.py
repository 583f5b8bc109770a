"""overload-control: the thesis's Overload Control (section 7.4) on a real node, the server's rate fed back at
run time through the publisher channel.

When the SIP server's load "exceeds a preconfigured threshold, the SIP server starts sending NSIS signals towards
the UAs ... and install the SE NetServ module on the node ... Based on the periodic feedback about the current
volume of traffic seen by the SIP server, the module adjusts the amount of traffic it lets through in real time.
The excess portion of incoming traffic is rejected with '503 Service Unavailable' SIP responses."
A SIP server h2 (sip_load.py serve: counts the requests that reach it, answers each with 200 OK) behind s1, a
service node n1 on s1, a load generator h1 and an attacker h3. First the peer: h1 offers 2x and 4x the server's
rate with no module, and the server sees all of it. Then the server's operator (user itsp) signals, from h2,
SETUP of OverloadControl for UDP 5060 to h2 with the server's rate (RATE/s, burst BURST); h1 offers 2x and 4x
again. Then, under a steady 4x load, the server sends a lower rate (its load feedback: the same SETUP, signed,
with new properties, which the node applies without a restart). Last, h3 sends the SIP port datagrams that are
not well-formed requests (non-SIP bytes, cut INVITEs, and requests a lenient server accepts but the module
cannot answer) beside h1's 4x load. Then h3 alone sends requests too large for one datagram (IP fragments):
that phase is measured, not held to the rate (see fragmented_phase: steering does not take fragments to the node).

Holds when: without the module the server saw every request and no 503 came; with it the server saw at most its
rate x seconds x (1 + TOLERANCE) + burst (and at least (1 - TOLERANCE) x rate x seconds: the module does not
starve it, when no attacker takes part of the rate), every request either reached the server or was answered
503 (lost at most LOSS), the module's own count of 503s matches what h1 received; the lower rate was applied and
acknowledged within APPLY_WITHIN seconds of being sent and from then on the server saw at most the lower rate;
and under the attack the same bound held (counting the attacker's requests the server accepted), the legitimate
excess still got 503, and every attacker's datagram reached the module and was passed or dropped by its rule.
"""

import json
import signal
import subprocess
import time

from netservnet import sip_load
from netservnet.scenarios import common

DESCRIPTION = ('OverloadControl on a real node answers INVITEs beyond the SIP server\'s rate with 503; a lower '
               'rate sent at run time takes effect (7.4)')
MODULE = 'OverloadControl'
USER = 'itsp'
PORT = 5060
RATE, LOWER, BURST, RETRY_AFTER = 50, 25, 10, 5   # requests a second the server asks for, then; at once; seconds
TOLERANCE = 0.10       # of rate x seconds, above (plus the burst) and below what the server may see
LOSS = 0.02            # of the requests sent, neither reaching the server nor answered (UDP on a busy machine)
APPLY_WITHIN = 15.0    # seconds from the feedback SETUP leaving h2 to its answer (the node applied it)
LEAD = 2.0             # seconds of load before the feedback is sent
ATTACK_RATE = 100      # the attacker's datagrams a second
ATTACK = 'not-sip,cut,no-call-id,cseq-mismatch'   # sip_load's attack kinds that fit a datagram on the path
FRAGMENTED = 'oversized'                          # and the one that does not (9.3 KB, so IP fragments)
SCRIPT = sip_load.__file__


def run(options, report=None):
    report = {} if report is None else report
    net, nodes = common.network(options, 'single', 1, hosts=3, nodes=1)
    with net:
        server_ip = common.start(net, USER, 'h2', PORT)
        print('SIP server h2 (%s), load generator h1, attacker h3, service node %s' % (server_ip, ', '.join(nodes)),
              flush=True)
        report.update(measure(net, server_ip, 3 if options.short else 8))
        print_table(report)
        common.keep_open(net, options)
    return common.verdict('overload-control', checks(report), 'the server saw at most its rate (+%d%% + burst %d), '
                          'the excess got 503 from the node, and a lower rate sent at run time took effect'
                          % (TOLERANCE * 100, BURST))


def measure(net, server_ip, seconds):
    """The phases, each `seconds` long, with the SIP server running on h2 throughout; their rows (the server's
    arrivals within each phase's window) and OverloadControl's counters."""
    server = Server(net.host('h2'))
    try:
        report = phases(net, server_ip, seconds)
    finally:
        arrivals, ignored = server.stop()
    rows = [row(phase_, arrivals) for phase_ in report['phases']]
    return dict(report, ignored=ignored, rows=rows, module=module_counters(net, rows))


def phases(net, server_ip, seconds):
    """The peer (no module), the module at the server's rate, the feedback, the attack: each a dict of what was
    offered and when (rows are made of them once the server's arrivals are read)."""
    out = [offer(net, server_ip, 'peer, no module', 2 * RATE, seconds, None),
           offer(net, server_ip, 'peer, no module', 4 * RATE, seconds, None)]
    setup = signal_rate(net, server_ip, RATE)
    out += [offer(net, server_ip, 'OverloadControl', 2 * RATE, seconds, RATE),
            offer(net, server_ip, 'OverloadControl', 4 * RATE, seconds, RATE)]
    feedback, answer = feedback_phase(net, server_ip, seconds)
    out += feedback
    out.append(attack_phase(net, server_ip, seconds))
    out.append(fragmented_phase(net, server_ip, seconds))
    return {'setup': setup['status'], 'feedback': answer, 'phases': out}


def signal_rate(net, server_ip, rate):
    """The server's operator signals, from h2 toward h1, SETUP of OverloadControl at `rate` (the first SETUP
    installs it; the same SETUP with another rate is the server's load feedback); answers the parsed answer."""
    print('h2 signals SETUP %s_1.0 (rate %d/s, burst %d) for udp %d to %s' % (MODULE, rate, BURST, PORT, server_ip),
          flush=True)
    answer = net.setup(USER, MODULE, 'h2', 'h1', {'proto': 'udp', 'dst': server_ip + '/32', 'port': PORT}, ttl=600,
                       properties={'rate': str(rate), 'burst': str(BURST), 'retry-after': str(RETRY_AFTER)})
    for line in (answer.get('raw') or answer.get('stderr') or 'no response').splitlines():
        if line.strip():
            print('    | ' + line, flush=True)
    return answer


def offer(net, server_ip, name, rate, seconds, limit):
    """h1 offers `rate` INVITEs a second for `seconds`; a phase: its window and what h1 counted."""
    result = finish(sender(net, 'h1', 'load', server_ip, rate, seconds), seconds)
    return phase(name, rate, limit, result['started'], result['started'] + result['seconds'], result)


def phase(name, rate, limit, start, end, load):
    return {'name': name, 'rate': rate, 'limit': limit, 'start': start, 'end': end, 'load': load}


def feedback_phase(net, server_ip, seconds):
    """Under a steady 4x load the server signals the lower rate: the windows before it was sent, while it was
    applied (sent to answered) and after; and the answer with how long it took."""
    proc = sender(net, 'h1', 'load', server_ip, 4 * RATE, 600)
    try:
        time.sleep(LEAD)
        sent = time.monotonic()
        answer = signal_rate(net, server_ip, LOWER)
        answered = time.monotonic()
        time.sleep(seconds)
    finally:
        proc.send_signal(signal.SIGTERM)
    load = finish(proc, 0)
    end = load['started'] + load['seconds']
    rows = [phase('before feedback', 4 * RATE, RATE, load['started'], sent, load),
            phase('feedback applied', 4 * RATE, None, sent, answered, load),
            phase('after feedback', 4 * RATE, LOWER, answered, end, load)]
    return rows, {'status': answer['status'], 'seconds': answered - sent, 'raw': answer.get('raw')}


def attack_phase(net, server_ip, seconds):
    """h3 sends the SIP port malformed and non-SIP datagrams while h1 offers 4x the (lower) rate."""
    print('h3 sends %d malformed or non-SIP datagrams a second to %s:%d beside the load' % (ATTACK_RATE, server_ip,
                                                                                          PORT), flush=True)
    attacker = sender(net, 'h3', 'attack', server_ip, ATTACK_RATE, seconds + 1, ['--kinds', ATTACK])
    try:
        result = offer(net, server_ip, 'under attack', 4 * RATE, seconds, LOWER)
    finally:
        result['attack'] = finish(attacker, seconds + 1)
    return result


def fragmented_phase(net, server_ip, seconds):
    """h3 alone sends requests too large for one datagram (IP fragments) at 4x the lower rate: measured, not
    held to the rate. Open vSwitch matches every fragment with UDP ports 0 (its `normal` fragment handling), so
    steering for UDP 5060 never takes them to the node and the server reassembles them whole."""
    print('h3 sends %d requests of 9.3 KB a second (IP fragments) to %s:%d' % (4 * LOWER, server_ip, PORT),
          flush=True)
    result = finish(sender(net, 'h3', 'attack', server_ip, 4 * LOWER, seconds, ['--kinds', FRAGMENTED]), seconds)
    result['rejected_at'] = []
    out = phase('fragmented, h3 alone', 4 * LOWER, LOWER, result['started'], result['started'] + result['seconds'],
                result)
    out['measured_only'] = True
    return out


def sender(net, host, mode, server_ip, rate, seconds, extra=()):
    """sip_load.py load or attack in host toward server_ip:5060, our own process."""
    return net.host(host).popen(['/usr/bin/python3', SCRIPT, mode, '--server', server_ip, '--port', str(PORT),
                                 '--rate', str(rate), '--seconds', str(seconds)] + list(extra),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc, seconds):
    """The JSON a sip_load.py process printed when done (waiting up to seconds + 30 s); raises if it failed."""
    try:
        out, err = proc.communicate(timeout=seconds + 30)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    if proc.returncode != 0 or not out.strip():
        raise RuntimeError('sip_load.py exited %s: %s' % (proc.returncode, err.strip()[-500:]))
    return json.loads(out.strip().splitlines()[-1])


class Server:
    """sip_load.py serve on h2:5060 for the whole run (our own process); stop() answers (arrival times of the
    requests it counted, datagrams it ignored)."""

    def __init__(self, host):
        self.host = host
        self.proc = host.popen(['/usr/bin/python3', SCRIPT, 'serve', '--port', str(PORT)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        common.wait_for(lambda: self.proc.poll() is not None or self.listening(), timeout=20, interval=0.1)
        if self.proc.poll() is not None or not self.listening():
            if self.proc.poll() is None:
                self.proc.kill()
            raise RuntimeError('the SIP server did not listen on %d within 20 s: %s'
                               % (PORT, self.proc.communicate()[1].strip()[-500:]))

    def listening(self):
        return (':%d ' % PORT) in self.host.cmd('ss -Hlun sport = :%d' % PORT)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        summary = finish(self.proc, 0)
        return summary['arrivals'], summary['ignored']


def row(phase_, arrivals):
    """What a phase measured: requests offered (h1 paces them: rate x window), reaching the server, answered 503
    (by arrival times within the window; the server's up to 0.5 s after the last send), and the bound."""
    start, end = phase_['start'], phase_['end']
    seconds = max(end - start, 1e-6)
    last = end + (sip_load.GRACE_SECONDS if phase_['end'] == phase_['load']['started'] + phase_['load']['seconds']
                  else 0)
    served = sum(1 for t in arrivals if start <= t < last)
    rejected = sum(1 for t in phase_['load']['rejected_at'] if start <= t < last)
    limit = phase_['limit']
    return {'name': phase_['name'], 'rate': phase_['rate'], 'limit': limit, 'seconds': seconds,
            'offered': round(phase_['rate'] * seconds), 'served': served, 'rejected': rejected,
            'bound': None if limit is None else limit * seconds * (1 + TOLERANCE) + BURST,
            'floor': None if limit is None else limit * seconds * (1 - TOLERANCE),
            'attack': phase_.get('attack'), 'retry_after': phase_['load'].get('retry_after'),
            'measured_only': phase_.get('measured_only', False)}


def module_counters(net, rows):
    """OverloadControl's counters summed over the nodes, once its 503s add up to what h1 received and its
    malformed and other datagrams to what h3 sent (the agents report with their heartbeats), or 20 s passed."""
    rejected, attack = sum(r['rejected'] for r in rows), attack_sent(rows)

    def read():
        reports = net.moduleReports(MODULE, user=USER).values()
        return {key: sum(r.get(key, 0) for r in reports)
                for key in ('passed', 'rejected', 'malformed', 'dropped', 'other')}

    common.wait_for(lambda: read()['rejected'] >= rejected and read()['malformed'] + read()['other'] >= attack,
                    timeout=20)
    return read()


def attack_sent(rows):
    """The datagrams h3 sent beside the load (the phase under attack)."""
    return sum(sum(r['attack']['sent'].values()) for r in rows if r['attack'])


def print_table(report):
    rows = [(r['name'], r['rate'], r['limit'] or '-', '%.1f' % r['seconds'], '%.1f' % (r['served'] / r['seconds']),
             '%.1f' % (r['rejected'] / r['seconds']), r['offered'], r['served'], r['rejected'],
             '-' if r['bound'] is None else '%d' % r['bound']) for r in report['rows']]
    common.table(['phase', 'offered/s', 'limit/s', 'seconds', 'server/s', '503/s', 'offered', 'server saw', '503s',
                  'at most'], rows)
    attack = next((r['attack'] for r in report['rows'] if r['attack']), {})
    print('feedback (rate %d -> %d) sent to acknowledged: %.2f s; attacker sent %s beside the load; the server '
          'ignored %d datagrams; OverloadControl counted %s; the fragmented phase is measured, not held to the rate'
          % (RATE, LOWER, report['feedback']['seconds'], attack.get('sent'), report['ignored'], report['module']),
          flush=True)


def checks(report):
    rows = report['rows']
    peers = [r for r in rows if r['name'].startswith('peer')]
    limited = [r for r in rows if r['limit'] is not None and not r['measured_only']]
    return [('both SETUPs answered 200 (%s, %s)' % (report['setup'], report['feedback']['status']),
             report['setup'] == 200 and report['feedback']['status'] == 200),
            ('without the module the server saw every request (within %d%%) and no 503 came' % (LOSS * 100),
             all(r['served'] >= r['offered'] * (1 - LOSS) and r['rejected'] == 0 for r in peers)),
            ('with the module the server saw at most rate x seconds x %.2f + burst %d in every phase'
             % (1 + TOLERANCE, BURST), all(r['served'] <= r['bound'] for r in limited)),
            ('with the module the server saw at least rate x seconds x %.2f in every phase without an attacker (who '
             'takes the rate too)' % (1 - TOLERANCE),
             all(r['served'] >= r['floor'] for r in limited if not r['attack'])),
            ('with the module each request reached the server or got a 503 (lost at most %d%%), 503s in every phase'
             % (LOSS * 100), all(r['served'] + r['rejected'] >= r['offered'] * (1 - LOSS) and r['rejected'] > 0
                                 and r['retry_after'] == str(RETRY_AFTER) for r in limited)),
            ('the 503s came from the node: OverloadControl answered %d, h1 received %d'
             % (report['module']['rejected'], sum(r['rejected'] for r in rows)),
             abs(report['module']['rejected'] - sum(r['rejected'] for r in rows))
             <= LOSS * max(1, report['module']['rejected'])),
            ('the lower rate was acknowledged within %.0f s (%.2f s)' % (APPLY_WITHIN, report['feedback']['seconds']),
             report['feedback']['seconds'] <= APPLY_WITHIN),
            ('every datagram of the attacker\'s (%d) reached the module, passed or dropped by rule (%s)'
             % (attack_sent(rows), report['module']), attack_sent(rows) > 0 and report['module']['dropped'] > 0
             and report['module']['malformed'] + report['module']['other'] >= attack_sent(rows) * (1 - LOSS))]
