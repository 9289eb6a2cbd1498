"""Scorers against gold sets: one module each, run by ``palmyra eval NAME``.

Every module here (not starting with ``_``) defines

* ``NAME``: the gold set's name (the folder under the data directory, usually);
* ``HELP``: one line for ``palmyra eval --help``;
* ``add_arguments(parser)``: its own options (may add none);
* ``run(args) -> int``: scores, prints a table and a one-line summary to stdout,
  returns the exit code (0, or 1 when ``--gate`` floors are not met).

``args.data_dir`` is the folder holding the gold sets (see :func:`data_dir`); a module that
reads no gold set sets ``NEEDS_DATA = False`` and then gets ``None`` unless one is given.
Scorers read gold data from there, never from the network, and import heavy
libraries inside ``run``.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path
from types import ModuleType

from ..errors import PalmyraError

__all__ = ["DATA_ENV", "data_dir", "eval_modules"]

DATA_ENV = "PALMYRA_DATA"


def eval_modules() -> list[ModuleType]:
    """The scorer modules in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def data_dir(given: str | None = None) -> Path:
    """The gold-set folder: *given*, else ``$PALMYRA_DATA``, else ``../shared/data``
    from the working directory (where the project's checkout keeps it)."""
    candidates = [given] if given else [os.environ.get(DATA_ENV), "../shared/data", "shared/data"]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    where = given or f"${DATA_ENV}, ../shared/data or shared/data"
    raise PalmyraError(f"no gold-set folder at {where}: pass --data-dir DIR")
