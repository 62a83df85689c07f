"""Where the app connects: the command-line options, the connection (key in memory only) and its sources."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from ..api import InvalidDsnError, base_url_from_dsn, host_of
from ..profiles import Profile
from ..texts import QT_TRANSLATE_NOOP, translate

ENV_DSN = "UNIPILE_DSN"
ENV_API_KEY = "UNIPILE_API_KEY"
# Hidden, for tests of the demo: a JSON list of sandbox fault rules (see POST /_sandbox/faults) set at demo start.
ENV_DEMO_FAULTS = "UNIPILE_DEMO_FAULTS"
# Hidden, for tests of the demo: "hostile" serves the sandbox's hostile corpus, a number another demo seed.
ENV_DEMO_SEED = "UNIPILE_DEMO_SEED"
PROFILE_COMMAND = "unipile-desktop profile"
DEMO_LABEL = QT_TRANSLATE_NOOP("Connection", "Demo data on this computer")


def no_connection_sentence() -> str:
    """What a headless start with nothing to connect to says: the three ways to give a connection."""
    return translate(
        "Connection",
        "No connection profile is saved yet. Add one with “{command} add NAME --dsn DSN” (the API key is read "
        "from standard input), set {dsn} and {key}, or use --demo.",
    ).format(command=PROFILE_COMMAND, dsn=ENV_DSN, key=ENV_API_KEY)


class KeySource(enum.Enum):
    """Where the key of the running connection came from (the About dialog says it in words)."""

    KEYRING = "keyring"
    SESSION = "session"  # typed in after a keyring failure; in memory until the app quits
    ENVIRONMENT = "environment"
    DEMO = "demo"


@dataclass(frozen=True)
class Options:
    demo: bool = False
    smoke_test: bool = False
    screenshot: Path | None = None
    debug: bool = False
    started_at: float = 0.0  # time.perf_counter() when main() began
    profile: str | None = None  # --profile NAME
    # UNIPILE_API_KEY as main() took it out of the environment (None: not set, or not started through main()).
    environment_api_key: str | None = field(default=None, repr=False)

    @property
    def headless(self) -> bool:
        """--smoke-test and --screenshot never ask: they report a sentence and exit."""
        return self.smoke_test or self.screenshot is not None


@dataclass(frozen=True)
class Connection:
    """Where to connect; the key stays in memory only."""

    dsn: str
    api_key: str = field(repr=False)
    label: str
    demo: bool
    profile: str | None = None  # the saved profile this came from, if any
    key_source: KeySource = KeySource.ENVIRONMENT


class MissingConnectionError(Exception):
    """No server to connect to: the sentence says how to give one."""


def demo_connection() -> Connection:
    """The demo, before its session starts the sandbox that gives it an address and a key."""
    return Connection(
        dsn="", api_key="", label=translate("Connection", DEMO_LABEL), demo=True, key_source=KeySource.DEMO
    )


def environment_connection(dsn: str, api_key: str) -> Connection | None:
    """UNIPILE_DSN and UNIPILE_API_KEY, for scripted use: kept in memory only (never written, not inherited).

    None when neither is set; MissingConnectionError when only one is, or the DSN is not usable.
    """
    dsn, api_key = dsn.strip(), api_key.strip()
    if not dsn and not api_key:
        return None
    if not dsn or not api_key:
        present, missing = (ENV_DSN, ENV_API_KEY) if dsn else (ENV_API_KEY, ENV_DSN)
        raise MissingConnectionError(
            translate(
                "Connection", "{present} is set but {missing} is not. Set both, or neither to use a saved profile."
            ).format(present=present, missing=missing)
        )
    try:
        base_url_from_dsn(dsn)
    except InvalidDsnError as exc:
        raise MissingConnectionError(
            translate("Connection", "{variable} is not usable: {reason}").format(variable=ENV_DSN, reason=exc)
        ) from None
    return Connection(
        dsn=dsn,
        api_key=api_key,
        label=translate("Connection", "Connected to {host}").format(host=host_of(dsn)),
        demo=False,
        key_source=KeySource.ENVIRONMENT,
    )


def profile_connection(profile: Profile, key: str, source: KeySource) -> Connection:
    """The connection of a saved profile, its label saying when the key lasts for this session only."""
    label = f"{profile.name} · {host_of(profile.dsn)}"
    if source is KeySource.SESSION:
        label = translate("Connection", "{name} · {host} · key for this session only").format(
            name=profile.name, host=host_of(profile.dsn)
        )
    return Connection(dsn=profile.dsn, api_key=key, label=label, demo=False, profile=profile.name, key_source=source)
