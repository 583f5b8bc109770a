"""The management network: a Linux bridge in the root namespace that the controllers' node channels listen
on and the service node hosts are cabled to (a veth each), apart from the data plane the switches carry.

Its name carries a run tag (removed first if a crashed run left it) and its /24 is picked among those no
interface of this machine uses yet, so networks of several runs live side by side.
"""

import random
import subprocess

from netservof import fabric


def _subnets_in_use():
    out = subprocess.run(['ip', '-4', '-o', 'addr', 'show'], capture_output=True, text=True).stdout
    return {word.rsplit('.', 1)[0] for word in out.split() if word.count('.') == 3 and '/' in word}


class ManagementNetwork:
    """The bridge <tag>mg at SUBNET.1/24; node hosts join at SUBNET.10+K through attach()."""

    def __init__(self, tag):
        self.tag = tag
        self.bridge = tag + 'mg'
        used = _subnets_in_use()
        free = ['10.%d.%d' % (250 + i // 256, i % 256) for i in range(1, 5 * 256)]
        self.subnet = random.choice([s for s in free if s not in used])
        self.ip = self.subnet + '.1'
        self.up = False

    def create(self):
        subprocess.run(['ip', 'link', 'del', self.bridge], stderr=subprocess.DEVNULL)
        subprocess.run(['ip', 'link', 'add', self.bridge, 'type', 'bridge'], check=True)
        self.up = True
        subprocess.run(['ip', 'addr', 'add', self.ip + '/24', 'dev', self.bridge], check=True)
        subprocess.run(['ip', 'link', 'set', self.bridge, 'up'], check=True)

    def attach(self, net, prefix, hosts):
        """Cables each host to the bridge; returns {logical name: management address}."""
        return fabric.attach_management(net, prefix, hosts, self.bridge, self.subnet, veth_prefix=self.tag)['hosts']

    def close(self):
        """Deletes the bridge and any root end of its veths still there (idempotent)."""
        if self.up:
            subprocess.run(['ip', 'link', 'del', self.bridge], stderr=subprocess.DEVNULL)
            self.up = False
        fabric.remove_leftovers(self.tag + 'm')
