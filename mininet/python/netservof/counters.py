"""What the counting processes in Mininet hosts share: counts written on request and at the end, and the
frames a packet socket receives."""

import select
import signal
import socket
import sys

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def dump_on_signals(dump):
    """Calls dump(*signal_args) now, on SIGUSR1, and on SIGTERM before exiting: the test reads what it wrote."""
    def stop(*args):
        dump(*args)
        sys.exit(0)

    signal.signal(signal.SIGUSR1, dump)
    signal.signal(signal.SIGTERM, stop)
    dump()


def packet_socket(interface):
    """A raw socket for every frame on the interface, in and out."""
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.bind((interface, 0))
    return sock


def incoming_frames(sock):
    """The frames a packet socket receives, for ever; those the host sends itself are left out."""
    while True:
        try:
            frame, address = sock.recvfrom(65535)
        except InterruptedError:
            continue
        if address[2] != PACKET_OUTGOING:
            yield frame


def udp_sockets(ports):
    """A UDP socket bound to each port with a large receive buffer, by file descriptor: {fd: (port, socket)}."""
    socks = {}
    for p in ports:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        s.bind(('0.0.0.0', p))
        socks[s.fileno()] = (p, s)
    return socks


def datagrams(socks):
    """(port, payload, (source, source port)) of every datagram the sockets of udp_sockets receive, for ever."""
    poller = select.poll()
    for fd in socks:
        poller.register(fd, select.POLLIN)
    while True:
        try:
            events = poller.poll(1000)
        except InterruptedError:
            continue
        for fd, _ in events:
            port, s = socks[fd]
            data, address = s.recvfrom(65535)
            yield port, data, address
