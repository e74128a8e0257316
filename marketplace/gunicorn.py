"""gunicorn's access log without the health probes (`--logger-class marketplace.gunicorn.Logger`).

A load balancer asks /healthz and /readyz every few seconds: a line for each would bury the
requests people make. A probe that fails still shows: /readyz reports its causes in its body.
"""

from __future__ import annotations

from gunicorn import glogging

PROBES = frozenset({"/healthz", "/readyz"})


class Logger(glogging.Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") in PROBES and (resp.status_code or 500) < 500:
            return
        super().access(resp, req, environ, request_time)
