"""palmyra's exception tree.

::

    PalmyraError                  base of everything palmyra raises on purpose
    ├── InputError                an input cannot be read as an article
    │   ├── InputNotFound         the path does not exist
    │   ├── InputEncodingError    the bytes are not text in a known encoding
    │   ├── EmptyArticle          no article text after extraction
    │   └── InputFormatError      malformed JSON Lines, feed or HTML
    ├── ConfigError               a bad setting (unknown key, bad value, bad date)
    ├── ModelError                the spaCy pipeline cannot be loaded
    └── ResourceError             a bundled data file is missing or malformed

Every error message names the input or setting it is about and the reason, so
the command line can print it as one line.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EmptyArticle",
    "InputEncodingError",
    "InputError",
    "InputFormatError",
    "InputNotFound",
    "ModelError",
    "PalmyraError",
    "ResourceError",
]


class PalmyraError(Exception):
    """Base of palmyra's exceptions."""


class InputError(PalmyraError):
    """An input cannot be read as an article."""

    def __init__(self, input: str, reason: str) -> None:
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason


class InputNotFound(InputError):
    pass


class InputEncodingError(InputError):
    pass


class EmptyArticle(InputError):
    pass


class InputFormatError(InputError):
    pass


class ConfigError(PalmyraError):
    pass


class ModelError(PalmyraError):
    pass


class ResourceError(PalmyraError):
    pass
