#!/bin/sh
# report.sh BIN SRCROOT — end-to-end test of `hailong report` on the demo
# province: the CSV report of phường Vĩnh Thọ for 2024 begins with exactly
# the rows of `hailong index --format csv`; the HTML report shows seed 003's
# row in Vietnamese form (82,58 88,27 92,05 89,22 92,38 88,90 +3,28) in the
# official layout; the supervising office's report covers its units; bad
# requests (unknown unit, a period without responses, an unwritable path,
# bad options) exit non-zero with a Vietnamese message and leave no file.
set -eu
. "$(dirname "$0")/lib.sh"

ok demo

# CSV: the index rows byte for byte, then the sections after a blank line.
ok report --period 2024 --unit vinh-tho --format csv -o r.csv --date 2024-12-25
has "Đã ghi báo cáo csv vào r.csv"
"$HL" index --period 2024 --unit vinh-tho --format csv >idx.csv
n=$(wc -l <idx.csv)
head -n "$n" r.csv >head.csv
cmp -s head.csv idx.csv || fail "CSV report does not begin with the rows of hailong index"
[ -z "$(sed -n "$((n + 1))p" r.csv)" ] || fail "no blank line after the index rows"
for h in "key,value" "channel,name,n" "field,name,n" \
	"instrument,question,criterion,text,level,label,satisfied,n,percent" \
	"theme,name,n,example1,example2,example3" "below_unit,criterion,criterion_name,value,target"; do
	grep -qx "$h" r.csv || fail "CSV report lacks the section header $h"
done
grep -qx "staff,name,unit,n,value" r.csv && fail "CSV report names civil servants without --internal"
grep -qx "responses,$(awk -F, '$4 == "SIPAS" { print $6 }' idx.csv)" r.csv ||
	fail "CSV report's response count differs from the index n"
# Channels add up to the responses.
sum=$(awk -F, '/^channel,name,n$/ { on = 1; next } /^$/ { on = 0 } on { s += $NF } END { print s + 0 }' r.csv)
grep -qx "responses,$sum" r.csv || fail "channels add up to $sum, not to the responses"

# HTML: seed 003's row for Vĩnh Thọ, as Vietnamese writes numbers.
ok report --period 2024 --unit vinh-tho --format html -o r.html --date 2024-12-25 --number "Số: 15/BC-UBND"
set -- $(grep '^vinh-tho ' "$SRC/tests/data/core/seed003.txt")
shift
for v in "$@"; do
	vn=$(printf '%s' "$v" | tr . ,)
	grep -qF ">$vn<" r.html || fail "HTML report lacks $vn (seed 003)"
done
for s in "ỦY BAN NHÂN DÂN PHƯỜNG VĨNH THỌ" "UBND THÀNH PHỐ NHA TRANG" \
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập – Tự do – Hạnh phúc" "Số: 15/BC-UBND" \
	"Vĩnh Thọ, ngày 25 tháng 12 năm 2024" "BÁO CÁO" "Nơi nhận:" "UBND thành phố Nha Trang (b/c);" "Lưu: VT." \
	"TM. ỦY BAN NHÂN DÂN" "CHỦ TỊCH" "Không trả lời" "Tiếp cận dịch vụ" "<svg"; do
	grep -qF "$s" r.html || fail "HTML report lacks: $s"
done
grep -q 'Kết quả theo công chức' r.html && fail "HTML report shows civil servants without --internal"
# A báo cáo has no "Kính gửi", so no "Như trên" either.
grep -q 'Như trên' r.html && fail "HTML report's Nơi nhận has 'Như trên' without a Kính gửi"
ok report --period 2024 --unit vinh-tho --format html -o internal.html --internal
grep -q 'Kết quả theo công chức' internal.html || fail "--internal shows no civil servants"

# The supervising office over its wards and stations, with ranks.
ok report --period 2024 --under nha-trang --format html -o city.html --date 2025-01-05
grep -qF "ỦY BAN NHÂN DÂN THÀNH PHỐ NHA TRANG" city.html || fail "city report's issuer"
grep -qF "các đơn vị thuộc thành phố Nha Trang năm 2024" city.html ||
	fail "city report's summary: a kind of unit is in lower case inside a sentence"
grep -qF "UBND phường Vĩnh Hòa" city.html || fail "city report lacks a ward"
grep -qE '>[0-9]+/[0-9]+<' city.html || fail "city report shows no rank as n/m"

# Bad requests: exit 1 or 2, a Vietnamese message, no file and no temporary.
status 1 report --period 2024 --unit khong-co --format csv -o bad.csv
has "không có đơn vị mã 'khong-co'"
status 1 report --period 2030 --unit vinh-tho --format html -o bad.html
has "Năm 2030 không có phiếu khảo sát nào"
status 1 report --period 2024 --unit vinh-tho --format csv -o khong-co/bad.csv
has "thư mục không tồn tại"
mkdir ro && chmod 555 ro
if [ "$(id -u)" -ne 0 ]; then
	status 1 report --period 2024 --unit vinh-tho --format csv -o ro/bad.csv
	has "không có quyền ghi"
fi
mkdir dir.csv
status 1 report --period 2024 --unit vinh-tho --format csv -o dir.csv
status 2 report --period 2024 --unit vinh-tho --format docx -o bad.docx
has "--format"
status 2 report --period 2024 --format csv -o bad.csv
status 2 report --period 2024 --unit vinh-tho --under nha-trang --format csv -o bad.csv
status 2 report --period 2024-Q5 --unit vinh-tho --format csv -o bad.csv
status 2 report --period 2024 --unit vinh-tho --format csv
status 2 report --period 2024 --unit vinh-tho --format csv -o bad.csv --date 25/12/2024
left=$(find . -name 'bad*' -o -name '*.tmp-*' | head -n 5)
[ -z "$left" ] || fail "a refused report left files: $left"

# A report over an existing file replaces it whole.
echo old >r2.csv
ok report --period 2024 --unit vinh-tho --format csv -o r2.csv --date 2024-12-25
cmp -s r.csv r2.csv || fail "report over an existing file differs from a fresh one"

echo "ok: report"
