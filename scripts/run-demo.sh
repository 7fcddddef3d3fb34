#!/bin/sh
# run-demo.sh BIN DB — what `make run` does: create the demo database unless
# DB is already there (the demo province, demo logins and a kiosk), then start
# `hailong serve` on it and print where to look. Ctrl-C stops the server.
set -eu

if [ $# -ne 2 ]; then
	echo "Cách dùng: $0 ĐƯỜNG_DẪN_HAILONG CƠ_SỞ_DỮ_LIỆU" >&2
	exit 2
fi
BIN=$1
DB=$2
PORT=${PORT:-8080}
BASE=http://127.0.0.1:$PORT
PASSWORD=hailong-demo

if [ ! -x "$BIN" ]; then
	echo "hailong: không thấy chương trình '$BIN' (chạy 'make' trước)." >&2
	exit 1
fi

if [ -e "$DB" ]; then
	echo "Dùng cơ sở dữ liệu mẫu có sẵn: $DB (xóa tệp này để tạo lại)."
else
	# Built under a temporary name so that an interrupted run leaves no half database.
	tmp="$DB.tmp.$$"
	trap 'rm -f "$tmp" "$tmp-journal" "$tmp-wal" "$tmp-shm" "$tmp.kiosk"' EXIT INT TERM
	"$BIN" --db "$tmp" demo | sed "s|$tmp|$DB|g"
	for u in "admin admin" "giamsat supervisor khanh-hoa" "canbo clerk bac-nha-trang" \
		"nhapphieu entry bac-nha-trang"; do
		set -- $u
		echo "$PASSWORD-$1" | "$BIN" --db "$tmp" users add "$1" --role "$2" ${3:+--unit "$3"} >/dev/null
	done
	"$BIN" --db "$tmp" kiosks add --unit bac-nha-trang --name kiosk-mot-cua --url "$BASE" |
		sed -n 's/.*#token=\([A-Za-z0-9_-]*\).*/\1/p' | head -n 1 > "$tmp.kiosk"
	mv "$tmp.kiosk" "$DB.kiosk"
	mv "$tmp" "$DB"
	trap - EXIT INT TERM
fi

TOKEN=$(cat "$DB.kiosk" 2>/dev/null || true)
cat <<MSG

hailong – bản chạy thử trên dữ liệu mẫu tỉnh Khánh Hòa ($DB)

  Kiosk (màn hình cảm ứng):  $BASE/kiosk#token=$TOKEN
  Trang cán bộ:              $BASE/login
      admin / $PASSWORD-admin         (quản trị)
      giamsat / $PASSWORD-giamsat     (giám sát, tỉnh Khánh Hòa)
      canbo / $PASSWORD-canbo         (công chức, phường Bắc Nha Trang)
      nhapphieu / $PASSWORD-nhapphieu (nhập phiếu giấy)
  Trang công khai:           $BASE/public/bac-nha-trang
  API (sau khi đăng nhập):   /api/v1/index?period=2025, xem docs/api.md

Dòng lệnh: $BIN --db $DB --help
MSG
exec "$BIN" --db "$DB" serve --listen "127.0.0.1:$PORT"
