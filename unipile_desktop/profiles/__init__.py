"""Qt-free connection profiles: name and DSN in a settings file, the API key only in the OS keyring."""

# The connection check lives in the api layer; it is re-exported here so the app and the dialogs that used it
# from the profiles keep one import. ``describe_connection_failure`` is the profiles' own: it also words a
# profile's validation error.
from ..api import CHECK_TIMEOUT, ConnectionCheckError, ConnectionProblem, check_connection, connection_error_from
from .credentials import Credentials, describe_connection_failure
from .keys import (
    KEYRING_SERVICE,
    KeyringProblem,
    KeyringUnavailableError,
    KeyStore,
    SessionKeys,
    describe_backend,
    is_system_backend,
)
from .settings_file import (
    SETTINGS_FILE_NAME,
    SETTINGS_VERSION,
    Profile,
    ProfileExistsError,
    ProfileStore,
    SettingsFileError,
    UnknownProfileError,
)
from .validation import (
    MAX_PROFILE_NAME_LENGTH,
    InvalidProfileError,
    validate_api_key,
    validate_dsn,
    validate_profile_name,
)

__all__ = [
    "CHECK_TIMEOUT",
    "ConnectionCheckError",
    "ConnectionProblem",
    "Credentials",
    "InvalidProfileError",
    "KEYRING_SERVICE",
    "KeyStore",
    "KeyringProblem",
    "KeyringUnavailableError",
    "MAX_PROFILE_NAME_LENGTH",
    "Profile",
    "ProfileExistsError",
    "ProfileStore",
    "SETTINGS_FILE_NAME",
    "SETTINGS_VERSION",
    "SessionKeys",
    "SettingsFileError",
    "UnknownProfileError",
    "check_connection",
    "connection_error_from",
    "describe_backend",
    "describe_connection_failure",
    "is_system_backend",
    "validate_api_key",
    "validate_dsn",
    "validate_profile_name",
]
