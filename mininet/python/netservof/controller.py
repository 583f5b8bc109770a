"""Starts and stops a NetServ-OF controller process through ./netserv, by PID."""

import os
import signal
import socket
import subprocess
import time

# mininet/python/netservof/controller.py -> the repository root
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class ControllerProcess:
    """`./netserv controller` in the background, its output in a log file."""

    def __init__(self, of_port, log_path, extra_args=()):
        self.address = '127.0.0.1:%d' % of_port
        self.log_path = log_path
        self.log = open(log_path, 'w')
        cmd = [os.path.join(ROOT, 'netserv'), 'controller', '--of-listen', self.address] + list(extra_args)
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_listening(self, timeout=120):
        host, port = self.address.rsplit(':', 1)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError('controller exited with %s; see %s' % (self.proc.returncode, self.log_path))
            try:
                with socket.create_connection((host, int(port)), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError('controller did not listen on %s within %ss' % (self.address, timeout))

    def stop(self):
        """SIGTERM to our own process (./netserv execs java, so the PID is the JVM's); returns its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode
