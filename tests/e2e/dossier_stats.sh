#!/bin/sh
# dossier_stats.sh BIN SRCROOT — dossier timeliness on the real binary:
# the import with submitted_at and the post channel (and a file without the
# column), `dossiers stats` (CSV and table, every --by, --unit, --under, a
# moment in the past, whole months against partial ones, a re-import that
# changes a class), `dossiers breaks`, the Friday list in CSV, PDF (read back
# with pdftotext when installed) and XLSX, and bad input: unknown unit, bad
# period, a date that is not a Friday, an unwritable output (a message, no
# file left behind, an existing file untouched).
set -eu
. "$2/tests/e2e/lib.sh"

D=$SRC/tests/data/dossiers
AT="2025-03-14 17:00"
setup
ok dossiers import "$D/timely.csv"
has "Đã nhập 12 hồ sơ"

# ---- stats ----
ok dossiers stats --period 2025-Q1 --at "$AT" --format csv
cat >want.csv <<'X'
unit,group,total,early,on_time,late,pending,overdue,on_time_pct
VH,,2,0,1,0,1,0,100.00
VT,,8,1,2,2,1,2,60.00
X
diff want.csv "$OUT" || fail "stats at $AT"

# Now: T06 finished late since, T05 and H02 overdue, T09 and A01 received after.
ok dossiers stats --period 2025-Q1 --format csv
cat >want.csv <<'X'
unit,group,total,early,on_time,late,pending,overdue,on_time_pct
VHA,,1,1,0,0,0,0,100.00
VH,,2,0,1,0,0,1,100.00
VT,,9,1,3,3,0,2,57.14
X
diff want.csv "$OUT" || fail "stats now"

ok dossiers stats --period 2025-Q1 --at "$AT" --by channel --format csv
cat >want.csv <<'X'
unit,group,total,early,on_time,late,pending,overdue,on_time_pct
VH,direct,1,0,1,0,0,0,100.00
VH,online,1,0,0,0,1,0,
VT,direct,5,1,2,1,0,1,75.00
VT,online,2,0,0,1,0,1,0.00
VT,post,1,0,0,0,1,0,
X
diff want.csv "$OUT" || fail "stats --by channel"

ok dossiers stats --period 2025-Q1 --unit VT --by field --format csv
cat >want.csv <<'X'
unit,group,total,early,on_time,late,pending,overdue,on_time_pct
VT,cu-tru,3,0,0,1,0,2,0.00
VT,ho-tich,6,1,3,2,0,0,66.67
X
diff want.csv "$OUT" || fail "stats --unit VT --by field"

ok dossiers stats --period 2025-03 --unit VT --by procedure --format csv
cat >want.csv <<'X'
unit,group,total,early,on_time,late,pending,overdue,on_time_pct
VT,Đăng ký khai sinh,3,1,2,0,0,0,100.00
VT,Đăng ký kết hôn,1,0,0,1,0,0,0.00
VT,Đăng ký thường trú,1,0,0,0,0,1,
VT,Đăng ký tạm trú,2,0,0,1,0,1,0.00
X
diff want.csv "$OUT" || fail "stats --by procedure"

# --under: the unit and every unit below it, one row each.
ok dossiers stats --period 2025-Q1 --under NT --format csv
has "VH,,2,"
has "VHA,,1,"
has "VT,,9,"
# Units as the reports list them: by type, then Vietnamese name (Phường Vĩnh
# Hải before Phường Vĩnh Hòa), not by code (VH before VHA).
[ "$(cut -d, -f1 "$OUT" | tr '\n' ' ')" = "unit VHA VH VT " ] ||
	fail "stats --under NT: rows not in the units' order: $(cat "$OUT")"
ok dossiers stats --period 2025-Q1 --under VH --format csv
has "VH,,2,"
hasnt "VT,"
# A unit without dossiers still gets its row with --unit.
ok dossiers stats --period 2025-Q1 --unit VP --format csv
has "VP,,0,0,0,0,0,0,"

# Whole months come from the stored sums, partial ones dossier by dossier:
# the two halves of March add up to March.
ok dossiers stats --period 2025-03 --at "$AT" --format csv
cp "$OUT" whole.csv
ok dossiers stats --period 2025-03-01..2025-03-10 --at "$AT" --format csv
cp "$OUT" h1.csv
ok dossiers stats --period 2025-03-11..2025-03-31 --at "$AT" --format csv
cp "$OUT" h2.csv
sum=$(tail -n +2 h1.csv h2.csv | awk -F, '/^[A-Z]/ { t[$1] += $3; l[$1] += $6; o[$1] += $8 } END { for (u in t) print u, t[u], l[u], o[u] }' | sort)
whole=$(tail -n +2 whole.csv | awk -F, '{ print $1, $3, $6, $8 }' | sort)
[ "$sum" = "$whole" ] || fail "halves of March ($sum) differ from March ($whole)"

ok dossiers stats --period 2025-Q1 --at "$AT" --by field
has "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ – Quý I/2025 (01/01/2025 – 31/03/2025), tính đến 14/03/2025 17:00"
has "Phường Vĩnh Thọ"
has "Lĩnh vực"
has "Hộ tịch"
has "60,00 %"
has "Tỷ lệ đúng hạn"

# A re-import that finishes a dossier moves it between classes.
printf 'code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,supplements,reschedules,apology\nT04,VT,cu-tru,Đăng ký thường trú,direct,2025-03-05 08:00,2025-03-10 17:00,2025-03-07 10:00,,2,0,1\n' >upd.csv
ok dossiers import upd.csv
ok dossiers stats --period 2025-Q1 --unit VT --format csv
has "VT,,9,2,3,3,0,1,62.50"
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$HAILONG_DB" "SELECT sum(early + on_time + late) FROM dossier_sum")
	[ "$n" -eq 10 ] || fail "dossier_sum holds $n finished dossiers, not 10"
	n=$(sqlite3 "$HAILONG_DB" "SELECT count(*) FROM dossiers WHERE submitted_at IS NOT NULL")
	[ "$n" -eq 3 ] || fail "submitted_at stored for $n dossiers, not 3"
fi

# ---- breaks ----
ok dossiers breaks --period 2025-Q1 --format csv
cat >want.csv <<'X'
code,unit,field,rule,detail
H02,VH,ho-tich,late-without-apology,"quá hạn từ 25/03/2025 17:00, chưa có phiếu xin lỗi"
T03,VT,ho-tich,late-without-apology,"hoàn thành 07/03/2025 09:00, hạn 06/03/2025 17:00, không có phiếu xin lỗi"
T03,VT,ho-tich,online-received-late,tiếp nhận sau 9:00 giờ làm việc (quá 8:00)
T04,VT,cu-tru,supplement-more-than-once,bổ sung 2 lần
T05,VT,cu-tru,late-without-apology,"quá hạn từ 18/03/2025 17:00, chưa có phiếu xin lỗi"
T06,VT,cu-tru,rescheduled-more-than-once,hẹn lại 2 lần
T06,VT,cu-tru,late-without-apology,"hoàn thành 20/03/2025 10:00, hạn 13/03/2025 17:00, không có phiếu xin lỗi"
X
diff want.csv "$OUT" || fail "breaks"
ok dossiers breaks --period 2025-Q1 --unit VH --online-hours 0,25 --format csv
has "H02,VH,ho-tich,online-received-late,tiếp nhận sau 0:30 giờ làm việc (quá 0:15)"
hasnt "T03"
ok dossiers breaks --period 2025-02 --format csv
[ "$(wc -l <"$OUT")" -eq 1 ] || fail "February has no breaks"
ok dossiers breaks --period 2025-Q1
has "bổ sung 2 lần"
has "7 vi phạm"

# ---- the Friday list ----
ok dossiers weekly --date 2025-03-14 --format csv -o week.csv
cat >want.csv <<'X'
section,unit,field,code,procedure,received_at,due_at,finished_at,status,received,early,on_time,late,on_time_pct
week,VH,,,,,,,,2,0,1,0,100.00
week,VT,,,,,,,,2,0,0,0,
overdue,VT,cu-tru,T06,Đăng ký tạm trú,2025-03-12 08:00,2025-03-13 17:00,,overdue,,,,,
due_soon,VT,cu-tru,T05,Đăng ký tạm trú,2025-03-10 08:00,2025-03-18 17:00,,pending,,,,,
X
diff want.csv week.csv || fail "weekly csv"
ok dossiers weekly --date 2025-03-14 --unit VH --format csv -o vh.csv
hasnt "VT"
grep -q '^week,VH,' vh.csv || fail "weekly --unit VH lacks VH"
if grep -q 'VT' vh.csv; then fail "weekly --unit VH lists VT"; fi

ok dossiers weekly --date 2025-03-14 --format pdf -o week.pdf
head -c 5 week.pdf | grep -q '%PDF-' || fail "week.pdf is not a PDF"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout week.pdf week.txt
	tr -s ' \n' '  ' <week.txt >flat.txt
	for t in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Danh sách hồ sơ trễ hạn, quá hạn và sắp đến hạn — tuần từ 08/03/2025 đến 14/03/2025" \
		"KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ TRONG TUẦN" "Lĩnh vực: Cư trú (1 hồ sơ)" "T06" "T05" \
		"SẮP ĐẾN HẠN" "21/03/2025" "100,00 %"; do
		grep -qF -- "$t" flat.txt || fail "week.pdf lacks: $t"
	done
else
	echo "pdftotext is not installed: the PDF's text is not checked" >&2
fi
ok dossiers weekly --date 2025-03-14 --format xlsx -o week.xlsx
head -c 2 week.xlsx | grep -q 'PK' || fail "week.xlsx is not a zip"
if command -v unzip >/dev/null 2>&1; then
	unzip -p week.xlsx xl/sharedStrings.xml xl/workbook.xml >strings.xml
	for t in T05 T06 "Kết quả tuần" "Sắp đến hạn" "Quá hạn" "Đăng ký tạm trú"; do
		grep -qF -- "$t" strings.xml || fail "week.xlsx lacks: $t"
	done
fi

# ---- bad input ----
status 1 dossiers stats --period 2025-Q1 --unit KHONG-CO --format csv
has "không có đơn vị mã 'KHONG-CO'"
status 1 dossiers stats --period 2025-Q1 --under KHONG-CO
has "không có đơn vị mã 'KHONG-CO'"
status 2 dossiers stats --period 2025-Q5 --format csv
has "2025-Q5"
status 2 dossiers stats --period 2025-Q1 --by staff
has "--by phải là field, procedure hoặc channel"
status 2 dossiers stats --period 2025-Q1 --at "2025-02-30 08:00"
has "--at '2025-02-30 08:00' không hợp lệ"
status 2 dossiers stats --period 2025-Q1 --unit VT --under NT
status 2 dossiers stats --period 2025-Q1 --format json
status 1 dossiers breaks --period 2025-Q1 --unit KHONG-CO --format csv
has "không có đơn vị mã 'KHONG-CO'"
status 2 dossiers weekly --date 2025-03-13 --format csv -o x.csv
has "--date 13/03/2025 không phải thứ Sáu"
has "--date 2025-03-07"
[ ! -e x.csv ] || fail "a refused weekly list left x.csv"
status 2 dossiers weekly --date 2025-02-30 --format csv -o x.csv
status 2 dossiers weekly --date 2025-03-14 --format docx -o x.csv
status 2 dossiers weekly --date 2025-03-14 --format csv
status 1 dossiers weekly --date 2025-03-14 --unit KHONG-CO --format pdf -o x.pdf
has "không có đơn vị mã 'KHONG-CO'"
[ ! -e x.pdf ] || fail "a refused weekly list left x.pdf"
status 1 dossiers weekly --date 2025-03-14 --format pdf -o "$WORK/none/x.pdf"
has "không tạo được tệp"
mkdir ro
echo old >ro/week.xlsx
chmod 555 ro
if [ ! -w ro ]; then
	status 1 dossiers weekly --date 2025-03-14 --format xlsx -o ro/week.xlsx
	[ "$(cat ro/week.xlsx)" = old ] || fail "a failed weekly list changed ro/week.xlsx"
	[ "$(ls ro)" = week.xlsx ] || fail "a failed weekly list left files: $(ls ro)"
fi
chmod 755 ro

# An old file without submitted_at still imports; a bad channel or a
# submission after receipt is refused, and nothing changes.
printf 'code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,supplements,reschedules,apology\nOLD1,VH,cu-tru,X,post,2025-04-01 08:00,2025-04-03 17:00,,,0,0,0\n' >old.csv
ok dossiers import old.csv
has "Đã nhập 1 hồ sơ"
printf 'code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,supplements,reschedules,apology,submitted_at\nB1,VH,cu-tru,X,fax,2025-04-01 08:00,2025-04-03 17:00,,,0,0,0,\nB2,VH,cu-tru,X,online,2025-04-01 08:00,2025-04-03 17:00,,,0,0,0,2025-04-01 09:00\nB3,VH,cu-tru,X,online,2025-04-01 08:00,2025-04-03 17:00,,,0,0,0,2025-04-31 09:00\n' >bad.csv
status 1 dossiers import bad.csv
has "Dòng 2, cột channel: kênh 'fax' không có (dùng online, direct hoặc post)"
has "Dòng 3, cột submitted_at: nộp trực tuyến sau thời điểm tiếp nhận"
has "Dòng 4, cột submitted_at: thời điểm '2025-04-31 09:00' không hợp lệ"
ok dossiers stats --period 2025-04 --unit VH --format csv
has "VH,,1,0,0,0,"
