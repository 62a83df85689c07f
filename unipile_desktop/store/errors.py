"""Errors the local store raises, each with a sentence a person can act on."""

from __future__ import annotations


class StoreError(RuntimeError):
    """Base of the store's own errors; ``str(err)`` is a readable sentence."""


class ProfileInUseError(StoreError):
    """Another running copy of the app holds this profile's database (two senders would duplicate messages)."""


class StoreCorruptError(StoreError):
    """SQLite reported the file as damaged while the app was running; it is checked and set aside at next start."""
