"""Qt-free Unipile-compatible HTTP server on loopback: seeded demo data, fault injection, request log."""

from .seed import seeded_state
from .server import DEFAULT_API_KEY, SandboxServer
from .state import SandboxState

__all__ = ["DEFAULT_API_KEY", "SandboxServer", "SandboxState", "seeded_state"]
