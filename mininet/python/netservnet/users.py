"""Signaling users: a name, a fresh Ed25519 key pair (./netserv keygen) and what the controllers grant."""

import collections

from netservnet.project import keygen


class User(collections.namedtuple('User', 'name key pub filter_prefixes protocols max_services max_rate_kbps '
                                          'listen_ports connect_to', defaults=((), ()))):
    """A user the controllers know (users:): key is the private key file SignalMain signs with, pub the public
    one the controllers check with."""

    @staticmethod
    def create(directory, name, filter_prefixes, protocols, max_services, max_rate_kbps, listen_ports=(),
               connect_to=()):
        key, pub = keygen('%s/%s.key' % (directory, name))
        return User(name, key, pub, list(filter_prefixes), list(protocols), int(max_services), int(max_rate_kbps),
                    list(listen_ports), list(connect_to))

    def config(self):
        """The user's entry in a controller's users: list."""
        entry = {'name': self.name, 'public-key-file': self.pub, 'filter-prefixes': self.filter_prefixes,
                 'protocols': self.protocols, 'max-services': self.max_services, 'max-rate-kbps': self.max_rate_kbps}
        if self.listen_ports:  # only server modules' users: a controller without server modules knows no such key
            entry['listen-ports'] = list(self.listen_ports)
        if self.connect_to:  # only users whose modules connect out (an origin, say), likewise
            entry['connect-to'] = list(self.connect_to)
        return entry
