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
# gnome-keyring-daemon 42 has been seen to crash under the suite's load (a glib trap).
# D-Bus then starts a new one on the next call, locked, and every keychain test after it
# fails on a prompt nobody can answer. This session's own service file starts it unlocked
# instead; the secrets are on disk under $XDG_DATA_HOME, so they survive the restart.
mkdir -p "$XDG_DATA_HOME/dbus-1/services"
cat > "$XDG_DATA_HOME/dbus-1/services/org.freedesktop.secrets.service" <<SERVICE
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/sh -c "printf %s recepta-test | exec $(command -v gnome-keyring-daemon) --unlock --foreground --components=secrets"
SERVICE
# dbus-daemon warns that it cannot raise its fd limit when not privileged; harmless, so hidden.
dbus-run-session -- bash -c '
  echo -n recepta-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  RECEPTA_TEST_KEYRING=1 exec "$@"
' bash "$@" 2> >(grep -v "Failed to set fd limit" >&2)
