"""Where the built project is (the repository, its JARs and module JARs) and the few things taken from it:
the Java binary, and users' signing keys made by `./netserv keygen`."""

import os
import shutil
import subprocess

from netservof.controller import ROOT

LIB = os.path.join(ROOT, 'mininet', 'target', 'lib')
MODULES = os.path.join(ROOT, 'mininet', 'target', 'modules')
SIGNAL_MAIN = 'org.netservof.cli.SignalMain'


def java_binary():
    """JAVA_HOME's java, else the one on PATH: the JVM the node agents and the signaling client run on."""
    home = os.environ.get('JAVA_HOME')
    return os.path.join(home, 'bin', 'java') if home else shutil.which('java')


def keygen(path):
    """A fresh Ed25519 key pair: the private key at path, the public one at path + '.pub'."""
    subprocess.run([os.path.join(ROOT, 'netserv'), 'keygen', '--out', path], check=True, stdout=subprocess.DEVNULL)
    return path, path + '.pub'


def check_built():
    """Refuses early, in the user's words, when `mvn package` has not been run: everything below needs it."""
    if not os.path.isdir(LIB) or not os.path.isdir(MODULES):
        raise RuntimeError('the project is not built (no %s): run `mvn -B -ntp package -DskipTests` first' % LIB)
