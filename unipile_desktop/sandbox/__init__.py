"""Qt-free Unipile-compatible HTTP server on loopback: seeded demo data, fault injection, request log."""

from .server import DEFAULT_API_KEY, SandboxServer
from .state import SandboxState

__all__ = ["DEFAULT_API_KEY", "SandboxServer", "SandboxState"]
