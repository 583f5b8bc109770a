"""The DoS self-protection loop of the NetServ thesis (Appendix B): a manager that watches a victim's RateMonitor and
answers an attack with RateLimiters where it enters, all by signed NetServ signaling, everything on short leases.

It is a USER of the public signaling client, not part of the controller: it runs `SignalMain` (the project's
client, `./netserv signal`) as any publisher would, in any host, with the publisher's own key. It is written in
Python, beside the experimenter's kit, because it is glue around that client (one process per request, as a
shell script would run it) and its decisions are pure logic that unit tests drive without a JVM or a network;
the signing and the wire stay in the one Java client.

    decisions.py  what to deploy, refresh or let expire, from readings and the time (pure)
    readings.py   the boundary: PROBE answers in, validated RateMonitor readings out (pure)
    client.py     SignalMain in a subprocess, its answer parsed (netservnet.signaling)
    manager.py    the loop, the log of decisions with their time, and the command line
"""
