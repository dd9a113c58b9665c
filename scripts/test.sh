#!/usr/bin/env bash
# `npm test`: type-check, unit + integration (vitest), then end-to-end (Playwright in
# Debian's Chromium). On Linux the whole run happens inside a private D-Bus session
# with a throw-away, unlocked GNOME Keyring, so the keychain tests use a real Secret
# Service and never touch the developer's own keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf '\nnpm test cannot run: %s\n' "$*" >&2; exit 1; }

[ -d node_modules ] || fail "dependencies are not installed. Run: npm ci"

if [ "$(uname -s)" = "Linux" ] && [ -z "${RECEPTA_TEST_KEYRING:-}" ]; then
  command -v dbus-run-session >/dev/null || fail "dbus-run-session is missing. Install it: sudo apt-get install dbus"
  command -v gnome-keyring-daemon >/dev/null || fail "gnome-keyring-daemon is missing. Install it: sudo apt-get install gnome-keyring"
  KEYRING_HOME="$(mktemp -d)"
  trap 'rm -rf "$KEYRING_HOME"' EXIT
  export XDG_DATA_HOME="$KEYRING_HOME/data" XDG_CACHE_HOME="$KEYRING_HOME/cache" XDG_RUNTIME_DIR="$KEYRING_HOME/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  # dbus-daemon warns that it cannot raise its fd limit when not privileged; harmless, so hidden.
  dbus-run-session -- bash -c '
    echo -n recepta-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    RECEPTA_TEST_KEYRING=1 exec bash scripts/test.sh
  ' 2> >(grep -v "Failed to set fd limit" >&2)
  exit $?
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || fail "Chromium was not found at $CHROMIUM (the end-to-end tests drive it). Install it: sudo apt-get install chromium — or set CHROMIUM_PATH."
export CHROMIUM_PATH="$CHROMIUM"

step() { printf '\n==> %s\n' "$*"; }
step "type-check";  npm run --silent typecheck
step "build";       npm run --silent build
step "unit + integration (vitest)"; npx vitest run
step "end-to-end (Playwright + Chromium)"; npx playwright test
