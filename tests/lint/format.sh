#!/bin/sh
# format.sh — the C sources (src/, tests/unit/, fuzz/) follow .clang-format
# (STYLE.md §9). Pinned to Debian 12's clang-format 14: another major version
# lays a few constructs out differently, so the check is skipped (77) there.
# Usage: format.sh SOURCE_ROOT
set -u
cd "${1:-.}" || exit 2
v=$(clang-format --version 2>/dev/null | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
if [ "$v" != 14 ]; then
	echo "format: clang-format ${v:-missing}, not 14: not checked"
	exit 77
fi
files=$(find src tests/unit fuzz -name '*.[ch]' | sort)
# shellcheck disable=SC2086 # the file names have no spaces
if ! clang-format --dry-run --Werror $files; then
	echo "format: lay the files above out with: clang-format -i FILE (clang-format 14)" >&2
	exit 1
fi
