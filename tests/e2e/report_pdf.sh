#!/bin/sh
# report_pdf.sh BIN SRCROOT — the PDF report and `hailong chart` on the demo
# data: the text of the supervising office's yearly report (pdftotext) holds
# seed 003's figures for Vĩnh Thọ in Vietnamese form and the national motto,
# Nơi nhận as a báo cáo has it, units by type then name with means, STT, a
# heading per instrument, no heading at a page's foot; every font is
# embedded (pdffonts); a report dated after a merger is issued by the unit
# that exists then; the Friday list has the full official heading; plan
# tasks are not cut; a unit's internal report has the staff section, a
# public one not; bad requests give a Vietnamese message and no file; charts
# come out as PNG, SVG and PDF. Needs poppler-utils (scripts/deps.sh test).
set -eu
. "$2/tests/e2e/lib.sh"

for tool in pdftotext pdffonts pdfinfo; do
	command -v "$tool" >/dev/null 2>&1 ||
		fail "$tool is missing: install poppler-utils (scripts/deps.sh test)"
done

ok demo
ok report --period 2024 --under nha-trang --format pdf -o nt.pdf \
	--number "Số: 15/BC-UBND" --date 2025-01-05 --signer "Trần Thị Bình"
[ -s nt.pdf ] || fail "no nt.pdf"
head -c 5 nt.pdf | grep -q '%PDF-' || fail "nt.pdf is not a PDF"
ls | grep -q '\.tmp-' && fail "a temporary file was left behind"
pdftotext -layout nt.pdf "$OUT" || fail "pdftotext failed"
has "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
has "Độc lập – Tự do – Hạnh phúc"
has "Số: 15/BC-UBND"
has "Nha Trang, ngày 05 tháng 01 năm 2025"
has "82,58"
has "88,90"
has "+3,28"
has "Nơi nhận:"
has "Trần Thị Bình"
has "Diễn biến theo tháng năm 2024 (bình quân các đơn vị)"
# Vĩnh Thọ's row: TC, the criteria, SIPAS, change and rank on one line.
grep -Eq '82,58 .*88,27 .*92,05 .*89,22 .*92,38 .*88,90 +\+3,28\*? +[0-9]+/[0-9]+' "$OUT" ||
	fail "Vĩnh Thọ's row of seed 003 not found in the PDF's text"
hasnt "88.90"
hasnt "KẾT QUẢ THEO CÔNG CHỨC"
# Nơi nhận of a báo cáo: no "Như trên" without a Kính gửi; lower-case kinds
# of unit inside the text.
has "- UBND tỉnh Khánh Hòa (b/c);"
has "- Các đơn vị được khảo sát;"
has "- Lưu: VT."
hasnt "Như trên"
hasnt "Tỉnh Khánh Hòa (b/c)"
tr -s ' \n' '  ' <"$OUT" >flat.txt
grep -qF "của các đơn vị thuộc thành phố Nha Trang năm 2024" flat.txt ||
	fail "the summary writes 'thuộc Thành phố' in capitals"
# STT, TT the criterion; ward offices, then health stations, with means;
# the chart names the units.
grep -Eq '^ *STT +Đơn vị +TC +DK +HC +PV +KQ +TT +SIPAS' "$OUT" || fail "no 'STT … TT SIPAS' header"
grep -Eq '^ *A +UBND cấp xã' "$OUT" || fail "no heading row for the ward offices"
grep -Eq '^ *B +Trạm y tế' "$OUT" || fail "no heading row for the health stations"
grep -Eq 'Bình quân chung +84,73 +88,25 +87,48 +89,87 +89,53 +88,69 +88,08' "$OUT" ||
	fail "no mean row of every unit"
has "Số in đậm màu đỏ: dưới chỉ tiêu được giao."
grep -Eq '^ +UBND xã Vĩnh Phương +91,41' "$OUT" || fail "the ranking chart does not name its units"
# Two instruments: a heading each, questions numbered from 1 in each.
has "Bộ câu hỏi SIPAS 5 tiêu chí (mã sipas-5, phiên bản 1)"
has "(mã khanh-hoa-6, phiên bản 1)"
[ "$(grep -c '^Câu 1 ' "$OUT")" -eq 2 ] || fail "the questions are not numbered per instrument"
hasnt "Câu 39"
# No heading ends a page: the last line of every page is not a heading.
pages=$(pdfinfo nt.pdf | awk '/^Pages:/ { print $2 }')
for p in $(seq 1 "$pages"); do
	last=$(pdftotext -layout -f "$p" -l "$p" nt.pdf - | grep -v '^[[:space:]]*$' | tail -n 1)
	case "$last" in
	[IVX]*". "[A-ZĐÂ]*|"Bộ câu hỏi"*) fail "page $p ends with the heading '$last'" ;;
	esac
done
# Page 2 on: the number centred at the top.
pdftotext -layout -f 2 -l 2 nt.pdf "$OUT"
[ "$(grep -v '^[[:space:]]*$' "$OUT" | head -n 1 | tr -d ' ')" = 2 ] ||
	fail "page 2 does not start with its number"

# Fonts: Liberation Serif, everything embedded.
pdffonts nt.pdf >"$OUT" || fail "pdffonts failed"
has "LiberationSerif"
has "LiberationSerif-Bold"
has "LiberationSerif-Italic"
tail -n +3 "$OUT" | awk '$(NF-4) != "yes" { bad = 1; print "not embedded: " $0 } END { exit bad }' >&2 ||
	fail "a font is not embedded"

# Internal report of one unit: the staff section; the file replaced whole.
ok report --period 2025 --unit bac-nha-trang --format pdf -o bnt.pdf --internal
pdftotext -layout bnt.pdf "$OUT"
has "KẾT QUẢ THEO CÔNG CHỨC"
has "Tỷ lệ hài lòng"
has "BIỂU ĐỒ"
has "Diễn biến theo tháng năm 2025"
hasnt "bình quân các đơn vị"

# A report issued after its unit was merged: by the unit it went into, on
# the date of the report, under the unit above that one, saying so.
ok report --period 2024 --unit vinh-tho --format pdf -o vt26.pdf --date 2026-03-02
pdftotext -layout vt26.pdf "$OUT"
tr -s ' \n' '  ' <"$OUT" >flat.txt
for t in "UBND TỈNH KHÁNH HÒA" "ỦY BAN NHÂN DÂN PHƯỜNG" "BẮC NHA TRANG" \
	"Bắc Nha Trang, ngày 02 tháng 3 năm 2026" "UBND phường Vĩnh Thọ (nay thuộc phường Bắc Nha Trang) năm 2024" \
	"Phường Vĩnh Thọ đã sáp nhập vào phường Bắc Nha Trang từ ngày 01/07/2025" "- UBND tỉnh Khánh Hòa (b/c);"; do
	grep -qF -- "$t" flat.txt || fail "vt26.pdf lacks: $t"
done
grep -qF "THÀNH PHỐ NHA TRANG" flat.txt && fail "vt26.pdf is headed by Nha Trang, which ended in 2025"
# An abolished district's report: by the province above it.
ok report --period 2024 --under nha-trang --format pdf -o nt26.pdf --date 2026-03-02
pdftotext -layout nt26.pdf "$OUT"
tr -s ' \n' '  ' <"$OUT" >flat.txt
for t in "ỦY BAN NHÂN DÂN TỈNH" "KHÁNH HÒA" "Khánh Hòa, ngày 02 tháng 3 năm 2026" \
	"các đơn vị thuộc thành phố Nha Trang (cũ) năm 2024"; do
	grep -qF -- "$t" flat.txt || fail "nt26.pdf lacks: $t"
done

# The Friday list: the unit over its one-stop centre, Số, the place on the
# date line, THÔNG BÁO, TT 01/2018's columns, Nơi nhận and signature.
ok dossiers weekly --date 2025-06-13 --unit vinh-tho --format pdf -o wk.pdf
pdftotext -layout wk.pdf "$OUT"
tr -s ' \n' '  ' <"$OUT" >flat.txt
for t in "UBND PHƯỜNG VĨNH THỌ" "TRUNG TÂM PHỤC VỤ HÀNH" "Số: /TB-TTPVHCC" \
	"Vĩnh Thọ, ngày 13 tháng 6 năm 2025" "THÔNG BÁO" "Nơi nhận:" "- Lưu: VT." "GIÁM ĐỐC"; do
	grep -qF -- "$t" flat.txt || fail "wk.pdf lacks: $t"
done
# Đang giải quyết = Trong hạn + Quá hạn, each with its total (headers wrap).
grep -Eq 'Đã giải quyết +Đang giải quyết' "$OUT" || fail "wk.pdf has no Đã/Đang giải quyết groups"
grep -Eq 'STT +Đơn vị +Tổng +Trước +Đúng +Quá +Tổng +Trong +Quá' "$OUT" ||
	fail "wk.pdf's columns are not TT 01/2018's"
grep -Eq '^ +Tổng cộng( +[0-9 ]+)+ +[0-9]+,[0-9][0-9] %' "$OUT" || fail "wk.pdf has no total row"
grep -Eq '^ *STT +Mã hồ sơ' "$OUT" || fail "wk.pdf's item table has no STT"
ok dossiers weekly --date 2025-06-13 --format pdf -o wk-all.pdf
pdftotext -layout wk-all.pdf "$OUT"
tr -s ' \n' '  ' <"$OUT" >flat.txt
for t in "UBND TỈNH KHÁNH HÒA" "Khánh Hòa, ngày 13 tháng 6 năm 2025"; do
	grep -qF -- "$t" flat.txt || fail "wk-all.pdf lacks: $t"
done
pages=$(pdfinfo wk-all.pdf | awk '/^Pages:/ { print $2 }')
for p in $(seq 1 "$pages"); do
	last=$(pdftotext -layout -f "$p" -l "$p" wk-all.pdf - | grep -v '^[[:space:]]*$' | tail -n 1)
	case "$last" in
	[IVX]*". "[A-ZĐÂ]*|"Lĩnh vực:"*) fail "wk-all.pdf page $p ends with the heading '$last'" ;;
	esac
done

# The plan's tasks in the report wrap whole in their cells, not cut mid-word.
ok plan adopt --unit vinh-tho --year 2025
ok report --period 2025-H1 --unit vinh-tho --format pdf -o plan25.pdf --date 2025-07-10
pdftotext -layout plan25.pdf "$OUT"
tr -s ' \n' '  ' <"$OUT" >flat.txt
grep -qF "cung cấp thông tin cho tổ chức, công dân. Chấn chỉnh" flat.txt ||
	fail "a plan task is cut in the report"
hasnt "Chấ…"
ok plan show --unit vinh-tho --year 2025 --format pdf -o plan.pdf
pdftotext -layout plan.pdf "$OUT"
grep -Eq '^ *STT +Nội dung công việc' "$OUT" || fail "the plan's appendix has no STT"

# Bad requests: a message, no file, an existing file untouched.
cp nt.pdf keep.pdf
status 1 report --period 2024 --unit khong-co --format pdf -o keep.pdf
cmp -s nt.pdf keep.pdf || fail "a failed report changed the existing file"
status 1 report --period 2024 --under nha-trang --format pdf -o no-such-dir/x.pdf
has "x.pdf"
[ ! -e no-such-dir ] || fail "a folder was created"
ls | grep -q '\.tmp-' && fail "a temporary file was left behind"

# Charts: one drawing, three formats.
ok chart --period 2024 --unit vinh-tho --kind bars -o c.png
head -c 8 c.png | od -An -c | grep -q 'P   N   G' || fail "c.png is not a PNG"
ok chart --period 2024 --unit vinh-tho --kind trend -o c.svg
grep -q '<svg' c.svg || fail "c.svg has no <svg>"
grep -q 'T12' c.svg || fail "the trend has no December"
ok chart --period 2024 --unit vinh-tho -o c.pdf
pdftotext c.pdf "$OUT"
has "82,58"
pdfinfo c.pdf >"$OUT"
grep -Eq '^Pages: +1$' "$OUT" || fail "c.pdf is not one page"
status 2 chart --period 2024 --unit vinh-tho -o c.gif
has "png"
status 1 chart --period 2024 --unit khong-co -o d.png
[ ! -e d.png ] || fail "a chart was written for an unknown unit"
status 1 chart --period 2030 --unit vinh-tho -o e.png
[ ! -e e.png ] || fail "a chart was written for a period with no data"
# The drawing libraries are the module's (report/draw.h), not the program's:
# a command that draws nothing runs without the module, and one that draws
# says what is missing and what to do, and writes nothing.
if command -v ldd >/dev/null 2>&1; then
	ldd "$HL" >"$OUT"
	hasnt libcairo
	hasnt libpango
	hasnt libxlsxwriter
fi
export HAILONG_DRAW=/nonexistent/hailong-draw.so
ok index --period 2024 --unit vinh-tho
has "88,90"
status 1 report --period 2024 --under nha-trang --format pdf -o nodraw.pdf
has "không nạp được phần vẽ báo cáo"
has "HAILONG_DRAW"
[ ! -e nodraw.pdf ] || fail "a PDF was written without the drawing module"
status 1 chart --period 2024 --unit vinh-tho -o nodraw.png
has "/nonexistent/hailong-draw.so"
# a library that is not this build's module is refused, not called
for lib in /lib/x86_64-linux-gnu/libm.so.6 /lib/aarch64-linux-gnu/libm.so.6; do
	[ -e "$lib" ] || continue
	HAILONG_DRAW=$lib
	status 1 report --period 2024 --under nha-trang --format xlsx -o nodraw.xlsx
	has "không phải phần vẽ của bản hailong này"
done
unset HAILONG_DRAW
echo "report_pdf: ok"
