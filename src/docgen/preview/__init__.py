"""`docgen serve`: a live preview for people who write frameworks.

The HTML handbook is served on 127.0.0.1 (`site.py` makes it, `server.py`
serves it); `watch.py` reports each save of a framework, assessment,
template or the configuration, and the page reloads itself within a second.
A problem in the saved file is shown in the page, and the PDF of the edited
chapter is made in the background and linked from it.
"""

from __future__ import annotations

import threading
from typing import Callable

from docgen import api
from docgen.preview.server import PreviewServer
from docgen.preview.site import Site
from docgen.preview.watch import changes

__all__ = ["serve"]


def serve(open_project: Callable[[], api.Project], host: str, port: int,
          on_ready: Callable[[str], None], log: Callable[[str], None],
          stop: threading.Event) -> None:
    """Serve the live handbook on `host:port` until `stop` is set (or Ctrl+C).

    `on_ready(url)` is called once the first page is made and the port is bound.
    """
    site = Site(open_project, log)
    server = None
    try:
        for changed in changes(open_project, stop):
            if server is None:  # the watcher runs: the first page misses no save
                site.update()
                server = PreviewServer((host, port), site)
                threading.Thread(target=server.serve_forever, name="docgen-http",
                                 daemon=True).start()
                on_ready(server.url)
            elif changed:
                site.update(changed)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        site.close()
        if server is not None:
            server.shutdown()
            server.server_close()
