"""How NetServNet reads the signaling client's answer (the response as it came on the wire, SignalCodec's
format) and builds its options: parsed fields, not text to grep."""

import pytest

from netservnet import signaling
from netservnet.domain import merged

TWO_DOMAINS = ('NETSERV/0.1 200 OK\nmethod:PROBE\nmodule:NetMonitor_1.0\nnonce:AAAAAAAAAAAAAAAAAAAAAA\n'
               'stack:d2 200 {"status":{"nodes":1,"healthy":1,"services":0}}\n'
               'stack:d1 200 {"status":{"nodes":1,"healthy":1,"services":0}}\n\n')


def test_an_answer_of_two_domains_is_parsed_farthest_first_with_json_details():
    answer = signaling.parse_answer({'exit': 0, 'stdout': TWO_DOMAINS, 'stderr': ''})
    assert (answer['status'], answer['reason'], answer['method'], answer['module']) == (200, 'OK', 'PROBE',
                                                                                         'NetMonitor_1.0')
    assert [(e['domain'], e['code']) for e in answer['stack']] == [('d2', 200), ('d1', 200)]
    assert answer['body']['d1'] == {'status': {'nodes': 1, 'healthy': 1, 'services': 0}}


def test_a_refusal_keeps_its_text_detail_and_code():
    out = ('NETSERV/0.1 403 Forbidden\nmethod:SETUP\nmodule:NetMonitor_1.0\nnonce:AAAAAAAAAAAAAAAAAAAAAA\n'
           "stack:d1 403 filter udp is outside what user 'alice' may filter\n\n")
    answer = signaling.parse_answer({'exit': 1, 'stdout': out, 'stderr': ''})
    assert (answer['status'], answer['exit']) == (403, 1)
    assert answer['stack'][0]['json'] is None
    assert answer['body'] == {'d1': "filter udp is outside what user 'alice' may filter"}


def test_no_answer_has_no_status_and_keeps_what_the_client_said():
    answer = signaling.parse_answer({'exit': 3, 'stdout': '', 'stderr': 'netserv signal: no response within 5 s\n'})
    assert (answer['status'], answer['stack'], answer['body']) == (None, [], {})
    assert 'no response' in answer['stderr']


def test_filters_and_properties_become_the_clients_options():
    assert signaling.filter_args({'proto': 'udp', 'dst': '10.0.0.2/32', 'port': 5060}) == [
        '--filter-proto', 'udp', '--filter-dst', '10.0.0.2/32', '--filter-port', '5060']
    assert signaling.properties_arg({'rate': 100, 'burst': 10}) == 'rate=100,burst=10'
    with pytest.raises(ValueError, match='protocol'):
        signaling.filter_args({'protocol': 'udp'})


def test_controller_options_merge_into_the_generated_configuration_key_by_key():
    base = {'signaling': {'domain': 'd1', 'pool': 'pool'}, 'users': [1]}
    assert merged(base, {'signaling': {'pool': 'edge'}, 'users': [], 'store': 'memory'}) == {
        'signaling': {'domain': 'd1', 'pool': 'edge'}, 'users': [], 'store': 'memory'}
    assert base['signaling']['pool'] == 'pool'
