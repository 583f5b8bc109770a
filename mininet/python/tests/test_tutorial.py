"""docs/experimenters.md, run as written: the experimenter's tutorial must never promise what the code does not
do. Every fenced block is read from the page: a block whose info string names a file (```python
docs/experimenters/my_topology.py) must be that file, or its start; every ```sh block is run by bash from the
repository's top directory and must exit 0; a ```sh hold block (the tutorial's own script with --hold) is
started in the background, the ```sh running blocks after it run while its network is up, and then it is
ended as the tutorial says (Ctrl-C, here SIGINT) and must exit 0 having torn everything down. The network's
names carry a run prefix (NETSERV_PREFIX, which the script reads), so this run meets no other."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import textwrap
import time

from netservof import fabric

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DOC = os.path.join(ROOT, 'docs', 'experimenters.md')
FENCE = re.compile(r'^(?P<indent> *)```(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$', re.M | re.S)
ENV = '/tmp/my_topology.env'  # where the held script writes its variables (its --env default)
SCRATCH = '/tmp/my-module'  # where the tutorial builds its module
BLOCK_LIMIT = 600  # seconds one block may take: ./netserv build on a cold machine is the longest
HOLD_READY = 300  # seconds the held script may take to start its network and run both services
STOP_LIMIT = 120  # seconds it may take to tear down after Ctrl-C


def blocks():
    """(info string, body) of every fenced block of the page, in order, bodies dedented."""
    with open(DOC) as f:
        text = f.read()
    return [(m.group('info').strip(), textwrap.dedent(m.group('body'))) for m in FENCE.finditer(text)]


def test_the_files_the_page_shows_are_the_files_in_the_repository():
    shown = [(info.split()[1], body) for info, body in blocks() if len(info.split()) == 2 and '/' in info]
    assert sorted(path for path, _ in shown) == ['docs/experimenters/FlowCounter.java',
                                                 'docs/experimenters/my_topology.py']
    for path, body in shown:
        with open(os.path.join(ROOT, path)) as f:
            assert f.read().startswith(body), '%s as the page shows it is not the file' % path


def run(body, env, limit=BLOCK_LIMIT):
    """Runs a block with bash (-e, pipefail) from the top directory; fails with its output unless it exits 0."""
    r = subprocess.run(['bash', '-e', '-o', 'pipefail', '-c', body], cwd=ROOT, env=env, timeout=limit,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert r.returncode == 0, 'this block of the tutorial failed (exit %d):\n%s\n---\n%s' % (r.returncode, body,
                                                                                           r.stdout[-4000:])
    return r.stdout


class Held:
    """The ```sh hold block's script, running in the background until end() (SIGINT, as Ctrl-C)."""

    def __init__(self, body, env):
        assert len(body.strip().splitlines()) == 1, 'a hold block is one command'
        if os.path.exists(ENV):
            os.remove(ENV)  # an earlier run's
        self.body = body
        self.out = tempfile.NamedTemporaryFile(mode='w+', prefix='tutorial-hold-', suffix='.log')
        # exec: the signal goes to the script itself, not to a shell waiting for it
        self.proc = subprocess.Popen(['bash', '-c', 'exec ' + body.strip()], cwd=ROOT, env=env,
                                     stdout=self.out, stderr=subprocess.STDOUT)
        deadline = time.time() + HOLD_READY
        while not os.path.exists(ENV):
            assert self.proc.poll() is None, 'the held script exited with %s:\n%s' % (self.proc.returncode,
                                                                                     self.output())
            assert time.time() < deadline, 'the held script did not hold within %d s:\n%s' % (HOLD_READY,
                                                                                             self.output())
            time.sleep(0.5)

    def output(self):
        self.out.seek(0)
        return self.out.read()[-4000:]

    def end(self):
        """Ctrl-C: the script must tear down and exit 0, having said both services held."""
        self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(timeout=STOP_LIMIT)
        assert code == 0, 'the held script exited with %d after Ctrl-C:\n%s' % (code, self.output())
        assert 'both services did what they promise' in self.output(), self.output()
        assert not os.path.exists(ENV), 'the script leaves its variables file behind'

    def kill(self):
        """After a failure: SIGTERM (NetServNet tears down on it), then SIGKILL."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=STOP_LIMIT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.out.close()


def bridges(prefix):
    out = subprocess.run(['ovs-vsctl', '--timeout=10', 'list-br'], capture_output=True, text=True).stdout.split()
    return [b for b in out if b.startswith(prefix)]


def test_every_shell_command_of_the_tutorial_runs_as_written():
    prefix = fabric.run_prefix()
    env = dict(os.environ, NETSERV_PREFIX=prefix)
    kinds = [info for info, _ in blocks() if info.split()[:1] == ['sh']]
    assert kinds.count('sh hold') == 1 and kinds.count('sh running') >= 4 and kinds.count('sh') >= 5, kinds
    held = None
    left = []
    try:
        for info, body in (b for b in blocks() if b[0].split()[:1] == ['sh']):
            if held is not None and info != 'sh running':
                held.end()
                held.kill()
                held = None
            if info == 'sh hold':
                held = Held(body, env)
            elif info in ('sh', 'sh running'):
                assert info == 'sh' or held is not None, 'a running block with no network held:\n' + body
                run(body, env)
        if held is not None:
            held.end()
    finally:
        if held is not None:
            held.kill()
        shutil.rmtree(SCRATCH, ignore_errors=True)
        left = bridges(prefix)
        fabric.remove_leftovers(prefix)
    assert left == [], 'bridges the tutorial left behind'
