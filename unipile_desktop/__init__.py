"""Unipile Desktop: a desktop messenger for support agents on top of the Unipile messaging API."""

import sys

# The one source of the version: pyproject.toml reads it from here (setuptools' dynamic ``attr``). A literal rather
# than importlib.metadata, whose import (email parsing and all) cost 25 ms of every start.
__version__ = "0.1.0"

APP_NAME = "Unipile Desktop"

# httpx imports its command-line tool (httpx._main: click, rich and pygments, when installed, as the test tools
# install them) on import, 60 ms of every start for a CLI the app never runs. A None entry in sys.modules makes that
# guarded import fail at once, and httpx falls back to its stub.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
