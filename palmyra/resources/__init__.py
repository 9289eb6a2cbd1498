"""Data the stages read, and the code that builds or loads it."""

from __future__ import annotations

from importlib import resources

__all__ = ["data_rows", "read_data"]


def read_data(name: str) -> str:
    """The text of a bundled data file in ``palmyra/resources``."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def data_rows(text: str) -> list[tuple[int, list[str]]]:
    """Tab-separated rows of a data file with their line numbers; blank and ``#`` lines skipped."""
    return [
        (n, line.split("\t"))
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and line[0] != "#"
    ]
