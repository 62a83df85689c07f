"""Admin command line for IT provisioning: ``unipile-desktop profile add|list|remove``; keys go to the keyring."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from typing import NoReturn, TextIO

from .api import ConnectionCheckError, check_connection
from .profiles import (
    Credentials,
    InvalidProfileError,
    KeyringUnavailableError,
    KeyStore,
    ProfileExistsError,
    ProfileStore,
    SettingsFileError,
    UnknownProfileError,
    validate_api_key,
    validate_dsn,
    validate_profile_name,
)

PROG = "unipile-desktop profile"

EXIT_OK = 0
EXIT_FAILURE = 1  # the settings file could not be written
EXIT_USAGE = 2  # bad arguments or bad input (name, DSN, key)
EXIT_KEYRING = 3  # no usable keyring
EXIT_UNKNOWN_PROFILE = 4
EXIT_CONNECTION = 5  # --test: the server refused the key or could not be reached


class _UsageError(Exception):
    pass


class _ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error becomes an exception so the caller prints one line to its own stderr."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog=PROG,
        description="Manage connection profiles. API keys are kept only in the system keyring.",
    )
    commands = parser.add_subparsers(dest="command", metavar="{add,list,remove}")
    commands.required = True

    add = commands.add_parser(
        "add",
        help="add a profile (the API key is read from standard input, or asked for without echo)",
        description=(
            'Add a profile. Pipe the API key on standard input (printf %%s "$KEY" | unipile-desktop profile add '
            "NAME --dsn DSN); on a terminal it is asked for without echo. The key goes only to the system keyring."
        ),
    )
    add.add_argument("name", metavar="NAME", help="profile name, e.g. Support")
    add.add_argument("--dsn", required=True, help="your Unipile DSN, e.g. api1.unipile.com:13111")
    add.add_argument("--test", action="store_true", help="check the key with GET /accounts before saving")
    add.add_argument("--replace", action="store_true", help="overwrite an existing profile of that name")

    commands.add_parser("list", help="list profiles (never prints a key)", description="List the profiles.")

    remove = commands.add_parser(
        "remove", help="remove a profile and its key", description="Remove a profile and its keyring entry."
    )
    remove.add_argument("name", metavar="NAME")
    return parser


def run_profile_command(
    argv: Sequence[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    store: ProfileStore | None = None,
    keys: KeyStore | None = None,
    read_secret: Callable[[str], str] | None = None,
) -> int:
    """Run ``profile …`` (``argv`` without the word "profile") and return the exit code.

    Exit codes: 0 done, 1 settings file not writable, 2 bad usage or input, 3 no usable keyring,
    4 unknown profile, 5 connection test failed. Errors are one line on ``stderr``.
    """
    source = stdin if stdin is not None else sys.stdin  # None when the process has no standard input
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    parser = _build_parser()
    try:
        # argparse writes --help to sys.stdout; send it to the streams we were given.
        with redirect_stdout(stdout), redirect_stderr(stderr):
            args = parser.parse_args(list(argv))
    except _UsageError as exc:
        return _fail(stderr, f"{exc} (see “{PROG} --help”).", EXIT_USAGE)
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else EXIT_OK

    credentials = Credentials(store if store is not None else ProfileStore(), keys if keys is not None else KeyStore())
    try:
        credentials.store.load()
    except SettingsFileError as exc:
        print(f"Warning: {exc}", file=stderr)

    try:
        if args.command == "add":
            return _add(args, credentials, source, stdout, stderr, read_secret or _hidden_prompt(stderr))
        if args.command == "list":
            return _list(credentials, stdout)
        return _remove(args, credentials, stdout)
    except (InvalidProfileError, ProfileExistsError) as exc:
        return _fail(stderr, str(exc), EXIT_USAGE)
    except UnknownProfileError as exc:
        return _fail(stderr, f"{exc} See “{PROG} list”.", EXIT_UNKNOWN_PROFILE)
    except KeyringUnavailableError as exc:
        return _fail(stderr, str(exc), EXIT_KEYRING)
    except SettingsFileError as exc:
        return _fail(stderr, str(exc), EXIT_FAILURE)


def _add(
    args: argparse.Namespace,
    credentials: Credentials,
    stdin: TextIO | None,
    stdout: TextIO,
    stderr: TextIO,
    read_secret: Callable[[str], str],
) -> int:
    name = validate_profile_name(args.name)
    dsn = validate_dsn(args.dsn)
    if not args.replace and credentials.store.find(name) is not None:
        raise ProfileExistsError(name)
    key = _read_key(name, stdin, read_secret)
    if key is None:
        return _fail(stderr, "No API key was entered; nothing was saved.", EXIT_USAGE)
    key = validate_api_key(key)
    if args.test:
        try:
            count = asyncio.run(check_connection(dsn, key))
        except ConnectionCheckError as exc:
            return _fail(stderr, f"{exc} Nothing was saved.", EXIT_CONNECTION)
        print(f"Connection works: the server accepted the key ({_accounts(count)} on the first page).", file=stdout)
    credentials.add_profile(name, dsn, key, replace_existing=args.replace)
    print(f"Profile “{name}” saved; its API key is in {credentials.keys.backend_description()}.", file=stdout)
    return EXIT_OK


def _read_key(name: str, stdin: TextIO | None, read_secret: Callable[[str], str]) -> str | None:
    """The key from a pipe (trailing newline removed) or from a hidden prompt; None when nothing came."""
    if stdin is None:
        return None
    if _is_terminal(stdin):
        try:
            text = read_secret(f"API key for profile “{name}” (input is hidden): ")
        except (EOFError, KeyboardInterrupt):
            return None
    else:
        text = stdin.read()
    text = text.rstrip("\r\n")
    return text if text.strip() else None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or unusual streams count as pipes
        return False


def _hidden_prompt(stderr: TextIO) -> Callable[[str], str]:
    def prompt(text: str) -> str:
        return getpass.getpass(text, stream=stderr)

    return prompt


def _list(credentials: Credentials, stdout: TextIO) -> int:
    profiles = credentials.store.profiles()
    if not profiles:
        print(f"No profiles yet. Add one with: {PROG} add NAME --dsn DSN", file=stdout)
    else:
        last = credentials.store.last_used()
        width = max(len("NAME"), *(len(p.name) for p in profiles))
        print(f"{'NAME':<{width}}  DSN", file=stdout)
        for profile in profiles:
            marker = "  (last used)" if last is not None and profile.name == last.name else ""
            print(f"{profile.name:<{width}}  {profile.dsn}{marker}", file=stdout)
    where = credentials.keys.backend_description()
    note = "" if credentials.keys.is_system_backend() else " — not a system keyring, keys cannot be stored"
    print(f"API keys are kept in: {where}{note}", file=stdout)
    return EXIT_OK


def _remove(args: argparse.Namespace, credentials: Credentials, stdout: TextIO) -> int:
    name = args.name.strip()
    credentials.remove_profile(name)
    print(f"Profile “{name}” and its API key were removed.", file=stdout)
    return EXIT_OK


def _accounts(count: int) -> str:
    return "1 account" if count == 1 else f"{count} accounts"


def _fail(stderr: TextIO, message: str, code: int) -> int:
    print(f"Error: {message}", file=stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m unipile_desktop.cli profile …``: the same commands without starting Qt."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "profile":
        args = args[1:]
    return run_profile_command(args)


if __name__ == "__main__":
    sys.exit(main())
