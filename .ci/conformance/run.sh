#!/usr/bin/env bash
# Starts the local Unipile sandbox on a free loopback port and checks it with the official node SDK.
# Usage (from anywhere): bash .ci/conformance/run.sh   — PYTHON overrides the interpreter (default .venv/bin/python).
set -euo pipefail

conformance_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$conformance_dir/../.." && pwd)"
PYTHON="${PYTHON:-$repo_root/.venv/bin/python}"
startup_timeout_s="${SANDBOX_STARTUP_TIMEOUT:-30}"

work_dir="$(mktemp -d)"
sandbox_pid=""

cleanup() {
  if [[ -n "$sandbox_pid" ]] && kill -0 "$sandbox_pid" 2>/dev/null; then
    kill "$sandbox_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$sandbox_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$sandbox_pid" 2>/dev/null || true
    wait "$sandbox_pid" 2>/dev/null || true
  fi
  rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

show_sandbox_stderr() {
  if [[ -s "$work_dir/sandbox.err" ]]; then
    echo "--- sandbox stderr (last 40 lines) ---" >&2
    tail -n 40 "$work_dir/sandbox.err" >&2
  fi
}

# A throwaway key for this run only; it never leaves this machine.
api_key="conformance-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

cd "$repo_root"
: >"$work_dir/sandbox.out"
PYTHONUNBUFFERED=1 "$PYTHON" -m unipile_desktop.sandbox --port 0 --api-key "$api_key" \
  >"$work_dir/sandbox.out" 2>"$work_dir/sandbox.err" &
sandbox_pid=$!

# The sandbox announces itself with its first stdout line: "listening on http://HOST:PORT".
base_url=""
deadline=$((SECONDS + startup_timeout_s))
while [[ -z "$base_url" ]]; do
  first_line=""
  # read succeeds only once the whole first line (with its newline) is there, so the port is never cut short.
  if IFS= read -r first_line <"$work_dir/sandbox.out" 2>/dev/null &&
    [[ "$first_line" =~ ^listening\ on\ (http://[^[:space:]]+) ]]; then
    base_url="${BASH_REMATCH[1]}"
    break
  fi
  if ! kill -0 "$sandbox_pid" 2>/dev/null; then
    echo "sandbox exited before listening" >&2
    show_sandbox_stderr
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "sandbox printed no 'listening on http://HOST:PORT' line within ${startup_timeout_s}s" \
      "(got: ${first_line:-nothing})" >&2
    show_sandbox_stderr
    exit 1
  fi
  sleep 0.1
done
echo "sandbox listening on $base_url (pid $sandbox_pid)"

if [[ ! -f "$conformance_dir/node_modules/unipile-node-sdk/package.json" ]]; then
  (cd "$conformance_dir" && npm ci --silent --no-audit --no-fund)
fi

status=0
UNIPILE_DSN="$base_url" UNIPILE_API_KEY="$api_key" node "$conformance_dir/sdk_conformance.mjs" || status=$?
if [[ "$status" -ne 0 ]]; then
  show_sandbox_stderr
fi
exit "$status"
