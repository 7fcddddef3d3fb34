# lib.sh — helpers sourced by the end-to-end tests (POSIX sh). Each test is
# run as: sh test.sh HAILONG_BINARY SOURCE_ROOT. It works in a temporary
# directory removed on exit and fails loudly with the command and its output.

HL=$1
SRC=$2
DATA=$SRC/tests/data/e2e
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM
cd "$WORK"
export HAILONG_DB="$WORK/test.db"
OUT=$WORK/out.txt

fail() {
	echo "FAIL: $*" >&2
	if [ -f "$OUT" ]; then
		echo "--- output of the last command:" >&2
		cat "$OUT" >&2
		echo "---" >&2
	fi
	exit 1
}

# ok CMD...: run hailong with these arguments; it must exit 0. Output in $OUT.
ok() {
	if ! "$HL" "$@" >"$OUT" 2>&1; then
		fail "hailong $* exited $? (expected 0)"
	fi
}

# status N CMD...: run hailong; it must exit with status N.
status() {
	want=$1
	shift
	set +e
	"$HL" "$@" >"$OUT" 2>&1
	got=$?
	set -e
	[ "$got" -eq "$want" ] || fail "hailong $* exited $got (expected $want)"
}

# has TEXT: the last output contains TEXT (fixed string).
has() {
	grep -qF -- "$1" "$OUT" || fail "output lacks: $1"
}

# hasnt TEXT: the last output does not contain TEXT.
hasnt() {
	if grep -qF -- "$1" "$OUT"; then
		fail "output should not contain: $1"
	fi
}

# count [--unit CODE]: the number of stored responses.
count() {
	"$HL" responses count "$@" 2>/dev/null || fail "hailong responses count $* failed"
}

# setup: a database with the test units, fields, staff and the 2025 merger.
setup() {
	ok init
	ok units import "$DATA/units.csv"
	ok fields import "$DATA/fields.csv"
	ok staff import "$DATA/staff.csv"
	ok units merge BNT --from VH,VHA,VP,VT,VL,VPH --date 2025-07-01
}
