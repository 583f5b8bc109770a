"""One end of a relay of LLDP frames between two hosts (run inside a host's namespace): every LLDP frame
the interface receives goes to stdout as a hex line, and every hex line on stdin is sent out of the
interface. Two ends joined crosswise are two colluding hosts passing each other the controller's probes.

usage: lldp_relay.py IFACE
"""

import binascii
import socket
import sys
import threading

ETH_P_LLDP = 0x88cc


def main():
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_LLDP))
    sock.bind((sys.argv[1], 0))

    def inject():
        for line in sys.stdin:
            if line.strip():
                sock.send(binascii.unhexlify(line.strip()))

    threading.Thread(target=inject, daemon=True).start()
    while True:
        frame, address = sock.recvfrom(65535)
        if address[2] == socket.PACKET_OUTGOING:
            continue  # what we injected ourselves
        sys.stdout.write(frame.hex() + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
