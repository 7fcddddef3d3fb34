#!/bin/sh
# run-demo.sh BIN DB — what `make run` does until the server exists: create the
# demo database (hailong demo) unless DB is already there, print its index
# tables for 2024 and 2025, and say what to try next.
set -eu

if [ $# -ne 2 ]; then
	echo "Cách dùng: $0 ĐƯỜNG_DẪN_HAILONG CƠ_SỞ_DỮ_LIỆU" >&2
	exit 2
fi
BIN=$1
DB=$2

if [ ! -x "$BIN" ]; then
	echo "hailong: không thấy chương trình '$BIN' (chạy 'make' trước)." >&2
	exit 1
fi

if [ -e "$DB" ]; then
	echo "Dùng cơ sở dữ liệu mẫu có sẵn: $DB (xóa tệp này để tạo lại)."
else
	# Build it under a temporary name so an interrupted run leaves no half database.
	tmp="$DB.tmp.$$"
	trap 'rm -f "$tmp" "$tmp-journal" "$tmp-wal" "$tmp-shm"' EXIT INT TERM
	"$BIN" --db "$tmp" demo
	mv "$tmp" "$DB"
	trap - EXIT INT TERM
fi

for year in 2024 2025; do
	echo
	"$BIN" --db "$DB" index --period "$year" --under khanh-hoa
done

cat <<MSG

Thử tiếp:
  $BIN --db $DB index --period 2024 --under nha-trang --format csv
  $BIN --db $DB index --period 2025-Q3 --unit bac-nha-trang
  $BIN --db $DB index --period 2025-01-01..2025-06-30 --type tram-y-te
  $BIN --db $DB sample-plan --unit bac-nha-trang --year 2025
  $BIN --db $DB units list
  $BIN --help
MSG
