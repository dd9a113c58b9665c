#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a throw-away, unlocked GNOME
# Keyring, so keychain code meets a real Secret Service and never the developer's own
# keyring. `npm test` runs the whole suite this way; for one file:
#   bash scripts/with-keyring.sh npx vitest run tests/integration/secrets.test.ts
# Elsewhere than Linux (or already inside such a session) the command runs as it is.
set -euo pipefail
if [ -n "${RECEPTA_TEST_KEYRING:-}" ]; then exec "$@"; fi
# Elsewhere the OS keychain is the real one; say so to scripts that check.
if [ "$(uname -s)" != "Linux" ]; then RECEPTA_TEST_KEYRING=native exec "$@"; fi

fail() { printf '\ncannot start a test keyring: %s\n' "$*" >&2; exit 1; }
command -v dbus-run-session >/dev/null || fail "dbus-run-session is missing. Install it: sudo apt-get install dbus"
command -v gnome-keyring-daemon >/dev/null || fail "gnome-keyring-daemon is missing. Install it: sudo apt-get install gnome-keyring"
KEYRING_HOME="$(mktemp -d)"
trap 'rm -rf "$KEYRING_HOME"' EXIT
export XDG_DATA_HOME="$KEYRING_HOME/data" XDG_CACHE_HOME="$KEYRING_HOME/cache" XDG_RUNTIME_DIR="$KEYRING_HOME/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# dbus-daemon warns that it cannot raise its fd limit when not privileged; harmless, so hidden.
dbus-run-session -- bash -c '
  echo -n recepta-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  RECEPTA_TEST_KEYRING=1 exec "$@"
' bash "$@" 2> >(grep -v "Failed to set fd limit" >&2)
