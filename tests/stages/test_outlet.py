from __future__ import annotations

import pytest

from palmyra.stages.outlet import outlet_country


@pytest.mark.parametrize(
    ("url", "country"),
    [
        ("https://www.cbc.ca/news/canada/london", "CAN"),
        ("http://www.nlhnews.co.uk/news/1", "GBR"),  # .uk is not an ISO code
        ("www.abc.net.au/news", "AUS"),  # no scheme
        ("https://www.chinapost.com.tw/a?b=c", "TWN"),
        ("HTTPS://WWW.LEMONDE.FR/", "FRA"),
        ("http://www.thetowntalk.com/article/1", None),  # generic domain
        ("https://news.example.tv/1", None),  # a country code sold as a generic name
        ("https://europa.eu/x", None),
        ("http://10.0.0.1/report", None),
        ("localhost", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_country_from_the_url(url, country):
    assert outlet_country(url) == country
