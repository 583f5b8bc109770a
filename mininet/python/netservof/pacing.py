"""Senders that keep a rate: an absolute schedule, not a sleep after each packet, so a late wake-up is caught up
and the rate holds on average (the benchmarks time flows by their packets)."""

import time


class Pacer:
    """One tick every step seconds from now on; wait() sleeps until the next tick is due."""

    def __init__(self, step):
        self.step = step
        self.began = time.time()
        self.ticks = 0
        self.worst_late = 0.0

    def wait(self):
        """Waits for the next tick (at once if it is overdue, noting by how much) and answers its number."""
        due = self.began + self.ticks * self.step
        now = time.time()
        if due > now:
            time.sleep(due - now)
        else:
            self.worst_late = max(self.worst_late, now - due)
        self.ticks += 1
        return self.ticks - 1

    def summary(self):
        """What a sender prints at the end: ticks sent, seconds taken, and how late the schedule ran at worst."""
        return {'sent': self.ticks, 'seconds': round(time.time() - self.began, 3),
                'worst_late_ms': round(self.worst_late * 1000, 1)}
