"""palmyra's REST API: a FastAPI app over the store's shared read queries and the review desk.

::

    app.py      create_app(db_path, read_only=...): routes, static web UI, offline /docs
    errors.py   ApiError and the one JSON error shape: {"error": {"code", "message"}}
    schemas.py  request bodies (reviews) and their validation against ACLED's value sets

Concurrency rule (STYLE habit 9): the app opens one :class:`~palmyra.store.Store`.
Every request reads through its own cursor (``Store.reader()``, one connection per
request, closed after it); every write (reviews) goes through the store's single
writer, under its lock, one transaction per review. DuckDB lets only one process
open a file for writing, so while ``palmyra serve`` runs read-write, ``palmyra ingest``
on the same file waits for it to stop; ``palmyra serve --read-only`` opens the file
read-only (reviews are refused with 403) so several read-only servers and exports
can share a file nobody writes.
"""

from __future__ import annotations

from .app import create_app
from .errors import ApiError

__all__ = ["ApiError", "create_app"]
