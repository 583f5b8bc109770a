"""NetServNet's teardown leaves nothing behind: no Open vSwitch bridge or interface with the run's prefix, no
management bridge, and none of the processes it started (controller, node agents, the modules' containers,
Mininet's host and switch shells, whose network namespaces die with them), whether the experiment raises
half-way or start() itself fails half-way; and stop() may be called again."""

import glob
import json
import os
import re
import shutil
import subprocess

import pytest
from mininet.log import setLogLevel

from netservof import fabric
from netservnet import NetServNet, topos


def alive(pid):
    """True while the process exists and is not a zombie (a zombie holds no namespace or socket)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except FileNotFoundError:
        return False


def started_pids(net):
    """Every process the network started that is running now, by kind."""
    pids = {'controller': [d.process.proc.pid for d in net.domains.values() if d.process is not None]}
    if net.mn is not None:
        pids['mininet shells'] = [n.pid for n in net.mn.hosts + net.mn.switches if n.pid]
    if net.session is not None:
        pids['agents'] = [p.pid for p in net.session.agents.values()]
        pids['containers'] = []
        for pid_file in glob.glob(os.path.join(net.session.workdir, 'n*', 'containers', '*', 'pid')):
            with open(pid_file) as f:
                pids['containers'].append(int(f.read().strip()))
    return {kind: [p for p in found if alive(p)] for kind, found in pids.items()}


def leftovers(net, pids):
    """What is still there of the network: bridges, interfaces and live processes; empty lists when clean."""
    bridges = subprocess.run(['ovs-vsctl', '--timeout=10', 'list-br'], capture_output=True, text=True).stdout.split()
    names = (net.prefix, net.management.bridge if net.management else net.tag + 'mg', net.tag + 'm')
    return {'bridges': [b for b in bridges if b.startswith(net.prefix)],
            'interfaces': [i for i in os.listdir('/sys/class/net') if i.startswith(names)],
            'processes': {kind: [p for p in found if alive(p)] for kind, found in pids.items() if
                          any(alive(p) for p in found)},
            'workdir': os.path.exists(net.workdir)}


CLEAN = {'bridges': [], 'interfaces': [], 'processes': {}, 'workdir': False}


def test_an_experiment_that_raises_half_way_leaves_nothing_behind():
    setLogLevel('warning')
    p = fabric.run_prefix()
    with pytest.raises(RuntimeError, match='half-way'):
        with NetServNet(topos.Single(hosts=2, nodes=1, prefix=p), prefix=p) as net:
            alice = net.addUser('alice')
            net.start()
            answer = net.setup(alice, 'KeepAliveResponder', 'h1', 'h2',
                               {'proto': 'udp', 'dst': '10.0.0.2/32', 'port': 5060})
            assert answer['status'] == 200, answer
            pids = started_pids(net)
            assert all(pids[kind] for kind in ('controller', 'mininet shells', 'agents', 'containers')), pids
            assert leftovers(net, pids)['bridges'] == [p + 's1']
            raise RuntimeError('the experiment failed half-way')
    assert leftovers(net, pids) == CLEAN
    net.stop()  # again: nothing to do, nothing raised
    assert leftovers(net, pids) == CLEAN


def test_a_start_that_fails_half_way_tears_down_what_it_started_and_keeps_the_logs():
    """The controller refuses its configuration: start() raises, naming where the logs were kept (the work
    directory they were in is gone with the rest)."""
    setLogLevel('warning')
    p = fabric.run_prefix()
    net = NetServNet(topos.Linear(switches=2, nodes=(1,), prefix=p), prefix=p,
                     controller_options={'node-channel': {'heartbeat': 'now and then'}})
    with pytest.raises(RuntimeError, match='controller exited') as failure:
        net.start()
    pids = started_pids(net)
    pids['controller'] = [net.domains['d1'].process.proc.pid]
    pids['mininet shells'] = [n.pid for n in net.mn.hosts + net.mn.switches]
    assert leftovers(net, pids) == CLEAN
    kept = re.search(r'logs kept in (\S+)', str(failure.value))
    assert kept, 'the error names no logs that outlive the teardown: %s' % failure.value
    try:
        with open(os.path.join(kept.group(1), 'd1-controller.log')) as f:
            assert 'heartbeat' in f.read()  # the controller's own words on what it refused
    finally:
        shutil.rmtree(kept.group(1), ignore_errors=True)


EXPERIMENT = '''
import json, sys, time
sys.path.insert(0, %r)
from netservnet import NetServNet, topos
net = NetServNet(topos.Single(hosts=2, nodes=1, prefix=%r), prefix=%r)
net.start()
print(json.dumps({'controller': net.domains['d1'].process.proc.pid, 'agents': [net.session.agents['n1'].pid],
                  'shells': [n.pid for n in net.mn.hosts + net.mn.switches], 'workdir': net.workdir,
                  'bridge': net.management.bridge}), flush=True)
time.sleep(120)
'''


def test_an_experiment_stopped_by_sigterm_leaves_nothing_behind():
    """`timeout 60 my-experiment.py`, or a kill by PID: SIGTERM runs no atexit hook unless it is turned into
    an exit, so the network must take care of it."""
    p = fabric.run_prefix()
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen(['/usr/bin/python3', '-c', EXPERIMENT % (here, p, p)], stdout=subprocess.PIPE, text=True)
    try:
        started = json.loads(proc.stdout.readline())
        proc.terminate()
        proc.wait(timeout=60)
    finally:
        proc.kill()
    pids = [started['controller']] + started['agents'] + started['shells']
    bridges = subprocess.run(['ovs-vsctl', '--timeout=10', 'list-br'], capture_output=True, text=True).stdout.split()
    assert {'bridges': [b for b in bridges if b.startswith(p)],
            'interfaces': [i for i in os.listdir('/sys/class/net') if i.startswith(p)],
            'processes': [pid for pid in pids if alive(pid)], 'workdir': os.path.exists(started['workdir'])} == {
        'bridges': [], 'interfaces': [], 'processes': [], 'workdir': False}
