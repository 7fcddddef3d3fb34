#!/bin/sh
# Installs the Debian 12 packages hailong needs to build and test, and only
# those that are missing, so `make run` and `make test` work on a fresh machine.
set -eu

PKGS="gcc libc6-dev make meson ninja-build pkgconf
libsqlite3-dev libjansson-dev libcsv-dev libutf8proc-dev libcmocka-dev"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
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
