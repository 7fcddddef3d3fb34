# units.sh — units import (parents later in the file), list, bad files, and
# the seed 003 merger: Bắc Nha Trang from six wards on 2025-07-01.
set -eu
. "$2/tests/e2e/lib.sh"

ok init
ok units import "$DATA/units.csv"
has "Đã nhập 10 đơn vị"
ok units list
has "KH  Tỉnh Khánh Hòa"
has "    VT  Phường Vĩnh Thọ  (UBND cấp xã)"
has "      TYT-VT  Trạm y tế phường Vĩnh Thọ  (Trạm y tế; từ 01/01/2020)"
has "đến 30/06/2025"

# Importing again updates, not duplicates.
ok units import "$DATA/units.csv"
ok units list
[ "$(grep -c 'VT  Phường Vĩnh Thọ' "$OUT")" -eq 1 ] || fail "VT listed more than once"

# A bad file: every problem with its line and column, nothing imported.
status 1 units import "$DATA/units-bad.csv"
has "Dòng 2, cột parent: đơn vị cấp trên 'KHONG-CO' không tồn tại"
has "Dòng 3, cột type: loại đơn vị 'loai-la' không có"
has "Dòng 4, cột valid_from: ngày '2025-02-30' không hợp lệ"
has "Dòng 5, cột name: thiếu giá trị"
has "Dòng 6, cột code: mã đơn vị 'X1' đã có"
has "Dòng 7, cột valid_to"
has "Không nhập dòng nào: tệp có 6 lỗi"
ok units list
hasnt "X5"
hasnt "X1"

# The merger of seed 003.
ok units merge BNT --from VH,VHA,VP,VT,VL,VPH --date 2025-07-01
has "Đã sáp nhập 6 đơn vị vào BNT từ ngày 01/07/2025"
ok units list
has "BNT  Phường Bắc Nha Trang  (UBND cấp xã; từ 01/07/2025)  ← sáp nhập từ"
for w in VH VHA VP VT VL VPH; do
	grep -q "^    $w .*đến 30/06/2025)" "$OUT" || fail "$w does not end on 30/06/2025"
done
# Running it again is harmless.
ok units merge BNT --from VH,VHA,VP,VT,VL,VPH --date 2025-07-01

# A merger creating the new unit under the predecessors' common parent.
cat > more.csv <<'CSV'
code,name,type,parent,valid_from,valid_to
H1,Huyện Một,huyen,KH,,
A1,Xã A,ubnd-xa,H1,,
A2,Xã B,ubnd-xa,H1,,
CSV
ok units import more.csv
ok units merge A12 --from A1,A2 --date 2025-07-01 --name "Xã A-B" --type ubnd-xa
ok units list
grep -q "^    A12  Xã A-B  (UBND cấp xã; từ 01/07/2025)" "$OUT" || fail "A12 not under H1"

# Missing name/type, unknown predecessor, bad date: refused.
status 1 units merge NEW9 --from A1 --date 2025-07-01
has "--name"
status 1 units merge A12 --from KHONG-CO --date 2025-07-01
has "KHONG-CO"
status 2 units merge A12 --from A1 --date 2025-13-01

# A predecessor with responses on or after the date cannot be merged then.
cat > r.csv <<'CSV'
unit,instrument,date,TC1
H1,sipas-5,2025-03-10,5
CSV
ok responses import r.csv
status 1 units merge H9 --from H1 --date 2025-03-01 --name "Huyện Chín" --type huyen
has "đã có 1 phiếu từ ngày 01/03/2025"
ok units list
hasnt "H9"

# The tree never loops (issue 10): a unit under one of its own descendants
# is refused, with the line and the reason, and nothing changes; units list
# still shows every unit.
ok units list
cp "$OUT" tree-before.txt
cat > loop.csv <<'CSV'
code,name,type,parent,valid_from,valid_to
KH,Tỉnh Khánh Hòa,tinh,A12,,
CSV
status 1 units import loop.csv
has "Dòng 2, cột parent"
has "vòng lặp"
has "'A12' là đơn vị cấp dưới của 'KH'"
ok units list
cmp -s "$OUT" tree-before.txt || fail "a refused loop changed the tree"
# Through a unit of the same file too.
cat > loop2.csv <<'CSV'
code,name,type,parent,valid_from,valid_to
H1,Huyện Một,huyen,X9,,
X9,Xã Chín,ubnd-xa,A1,,
CSV
status 1 units import loop2.csv
has "vòng lặp"
ok units list
cmp -s "$OUT" tree-before.txt || fail "a refused loop changed the tree"
# A database from before loops were refused: units list still shows them.
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$HAILONG_DB" "UPDATE units SET parent_id = (SELECT id FROM units WHERE code = 'A12')
		WHERE code = 'KH'"
	ok units list
	has "vòng lặp cấp trên"
	has "! KH  Tỉnh Khánh Hòa  (cấp trên: A12)"
	has "  NT  Thành phố Nha Trang"
fi
