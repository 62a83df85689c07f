"""Command line: run the sandbox server until SIGINT/SIGTERM (`python -m unipile_desktop.sandbox`)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from .server import DEFAULT_API_KEY, SandboxServer


def _seed(value: str) -> int | str:
    if value.strip().lower() == "hostile":
        return "hostile"
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is neither a number nor 'hostile'") from None


def world_and_seed(value: int | str) -> tuple[str, int]:
    """The world and numeric seed a `--seed` value (or UNIPILE_DEMO_SEED) names."""
    return ("hostile", 1) if value == "hostile" else ("demo", int(value))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m unipile_desktop.sandbox",
        description="Serve a Unipile-compatible API v1 with seeded demo data on loopback.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default)")
    parser.add_argument(
        "--api-key",
        default=DEFAULT_API_KEY,
        help=f"value clients must send in X-API-KEY (default: the public demo key {DEFAULT_API_KEY!r})",
    )
    parser.add_argument(
        "--seed",
        type=_seed,
        default=1,
        help="seed of the demo data (default 1), or 'hostile' for the hostile corpus: HTML, bidi controls, huge and "
        "malformed answers (see unipile_desktop/sandbox/seed/hostile.py)",
    )
    parser.add_argument(
        "--replies",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="simulated customers answer sent messages after a few seconds and now and then write on their own "
        "(default on)",
    )
    parser.add_argument(
        "--invitation-cap",
        type=int,
        default=None,
        metavar="N",
        help="LinkedIn invitations an account may send over 7 days before 422 errors/limit_exceeded (default 100)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    world, seed = world_and_seed(args.seed)
    server = SandboxServer(
        host=args.host, port=args.port, api_key=args.api_key, seed=seed, simulate_replies=args.replies, world=world
    )
    if args.invitation_cap is not None:
        server.invitation_weekly_cap = args.invitation_cap
    stop_requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    server.start()
    print(f"listening on {server.url}", flush=True)
    print(
        f"API base URL: {server.api_url} (header X-API-KEY); test controls: {server.url}/_sandbox/",
        file=sys.stderr,
        flush=True,
    )
    try:
        while not stop_requested.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
