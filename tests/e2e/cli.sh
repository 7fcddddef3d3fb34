# cli.sh — the command line's gate: help everywhere, unknown commands and
# options, missing database, init twice, --db before or after the command.
set -eu
. "$2/tests/e2e/lib.sh"

ok --help
has "Các lệnh:"
has "responses"
ok help
has "Các lệnh:"
status 2 khong-co
has "không có lệnh khong-co"
hasnt "có phải"
has "hailong --help"
# a slip of the keyboard: the command meant is named
status 2 repots due
has "không có lệnh repots; có phải: hailong reports?"
status 2 calendr
has "có phải: hailong calendar?"
status 2 --khong-co
status 2

for c in init units fields staff instruments responses dossiers targets tallies; do
	ok "$c" --help
	has "hailong $c"
	has "Cách dùng"
	ok help "$c"
	has "hailong $c"
done
for c in "units import" "units list" "units merge" "responses import" "responses count" \
	"instruments show" "targets set" "dossiers import" "tallies rebuild"; do
	# shellcheck disable=SC2086
	ok $c --help
	has "Cách dùng"
done
# Commands built by other files are listed when present.
for c in index sample-plan demo; do
	if "$HL" --help | grep -q "^  $c "; then
		ok "$c" --help
		has "Cách dùng"
	fi
done

# Every command's help is text, not a printf format: no doubled '%'.
for c in $("$HL" --help | awk '/^  [a-z]/ {print $1}'); do
	ok "$c" --help
	hasnt "%%"
done

# No database yet: a clear message and the command that creates it.
status 1 units list
has "chưa có"
has "init"
[ ! -e "$HAILONG_DB" ] || fail "units list created the database"

# An empty file is not an initialised database.
: > empty.db
status 1 --db empty.db units list
has "hailong init"

ok init
has "lược đồ phiên bản"
has "đã cập nhật"
ok init
has "đã cập nhật"
ok instruments list
has "sipas-5"
has "khanh-hoa-6"
ok fields list
has "Hộ tịch"
has "Chứng thực"

# --db before or after the command, and $HAILONG_DB.
ok --db other.db init
[ -f other.db ] || fail "--db other.db init did not create other.db"
ok instruments list --db other.db
has "sipas-5"
ok --db=other.db fields list
has "ho-tich"

# Usage errors are status 2 and name the command's help.
status 2 units
has "hailong units --help"
status 2 units khong-co
has "không có lệnh hailong units khong-co"
hasnt "có phải"
status 2 units list --khong-co
has "không có tùy chọn --khong-co"
# a slip in a subcommand or an option: the one meant is named
status 2 feedback lst
has "không có lệnh hailong feedback lst; có phải: hailong feedback list?"
status 2 reports due --dat 2025-03-01
has "không có tùy chọn --dat; có phải --date?"
status 2 responses import
status 2 targets set --year 2025 90
status 1 responses import khong-co.csv
has "không mở được tệp"
