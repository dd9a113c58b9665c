#!/usr/bin/env bash
# `npm test`: type-check, unit + integration (vitest), then end-to-end (Playwright in
# Debian's Chromium). On Linux the whole run happens inside a private D-Bus session
# with a throw-away, unlocked GNOME Keyring, so the keychain tests use a real Secret
# Service and never touch the developer's own keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf '\nnpm test cannot run: %s\n' "$*" >&2; exit 1; }

[ -d node_modules ] || fail "dependencies are not installed. Run: npm ci"

if [ -z "${RECEPTA_TEST_KEYRING:-}" ]; then exec bash scripts/with-keyring.sh bash scripts/test.sh; fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || fail "Chromium was not found at $CHROMIUM (the end-to-end tests drive it). Install it: sudo apt-get install chromium — or set CHROMIUM_PATH."
export CHROMIUM_PATH="$CHROMIUM"

step() { printf '\n==> %s\n' "$*"; }
step "type-check";  npm run --silent typecheck
step "build";       npm run --silent build
step "unit + integration (vitest)"; npx vitest run
step "end-to-end (Playwright + Chromium)"; npx playwright test
