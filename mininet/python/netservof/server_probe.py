"""A client of a server module, run on a Mininet host: sends one UDP datagram and one TCP line to a node's
service address and prints, as JSON, what came back (or why nothing did), so a test sees the node answer as a
server from the other side of the fabric.

Usage: server_probe.py ADDRESS UDP_PORT TCP_PORT TEXT
       server_probe.py connect ADDRESS PORT TIMEOUT   (only whether a TCP connection opens)
"""

import json
import socket
import sys


def udp(address, port, text, tries=5):
    """The first answer to TEXT, asked a few times (the first datagram may go while ARP is being learnt)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(1.0)
        for _ in range(tries):
            s.sendto(text.encode(), (address, port))
            try:
                return s.recvfrom(2048)[0].decode()
            except socket.timeout:
                continue
    return None


def tcp(address, port, text):
    """The server's answer to one line, or the error that stopped it."""
    try:
        with socket.create_connection((address, port), timeout=5) as s:
            s.sendall((text + '\n').encode())
            answer = b''
            while not answer.endswith(b'\n'):
                chunk = s.recv(2048)
                if not chunk:
                    break
                answer += chunk
            return answer.decode().rstrip('\n')
    except OSError as e:
        return 'error: %s' % e


def connect(address, port, timeout):
    """Whether a TCP connection to address:port opens within timeout seconds, and the error if not."""
    try:
        socket.create_connection((address, port), timeout=timeout).close()
        return {'connected': True, 'answer': 'connected'}
    except OSError as e:
        return {'connected': False, 'answer': 'error: %s' % e}


def main():
    if sys.argv[1] == 'connect':
        print(json.dumps(connect(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))))
        return
    address, udp_port, tcp_port, text = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    print(json.dumps({'udp': udp(address, udp_port, text), 'tcp': tcp(address, tcp_port, text)}))


if __name__ == '__main__':
    main()
