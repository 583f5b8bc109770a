"""netservof.connections reads switch connections from ovs-vswitchd's log: only what was logged after it started
reading counts, the last state line of a bridge and controller wins, and a rotated log is read from its start."""

from netservof.connections import ConnectionLog, wait_connected


def log_line(bridge, state, target='tcp:127.0.0.1:6653'):
    return '2026-12-05T15:10:07.648Z|01342|rconn|INFO|%s<->%s: %s\n' % (bridge, target, state)


def test_only_lines_logged_after_the_start_count(tmp_path):
    log = tmp_path / 'ovs-vswitchd.log'
    log.write_text(log_line('t1s1', 'connected'))  # an earlier network of the same name
    reader = ConnectionLog(str(log))
    reader.read()
    assert not reader.connected('t1s1')
    with open(log, 'a') as f:
        f.write(log_line('t1s1', 'connecting...') + log_line('t1s2', 'connected'))
    reader.read()
    assert not reader.connected('t1s1')
    assert reader.connected('t1s2')


def test_the_last_state_of_each_controller_wins(tmp_path):
    log = tmp_path / 'ovs-vswitchd.log'
    log.write_text('')
    reader = ConnectionLog(str(log))
    with open(log, 'a') as f:
        f.write(log_line('t1s1', 'connected') + log_line('t1s1', 'connected', 'tcp:127.0.0.1:6654'))
        f.write(log_line('t1s1', 'connection closed by peer'))
    reader.read()
    assert reader.connected('t1s1'), 'still connected to the second controller'
    with open(log, 'a') as f:
        f.write(log_line('t1s1', 'connection dropped (Broken pipe)', 'tcp:127.0.0.1:6654'))
    reader.read()
    assert not reader.connected('t1s1')


def test_a_line_is_read_once_it_is_whole(tmp_path):
    log = tmp_path / 'ovs-vswitchd.log'
    log.write_text('')
    reader = ConnectionLog(str(log))
    line = log_line('t1s1', 'connected')
    with open(log, 'a') as f:
        f.write(line[:30])
    reader.read()
    assert not reader.connected('t1s1')
    with open(log, 'a') as f:
        f.write(line[30:])
    reader.read()
    assert reader.connected('t1s1')


def test_a_rotated_log_is_read_from_its_start(tmp_path):
    log = tmp_path / 'ovs-vswitchd.log'
    log.write_text(log_line('old', 'connecting...') * 20)
    reader = ConnectionLog(str(log))
    log.write_text(log_line('t1s1', 'connected'))
    reader.read()
    assert reader.connected('t1s1')


class Switch:
    """A Mininet switch as wait_connected sees it: its name, and the database's word on its connection."""

    def __init__(self, name, in_database=False):
        self.name = name
        self.in_database = in_database

    def connected(self):
        return self.in_database


class Net:
    def __init__(self, *switches):
        self.switches = list(switches)


def test_a_switch_counts_as_connected_by_the_log_or_the_database(tmp_path):
    log = tmp_path / 'ovs-vswitchd.log'
    log.write_text(log_line('t1s1', 'connected'))
    reader = ConnectionLog(str(tmp_path / 'missing.log'))  # no log at all: the database alone
    assert wait_connected(Net(Switch('t1s1', in_database=True)), reader, timeout=1)
    assert not wait_connected(Net(Switch('t1s1')), reader, timeout=0.2)
    reader = ConnectionLog(str(log))
    with open(log, 'a') as f:
        f.write(log_line('t1s2', 'connected'))
    assert wait_connected(Net(Switch('t1s2'), Switch('t1s3', in_database=True)), reader, timeout=1)
    assert not wait_connected(Net(Switch('t1s1')), reader, timeout=0.2), 'logged before the reader started'
