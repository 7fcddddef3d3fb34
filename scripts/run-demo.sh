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

# add_feedback DB LABEL ARGS...: feedback add; its code on stdout. The
# sender's tracking code (printed once, on stderr) is kept with the code
# and LABEL in DB.tracking for the summary at the end, so the demo's
# citizen side can be tried.
add_feedback() {
	fdb=$1 label=$2
	shift 2
	fcode=$("$BIN" --db "$fdb" feedback add "$@" 2>"$fdb.err" | head -n 1)
	ftok=$(sed -n 's/.*: *//p' "$fdb.err" | head -n 1)
	rm -f "$fdb.err"
	printf '%s\t%s\t%s\n' "$fcode" "$ftok" "$label" >>"$fdb.tracking"
	echo "$fcode"
}

# The follow-up side of the demo (issue 6): Bắc Nha Trang's improvement plan
# for 2025 (from its 2024 results, pooled from the wards it merged) and a few
# feedback items at different steps, received over the last days.
demo_followup() {
	"$BIN" --db "$1" plan adopt --unit bac-nha-trang --year 2025 >/dev/null
	"$BIN" --db "$1" plan set-status --unit bac-nha-trang --year 2025 --task 1 dang-thuc-hien \
		--note "Đã bố trí thêm ghế chờ tại bộ phận một cửa" >/dev/null
	now=$(date '+%Y-%m-%d %H:%M')
	ago() { date -d "$1 days ago" "+%Y-%m-%d ${2:-08:30}"; }
	c1=$(add_feedback "$1" "đã trả lời và công khai: người gửi xem và đánh giá câu trả lời" \
		--unit bac-nha-trang --channel counter --received "$(ago 6)" \
		--text "Chờ hơn một giờ ở quầy đất đai mà không có ai hướng dẫn." \
		--name "Nguyễn Văn An" --contact "0905 000 111")
	"$BIN" --db "$1" feedback classify "$c1" --class hanh-vi --criterion PV --at "$(ago 6 09:00)" >/dev/null
	"$BIN" --db "$1" feedback forward "$c1" --to TTPVHCC --at "$(ago 5)" >/dev/null
	"$BIN" --db "$1" feedback answer "$c1" --at "$(ago 2)" --text "Trung tâm đã bố trí thêm \
một công chức tiếp nhận hồ sơ đất đai vào buổi sáng và niêm yết số điện thoại hướng dẫn." >/dev/null
	"$BIN" --db "$1" feedback publish "$c1" --at "$(ago 1)" >/dev/null
	c2=$(add_feedback "$1" "đã phân loại, chờ chuyển phòng, ban xử lý" \
		--unit bac-nha-trang --channel hotline --received "$(ago 3)" \
		--text "Đề nghị niêm yết rõ lệ phí chứng thực bản sao.")
	"$BIN" --db "$1" feedback classify "$c2" --class quy-dinh-trong-tham-quyen --criterion TT \
		--at "$(ago 3 09:00)" >/dev/null
	add_feedback "$1" "vừa tiếp nhận, chờ phân loại" --unit bac-nha-trang --channel web \
		--received "$now" --text "Phòng chờ nóng, đề nghị lắp thêm quạt." >/dev/null
}

if [ -e "$DB" ]; then
	echo "Dùng cơ sở dữ liệu mẫu có sẵn: $DB (xóa tệp này để tạo lại)."
else
	# Built under a temporary name so that an interrupted run leaves no half database.
	tmp="$DB.tmp.$$"
	trap 'rm -f "$tmp" "$tmp-journal" "$tmp-wal" "$tmp-shm" "$tmp.kiosk" "$tmp.tracking"' EXIT INT TERM
	"$BIN" --db "$tmp" demo | sed "s|$tmp|$DB|g"
	for u in "admin admin" "giamsat supervisor khanh-hoa" "canbo clerk bac-nha-trang" \
		"nhapphieu entry bac-nha-trang"; do
		set -- $u
		echo "$PASSWORD-$1" | "$BIN" --db "$tmp" users add "$1" --role "$2" ${3:+--unit "$3"} >/dev/null
	done
	demo_followup "$tmp"
	# Quý III/2025 published: the public page and the counter screen show it.
	"$BIN" --db "$tmp" reports publish --unit bac-nha-trang --period 2025-Q3 >/dev/null
	"$BIN" --db "$tmp" kiosks add --unit bac-nha-trang --name kiosk-mot-cua --url "$BASE" |
		sed -n 's/.*#token=\([A-Za-z0-9_-]*\).*/\1/p' | head -n 1 > "$tmp.kiosk"
	mv "$tmp.kiosk" "$DB.kiosk"
	mv "$tmp.tracking" "$DB.tracking"
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
      gửi phản ánh, kiến nghị:  $BASE/public/bac-nha-trang/feedback
      các câu trả lời:          $BASE/public/bac-nha-trang/answers
  Màn hình tại quầy (TV):    $BASE/display/bac-nha-trang
  Sau khi đăng nhập (canbo):
      phản ánh, kiến nghị:      $BASE/feedback
      khắc phục ý kiến chưa hài lòng: $BASE/followups
      hồ sơ, danh sách thứ Sáu: $BASE/dossiers
      chỉ số QĐ 766:            $BASE/score766
      kế hoạch cải thiện:       $BASE/plan
      báo cáo, bản tin:         $BASE/reports
  API (sau khi đăng nhập):   /api/v1/index?period=2025, xem docs/api.md
MSG
if [ -s "$DB.tracking" ]; then
	cat <<MSG

  Ba phản ánh mẫu của phường Bắc Nha Trang, với mã tra cứu người gửi nhận khi gửi.
  Thử như người gửi: mở $BASE/public/feedback/track và nhập mã tra cứu;
  cán bộ (canbo) xem cùng phản ánh ở $BASE/feedback/MÃ-PHẢN-ÁNH.
MSG
	while IFS="$(printf '\t')" read -r code tok label; do
		printf '      %s  mã tra cứu %s\n          (%s)\n' "$code" "$tok" "$label"
	done <"$DB.tracking"
fi
cat <<MSG

Dòng lệnh: $BIN --db $DB --help
  bản tin cho đài truyền thanh (tệp WAV):
      $BIN --db $DB news --period 2025-Q3 --unit bac-nha-trang --format wav -o ban-tin.wav
MSG
exec "$BIN" --db "$DB" serve --listen "127.0.0.1:$PORT"
