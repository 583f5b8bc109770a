"""The signaling client's side: the arguments of org.netservof.cli.SignalMain and its answer, parsed.

SignalMain prints the response exactly as it came on the wire (netserv-protocol's SignalCodec): a status line
'NETSERV/0.1 <code> <reason>', then 'method:', 'module:', 'nonce:' and one 'stack:<domain> <code>[ <detail>]'
per domain on the path (the farthest first), then a blank line; its exit status is 0 when every domain said
200, 1 when one refused, 2 on bad usage, 3 when nothing answered. A PROBE's detail is one line of JSON.
"""

import json

PROTOCOL = 'NETSERV/0.1 '

# NetServNet.setup's filter keys -> SignalMain's options
FILTER_OPTIONS = {'proto': '--filter-proto', 'dst': '--filter-dst', 'src': '--filter-src', 'port': '--filter-port'}


def filter_args(flt):
    """SignalMain's --filter-* options of a filter dict such as {'proto': 'udp', 'dst': '10.0.0.1/32', 'port': 5060}."""
    unknown = set(flt) - set(FILTER_OPTIONS)
    if unknown:
        raise ValueError('unknown filter keys %s; a filter has %s' % (sorted(unknown), sorted(FILTER_OPTIONS)))
    args = []
    for key, value in flt.items():
        args += [FILTER_OPTIONS[key], str(value)]
    return args


def properties_arg(properties):
    """'k=v,...' of a dict (SignalMain's --properties)."""
    return ','.join('%s=%s' % (k, v) for k, v in properties.items())


def _detail(text):
    try:
        return json.loads(text)
    except ValueError:
        return text


def _stack_entry(value):
    domain, _, rest = value.partition(' ')
    code, _, detail = rest.partition(' ')
    return {'domain': domain, 'code': int(code), 'detail': detail,
            'json': _detail(detail) if detail.startswith(('{', '[')) else None}


def parse_answer(run):
    """The client's run ({'exit', 'stdout', 'stderr'}) as {'status', 'reason', 'exit', 'method', 'module',
    'nonce', 'stack': [{'domain', 'code', 'detail', 'json'}], 'body': {domain: JSON detail, or the text},
    'raw', 'stderr'}; status is None when no response came (exit 2 or 3: see stderr)."""
    out = {'status': None, 'reason': None, 'exit': run['exit'], 'method': None, 'module': None, 'nonce': None,
           'stack': [], 'body': {}, 'raw': run['stdout'], 'stderr': run['stderr']}
    lines = run['stdout'].splitlines()
    if not lines or not lines[0].startswith(PROTOCOL):
        return out
    code, _, out['reason'] = lines[0][len(PROTOCOL):].partition(' ')
    out['status'] = int(code)
    for line in lines[1:]:
        name, _, value = line.partition(':')
        if name == 'stack':
            entry = _stack_entry(value)
            out['stack'].append(entry)
            out['body'][entry['domain']] = entry['json'] if entry['json'] is not None else entry['detail']
        elif name in ('method', 'module', 'nonce'):
            out[name] = value
    return out
