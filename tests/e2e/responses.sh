# responses.sh — responses import: RFC 4180 comments, instrument versions,
# importing twice adds nothing, a bad file is reported whole (line, column,
# reason) and changes nothing; tallies kept on import equal a full rebuild.
set -eu
. "$2/tests/e2e/lib.sh"

setup

ok responses import "$DATA/responses.csv"
has "Đã nhập 6 phiếu (bỏ qua 0 phiếu đã có)"
[ "$(count)" -eq 6 ] || fail "expected 6 responses, got $(count)"
[ "$(count --unit VT)" -eq 2 ] || fail "expected 2 responses for VT"
[ "$(count --unit BNT)" -eq 1 ] || fail "expected 1 response for BNT"

# The same file again adds nothing.
ok responses import "$DATA/responses.csv"
has "Đã nhập 0 phiếu (bỏ qua 6 phiếu đã có)"
[ "$(count)" -eq 6 ] || fail "second import changed the count"

# An id the unit has, with other answers: the file is refused whole, the
# new row beside it not stored either.
conflict=$WORK/conflict.csv
head -n 1 "$DATA/responses.csv" >"$conflict"
echo 'r9,VT,2024-03-07,sipas-5,kiosk,,,,,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,,,' >>"$conflict"
echo 'r1,VT,2024-03-05,sipas-5,kiosk,ho-tich,CB01,HS-001,"Nhanh, gọn, đúng hẹn",4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,,,' >>"$conflict"
status 1 responses import "$conflict"
has "Dòng 3, cột id"
has "mã phiếu 'r1' đã có trong đơn vị với nội dung khác"
[ "$(count)" -eq 6 ] || fail "a refused file changed the count"

# Comments keep their commas, quotes, newlines and Vietnamese letters.
if db_sql_ok; then
	got=$(db_sql "SELECT comment FROM responses WHERE ext_id = 'r2'")
	want=$(printf 'Cán bộ nói "rất nhiệt tình",\nlần sau sẽ quay lại')
	[ "$got" = "$want" ] || fail "comment of r2 is [$got], expected [$want]"
	got=$(db_sql "SELECT comment FROM responses WHERE ext_id = 'r1'")
	[ "$got" = "Nhanh, gọn, đúng hẹn" ] || fail "comment of r1 is [$got]"
fi

# A file with one of each problem: all reported, nothing imported.
status 1 responses import "$DATA/responses-bad.csv"
has "Dòng 3, cột unit: đơn vị 'KHONG-CO' không tồn tại"
has "Dòng 4, cột field: lĩnh vực 'khong-co' không tồn tại"
has "Dòng 5, cột staff: công chức 'CB99' không tồn tại"
has "Dòng 6, cột instrument: bộ câu hỏi 'khong-co' không có"
has "Dòng 7, cột DK1: câu hỏi 'DK1' không thuộc bộ câu hỏi sipas-5@1"
has "Dòng 8, cột TC3: câu trả lời 'abc' không phải là số"
has "Dòng 9, cột PV2: câu trả lời 7 ngoài thang đo 1–5"
has "Dòng 10, cột date: ngày '2024-02-30' không hợp lệ"
has "Dòng 11, cột date: đơn vị 'VT' không còn tồn tại vào ngày 2025-08-01"
has "Dòng 12, cột id: mã phiếu 'b1' trùng"
has "Dòng 13, cột channel: kênh 'fax' không có"
has "Dòng 14, cột comment: dài 4001 byte"
has "Dòng 15, cột TC1: câu trả lời 4 ngoài thang đo 1–3"
has "Dòng 16: dòng có 4 ô nhưng tiêu đề có 34 cột"
has "Dòng 17, cột comment:"
has "UTF-8"
has "Không nhập dòng nào: tệp có 15 lỗi. Sửa các dòng trên rồi nhập lại."
hasnt "Dòng 2,"
[ "$(count)" -eq 6 ] || fail "a rejected file changed the database"

# An id twice in a file with no other problem: the check only notes the ids,
# the write finds the second at its line; nothing imported.
{
	head -1 "$DATA/responses-bad.csv"
	for id in dup-1 dup-2 dup-1; do sed -n 2p "$DATA/responses-bad.csv" | sed "s/^b1,/$id,/"; done
} >dup.csv
status 1 responses import dup.csv
has "Dòng 4, cột id: mã phiếu 'dup-1' trùng với một dòng trước trong tệp"
hasnt "Dòng 3,"
has "tệp có 1 lỗi"
[ "$(count)" -eq 6 ] || fail "a file with an id twice changed the database"

# Unknown or repeated header columns are named.
status 1 responses import "$DATA/responses-badheader.csv"
has "cột XX9: cột 'XX9' không phải cột đã biết"
has "cột 'TC1' có hai lần"
status 1 responses import "$DATA/units.csv"
has "tiêu đề thiếu cột bắt buộc 'instrument'"
[ "$(count)" -eq 6 ] || fail "a rejected header changed the database"

# An unterminated quote is reported, nothing imported.
printf 'unit,instrument,date,comment\nVT,sipas-5,2024-05-01,"never closed\n' > open.csv
status 1 responses import open.csv
has "Không nhập dòng nào"
[ "$(count)" -eq 6 ] || fail "a malformed file changed the database"

# Columns in any order, no id: imported (and each import adds again).
cat > any.csv <<'CSV'
TT1,date,unit,instrument,TC1
5,2024-05-02,VT,sipas-5,4
,2024-05-03,VT,khanh-hoa-6@1,3
CSV
ok responses import any.csv
has "Đã nhập 2 phiếu"
[ "$(count)" -eq 8 ] || fail "expected 8 responses"

# Tallies kept while importing equal tallies recomputed from the responses.
if "$HL" --help | grep -q '^  index '; then
	"$HL" index --period 2024 --format csv > before.csv 2>&1 || fail "index failed"
	ok tallies rebuild
	has "Đã tính lại bộ đếm từ 8 phiếu"
	"$HL" index --period 2024 --format csv > after.csv 2>&1 || fail "index failed"
	cmp -s before.csv after.csv || fail "index differs after tallies rebuild"
	grep -q '^VT,' after.csv || fail "index has no row for VT"
	# A database from before the yearly tallies and the rollups' year keys
	# (core/rollup.h) gets them from its monthly ones when `init` migrates
	# it (the last two migrations); a year's index and report read them.
	if db_sql_ok; then
		report="report --period 2024 --unit VT --internal --format csv --date 2025-01-05"
		# shellcheck disable=SC2086
		ok $report -o rep-before.csv
		db_sql "DELETE FROM tally_cells WHERE grain = 3" >/dev/null
		for t in keys fields staff insts answers examples; do
			db_sql "DELETE FROM rollup_$t WHERE month < -900000" >/dev/null
		done
		ok index --period 2024 --format csv
		! cmp -s "$OUT" after.csv || fail "a year's index did not change without the yearly tallies"
		# the report counts the year's responses from its year keys
		# shellcheck disable=SC2086
		status 1 $report -o rep-gone.csv
		has "không có phiếu khảo sát nào được tính"
		v=$(db_sql "SELECT max(version) FROM schema_version")
		db_sql "DELETE FROM schema_version WHERE version >= $((v - 1))" >/dev/null
		ok init
		[ "$(db_sql "SELECT count(*) FROM tally_cells WHERE grain = 3")" -gt 0 ] ||
			fail "init made no yearly tallies"
		[ "$(db_sql "SELECT count(*) FROM rollup_answers WHERE month < -900000")" -gt 0 ] ||
			fail "init made no year keys of the rollups"
		"$HL" index --period 2024 --format csv > migrated.csv 2>&1 || fail "index failed"
		cmp -s migrated.csv after.csv || fail "index differs after the yearly tallies' migration"
		# shellcheck disable=SC2086
		ok $report -o rep-migrated.csv
		cmp -s rep-migrated.csv rep-before.csv || fail "the report differs after the year keys' migration"
	fi
else
	ok tallies rebuild
	has "Đã tính lại bộ đếm từ 8 phiếu"
fi
