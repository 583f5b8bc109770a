"""The module server: serves module JARs over HTTP on the management network, as a content provider would.

The controller and the node agents fetch only from the URL prefixes they list (`module-repositories`), and a
private management address is listed on purpose. The JARs of several directories (the project's example
modules and any the experimenter adds) are linked into one served directory.
"""

import functools
import hashlib
import http.server
import os
import threading


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class ModuleServer:
    """Serves a directory over HTTP on address (a free port); close() stops it."""

    def __init__(self, address, directory):
        handler = functools.partial(_QuietHandler, directory=directory)
        self.httpd = http.server.ThreadingHTTPServer((address, 0), handler)
        self.url = 'http://%s:%d' % (address, self.httpd.server_address[1])
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class ModuleCatalog:
    """The JARs of some directories, linked into one served directory; their URLs and digests."""

    def __init__(self, served_dir):
        self.dir = served_dir
        os.makedirs(served_dir, exist_ok=True)
        self.server = None

    def add_dir(self, directory):
        """Serves every NAME.jar of directory as NAME (a later directory's JAR of the same name wins)."""
        for name in os.listdir(directory):
            if name.endswith('.jar'):
                link = os.path.join(self.dir, name)
                if os.path.lexists(link):
                    os.remove(link)
                os.symlink(os.path.abspath(os.path.join(directory, name)), link)

    def start(self, address):
        self.server = ModuleServer(address, self.dir)
        return self.repository()

    def repository(self):
        """The URL prefix controllers and agents list in module-repositories."""
        return self.server.url + '/'

    def module(self, name):
        """(url, sha256) of module NAME (its NAME.jar)."""
        path = os.path.join(self.dir, name + '.jar')
        if not os.path.exists(path):
            raise KeyError('no module %s is served (serving: %s)' % (name, ', '.join(sorted(
                n[:-4] for n in os.listdir(self.dir)))))
        with open(path, 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        return self.repository() + name + '.jar', digest

    def close(self):
        if self.server is not None:
            self.server.close()
            self.server = None
