#!/bin/sh
# run.sh — the browser tests: the kiosk through a server outage (kiosk.mjs)
# and the accessibility of the citizens' pages with the QR survey end to end
# (axe.mjs), feedback sent, answered and found by its tracking code
# (feedback.mjs), a kiosk added on /kiosks and paired by its QR code
# (kiosks.mjs), the kiosk's fields, touch targets and walk-away at its two
# orientations and the phone survey (kiosk_fit.mjs), the public page on a
# phone (public_phone.mjs), the improvement plan kept from the page
# (plan.mjs), offices, office hours, holiday decisions and reporting
# schedules set from the pages (settings.mjs), the dashboard of a
# supervisor's scope, names instead of codes and a merged ward's public
# page (dashboard.mjs), the clerk's pages that must not lose work —
# complaints, paper batches, the review queue, reports (clerk.mjs) —, the
# last round of issue 12 on the pages at four sizes: the staff menu's touch
# targets, the dossier tables, /receipts, the report preview, the public
# HTML report under the CSP, /admin/units' kept days and a kiosk whose
# server is unreachable (pages_fit.mjs), the counter screen turning, refreshing
# and keeping its slides offline (display.mjs), the kiosk that reads each
# question and answer aloud, online and offline, with its high-contrast mode
# (speak.mjs), in Debian's chromium driven by
# playwright-core.
# Usage: sh run.sh HAILONG_BINARY SOURCE_ROOT (meson runs it: suite 'browser').
# Needs node, npm and chromium: `make test` installs them (scripts/deps.sh test).
set -eu

HL=$1
SRC=$2
DIR=$SRC/tests/browser
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

for tool in node npm; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL: $tool is missing: run 'scripts/deps.sh test' (make test does)" >&2
		exit 1
	fi
done
if [ ! -x "$CHROMIUM" ]; then
	echo "FAIL: no chromium at $CHROMIUM: run 'scripts/deps.sh test' (make test does)" >&2
	exit 1
fi

# The npm packages, exactly as locked, once (again when the lock changes).
# When the npm registry cannot be reached at all (no network, or a TLS proxy
# whose certificate this machine does not trust) the test reports SKIP (77),
# naming why, rather than failing on something that is not hailong's; set
# HAILONG_REQUIRE_BROWSER=1 to make that a failure.
if [ ! -f "$DIR/node_modules/.package-lock.json" ] ||
   [ "$DIR/package-lock.json" -nt "$DIR/node_modules/.package-lock.json" ]; then
	if ! (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error); then
		echo "npm ci failed: the browser tests cannot get playwright-core and axe-core." >&2
		if [ "${HAILONG_REQUIRE_BROWSER:-0}" = 1 ]; then
			exit 1
		fi
		echo "SKIP: browser tests (npm registry unreachable)" >&2
		exit 77
	fi
fi

status=0
node "$DIR/kiosk.mjs" "$HL" "$SRC" || status=1
node "$DIR/axe.mjs" "$HL" "$SRC" || status=1
node "$DIR/feedback.mjs" "$HL" "$SRC" || status=1
node "$DIR/kiosks.mjs" "$HL" "$SRC" || status=1
node "$DIR/display.mjs" "$HL" "$SRC" || status=1
node "$DIR/speak.mjs" "$HL" "$SRC" || status=1
node "$DIR/kiosk_fit.mjs" "$HL" "$SRC" || status=1
node "$DIR/public_phone.mjs" "$HL" "$SRC" || status=1
node "$DIR/plan.mjs" "$HL" "$SRC" || status=1
node "$DIR/settings.mjs" "$HL" "$SRC" || status=1
node "$DIR/dashboard.mjs" "$HL" "$SRC" || status=1
node "$DIR/clerk.mjs" "$HL" "$SRC" || status=1
node "$DIR/pages_fit.mjs" "$HL" "$SRC" || status=1
exit $status
