"""pytest set-up for the experimenter's kit: its packages are imported from mininet/python, with /usr/bin/python3
(Mininet's Python API lives there). Run by `./netserv test` after the Java suites, which build what these run."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
