"""The CLI's commands, one module each.

Every module here (not starting with ``_``) defines ``register(sub)``, which adds
its sub-parser(s) to the ``palmyra`` argument parser and sets ``handler`` on each
to a function ``(args) -> exit code``. ``palmyra.cli`` discovers the modules, so a
new command is a new file. Modules import heavy libraries inside their handlers,
never at import time: ``palmyra --help`` stays instant.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

__all__ = ["command_modules"]


def command_modules() -> list[ModuleType]:
    """The command modules in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]
