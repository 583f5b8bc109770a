"""The thesis scenarios as a library: one module per scenario, each with DESCRIPTION and run(options) -> bool
(options: argparse Namespace with topo, keep, short, protocols and the scenario's own, which an optional
add_arguments(parser) declares). `./netserv demo --scenario NAME` runs one (netservnet/demo.py)."""

from netservnet.scenarios import drain, failover, keepalive, netmonitor, ratelimit, scaling, two_domains
from netservnet.scenarios import dos_protection, overload_control
from netservnet.scenarios import activecdn, media_relay

SCENARIOS = {
    'keepalive': keepalive,
    'netmonitor': netmonitor,
    'ratelimit': ratelimit,
    'two-domains': two_domains,
    'failover': failover,
    'drain': drain,
    'scaling': scaling,
    'overload-control': overload_control,
    'dos-protection': dos_protection,
    'media-relay': media_relay,
    'activecdn': activecdn,
}
