"""A small client of the controller's REST API (urllib only): JSON in, parsed JSON out, the operator's
bearer token on every request, and errors as RestError carrying the API's own status and JSON body."""

import json
import urllib.error
import urllib.request


class RestError(Exception):
    """The API answered an error: status is the HTTP code, body its JSON ({'status', 'error', 'detail'})."""

    def __init__(self, method, path, status, body):
        self.status = status
        self.body = body
        detail = body.get('detail', body) if isinstance(body, dict) else body
        Exception.__init__(self, '%s %s answered %d: %s' % (method, path, status, detail))


class RestClient:
    """Talks to one controller's REST API at base_url ('http://127.0.0.1:PORT') with an operator token."""

    def __init__(self, base_url, token):
        self.base_url = base_url
        self.token = token

    def request(self, method, path, body=None, timeout=60):
        """Parsed JSON of the answer (None when it has no body); raises RestError on 4xx/5xx."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        req.add_header('Authorization', 'Bearer ' + self.token)
        if data is not None:
            req.add_header('Content-Type', 'application/json')
        try:
            with urllib.request.urlopen(req, timeout=timeout) as answer:
                return _parsed(answer.read())
        except urllib.error.HTTPError as e:
            raise RestError(method, path, e.code, _parsed(e.read())) from None


def _parsed(raw):
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode(errors='replace')
