"""Unipile Desktop: a desktop messenger for support agents on top of the Unipile messaging API."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("unipile-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

APP_NAME = "Unipile Desktop"
