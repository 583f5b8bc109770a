"""SIP load for the Overload Control tests (thesis 7.4): a generator that sends INVITE or REGISTER requests at a
steady rate from one host to a SIP server address and counts the answers by status (the 503s that the node's
OverloadControl module sends back, the 200s of the server), and a tiny SIP server that counts the requests
that reach it and answers each with 200 OK. Standard library only, so it runs in any Mininet host with
/usr/bin/python3:

    python3 sip_load.py load --server 10.0.0.2 --method INVITE --rate 80 --seconds 5
    python3 sip_load.py serve --port 5060 --seconds 10

Each prints one JSON object when it is done (the server also on SIGTERM), for the test to read. Message
building and parsing are separate functions, unit-tested without a network."""

import argparse
import json
import select
import signal
import socket
import sys
import time

COPIED = ('via', 'from', 'to', 'call-id', 'cseq')
COMPACT = {'v': 'via', 'f': 'from', 't': 'to', 'i': 'call-id'}
GRACE_SECONDS = 0.5


def request(method, server, local, seq, run='load'):
    """The bytes of one SIP request `method` (INVITE or REGISTER) to `server` (host, port) from `local`
    (host, port): a fresh branch and Call-ID per request, as a new call or registration would have, so every
    one is a new transaction for the server and for the module that rate-limits them."""
    host, port = server
    me, my_port = local
    uri = 'sip:%s:%d' % (host, port) if method == 'REGISTER' else 'sip:service@%s:%d' % (host, port)
    lines = [
        '%s %s SIP/2.0' % (method, uri),
        'Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-%s-%d;rport' % (me, my_port, run, seq),
        'Max-Forwards: 70',
        'From: <sip:load@%s>;tag=%s-%d' % (me, run, seq),
        'To: <sip:service@%s>' % host,
        'Call-ID: %s-%d@%s' % (run, seq, me),
        'CSeq: %d %s' % (seq, method),
        'Contact: <sip:load@%s:%d>' % (me, my_port),
        'Content-Length: 0',
    ]
    return ('\r\n'.join(lines) + '\r\n\r\n').encode('ascii')


def start_line(datagram):
    """The first line of a SIP message as text, or None when there is no complete one."""
    text = datagram.decode('iso-8859-1')
    end = text.find('\r\n')
    return text[:end] if end > 0 else None


def status_of(datagram):
    """The status code of a SIP response (503 for `SIP/2.0 503 Service Unavailable`), None for anything else."""
    line = start_line(datagram)
    parts = line.split(' ', 2) if line else []
    if len(parts) >= 2 and parts[0] == 'SIP/2.0' and parts[1].isdigit() and len(parts[1]) == 3:
        return int(parts[1])
    return None


def headers_of(datagram):
    """The header fields of a SIP message: {lower-case long name: [values in order]}; compact names read as
    their long forms."""
    text = datagram.decode('iso-8859-1')
    head = text.split('\r\n\r\n', 1)[0].split('\r\n')[1:]
    headers = {}
    for line in head:
        name, colon, value = line.partition(':')
        if colon:
            key = name.strip().lower()
            headers.setdefault(COMPACT.get(key, key), []).append(value.strip())
    return headers


def ok_for(datagram, tag='counter'):
    """The 200 OK answering a SIP request, copying Via, From, To (tagged), Call-ID and CSeq as RFC 3261
    8.2.6 asks; None when the datagram is not a request with those headers (a response, say)."""
    line = start_line(datagram)
    if line is None or not line.endswith(' SIP/2.0') or status_of(datagram) is not None:
        return None
    headers = headers_of(datagram)
    if any(name not in headers for name in COPIED):
        return None
    to = headers['to'][0] if ';tag=' in headers['to'][0].lower() else headers['to'][0] + ';tag=' + tag
    lines = ['SIP/2.0 200 OK'] + ['Via: ' + via for via in headers['via']]
    lines += ['From: ' + headers['from'][0], 'To: ' + to, 'Call-ID: ' + headers['call-id'][0],
              'CSeq: ' + headers['cseq'][0], 'Content-Length: 0']
    return ('\r\n'.join(lines) + '\r\n\r\n').encode('ascii', 'replace')


def count_answer(counts, datagram):
    """Adds one answer to `counts` by its status ('503', '200', ... or 'unreadable'), noting the last
    Retry-After seen (what the 503s ask the sender to wait)."""
    status = status_of(datagram)
    key = str(status) if status else 'unreadable'
    counts['answers'][key] = counts['answers'].get(key, 0) + 1
    retry = headers_of(datagram).get('retry-after')
    if retry:
        counts['retry_after'] = retry[0]


def drain(sock, counts, until):
    """Reads the answers that arrive before the monotonic time `until`."""
    while True:
        left = until - time.monotonic()
        if left <= 0:
            return
        ready, _, _ = select.select([sock], [], [], left)
        if ready:
            count_answer(counts, sock.recv(65535))


def run_load(server, method='INVITE', rate=50.0, seconds=5.0, bind='0.0.0.0'):
    """Sends `method` requests to `server` (host, port) at `rate` a second for `seconds`, paced against the
    clock (a late send does not shift the ones after it), and counts the answers, waiting GRACE_SECONDS after
    the last send for late ones. Returns {'sent', 'answers': {status: n}, 'retry_after'}."""
    if rate <= 0 or seconds <= 0:
        raise ValueError('rate and seconds must be above 0, were %r and %r' % (rate, seconds))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind((bind, 0))
        sock.connect(server)
        local = (sock.getsockname()[0], sock.getsockname()[1])
        counts = {'sent': 0, 'answers': {}, 'retry_after': None}
        start = time.monotonic()
        total = int(rate * seconds)
        for seq in range(1, total + 1):
            drain(sock, counts, start + (seq - 1) / rate)
            sock.send(request(method, server, local, seq))
            counts['sent'] += 1
        drain(sock, counts, time.monotonic() + GRACE_SECONDS)
        return counts
    finally:
        sock.close()


class Counter:
    """The server side: counts the requests received by method and per second since the first, answering
    each request with 200 OK (responses and unreadable datagrams are counted, not answered)."""

    def __init__(self):
        self.requests = {}
        self.per_second = []
        self.ignored = 0
        self.first = None

    def receive(self, datagram, now):
        """Counts one datagram received at monotonic time `now`; returns the answer to send, or None."""
        answer = ok_for(datagram)
        if answer is None:
            self.ignored += 1
            return None
        method = start_line(datagram).split(' ', 1)[0]
        self.requests[method] = self.requests.get(method, 0) + 1
        self.first = now if self.first is None else self.first
        second = int(now - self.first)
        self.per_second.extend([0] * (second + 1 - len(self.per_second)))
        self.per_second[second] += 1
        return answer

    def summary(self):
        return {'requests': self.requests, 'per_second': self.per_second, 'ignored': self.ignored}


def serve(port, seconds, bind='0.0.0.0'):
    """Runs a Counter on UDP `port` for `seconds` (forever when None) or until SIGTERM; returns its summary."""
    counter = Counter()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind((bind, port))
        end = None if seconds is None else time.monotonic() + seconds
        while not stop and (end is None or time.monotonic() < end):
            ready, _, _ = select.select([sock], [], [], 0.2)
            if ready:
                datagram, sender = sock.recvfrom(65535)
                answer = counter.receive(datagram, time.monotonic())
                if answer is not None:
                    sock.sendto(answer, sender)
        return counter.summary()
    finally:
        sock.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description='SIP load generator and counting server')
    sub = parser.add_subparsers(dest='mode', required=True)
    load = sub.add_parser('load', help='send requests at a rate and count the answers')
    load.add_argument('--server', required=True)
    load.add_argument('--port', type=int, default=5060)
    load.add_argument('--method', choices=('INVITE', 'REGISTER'), default='INVITE')
    load.add_argument('--rate', type=float, default=50.0)
    load.add_argument('--seconds', type=float, default=5.0)
    srv = sub.add_parser('serve', help='count the requests received, answering 200 OK')
    srv.add_argument('--port', type=int, default=5060)
    srv.add_argument('--seconds', type=float, default=None)
    args = parser.parse_args(argv)
    if args.mode == 'load':
        result = run_load((args.server, args.port), args.method, args.rate, args.seconds)
    else:
        result = serve(args.port, args.seconds)
    json.dump(result, sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
