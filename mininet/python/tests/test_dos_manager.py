"""The DoS manager (netservnet/dos) without a network: its decisions from readings and the time (pure logic), and
its boundary attacked: forged, malformed, cut and huge PROBE answers must not make it deploy anything."""

import json

from netservnet import signaling
from netservnet.dos import decisions, readings
from netservnet.dos.decisions import LIMITER, MONITOR, Planner, Settings
from netservnet.dos.manager import Manager
from netservnet.dos.readings import Reading

VICTIM, A, B, LEGIT = '10.0.0.2', '10.0.0.1', '10.0.0.3', '10.0.0.4'
SETTINGS = Settings(ttl=9, refresh=3, hold=4, suspect_share=0.2, max_directions=8)


def reading(domain, node, state, pps=0, sources=(), at='t1'):
    return Reading(domain, node, state, pps, list(sources), at)


def kinds(actions):
    return [(a.kind, a.module, a.toward) for a in actions]


def attacked_victim(at='t1'):
    return [reading('d2', 'n2', 'alarm', 820, [(A, 400), (B, 390), (LEGIT, 20)], at)]


def alarmed_planner():
    """A planner that saw the alarm at 1 and put the limiter in front of the victim."""
    p = Planner(VICTIM, SETTINGS)
    p.set_up(MONITOR, VICTIM, 0)
    p.decide(attacked_victim(), {}, 1)
    p.set_up(LIMITER, VICTIM, 1)
    return p


def planner_with_directions():
    """A planner that saw the alarm, found the nodes toward A and B and set up monitors there."""
    p = alarmed_planner()
    p.nodes_found(A, {'d1': ['n1'], 'd2': ['n2']})
    p.nodes_found(B, {'d3': ['n3'], 'd2': ['n2']})
    p.decide(attacked_victim(), {}, 2)
    p.set_up(MONITOR, A, 2, ['d1', 'd2'])
    p.set_up(MONITOR, B, 2, ['d3', 'd2'])
    return p


# --- decisions ---------------------------------------------------------------------------------------------------

def test_a_quiet_victim_only_gets_its_standing_monitor_refreshed():
    p = Planner(VICTIM, SETTINGS)
    assert kinds([p.standing()]) == [('setup', MONITOR, VICTIM)]
    p.set_up(MONITOR, VICTIM, 0)
    assert p.decide([reading('d2', 'n2', 'warn', 200, [(A, 200)])], {}, 1) == []
    assert kinds(p.decide([reading('d2', 'n2', 'normal', 10)], {}, 3.5)) == [('setup', MONITOR, VICTIM)]


def test_an_alarm_puts_a_limiter_in_front_of_the_victim_and_probes_toward_the_loud_sources_only():
    p = Planner(VICTIM, SETTINGS)
    p.set_up(MONITOR, VICTIM, 0)
    actions = p.decide(attacked_victim(), {}, 1)
    assert kinds(actions) == [('setup', LIMITER, VICTIM), ('probe-nodes', None, A), ('probe-nodes', None, B)]
    assert '820' in actions[0].why
    assert kinds(p.decide(attacked_victim('t2'), {}, 1.5)) == [('setup', LIMITER, VICTIM)], \
        'asked again until it is set up (the manager runs one at a time); the directions are followed already'
    p.set_up(LIMITER, VICTIM, 1.6, ['d2'])
    assert kinds(p.decide(attacked_victim('t3'), {}, 1.7)) == []


def test_monitors_follow_the_nodes_found_and_limiters_go_where_the_attack_enters():
    p = alarmed_planner()
    p.nodes_found(A, {'d1': ['n1'], 'd2': ['n2']})
    assert kinds(p.decide(attacked_victim(), {}, 2)) == [('setup', MONITOR, A)], 'B: no nodes known yet'
    p.set_up(MONITOR, A, 2, ['d1', 'd2'])
    assert p.leases[(MONITOR, VICTIM)] == 2, 'the SETUP toward A refreshed the victim\'s monitor on its way'
    assert p.leases[(LIMITER, VICTIM)] == 1
    quiet_a = {A: [reading('d1', 'n1', 'normal', 10), reading('d2', 'n2', 'alarm', 820)]}
    assert kinds(p.decide(attacked_victim(), quiet_a, 2.5)) == [], 'the victim\'s own domain is no entry'
    loud_a = {A: [reading('d1', 'n1', 'alarm', 400), reading('d2', 'n2', 'alarm', 820)]}
    actions = p.decide(attacked_victim(), loud_a, 2.8)
    assert kinds(actions) == [('setup', LIMITER, A)]
    assert 'n1 (d1)' in actions[0].why
    p.set_up(LIMITER, A, 2.9, ['d1', 'd2'])
    assert kinds(p.decide(attacked_victim(), quiet_a, 2.95)) == [], 'one limiter per direction, kept'


def test_the_entry_is_the_farthest_domain_that_sees_the_attack():
    p = planner_with_directions()
    path = [reading('d0', 'n0', 'normal', 5), reading('d1', 'n1', 'alarm', 400), reading('d5', 'n5', 'alarm', 400),
            reading('d2', 'n2', 'alarm', 820)]
    actions = p.decide(attacked_victim(), {A: path}, 2.5)
    assert kinds(actions) == [('setup', LIMITER, A)] and 'n1 (d1)' in actions[0].why


def test_leases_are_refreshed_while_the_attack_lasts_and_left_to_run_out_after():
    p = planner_with_directions()
    entries = {A: [reading('d1', 'n1', 'alarm', 400)], B: [reading('d3', 'n3', 'alarm', 390)]}
    p.decide([reading('d2', 'n2', 'normal', 120)], entries, 2.5)
    p.set_up(LIMITER, A, 2.5, ['d1', 'd2'])
    p.set_up(LIMITER, B, 2.5, ['d3', 'd2'])
    refreshed = p.decide([reading('d2', 'n2', 'normal', 120)], entries, 6)
    assert sorted(kinds(refreshed)) == sorted([('setup', m, t) for m, t in ((MONITOR, A), (MONITOR, B),
                                                                             (LIMITER, A), (LIMITER, B))]), \
        "the victim is quiet behind the entry limiters, but the entry monitors still see the attack; the SETUPs " \
        "toward A and B refresh the victim's domain on their way"
    for m, t in ((MONITOR, VICTIM), (LIMITER, VICTIM), (MONITOR, A), (MONITOR, B), (LIMITER, A), (LIMITER, B)):
        p.set_up(m, t, 6)
    assert p.decide([reading('d2', 'n2', 'normal', 20)], {}, 8) == [], 'within hold: nothing yet'
    over = p.decide([reading('d2', 'n2', 'normal', 20)], {}, 10.5)
    assert sorted(kinds(over)) == sorted([('expire', LIMITER, VICTIM), ('expire', MONITOR, A), ('expire', MONITOR, B),
                                          ('expire', LIMITER, A), ('expire', LIMITER, B), ('setup', MONITOR, VICTIM)])
    assert kinds(p.decide([reading('d2', 'n2', 'normal', 20)], {}, 20)) == [('setup', MONITOR, VICTIM)], \
        'afterwards only the standing monitor is refreshed'
    assert p.directions == {}


def test_an_attack_that_comes_back_after_it_was_over_is_answered_afresh():
    p = planner_with_directions()
    p.decide([reading('d2', 'n2', 'normal', 20)], {}, 10)
    p.decide([reading('d2', 'n2', 'normal', 20)], {}, 11)
    again = p.decide(attacked_victim('t9'), {}, 30)
    assert ('setup', LIMITER, VICTIM) in kinds(again) and ('probe-nodes', None, A) in kinds(again)


def test_refreshes_are_due_apart_from_the_polls():
    p = planner_with_directions()
    assert p.refreshes(2.9) == []
    assert sorted(kinds(p.refreshes(5.5))) == sorted([('setup', LIMITER, VICTIM), ('setup', MONITOR, A),
                                                      ('setup', MONITOR, B)]), \
        "the victim's monitor is refreshed by the SETUPs toward A and B; its limiter has no direction yet"
    p = alarmed_planner()
    p.nodes_found(A, {'d1': ['n1'], 'd2': ['n2']})
    p.decide(attacked_victim(), {}, 2)
    p.set_up(MONITOR, A, 2, ['d1'])  # d2 did not answer 200: the victim's monitor was not refreshed on the way
    assert ('setup', MONITOR, A) in kinds(p.refreshes(5.1)) and ('setup', MONITOR, VICTIM) in kinds(p.refreshes(5.1)), \
        "half a lease without a SETUP that passed the victim's domain: its own refresh goes too"


def test_one_quiet_poll_does_not_end_an_attack_even_after_hold_seconds():
    p = planner_with_directions()
    refreshed = p.decide([], {}, 20)  # a slow poll that read nothing, long after the last alarm
    assert p.over_at is None and ('setup', MONITOR, A) in kinds(refreshed)
    p.decide([], {}, 21)
    assert p.over_at == 21


def test_sources_are_followed_only_from_a_victim_report_in_alarm():
    p = planner_with_directions()
    calm = [reading('d2', 'n2', 'normal', 20, [(LEGIT, 20)])]
    still = {A: [reading('d1', 'n1', 'alarm', 400)]}
    assert ('probe-nodes', None, LEGIT) not in kinds(p.decide(calm, still, 2.5)), \
        'the attack is still seen at an entry, but the victim\'s quiet report names only the legitimate host'


def test_directions_are_bounded_and_the_victim_itself_is_never_one():
    p = Planner(VICTIM, Settings(9, 3, 4, 0.01, 2))
    p.set_up(MONITOR, VICTIM, 0)
    loud = [reading('d2', 'n2', 'alarm', 900, [(VICTIM, 300), ('10.0.0.7', 300), ('10.0.0.8', 300),
                                                ('10.0.0.9', 300)])]
    probed = [a.toward for a in p.decide(loud, {}, 1) if a.kind == 'probe-nodes']
    assert probed == ['10.0.0.7', '10.0.0.8']


# --- the boundary: PROBE answers in, readings out ----------------------------------------------------------------

def probe_answer(domains):
    """SignalMain's printed answer to PROBE modules, {domain: detail text}, the farthest first, parsed."""
    lines = ['NETSERV/0.1 200 OK', 'method:PROBE', 'module:RateMonitor_1.0', 'nonce:n0nce0000000000000']
    lines += ['stack:%s 200 %s' % (d, detail) for d, detail in domains.items()]
    return signaling.parse_answer({'exit': 0, 'stdout': '\n'.join(lines) + '\n\n', 'stderr': ''})


def modules_detail(node='n2', state='alarm', pps=820, key='RateMonitor_1.0#1', listed=None, sources=None, at='t1'):
    report = {'packets-per-second': pps, 'state': state, 'warn': 150, 'alarm': 300, 'forwarded': 9,
              'top-sources': sources if sources is not None else [{'source': A, 'packets': 400},
                                                                  {'source': B, 'packets': 390}]}
    return json.dumps({'modules': {key: {'filter': 'udp dport 5060 to 10.0.0.2/32', 'nodes': listed or [node],
                                         'reports': {node: {'at': at, 'report': report}}}}},
                      separators=(',', ':'))


def read(answer, deployed=None):
    logged = []
    got = readings.monitor_readings(answer, 'RateMonitor_1.0', deployed or {'d2': {'n2'}}, logged.append)
    return got, logged


def test_a_well_formed_answer_gives_the_reading():
    got, logged = read(probe_answer({'d2': modules_detail()}))
    assert got == [Reading('d2', 'n2', 'alarm', 820, [(A, 400), (B, 390)], 't1')] and logged == []


def test_a_report_from_a_node_the_publisher_did_not_deploy_to_is_ignored():
    got, logged = read(probe_answer({'d2': modules_detail(node='n9')}))
    assert got == [] and 'node n9' in logged[0]
    got, logged = read(probe_answer({'d7': modules_detail()}))
    assert got == [] and 'deployed none' in logged[0], 'a domain the publisher never set up in'


def test_reports_of_other_modules_or_versions_are_not_read():
    for key in ('RateLimiter_1.0#2', 'RateMonitor_2.0#1', 'Evil_1.0#1'):
        assert read(probe_answer({'d2': modules_detail(key=key)}))[0] == []


def test_a_cut_or_non_json_answer_is_ignored_with_a_log_line():
    cut = modules_detail()[:300] + '...'
    for detail in (cut, 'installed on n2', '["modules"]', '{"modules":[1,2]}'):
        got, logged = read(probe_answer({'d2': detail}))
        assert got == [] and 'not the JSON of PROBE modules' in logged[0], detail


def test_a_huge_answer_or_report_is_ignored_with_a_log_line():
    answer = probe_answer({'d2': modules_detail()})
    answer['raw'] = 'x' * (readings.MAX_ANSWER + 1)
    got, logged = read(answer)
    assert got == [] and 'more than' in logged[0]
    answer = probe_answer({'d2': modules_detail()})
    answer['stack'][0]['json']['modules']['RateMonitor_1.0#1']['reports']['n2']['report']['pad'] = 'x' * 9000
    got, logged = read(answer)
    assert got == [] and 'more than' in logged[0]


def test_fields_out_of_shape_are_ignored():
    bad = [dict(state='panic'), dict(pps=-1), dict(pps=True), dict(pps='820'), dict(pps=10 ** 12),
           dict(sources=[{'source': '255.255.255.255', 'packets': 1}]),
           dict(sources=[{'source': '10.0.0.1; rm -rf /', 'packets': 1}]),
           dict(sources=[{'source': '0.0.0.0', 'packets': 1}]),
           dict(sources=[{'source': A, 'packets': -4}]),
           dict(sources=[{'source': A, 'packets': 1}] * 17), dict(sources='10.0.0.1')]
    for fields in bad:
        got, logged = read(probe_answer({'d2': modules_detail(**fields)}))
        assert got == [] and logged, fields


def test_refusals_and_no_answer_give_nothing():
    refused = signaling.parse_answer({'exit': 1, 'stdout': 'NETSERV/0.1 401 Unauthorized\nmethod:PROBE\n'
                                                          'stack:d2 401 bad signature\n\n', 'stderr': ''})
    assert read(refused) == ([], [])
    assert read(signaling.parse_answer({'exit': 3, 'stdout': '', 'stderr': 'no answer'})) == ([], [])


def test_setup_answers_name_the_nodes_the_module_runs_on():
    answer = signaling.parse_answer({'exit': 1, 'stdout': 'NETSERV/0.1 403 Forbidden\nmethod:SETUP\n'
                                     'stack:d3 403 filter outside the grant on n7\n'
                                     'stack:d1 200 installed on n1,n4; service 1 for 8 s\n'
                                     'stack:d2 200 refreshed service 1 for 8 s on n2\n\n', 'stderr': ''})
    assert readings.installed_nodes(answer) == {'d1': {'n1', 'n4'}, 'd2': {'n2'}}


def test_a_report_that_stopped_changing_goes_stale():
    fresh = readings.Freshness(stale=2)
    r = reading('d2', 'n2', 'alarm', at='t1')
    assert fresh.fresh(r, 0) and fresh.fresh(r, 2)
    assert not fresh.fresh(r, 2.5)
    assert fresh.fresh(r._replace(at='t2'), 3)


# --- the manager's loop with a scripted client: what a forged or broken answer makes it do ------------------------

class ScriptedClient:
    """Answers PROBE modules toward the victim with `probe`; records every SETUP and PROBE nodes."""

    def __init__(self, probe):
        self.answer, self.setups, self.probes = probe, [], []

    def probe(self, module, toward, what):
        if what == 'nodes':
            self.probes.append(toward)
        return self.answer

    def setup(self, module, toward, flt, ttl):
        self.setups.append((module.name, toward))
        return signaling.parse_answer({'exit': 0, 'stdout': 'NETSERV/0.1 200 OK\nmethod:SETUP\n'
                                       'stack:d2 200 installed on n2; service 1 for 9 s\n\n', 'stderr': ''})


def run_cycles(answer, cycles=3):
    client, logged = ScriptedClient(answer), []
    module = type('M', (), {'name': 'X_1.0'})
    m = Manager(VICTIM, 5060, client, {MONITOR: module, LIMITER: module}, Planner(VICTIM, SETTINGS), poll=0.01,
                stale=2, log=logged.append)
    m.act([m.planner.standing()])
    m.settle()
    for i in range(cycles):
        m.cycle(i)
        m.settle()
    m.pool.shutdown()
    m.polls.shutdown()
    return client, logged


def test_the_manager_deploys_on_a_genuine_alarm():
    client, _ = run_cycles(probe_answer({'d2': modules_detail()}))
    assert ('X_1.0', VICTIM) in client.setups[1:] and client.probes == [A, B]


def test_forged_or_broken_answers_make_the_manager_deploy_nothing():
    forged = [probe_answer({'d2': modules_detail(node='n9', listed=['n9'])}),
              probe_answer({'d2': modules_detail()[:400] + '...'}),
              probe_answer({'d2': modules_detail(sources=[{'source': 'a' * 5000, 'packets': 1}])})]
    for answer in forged:
        client, logged = run_cycles(answer)
        assert client.setups == [('X_1.0', VICTIM)] and client.probes == [], 'only the standing monitor'
        assert any('ignored' in line for line in logged)
