"""Fixtures of the sandbox tests: httpx clients bound to the sandbox API and to its test controls."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.sandbox.sandbox_forms import SHARED_SSL_CONTEXT
from unipile_desktop.sandbox import SandboxServer

TEST_KEY = "test-key"


@pytest.fixture
def api(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    """A client of the per-test sandbox's /api/v1 with the right X-API-KEY."""
    with httpx.Client(
        base_url=sandbox.api_url, headers={"X-API-KEY": TEST_KEY}, timeout=10, verify=SHARED_SSL_CONTEXT
    ) as client:
        yield client


@pytest.fixture
def shared_api(shared_sandbox: SandboxServer) -> Iterator[httpx.Client]:
    """A client of the session-wide, read-only sandbox."""
    with httpx.Client(
        base_url=shared_sandbox.api_url, headers={"X-API-KEY": TEST_KEY}, timeout=10, verify=SHARED_SSL_CONTEXT
    ) as client:
        yield client


@pytest.fixture
def controls(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    """A client of the per-test sandbox's /_sandbox/ test controls (no key needed)."""
    with httpx.Client(base_url=sandbox.url + "/_sandbox", timeout=10, verify=SHARED_SSL_CONTEXT) as client:
        yield client
