"""palmyra's web UI: static HTML, JS and CSS (no build step) served by :mod:`palmyra.api` at ``/``.

``static/`` holds ``index.html``, ``app.js``, ``style.css`` and ``vendor/`` (Leaflet,
topojson-client, Natural Earth country outlines, Swagger UI: see ``vendor/README.md``).
"""

__all__: list[str] = []
