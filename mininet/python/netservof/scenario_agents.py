"""The node agent commands of a served scenario: real node agents on the node hosts, their containers and
logs. A mixin of scenario.Session: it uses the session's network, work directory and process handles."""

import os
import re
import signal
import subprocess
import time

from netservof import fabric


def _proc_status(path):
    out = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.partition(':')
            if key in ('Uid', 'CapEff', 'CapPrm', 'CapBnd'):
                out[key] = value.split()[0]
    return out


class AgentCommands:
    """Commands that run and inspect node agents; see scenario.py for the command protocol."""

    def node_hosts(self):
        return sorted((h for h in self.net.hosts if re.match(r'n\d+$', fabric.logical(h.name, self.prefix))),
                      key=lambda h: int(fabric.logical(h.name, self.prefix)[1:]))

    def agent_start(self, node, java, lib, controller, token_dir, attachment=None, wait_exit=0, options=None,
                    host=None, name=None, pool='pool'):
        """Starts a NetServ node agent with id node on a node host's switch link (the host named node, or host),
        with the node's own token (token_dir/NODE.token); its log and work directory are named after name
        (default: node); pool is the one it expects (the controller's node-agents decides). With wait_exit,
        waits that long for it to exit and reports the exit code (a refused node exits 3)."""
        h = self.node(host or node)
        name = name or node
        work = os.path.join(self.workdir, name)
        os.makedirs(work, exist_ok=True)
        h.cmd('sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1')
        command = [java, '-Xmx64m', '-XX:+UseSerialGC', '-cp', os.path.join(lib, '*'),
                   'org.netservof.node.agent.NodeMain', '--interface', h.defaultIntf().name,
                   '--controller', controller, '--id', node, '--token-file', os.path.join(token_dir, node + '.token'),
                   '--pool', pool, '--work', work]
        if attachment:
            command += ['--attachment', attachment]
        for key, value in (options or {}).items():
            command += ['--' + key, str(value)]
        log = open(os.path.join(self.workdir, name + '-agent.log'), 'w')
        proc = h.popen(command, stdout=log, stderr=subprocess.STDOUT)
        self.agents[name] = proc
        exit_code = None
        if float(wait_exit) > 0:
            try:
                exit_code = proc.wait(timeout=float(wait_exit))
            except subprocess.TimeoutExpired:
                pass
        return {'pid': proc.pid, 'exit': exit_code}

    def agents_start(self, java, lib, controller, token_dir, options=None):
        """A node agent on every node host, each with its own token from token_dir."""
        return {fabric.logical(h.name, self.prefix): self.agent_start(fabric.logical(h.name, self.prefix), java, lib,
                                                                      controller, token_dir, options=options)
                for h in self.node_hosts()}

    def java(self, host, java, main, lib=None, classpath=None, args=(), timeout=60):
        """Runs one of the project's programs (the signaling client, say) in a host, with the JARs of lib or an
        explicit classpath; reports its exit code and output."""
        command = [java, '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto', '-cp',
                   classpath or os.path.join(lib, '*'), main] + [str(a) for a in args]
        proc = self.node(host).popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out, err = proc.communicate(timeout=float(timeout))
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        return {'exit': proc.returncode, 'stdout': out.decode(errors='replace'), 'stderr': err.decode(errors='replace')}

    def agent_kill(self, node):
        """Kills a node agent (our own process) as a crash would; its containers end with their stdin."""
        proc = self.agents.pop(node)
        killed_at = time.time()
        proc.kill()
        proc.wait()
        return {'pid': proc.pid, 'killed_at': killed_at}

    def container_kill(self, node, user):
        """Kills one user's container on a node, as a crash would."""
        with open(os.path.join(self.workdir, node, 'containers', user, 'pid')) as f:
            pid = int(f.read().strip())
        os.kill(pid, signal.SIGKILL)
        return {'pid': pid}

    def container_status(self, node, user):
        """Who a user's container runs as: its JVM's pid (as the host sees it, from the pid file the agent
        writes), uid and capability sets of the process, and of the thread that runs the modules."""
        with open(os.path.join(self.workdir, node, 'containers', user, 'pid')) as f:
            pid = int(f.read().strip())
        out = {'pid': pid, 'process': _proc_status('/proc/%d/status' % pid)}
        for tid in os.listdir('/proc/%d/task' % pid):
            with open('/proc/%d/task/%s/comm' % (pid, tid)) as f:
                if f.read().strip() == ('packets ' + user)[:15]:
                    out['packet_thread'] = _proc_status('/proc/%d/task/%s/status' % (pid, tid))
        return out

    def agent_log(self, node, lines=80):
        with open(os.path.join(self.workdir, node + '-agent.log'), errors='replace') as f:
            return {'log': f.read().splitlines()[-int(lines):]}
