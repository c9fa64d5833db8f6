"""One HTTP server of a simulated remote system, served on its own thread until stopped."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer


class ServingThread:
    """Serves ``httpd`` on a thread of its own; :meth:`stop` shuts it down and closes it."""

    def __init__(self, httpd: ThreadingHTTPServer, name: str) -> None:
        self.httpd = httpd
        self._name = name
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        # A short poll interval: stop() returns at once (tests start many servers).
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=self._name
        )
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join()
