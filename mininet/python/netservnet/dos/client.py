"""The public signaling client, SignalMain, run as a subprocess with the publisher's key; its answers parsed."""

import subprocess

from netservnet import signaling

SIGNAL_MAIN = 'org.netservof.cli.SignalMain'
JVM = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto']  # a short-lived client starts sooner


class Module:
    """A module the manager deploys: its name_version, where nodes fetch it, its digest and properties."""

    def __init__(self, name, url, sha256, properties):
        self.name, self.url, self.sha256, self.properties = name, url, sha256, dict(properties)


class SignalClient:
    """SETUP and PROBE toward an address as one user, through `java -cp LIB/* SignalMain`."""

    def __init__(self, java, lib, user, key, timeout=5):
        self.java, self.lib, self.user, self.key, self.timeout = java, lib, user, key, timeout

    def setup(self, module, toward, flt, ttl):
        """SETUP module toward an address for filter flt ({'proto', 'dst', 'port'}) with a lease of ttl s."""
        args = ['--url', module.url, '--sha256', module.sha256, '--ttl', str(int(ttl))] + signaling.filter_args(flt)
        if module.properties:
            args += ['--properties', signaling.properties_arg(module.properties)]
        return self._run('setup', module.name, toward, args)

    def probe(self, module_name, toward, what):
        """PROBE toward an address: what is 'nodes', 'modules', ... (each domain's answer as JSON)."""
        return self._run('probe', module_name, toward, ['--probe', what])

    def _run(self, command, module_name, toward, extra):
        argv = [self.java] + JVM + ['-cp', self.lib + '/*', SIGNAL_MAIN, command, '--to', toward]
        argv += ['--user', self.user, '--key', self.key, '--module', module_name, '--timeout', '%ds' % self.timeout]
        argv += list(extra)
        try:
            run = subprocess.run(argv, capture_output=True, text=True, timeout=self.timeout + 30)
            result = {'exit': run.returncode, 'stdout': run.stdout, 'stderr': run.stderr}
        except subprocess.TimeoutExpired:
            result = {'exit': 3, 'stdout': '', 'stderr': 'the signaling client did not finish'}
        return signaling.parse_answer(result)
