"""JSON files that readers never see half-written."""

import json
import os


def write(path, value):
    """Writes value as JSON to path atomically: a temporary file renamed over it."""
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(value, f)
    os.replace(tmp, path)
