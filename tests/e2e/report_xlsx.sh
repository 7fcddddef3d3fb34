#!/bin/sh
# report_xlsx.sh BIN SRCROOT — the XLSX report read back by LibreOffice
# (soffice --convert-to csv, every sheet): for each of seed 003's six former
# wards in the demo, 2024, the summary row holds seed 003's numbers and the
# same figures as `hailong index`; the long-form sheet is `hailong index
# --format csv` row for row under Vietnamese headers; under a Vietnamese
# locale the figures read 88,90 and +3,28 and counts 41.984; a supervising
# office's units go by type, then Vietnamese name, with mean rows; printed,
# every sheet of the report and of the Friday list is one page wide; the
# answer distributions add up; "Công chức" only with --internal; bad
# requests leave no file. Needs soffice (scripts/deps.sh test installs
# libreoffice-calc-nogui): without it the test is skipped (77); and
# poppler-utils.
set -eu
. "$2/tests/e2e/lib.sh"

if ! command -v soffice >/dev/null 2>&1; then
	echo "SKIP: report_xlsx: soffice (LibreOffice) is not installed; 'scripts/deps.sh test' installs libreoffice-calc-nogui" >&2
	exit 77
fi
for tool in pdftotext pdfinfo; do
	command -v "$tool" >/dev/null 2>&1 ||
		fail "$tool is missing: install poppler-utils (scripts/deps.sh test)"
done
SEED=$SRC/tests/data/core/seed003.txt
SHEETS=$SRC/tests/data/report/xlsx_sheets.txt
# LibreOffice's CSV export: separator, quote, UTF-8, -, -, -, quote only
# text with separators, -, cells as shown, no formulas, -, every sheet.
CSV_ALL='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'

# lo PROFILE ARGS...: soffice with its own profile (no clash with another
# LibreOffice running) in a UTF-8 locale, so sheet names survive in file names.
lo() {
	prof=$1
	shift
	HOME=$WORK LC_ALL=C.UTF-8 LANG=C.UTF-8 soffice -env:UserInstallation="file://$WORK/$prof" \
		--headless "$@" >"$WORK/lo.log" 2>&1 || { cat "$WORK/lo.log" >&2; fail "soffice $* failed"; }
}

# ungroup: CSV on stdin with counts shown grouped by thousands ("4,511",
# LibreOffice's English locale) written back as plain numbers.
ungroup() {
	python3 -c '
import csv, re, sys
w = csv.writer(sys.stdout, lineterminator="\n")
for row in csv.reader(sys.stdin):
    w.writerow([c.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", c) else c for c in row])
'
}

# refuse WHAT ARGS...: hailong must exit non-zero with a message.
refuse() {
	what=$1
	shift
	if "$HL" "$@" >"$OUT" 2>&1; then
		fail "$what: hailong $* succeeded"
	fi
	[ -s "$OUT" ] || fail "$what: no message"
}

ok demo
units=$(awk '!/^#/ && NF { print $1 }' "$SEED")
files=""
for u in $units; do
	ok report --format xlsx --unit "$u" --period 2024 --date 2025-03-25 -o "$u.xlsx"
	"$HL" index --period 2024 --unit "$u" --format csv >"$u.index.csv" || fail "index --unit $u failed"
	files="$files $u.xlsx"
done
ok report --format xlsx --unit vinh-tho --period 2024 --internal -o internal.xlsx
if ls | grep -q '\.tmp'; then
	fail "a temporary file was left beside the reports: $(ls | grep '\.tmp')"
fi

mkdir csv
# shellcheck disable=SC2086
lo lo-en --convert-to "$CSV_ALL" --outdir csv $files internal.xlsx

# Every sheet is there with its header row; "Công chức" only when internal.
for f in $files internal.xlsx; do
	b=${f%.xlsx}
	grep -v '^#' "$SHEETS" | while IFS='|' read -r sheet header; do
		[ -n "$sheet" ] || continue
		c="csv/$b-$sheet.csv"
		if [ "$sheet" = "Công chức" ] && [ "$b" != internal ]; then
			[ ! -e "$c" ] || echo "$f: sheet '$sheet' in a report that is not internal"
			continue
		fi
		[ -f "$c" ] || { echo "$f: no sheet '$sheet'"; continue; }
		grep -qxF -- "$header" "$c" || echo "$f: sheet '$sheet' lacks the header row '$header'"
	done
done >sheets.diff
[ ! -s sheets.diff ] || { cat sheets.diff >&2; fail "sheets or their headers differ from tests/data/report/xlsx_sheets.txt"; }

for u in $units; do
	# The long form is `hailong index --format csv`, row for row; its counts
	# are shown grouped by thousands ("4,511" in LibreOffice's English
	# locale), the same numbers.
	tail -n +2 "$u.index.csv" >want.csv
	tail -n +2 "csv/$u-Đơn vị – tiêu chí.csv" | ungroup >got.csv
	if ! cmp -s want.csv got.csv; then
		diff want.csv got.csv >&2 || true
		fail "$u: sheet 'Đơn vị – tiêu chí' differs from hailong index --format csv"
	fi

	# The summary row: the criteria, SIPAS, the signed change, the rank and
	# the number of responses, as `hailong index` has them ("*" = marked).
	want=$(awk -F, 'NR > 1 {
		v[$4] = $5
		if ($4 == "SIPAS") { ch = $10; r = $11; of = $12; n = $6 }
	} END {
		printf "%s,%s,%s,%s,%s,%s,%s%s,%s/%s,%s\n", v["TC"], v["HC"], v["PV"], v["KQ"], v["TT"],
			v["SIPAS"], (ch + 0 > 0 ? "+" : ""), ch, r, of, n
	}' "$u.index.csv")
	row=$(ungroup <"csv/$u-Tổng hợp.csv" | grep '^01,' | head -n 1)
	name=$(awk -F, 'NR == 2 { print $2 }' "$u.index.csv")
	[ "$(echo "$row" | cut -d, -f2)" = "$name" ] || fail "$u: summary row '$row' does not name $name"
	got=$(echo "$row" | cut -d, -f3-11 | tr -d '*')
	[ "$got" = "$want" ] || fail "$u: summary row has '$got', hailong index has '$want'"

	# ... and seed 003's published figures.
	seed=$(awk -v u="$u" '$1 == u { printf "%s,%s,%s,%s,%s,%s,%s\n", $2, $3, $4, $5, $6, $7, $8 }' "$SEED")
	[ "$(echo "$got" | cut -d, -f1-7)" = "$seed" ] || fail "$u: summary row has '$got', seed 003 has '$seed'"
done

# Under a Vietnamese locale LibreOffice shows the same cells with a decimal
# comma: 82,58 … 88,90 and +3,28.
mkdir -p lo-vi/user vi
cat >lo-vi/user/registrymodifications.xcu <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>
EOF
lo lo-vi --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,1' \
	--outdir vi vinh-tho.xlsx
want=$(awk '$1 == "vinh-tho" { printf "%s;%s;%s;%s;%s;%s;%s;\n", $2, $3, $4, $5, $6, $7, $8 }' "$SEED" | tr . ,)
grep -q "^01;UBND phường Vĩnh Thọ;$want" "vi/vinh-tho-Tổng hợp.csv" ||
	fail "under vi-VN the summary row is '$(grep '^01;' "vi/vinh-tho-Tổng hợp.csv")', expected it to start with '$want'"

# A supervising office's workbook under vi-VN: ward offices, then health
# stations, each group by name in Vietnamese order (not by code), a mean
# row per group and for all; counts grouped by thousands with a dot
# (41.984), a rank as "4/9" in its own cell.
ok report --format xlsx --under nha-trang --period 2024 --date 2025-03-25 -o nt.xlsx
lo lo-vi --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,1' \
	--outdir vi nt.xlsx
sum="vi/nt-Tổng hợp.csv"
awk -F';' '$1 ~ /^[0-9][0-9]$/ { print $2 }' "$sum" | head -n 13 >order.txt
grep -v '^#' "$SRC/tests/data/report/unit_order.txt" >want-order.txt
diff want-order.txt order.txt >&2 || fail "units in nt.xlsx are not by type, then Vietnamese name"
grep -q '^A;UBND cấp xã' "$sum" || fail "no heading row for the ward offices"
grep -q '^B;Trạm y tế' "$sum" || fail "no heading row for the health stations"
grep -q '^;Bình quân UBND cấp xã;' "$sum" || fail "no mean row for the ward offices"
grep -q '^;Bình quân chung;.*;41\.984$' "$sum" || fail "no mean row for all with 41.984 responses"
grep -q '^Số phiếu khảo sát:;;41\.984;' "$sum" || fail "responses not grouped by thousands: $(grep 'Số phiếu khảo sát' "$sum")"
grep -q '^07;UBND phường Vĩnh Thọ;82,58;–;88,27;92,05;89,22;92,38;88,90;+3,28;4/9\*;4\.511$' "$sum" ||
	fail "Vĩnh Thọ's row under vi-VN: $(grep 'Vĩnh Thọ' "$sum" | head -n 1)"

# Printed, every sheet is one page wide: a table's last column on the page
# of its first (the workbook to PDF), for the report and the Friday list.
ok dossiers weekly --date 2025-06-13 --format xlsx -o wk.xlsx
lo lo-en --convert-to pdf --outdir pdf nt.xlsx wk.xlsx
pdftotext -layout -f 1 -l 1 pdf/nt.pdf p1.txt
grep -q 'STT' p1.txt && grep -q 'Số phiếu' p1.txt || fail "'Số phiếu' is not on the first page of nt.xlsx"
for p in $(seq 1 "$(pdfinfo pdf/wk.pdf | awk '/^Pages:/ { print $2 }')"); do
	# the page's text without spaces or line ends: a header the printer's
	# fonts wrap ('Phiếu xin' / 'lỗi') still reads as one
	pdftotext -f "$p" -l "$p" pdf/wk.pdf - | tr -d ' \n' >"p$p.txt"
	if grep -q 'Mãhồsơ' "p$p.txt" && ! grep -q 'Phiếuxinlỗi' "p$p.txt"; then
		fail "wk.xlsx page $p has the items' first column without their last"
	fi
done
pdftotext -layout pdf/wk.pdf wk.txt
grep -q 'Đang giải quyết' wk.txt && grep -q 'Trong hạn' wk.txt ||
	fail "the Friday list's workbook lacks 'Đang giải quyết' with 'Trong hạn' and 'Quá hạn'"

# Answer distributions: each level's share is its count over the question's
# answers, and the shares of a question add up to 100.
python3 - "csv/vinh-tho-Câu hỏi.csv" >questions.diff <<'EOF'
import csv, sys
qs = {}
with open(sys.argv[1], encoding="utf-8") as f:
    rows = list(csv.reader(f))[1:]
for r in rows:
    if r[4] != "Không trả lời":
        qs.setdefault(r[1], []).append((int(r[6].replace(",", "")), float(r[7])))
if len(qs) < 10:
    print("only %d questions" % len(qs))
for code, levels in qs.items():
    total = sum(n for n, _ in levels)
    for n, pct in levels:
        if abs(round(100.0 * n / total, 2) - pct) > 1e-9:
            print("%s: %d of %d shown as %.2f %%" % (code, n, total, pct))
    if abs(sum(p for _, p in levels) - 100) > 0.01 * len(levels):
        print("%s: shares add up to %.2f" % (code, sum(p for _, p in levels)))
EOF
[ ! -s questions.diff ] || { cat questions.diff >&2; fail "sheet 'Câu hỏi' is inconsistent"; }

# Comment themes with counts; the civil servants in the internal report.
awk -F, 'NR > 1 && $2 == "Chờ đợi lâu" && $3 > 0 { found = 1 } END { exit !found }' \
	"csv/vinh-tho-Ý kiến.csv" || fail "sheet 'Ý kiến' has no count for 'Chờ đợi lâu'"
awk -F, 'NR > 1 && $6 ~ /^[0-9]+\.[0-9][0-9]$/ { found = 1 } END { exit !found }' \
	"csv/internal-Công chức.csv" || fail "sheet 'Công chức' has no civil servant with an index"

# Bad requests: a message, and no file (an existing one is left as it was).
echo "bản cũ" >keep.xlsx
refuse "unknown unit" report --format xlsx --unit khong-co --period 2024 -o keep.xlsx
[ "$(cat keep.xlsx)" = "bản cũ" ] || fail "a refused report replaced the existing file"
refuse "period without data" report --format xlsx --unit vinh-tho --period 2019 -o none.xlsx
[ ! -e none.xlsx ] || fail "a report of a period without data was written"
refuse "unwritable path" report --format xlsx --unit vinh-tho --period 2024 -o khong-co/x.xlsx
has "khong-co/x.xlsx"
if ls | grep -q '\.tmp'; then
	fail "a temporary file was left behind: $(ls | grep '\.tmp')"
fi
echo "report_xlsx: OK"
