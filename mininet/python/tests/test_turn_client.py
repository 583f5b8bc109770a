"""netservnet.turn, the Media Relay scenario's TURN client: its STUN codec on RFC 5769's sample and on hostile
bytes, the messages it sends, and its client against a scripted TURN server on loopback."""

import socket
import struct
import threading

from netservnet import turn

# RFC 5769 2.2: a Binding success response with SOFTWARE, XOR-MAPPED-ADDRESS 192.0.2.1:32853, integrity, CRC
RFC5769_RESPONSE = bytes.fromhex(
    '0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220'
    '002000080001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96')


def test_it_reads_the_rfc5769_sample_response():
    method, cls, transaction, attributes = turn.decode(RFC5769_RESPONSE)
    assert (method, cls) == (turn.BINDING, turn.SUCCESS)
    assert transaction == bytes.fromhex('b7e7a701bc34d686fa87dfae')
    assert [t for t, _ in attributes] == [0x8022, 0x0020, 0x0008, 0x8028]
    assert attributes[0][1] == b'test vector'
    assert turn.from_xor_address(attributes[1][1]) == ('192.0.2.1', 32853)


def test_message_types_carry_the_class_bits_among_the_method_bits():
    assert turn.message_type(turn.ALLOCATE, turn.REQUEST) == 0x0003
    assert turn.message_type(turn.ALLOCATE, turn.ERROR) == 0x0113
    assert turn.message_type(turn.SEND, turn.INDICATION) == 0x0016
    assert turn.method_and_class(0x0017) == (turn.DATA, turn.INDICATION)


def test_an_allocate_request_is_laid_out_as_rfc5766_says():
    request = turn.encode(turn.ALLOCATE, turn.REQUEST, b'\x01' * 12, [(turn.REQUESTED_TRANSPORT, bytes([17, 0, 0, 0]))])
    assert request == bytes.fromhex('000300082112a442' + '01' * 12 + '0019000411000000')


def test_values_are_padded_to_four_bytes_and_read_back():
    message = turn.encode(turn.SEND, turn.INDICATION, b'\x02' * 12, [(turn.DATA_ATTR, b'abcde'),
                                                                     (turn.LIFETIME, struct.pack('!I', 9))])
    assert len(message) == 20 + 4 + 8 + 4 + 4
    assert turn.decode(message)[3] == [(turn.DATA_ATTR, b'abcde'), (turn.LIFETIME, struct.pack('!I', 9))]


def test_hostile_bytes_are_not_a_message():
    assert turn.decode(b'') is None
    assert turn.decode(RFC5769_RESPONSE[:19]) is None
    assert turn.decode(RFC5769_RESPONSE[:-4]) is None, 'length field says more than came'
    assert turn.decode(b'\x80' + RFC5769_RESPONSE[1:]) is None, 'first two bits set'
    assert turn.decode(RFC5769_RESPONSE[:4] + b'\0\0\0\0' + RFC5769_RESPONSE[8:]) is None, 'wrong magic cookie'
    past_end = bytearray(RFC5769_RESPONSE)
    past_end[22] = 1  # SOFTWARE claims 267 bytes
    assert turn.decode(bytes(past_end)) is None
    assert turn.from_xor_address(b'\0\2' + b'\0' * 18) is None, 'IPv6 is not read'


def test_xor_addresses_round_trip():
    assert turn.from_xor_address(turn.xor_address('10.0.0.100', 49152)) == ('10.0.0.100', 49152)


def test_error_codes_are_read_from_class_and_number():
    answer = turn.decode(turn.encode(turn.ALLOCATE, turn.ERROR, b'\0' * 12, [(turn.ERROR_CODE, b'\0\0\x04\x25Mis')]))
    assert turn.error_code(answer) == 437


def test_media_packets_carry_their_number_and_send_time():
    seq, sent = turn.MEDIA.unpack_from(turn.media(7))
    assert seq == 7 and sent > 0 and len(turn.media(7)) == 160


def test_the_summary_of_a_run():
    assert turn.summary([3.0, 1.0, 2.0, 4.0], 5) == {'sent': 5, 'echoed': 4, 'rtt_ms_median': 3.0,
                                                     'rtt_ms_p90': 4.0}
    assert turn.summary([], 5)['rtt_ms_median'] is None


def scripted_server(sock, relayed):
    """Answers one Allocate (relay address 0.0.0.0: the server's own) and one CreatePermission, then echoes the
    first Send indication's data back as a Data indication."""
    for _ in range(3):
        data, client = sock.recvfrom(65535)
        method, cls, transaction, attributes = turn.decode(data)
        if method == turn.ALLOCATE:
            answer = [(turn.XOR_RELAYED, turn.xor_address('0.0.0.0', relayed)), (turn.LIFETIME, b'\0\0\2\x58')]
            sock.sendto(turn.encode(method, turn.SUCCESS, transaction, answer), client)
        elif method == turn.CREATE_PERMISSION:
            sock.sendto(turn.encode(method, turn.SUCCESS, transaction, []), client)
        else:
            peer = dict(attributes)[turn.XOR_PEER]
            sock.sendto(turn.encode(turn.DATA, turn.INDICATION, transaction, [
                (turn.XOR_PEER, peer), (turn.DATA_ATTR, dict(attributes)[turn.DATA_ATTR])]), client)


def test_the_client_allocates_permits_and_gets_its_data_back():
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(('127.0.0.1', 0))
    thread = threading.Thread(target=scripted_server, args=(server, 49160), daemon=True)
    thread.start()
    client = turn.TurnClient('127.0.0.1', server.getsockname()[1], timeout=5)
    assert client.allocate() == ('127.0.0.1', 49160), '0.0.0.0 is the address the Allocate went to'
    client.permit('10.0.0.2')
    client.send('10.0.0.2', 5004, turn.media(0))
    assert turn.MEDIA.unpack_from(client.receive())[0] == 0
    thread.join(5)
    server.close()
