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
step "lint";        npm run --silent lint
step "build";       npm run --silent build

# Every test process runs on a pinned clock (tests/clock/pin-clock.mjs): by default a
# Wednesday of an ordinary week. The suite then runs again on dates that broke it or
# could: the Sunday before a holiday (8 December), New Year's Eve late evening in
# Buenos Aires, 29 February, and the night Chile leaves summer time with the machine's
# own zone set to Santiago. The second date runs everything; the others run the unit and
# integration tests and the end-to-end specs that read the calendar.
# RECEPTA_TEST_DATES="" runs the default date alone (a quick local run).
FULL_DATES="${RECEPTA_TEST_FULL_DATES-2026-12-06T13:00:00Z}"
CALENDAR_DATES="${RECEPTA_TEST_DATES-2027-01-01T02:30:00Z 2028-02-29T15:00:00Z America/Santiago@2027-04-04T03:30:00Z}"
CALENDAR_SPECS=(tests/e2e/agenda.spec.ts tests/e2e/inbox.spec.ts tests/e2e/patients.spec.ts tests/e2e/settings-clinic.spec.ts tests/e2e/assistant-tools.spec.ts)

# `[zone@]instant` → runs "$@" with the clock pinned there (and TZ set when a zone is given).
on_date() {
  local spec="$1"; shift
  local zone="${TZ:-}" when="$spec"
  if [[ "$spec" == *@* ]]; then zone="${spec%@*}"; when="${spec#*@}"; fi
  env ${zone:+TZ="$zone"} RECEPTA_TEST_NOW="$when" "$@"
}

step "unit + integration (vitest), pinned to the default date"; npx vitest run
step "end-to-end (Playwright + Chromium), pinned to the default date"; npx playwright test
if [ -z "${RECEPTA_TEST_DATES+set}" ] || [ -n "$CALENDAR_DATES" ]; then
  for d in $FULL_DATES; do
    step "unit + integration on $d"; on_date "$d" npx vitest run
    step "end-to-end on $d"; on_date "$d" npx playwright test
  done
  for d in $CALENDAR_DATES; do
    step "unit + integration on $d"; on_date "$d" npx vitest run
    step "calendar end-to-end specs on $d"; on_date "$d" npx playwright test "${CALENDAR_SPECS[@]}"
  done
fi
