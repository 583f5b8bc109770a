"""fabric.remove_leftovers deletes what carries a run's prefix, and nothing when the prefix is empty: a
network of plain names (NetServNet(prefix='')) must not have its teardown delete every bridge and interface
of the machine, which all start with ''. The system calls are recorded, not made."""

import subprocess

from netservof import fabric


def recorded_calls(monkeypatch, prefix, bridges, interfaces):
    calls = []

    def run(cmd, **_):
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, stdout='\n'.join(bridges) + '\n', stderr='')

    monkeypatch.setattr(fabric.subprocess, 'run', run)
    monkeypatch.setattr(fabric.os, 'listdir', lambda _: list(interfaces))
    fabric.remove_leftovers(prefix)
    return [c for c in calls if 'del-br' in c or c[:3] == ['ip', 'link', 'del']]


def test_a_prefix_deletes_its_own_bridges_and_interfaces_only(monkeypatch):
    deleted = recorded_calls(monkeypatch, 'n12a', ['br0', 'n12as1', 'n12bs1'], ['eth0', 'n12as1-eth1', 'lo'])
    assert deleted == [['ovs-vsctl', '--timeout=10', '--if-exists', 'del-br', 'n12as1'],
                       ['ip', 'link', 'del', 'n12as1-eth1']]


def test_an_empty_prefix_deletes_nothing(monkeypatch):
    assert recorded_calls(monkeypatch, '', ['br0', 'n12as1'], ['eth0', 'lo', 'n12as1-eth1']) == []


def test_a_prefix_that_could_name_the_machines_own_interfaces_is_refused_and_deletes_nothing(monkeypatch):
    import pytest
    for prefix in ('e', 'eth9', 'br1x', 'veth', 'n1', 'N12A', 'n12a-'):
        with pytest.raises(ValueError, match='name prefix'):
            recorded_calls(monkeypatch, prefix, ['br0', 'eth9s1'], ['eth0', 'veth1', 'br1xs1-eth1'])
    fabric.check_prefix('exp1')
    fabric.check_prefix('')
