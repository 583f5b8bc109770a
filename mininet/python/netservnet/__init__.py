"""The experimenter's kit: NetServ-OF on your own Mininet topologies.

NetServNet (netservnet.net) takes any Mininet Topo and adds what NetServ needs: the controller, the
management network, a module server, service nodes with their agents, users with keys; it signals and asks
the REST API with parsed answers, and tears everything down by PID. netservnet.topos ships topologies with
nodes already placed (also for `mn --custom mininet/python/netservnet/topos.py --topo NAME`).
Import with /usr/bin/python3 (Mininet's Python API) after `mvn package`, mininet/python on sys.path.
"""

from netservnet import topos
from netservnet.net import NetServNet
from netservnet.rest import RestError
from netservnet.users import User

__all__ = ['NetServNet', 'RestError', 'User', 'topos']
