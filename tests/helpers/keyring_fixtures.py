"""pytest fixtures that swap the process-wide keyring backend for an in-memory one and restore it afterwards.

For the whole suite, load it as a plugin in the root conftest: ``pytest_plugins = ["tests.helpers.keyring_fixtures"]``
(then ``keyring_isolation`` is autouse and no test reaches the user's keyring). A single module can instead bind
``memory_keyring = keyring_fixtures.memory_keyring`` and request it.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring.core
import pytest

from tests.helpers.memory_keyring import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The keyring backend for this test: empty, in memory, gone afterwards."""
    # Read the private slot rather than keyring.get_keyring(): that would first probe the real keyring.
    previous = keyring.core._keyring_backend
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = previous


@pytest.fixture(autouse=True)
def keyring_isolation(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    """Autouse wherever this module is loaded as a plugin (``pytest_plugins``): no test reaches a real keyring."""
    return memory_keyring
