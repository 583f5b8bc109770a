"""netservnet.cdn, the ActiveCDN scenario's provider: how it reads the node's address from a PROBE answer, where
its redirector sends users, and its origin and redirector over loopback HTTP."""

import http.server
import json
import socket
import threading
import time
import urllib.request

from netservnet import cdn

PROBE = {'status': 200, 'body': {'d1': {'modules': {
    'ActiveCdn_1.0#4': {'filter': 'udp 10.0.0.2/32', 'nodes': ['n1'], 'addresses': ['10.0.0.100']},
    'NetMonitor_1.0#5': {'nodes': ['n2'], 'addresses': ['10.0.0.101']}}},
    'd2': {'modules': {'ActiveCdn_1.0#9': {'nodes': ['n3'], 'addresses': ['10.0.1.100', '10.0.0.100']}}}}}


def test_the_provider_learns_the_addresses_of_the_nodes_that_run_its_module():
    assert cdn.node_addresses(PROBE, 'ActiveCdn_1.0') == ['10.0.0.100', '10.0.1.100']
    assert cdn.node_addresses(PROBE, 'ActiveCdn_2.0') == []


def test_a_probe_answer_without_addresses_or_of_another_shape_gives_none():
    assert cdn.node_addresses({'status': None, 'body': {}}, 'ActiveCdn_1.0') == []
    assert cdn.node_addresses({'body': {'d1': 'refused: not yours'}}, 'ActiveCdn_1.0') == []
    assert cdn.node_addresses({'body': {'d1': {'modules': {'ActiveCdn_1.0#1': {'nodes': ['n1']}}}}},
                              'ActiveCdn_1.0') == []
    assert cdn.node_addresses({'body': {'d1': {'modules': {'ActiveCdn_1.0#1': {'addresses': [7, None]}}}}},
                              'ActiveCdn_1.0') == []


def test_the_redirector_sends_users_to_the_node_once_it_knows_one_else_to_the_origin():
    assert cdn.redirect_location('/content/obj1', '10.0.0.100:8080', '10.0.0.1:8000') == \
        'http://10.0.0.100:8080/content/obj1'
    assert cdn.redirect_location('/content/obj1', None, '10.0.0.1:8000') == 'http://10.0.0.1:8000/content/obj1'
    assert cdn.redirect_location('/etc/passwd', '10.0.0.100:8080', '10.0.0.1:8000') is None
    assert cdn.redirect_location('/content/../etc/passwd', '10.0.0.100:8080', '10.0.0.1:8000') is None


def test_objects_name_themselves_and_have_their_size():
    body = cdn.object_body('/content/obj1', 1000)
    assert len(body) == 1000 and body.startswith(b'/content/obj1:')


def start(handler):
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, 'http://127.0.0.1:%d' % server.server_address[1]


def test_a_user_is_redirected_to_where_the_object_is_and_the_origin_counts_what_reached_it():
    origin, origin_url = start(type('O', (cdn.OriginHandler,), {'objects': 2, 'size': 500, 'counts': {}}))
    redirector, redirector_url = start(type('R', (cdn.RedirectorHandler,), {
        'node': None, 'origin': origin_url[len('http://'):]}))
    try:
        fetched = cdn.fetch(redirector_url + '/content/obj1', timeout=5)
        assert (fetched['status'], fetched['bytes'], fetched['url']) == (200, 500, origin_url + '/content/obj1')
        assert cdn.fetch(redirector_url + '/content/obj7', timeout=5)['status'] == 404
        assert cdn.fetch(redirector_url + '/other', timeout=5)['status'] == 404
        with urllib.request.urlopen(origin_url + '/stats', timeout=5) as r:
            assert json.loads(r.read()) == {'/content/obj1': 1, '/content/obj7': 1}
    finally:
        origin.shutdown()
        redirector.shutdown()


def test_the_hostile_client_reads_statuses_and_times_a_cut_off():
    origin, origin_url = start(type('O', (cdn.OriginHandler,), {'objects': 1, 'size': 10, 'counts': {}}))
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(1)

    def cut_off_after_300_ms():
        conn, _ = listener.accept()
        time.sleep(0.3)
        conn.close()
    threading.Thread(target=cut_off_after_300_ms, daemon=True).start()
    try:
        port = origin.server_address[1]
        assert cdn.raw_status('127.0.0.1', port, b'GET /content/obj0 HTTP/1.1\r\nHost: x\r\n\r\n') == 200
        assert cdn.raw_status('127.0.0.1', port, b'GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n') == 404
        assert 250 <= cdn.slow_client('127.0.0.1', listener.getsockname()[1]) < 5000
    finally:
        origin.shutdown()
        listener.close()
