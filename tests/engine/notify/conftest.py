"""The private session bus fixture for the notification tests (fixtures are found by name in a conftest)."""

from tests.helpers.notification_bus import private_session_bus

__all__ = ["private_session_bus"]
