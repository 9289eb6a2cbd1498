"""The FastAPI app: REST endpoints over :mod:`palmyra.store.queries`, the review desk, the web UI.

::

    GET  /api/events               filters since, until, country, type, bbox, q; limit/offset paging
    GET  /api/events/{id}          the event: claims, evidence, articles, merge reasons, reviews,
                                   reviewed values and the machine's values they replaced
    POST /api/events/{id}/reviews  confirm / correct / reject, with a note (a signed-in reviewer)
    GET  /api/articles             articles, paged
    GET  /api/articles/{id}        text, and the evidence and claim spans in it by event
    GET  /api/stats?by=day|country|type
    GET  /api/audit                who changed which field of which event, from what to what, when
    GET  /api/me                   the signed-in reviewer's pseudonymous id
    GET  /api/vocabulary           ACLED types and sub-types, review fields (for the review form)
    GET  /docs, /openapi.json      OpenAPI, with Swagger UI served from the package (offline)
    GET  /                         the web UI (palmyra/web/static)

See the package docstring for the concurrency rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..resources.acled_types import ACLED_TYPES
from ..store import REVIEW_FIELDS, EventFilter, Store, StoreError
from ..store import queries as Q
from ..store.reviews import ReviewError, authenticate, submit_review
from .errors import ApiError, install_error_handlers
from .schemas import ReviewIn, acled_vocabulary

__all__ = ["create_app", "static_dir"]

_BBOX = r"^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$"
_bearer = HTTPBearer(auto_error=False, description="a reviewer's sign-in token (palmyra reviewer add)")


def static_dir() -> Path:
    """The web UI's files, shipped in the package."""
    return Path(str(files("palmyra.web") / "static"))


def _reader(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """One cursor per request, closed after it: reads never share a connection across threads."""
    cur = request.app.state.store.reader()
    try:
        yield cur
    finally:
        cur.close()


Reader = Annotated[duckdb.DuckDBPyConnection, Depends(_reader)]


def _reviewer(con: Reader, cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    if cred is None:
        raise ApiError(401, "unauthorized", "sign in: send 'Authorization: Bearer <reviewer token>'")
    reviewer_id = authenticate(con, cred.credentials)
    if reviewer_id is None:
        raise ApiError(401, "unauthorized", "unknown or revoked reviewer token")
    return reviewer_id


Reviewer = Annotated[str, Depends(_reviewer)]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    w, s, e, n = (float(x) for x in value.split(","))
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise ApiError(422, "validation_error", f"bbox out of range (W,S,E,N; S <= N): {value!r}")
    return w, s, e, n


def _filter(
    since: Annotated[dt.date | None, Query(description="events on or after this day")] = None,
    until: Annotated[dt.date | None, Query(description="events on or before this day")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3")] = None,
    type: Annotated[
        str | None, Query(max_length=100, description="ACLED event type or sub-type, or PLOVER type")
    ] = None,
    bbox: Annotated[str | None, Query(pattern=_BBOX, description="W,S,E,N in degrees")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="text in an actor, place or type name")
    ] = None,
    include_rejected: Annotated[bool, Query(description="keep events reviewers rejected")] = False,
) -> EventFilter:
    if since and until and since > until:
        raise ApiError(422, "validation_error", f"since {since} is after until {until}")
    return EventFilter(
        since=since, until=until, country=country, type=type, bbox=_bbox(bbox), q=q,
        include_rejected=include_rejected,
    )  # fmt: skip


Filter = Annotated[EventFilter, Depends(_filter)]
Limit = Annotated[int, Query(ge=0, le=Q.MAX_PAGE, description="page size")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]


def create_app(db_path: str | Path, *, read_only: bool = False, static: str | Path | None = None) -> FastAPI:
    """The API and web UI over the store at ``db_path`` (opened now; closed when the app shuts down).

    ``read_only`` opens the store read-only (other read-only processes may share it;
    reviews are refused with 403). ``static`` replaces the bundled web UI folder.
    """
    try:
        store = Store(db_path, read_only=read_only)
    except StoreError:
        raise

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="palmyra",
        version=__version__,
        summary="Events from news reports: map, evidence and review desk over a palmyra store.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    install_error_handlers(app)
    web = Path(static) if static is not None else static_dir()
    app.mount("/static", StaticFiles(directory=web), name="static")
    _routes(app, web)
    return app


def _event_or_404(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any]:
    ev = Q.get_event(con, event_id)
    if ev is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    return ev


def _check_types(ev: dict[str, Any], changes: dict[str, Any]) -> None:
    """The (sub-)type a correction leaves must be a valid ACLED pair."""
    if not {"acled_event_type", "acled_sub_event_type"} & set(changes):
        return
    kind = changes.get("acled_event_type", ev.get("acled_event_type"))
    sub = changes.get("acled_sub_event_type", ev.get("acled_sub_event_type"))
    if kind is None or kind not in ACLED_TYPES or sub not in ACLED_TYPES[kind]:
        allowed = ", ".join(sorted(ACLED_TYPES.get(kind or "", ()))) or "a type first"
        raise ApiError(
            422, "validation_error", f"sub-event type {sub!r} is not one of {kind!r}: give one of {allowed}"
        )


def _routes(app: FastAPI, web: Path) -> None:  # noqa: C901 - one list of small routes
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(web / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="palmyra API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )

    @app.get("/api/events", tags=["events"])
    def events(con: Reader, flt: Filter, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Event summaries in (event_date, event_id) order, with the total matching."""
        return Q.list_events(con, flt, limit=limit, offset=offset)

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(con: Reader, event_id: str) -> dict[str, Any]:
        """One event by any id it has had: reviewed values applied, ``machine`` keeps what they replaced."""
        return _event_or_404(con, event_id)

    @app.post("/api/events/{event_id}/reviews", tags=["reviews"], status_code=201)
    def review(
        request: Request, con: Reader, reviewer: Reviewer, event_id: str, body: ReviewIn
    ) -> dict[str, Any]:
        """Confirm, correct or reject an event; stored beside the machine's record, never over it."""
        store: Store = request.app.state.store
        if store.read_only:
            raise ApiError(403, "read_only", "this server opened the store read-only: reviews are off")
        ev = _event_or_404(con, event_id)
        changes = body.changes.values() if body.changes is not None else {}
        _check_types(ev, changes)
        try:
            ids = submit_review(
                store, event_id=event_id, reviewer_id=reviewer, action=body.action, changes=changes,
                note=body.note,
            )  # fmt: skip
        except ReviewError as e:
            raise ApiError(422, "validation_error", str(e)) from e
        return {"event_id": ev["event_id"], "review_ids": ids, "event": _event_or_404(con, event_id)}

    @app.get("/api/articles", tags=["articles"])
    def articles(con: Reader, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        return Q.list_articles(con, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(con: Reader, article_id: str) -> dict[str, Any]:
        """The article's text and its ``spans``: evidence and claim sentences (offsets), by event."""
        art = Q.get_article(con, article_id)
        if art is None:
            raise ApiError(404, "not_found", f"no article {article_id!r}")
        art["spans"] = Q.article_spans(con, article_id)
        return art

    @app.get("/api/stats", tags=["events"])
    def stats(
        con: Reader, flt: Filter, by: Annotated[Literal["day", "country", "type"], Query()] = "day"
    ) -> dict[str, Any]:
        """Events and fatalities per day, country or ACLED event type, over the filtered events."""
        return {"by": by, "items": Q.stats(con, by, flt)}

    @app.get("/api/audit", tags=["reviews"])
    def audit(
        con: Reader, event_id: str | None = None, limit: Limit = 100, offset: Offset = 0
    ) -> dict[str, Any]:
        """The audit trail, newest first: reviewer (pseudonymous id), event, field, old and new value."""
        items = Q.list_reviews(con, event_id=event_id, limit=limit, offset=offset)
        total = len(items) if event_id is not None else Q.count_reviews(con)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/me", tags=["reviews"])
    def me(reviewer: Reviewer) -> dict[str, Any]:
        """Who the token signs in as (the pseudonymous reviewer id)."""
        return {"reviewer_id": reviewer}

    @app.get("/api/vocabulary", tags=["reviews"])
    def vocabulary() -> dict[str, Any]:
        return {"acled_types": acled_vocabulary(), "review_fields": list(REVIEW_FIELDS)}
