#!/bin/sh
# Installs the Debian 12 packages hailong needs, and only those missing, so
# `make run` and `make test` work on a fresh machine.
#   scripts/deps.sh          what building and running need
#   scripts/deps.sh test     that, plus what the tests need (a browser, curl, ...)
#   scripts/deps.sh bench    that, plus what the benchmarks need (wrk, nginx)
set -eu

BUILD_PKGS="gcc libc6-dev make meson ninja-build pkgconf python3
libsqlite3-dev libjansson-dev libcsv-dev libutf8proc-dev libcmocka-dev
libmicrohttpd-dev libsodium-dev libqrencode-dev libcairo2-dev fonts-liberation2 libpango1.0-dev libxlsxwriter-dev
libpq-dev libespeak-ng-dev"

# libpq-dev: the PostgreSQL backend (src/store/store_pg.c) is always built.
# libespeak-ng-dev: the news read aloud for the radio (src/io/speech.c); it
# brings espeak-ng-data, the Vietnamese voice.

# Tests only: curl drives the server in the end-to-end tests; chromium and
# Node.js run the browser tests (playwright-core, axe-core from npm).
TEST_PKGS="curl chromium nodejs poppler-utils libreoffice-calc-nogui sqlite3 cppcheck
  clang-format postgresql-15"
# libreoffice-calc-nogui: tests/e2e/report_xlsx.sh reads the XLSX report back (soffice).
# sqlite3: e2e tests (receipts, idempotency, feedback_track) look at or alter the
# stored rows directly, as an attacker or a crash would.
# cppcheck and clang-format (14): the lint suite's static analysis and the
# check of .clang-format's layout.
# postgresql-15: the PostgreSQL tests start a throw-away cluster of their own
# (tests/e2e/lib.sh pg_start: initdb in a temporary directory, a Unix socket
# there, no TCP port); the package's own "main" cluster is not used.

# Benchmarks only (bench/serve.sh): wrk drives the server, nginx is the
# reference it is compared with.
BENCH_PKGS="curl wrk nginx-light"

PKGS=$BUILD_PKGS
[ "${1:-}" = test ] && PKGS="$BUILD_PKGS $TEST_PKGS"
[ "${1:-}" = bench ] && PKGS="$BUILD_PKGS $BENCH_PKGS"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
# npm may come with a Node.js from elsewhere; Debian's own package otherwise.
if [ "${1:-}" = test ] && ! command -v npm >/dev/null 2>&1; then
	missing="$missing npm"
fi
[ -z "$missing" ] && exit 0

echo "hailong: cài các gói Debian còn thiếu (installing missing packages):$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "hailong: cần quyền root để cài gói: chạy 'apt-get install$missing' với quyền root rồi thử lại." >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
