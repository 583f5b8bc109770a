"""NetServ-OF on Mininet: topologies, the controller process, and scenarios used by the demo and the tests.

Runs under Debian's /usr/bin/python3 with its Mininet 2.3. Every switch, host and interface name carries a
run prefix, so runs never collide with each other or with leftovers of a crashed run. Nothing here kills
processes by name or calls Mininet's cleanup: only processes this package started are stopped, by PID.
"""
