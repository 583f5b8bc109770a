"""ActiveCDN's surroundings for its scenario (thesis 7.1): the provider's origin server, which counts the
requests that reach it; the provider's redirector, which sends each user to the node that PROBE said runs its
ActiveCdn module (302 to http://NODE:PORT/PATH), or to the origin while it knows none; and a user's fetch,
timed. Standard library only, so each runs in a Mininet host with /usr/bin/python3:

    python3 cdn.py origin --port 8000 --objects 4 --size 20000 --seconds 60
    python3 cdn.py redirector --port 8001 --node 10.0.0.100:8080 --origin 10.0.0.1:8000 --seconds 60
    python3 cdn.py get --url http://10.0.0.1:8001/content/obj1 --count 3
    python3 cdn.py hostile --host 10.0.0.100 --port 8080

The origin answers GET /stats with {path: requests}; `get` prints one JSON object. How the provider learns the
node (its PROBE's answer) and where it redirects are pure functions, unit-tested without a network."""

import argparse
import http.server
import json
import socket
import sys
import threading
import time
import urllib.error
import urllib.request

PREFIX = '/content/'


def node_addresses(probe_answer, module):
    """The service addresses of the nodes that run `module` (e.g. 'ActiveCdn_1.0'), from a PROBE modules answer
    (NetCommands.probe's dict: body = {domain: {'modules': {'MODULE#ID': {'addresses': [...]}}}}), sorted."""
    found = set()
    for body in (probe_answer.get('body') or {}).values():
        modules = body.get('modules') if isinstance(body, dict) else None
        for key, service in (modules or {}).items():
            if key.split('#')[0] == module and isinstance(service, dict):
                found.update(a for a in service.get('addresses', []) if isinstance(a, str))
    return sorted(found)


def redirect_location(path, node=None, origin=None):
    """Where the redirector sends a request for path: the node (HOST:PORT) when it knows one, else the origin;
    None for a path that is not the provider's content (answered 404)."""
    if not path.startswith(PREFIX) or '..' in path.split('/'):
        return None
    return 'http://%s%s' % (node or origin, path)


def object_body(name, size):
    """The bytes of object `name`: size bytes that name it, so a wrong object is seen."""
    seed = ('%s:' % name).encode()
    return (seed * (size // len(seed) + 1))[:size]


class OriginHandler(http.server.BaseHTTPRequestHandler):
    """/content/objN (N < objects) of size bytes; /stats: the requests each path got."""
    protocol_version = 'HTTP/1.1'
    objects, size, counts, lock = 4, 20000, {}, threading.Lock()

    def do_GET(self):
        if self.path == '/stats':
            with self.lock:
                return self.answer(200, json.dumps(self.counts).encode(), 'application/json')
        with self.lock:
            self.counts[self.path] = self.counts.get(self.path, 0) + 1
        names = ['%sobj%d' % (PREFIX, i) for i in range(self.objects)]
        if self.path in names:
            return self.answer(200, object_body(self.path, self.size), 'video/mp2t')
        return self.answer(404, b'no such object\n', 'text/plain')

    def answer(self, status, body, content_type, headers=()):
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class RedirectorHandler(OriginHandler):
    """The provider's front: 302 to redirect_location; it never serves content itself."""
    node, origin = None, None

    def do_GET(self):
        location = redirect_location(self.path.split('?')[0], self.node, self.origin)
        if location is None:
            return self.answer(404, b'not the provider\'s content\n', 'text/plain')
        return self.answer(302, b'', 'text/plain', [('Location', location)])


def serve(handler, port, seconds):
    server = http.server.ThreadingHTTPServer(('0.0.0.0', port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    time.sleep(seconds)
    server.shutdown()
    return {'served': True}


def fetch(url, timeout):
    """One GET (redirects followed, as a browser would): status, X-Cache, final URL, bytes, milliseconds."""
    started = time.time()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            body = r.read()
            status, cache, final = r.status, r.headers.get('X-Cache'), r.geturl()
    except urllib.error.HTTPError as e:
        body, status, cache, final = e.read(), e.code, e.headers.get('X-Cache'), e.geturl()
    except OSError as e:
        return {'error': str(e), 'ms': round((time.time() - started) * 1000, 3)}
    return {'status': status, 'x_cache': cache, 'url': final, 'bytes': len(body),
            'ms': round((time.time() - started) * 1000, 3)}


def raw_status(host, port, request, timeout=10):
    """The status code of the answer to raw request bytes; 'reset' when the server reset the connection (as a
    server that closes on unread bytes does), None when it closed without an answer."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(request)
            head = s.recv(64).decode('latin-1')
    except ConnectionResetError:
        return 'reset'
    return int(head.split(' ')[1]) if head.startswith('HTTP/1.1 ') else None


def slow_client(host, port, timeout=30):
    """Sends half a request head and waits: the milliseconds until the server closes the connection."""
    started = time.time()
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(b'GET /content/obj0 HTTP/1.1\r\nHo')
        try:
            s.recv(64)
        except socket.timeout:
            return None
        except ConnectionResetError:  # closed with our half request unread: cut off all the same
            pass
    return round((time.time() - started) * 1000)


def hostile(host, port):
    """What a node's ActiveCdn answers to a path that climbs out of the content, to an absolute URI for another
    host, to an endless request line, and when it cuts off a client that never finishes its request."""
    return {'traversal': raw_status(host, port, b'GET /content/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'),
            'other_host': raw_status(host, port, b'GET http://10.9.9.9/x HTTP/1.1\r\nHost: %s\r\n\r\n'
                                     % host.encode()),
            'long_line': raw_status(host, port, b'GET /' + b'a' * 5000 + b' HTTP/1.1\r\n\r\n'),
            'slow_cut_off_ms': slow_client(host, port)}


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    sub = parser.add_subparsers(dest='mode', required=True)
    origin = sub.add_parser('origin')
    origin.add_argument('--objects', type=int, default=4)
    origin.add_argument('--size', type=int, default=20000)
    redirector = sub.add_parser('redirector')
    redirector.add_argument('--node', help='HOST:PORT of the node PROBE found (none: to the origin)')
    redirector.add_argument('--origin', required=True, help='HOST:PORT of the origin')
    for p in (origin, redirector):
        p.add_argument('--port', type=int, required=True)
        p.add_argument('--seconds', type=float, default=60)
    get = sub.add_parser('get')
    get.add_argument('--url', required=True)
    get.add_argument('--count', type=int, default=1)
    get.add_argument('--timeout', type=float, default=10)
    attack = sub.add_parser('hostile')
    attack.add_argument('--host', required=True)
    attack.add_argument('--port', type=int, required=True)
    return parser.parse_args(argv)


def main(argv=None):
    o = parse(argv)
    if o.mode == 'origin':
        handler = type('Origin', (OriginHandler,), {'objects': o.objects, 'size': o.size, 'counts': {}})
        result = serve(handler, o.port, o.seconds)
    elif o.mode == 'redirector':
        result = serve(type('Redirector', (RedirectorHandler,), {'node': o.node, 'origin': o.origin}), o.port,
                       o.seconds)
    elif o.mode == 'hostile':
        result = hostile(o.host, o.port)
    else:
        result = {'fetches': [fetch(o.url, o.timeout) for _ in range(o.count)]}
    print(json.dumps(result), flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
