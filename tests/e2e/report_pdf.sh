#!/bin/sh
# report_pdf.sh BIN SRCROOT — the PDF report and `hailong chart` on the demo
# data: the text of the supervising office's yearly report (pdftotext) holds
# seed 003's figures for Vĩnh Thọ in Vietnamese form and the national motto,
# every font is embedded (pdffonts); a unit's internal report has the staff
# section, a public one not; bad requests give a Vietnamese message and no
# file; charts come out as PNG, SVG and PDF. Needs poppler-utils
# (scripts/deps.sh test).
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
echo "report_pdf: ok"
