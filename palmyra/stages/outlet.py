"""The outlet's home country, from the country-code top-level domain of the article's URL.

Local news names its own places bare: a Canadian paper writes "London police" and means
London, Ontario; a British paper writes "Edmonton" and means the London borough. The URL's
country code (``cbc.ca``, ``abc.net.au``, ``nlhnews.co.uk``) says where the outlet is, and
:mod:`palmyra.pipeline` counts it as :data:`OUTLET_WEIGHT` more mentions of that country in
the story's context (:func:`palmyra.stages.places.context_countries`): it tips bare names
that nothing else separates, and yields to countries the story names more often itself.
Measured (``palmyra eval geoparse``, the corpora's ``<url>``): weight 1 moves LGL Acc@161
0.849 -> 0.851 and TR-News 0.849 -> 0.850; weight 3 gives LGL 0.853 ("Lancaster" in a
``.co.uk`` story with a British school and university) and the same TR-News.

Generic domains (``.com``, ``.org``) say nothing, and neither do country codes sold as
generic names (``.tv``, ``.io``, ``.co``, ``.me`` ...).
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

__all__ = ["OUTLET_WEIGHT", "outlet_country"]

OUTLET_WEIGHT = 3  # mentions of its country that an outlet's URL is worth

# Country codes registered mostly by outlets elsewhere: no evidence of a home country.
GENERIC_CCTLDS = frozenset({
    "ag", "ai", "am", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "nu", "sh", "tk", "to", "tv", "vc",
    "ws",
})  # fmt: skip
# ccTLDs that differ from the ISO alpha-2 code.
TLD_ALPHA2 = {"uk": "GB", "ac": "SH", "eu": ""}


def outlet_country(url: str | None) -> str | None:
    """ISO alpha-3 of the country whose code ends the URL's host ("https://www.cbc.ca/news" -> CAN),
    else None (no URL, an IP address, a generic or unknown top-level domain)."""
    if not url:
        return None
    text = url.strip()
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    tld = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if "." not in host or not tld.isalpha() or len(tld) != 2 or tld in GENERIC_CCTLDS:
        return None
    return _alpha3(TLD_ALPHA2.get(tld, tld.upper()))


@cache
def _alpha3(alpha2: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    return None if country is None else str(country.alpha_3)
