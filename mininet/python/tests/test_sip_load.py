"""netservnet.sip_load builds the SIP requests of the Overload Control load, reads the answers by status and
Retry-After, and its counting server answers requests with a 200 OK that copies what RFC 3261 8.2.6 asks:
all checked on bytes, without a network."""

import socket

import pytest

from netservnet import sip_load

SERVER = ('10.0.0.2', 5060)
LOCAL = ('10.0.0.1', 40000)


def lines_of(datagram):
    return datagram.decode('ascii').split('\r\n')


def test_an_invite_is_a_complete_request_whose_cseq_names_its_method():
    invite = sip_load.request('INVITE', SERVER, LOCAL, 7, run='t1')
    lines = lines_of(invite)
    assert lines[0] == 'INVITE sip:service@10.0.0.2:5060 SIP/2.0'
    assert lines[1] == 'Via: SIP/2.0/UDP 10.0.0.1:40000;branch=z9hG4bK-t1-7;rport'
    assert 'CSeq: 7 INVITE' in lines
    assert 'Call-ID: t1-7@10.0.0.1' in lines
    assert 'From: <sip:load@10.0.0.1>;tag=t1-7' in lines
    assert 'To: <sip:service@10.0.0.2>' in lines
    assert invite.endswith(b'Content-Length: 0\r\n\r\n')


def test_each_request_is_a_new_transaction():
    first = sip_load.headers_of(sip_load.request('REGISTER', SERVER, LOCAL, 1))
    second = sip_load.headers_of(sip_load.request('REGISTER', SERVER, LOCAL, 2))
    assert first['via'] != second['via']
    assert first['call-id'] != second['call-id']
    assert first['cseq'] == ['1 REGISTER']


def test_a_register_goes_to_the_servers_domain():
    assert lines_of(sip_load.request('REGISTER', SERVER, LOCAL, 1))[0] == 'REGISTER sip:10.0.0.2:5060 SIP/2.0'


def test_status_and_retry_after_are_read_from_a_503():
    reply = (b'SIP/2.0 503 Service Unavailable\r\nVia: SIP/2.0/UDP 10.0.0.1:40000;branch=z9hG4bK-1\r\n'
             b'CSeq: 1 INVITE\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n')
    counts = {'answers': {}, 'retry_after': None}
    sip_load.count_answer(counts, reply)
    sip_load.count_answer(counts, b'\x00\xffgarbage')
    assert sip_load.status_of(reply) == 503
    assert counts == {'answers': {'503': 1, 'unreadable': 1}, 'retry_after': '7'}


@pytest.mark.parametrize('datagram', [b'', b'SIP/2.0 5O3 x\r\n', b'INVITE sip:a SIP/2.0\r\n', b'SIP/2.0 503'])
def test_anything_but_a_status_line_has_no_status(datagram):
    assert sip_load.status_of(datagram) is None


def test_the_counter_answers_a_request_with_a_200_that_copies_its_headers():
    invite = sip_load.request('INVITE', SERVER, LOCAL, 3, run='t2')
    answer = sip_load.Counter().receive(invite, 100.0)
    assert lines_of(answer) == [
        'SIP/2.0 200 OK',
        'Via: SIP/2.0/UDP 10.0.0.1:40000;branch=z9hG4bK-t2-3;rport',
        'From: <sip:load@10.0.0.1>;tag=t2-3',
        'To: <sip:service@10.0.0.2>;tag=counter',
        'Call-ID: t2-3@10.0.0.1',
        'CSeq: 3 INVITE',
        'Content-Length: 0', '', '']


def test_the_counter_counts_requests_per_method_and_second_and_ignores_the_rest():
    counter = sip_load.Counter()
    for seq, at in ((1, 10.0), (2, 10.5), (3, 12.2)):
        counter.receive(sip_load.request('INVITE', SERVER, LOCAL, seq), at)
    counter.receive(sip_load.request('REGISTER', SERVER, LOCAL, 4), 12.9)
    assert counter.receive(b'SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n', 13.0) is None
    assert counter.receive(b'INVITE sip:x SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n', 13.0) is None
    assert counter.summary() == {'requests': {'INVITE': 3, 'REGISTER': 1}, 'per_second': [2, 0, 2],
                                 'arrivals': [10.0, 10.5, 12.2, 12.9], 'ignored': 2}


def test_a_load_without_a_rate_is_refused():
    with pytest.raises(ValueError, match='rate and seconds must be above 0'):
        sip_load.run_load(SERVER, rate=0, seconds=1)


def test_the_attackers_datagrams_are_no_requests_but_two_a_lenient_server_accepts():
    kinds = dict(sip_load.attack_datagrams(SERVER, LOCAL))
    assert sorted(kinds) == ['cseq-mismatch', 'cut', 'no-call-id', 'not-sip', 'oversized']
    accepted = {kind for kind, datagram in kinds.items() if sip_load.Counter().receive(datagram, 1.0) is not None}
    assert accepted == {'cseq-mismatch', 'oversized'}
    assert kinds['cseq-mismatch'].decode('ascii').count('CSeq: 1 BYE') == 1
    assert len(kinds['oversized']) > 9000 and kinds['cut'].startswith(b'INVITE ')


def test_a_stopped_load_sends_nothing_more_and_says_how_long_it_sent():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server:
        server.bind(('127.0.0.1', 0))
        address = server.getsockname()
        stopped = sip_load.run_load(address, rate=1000, seconds=10, bind='127.0.0.1', stop=[True])
        attack = sip_load.run_attack(address, rate=200, seconds=0.05, kinds=['cut'])
    assert stopped['sent'] == 0 and stopped['seconds'] == 0
    assert attack['sent'] == {'cut': 10} and attack['seconds'] == 0.05


def test_an_attack_of_no_known_kind_is_refused():
    with pytest.raises(ValueError, match='no attack datagrams'):
        sip_load.run_attack(('127.0.0.1', 9), rate=10, seconds=1, kinds=['flood'])
