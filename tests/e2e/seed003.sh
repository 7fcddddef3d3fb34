#!/bin/sh
# Seed 003's table, end to end: import units and responses through the real
# binary, then `hailong index` must print exactly the published indices,
# changes against 2023 and ranks; the merged ward Bắc Nha Trang gets the
# pooled values of its six predecessors.
set -eu
BIN=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
H() { "$BIN" --db "$T/h.db" "$@"; }

H init >/dev/null
cat > "$T/units.csv" <<'CSV'
code,name,type,parent,valid_from,valid_to
khanh-hoa,Tỉnh Khánh Hòa,tinh,,,
nha-trang,Thành phố Nha Trang,huyen,khanh-hoa,,2025-06-30
vinh-tho,UBND phường Vĩnh Thọ,ubnd-xa,nha-trang,,
vinh-phuoc,UBND phường Vĩnh Phước,ubnd-xa,nha-trang,,
vinh-hai,UBND phường Vĩnh Hải,ubnd-xa,nha-trang,,
vinh-hoa,UBND phường Vĩnh Hòa,ubnd-xa,nha-trang,,
vinh-phuong,UBND xã Vĩnh Phương,ubnd-xa,nha-trang,,
vinh-luong,UBND xã Vĩnh Lương,ubnd-xa,nha-trang,,
bac-nha-trang,UBND phường Bắc Nha Trang,ubnd-xa,khanh-hoa,2025-07-01,
CSV
H units import "$T/units.csv" >/dev/null
awk -f "$SRC/tests/e2e/gen-seed003.awk" "$SRC/tests/data/core/seed003.txt" > "$T/resp.csv"
H responses import "$T/resp.csv" >/dev/null
H targets set --year 2024 --type ubnd-xa 85 >/dev/null
H targets set --year 2024 --unit vinh-hoa --criterion TC 80 >/dev/null

H index --period 2024 --under nha-trang --format csv > "$T/out.csv"
head -n 1 "$T/out.csv" | grep -qx 'unit,name,period,criterion,value,n,ci_low,ci_high,target,change,rank,of' ||
	fail "CSV header: $(head -n 1 "$T/out.csv")"
# unit criterion value n target change rank of, ignoring the intervals
cut -d, -f1,4,5,6,9,10,11,12 "$T/out.csv" | tail -n +2 | sort > "$T/got"
sort "$SRC/tests/data/e2e/seed003-index-2024.csv" > "$T/want"
diff -u "$T/want" "$T/got" || fail "index 2024 differs from seed 003 (above)"

# The table for people: decimal comma, signed change, Vietnamese headings.
H index --period 2024 --unit vinh-tho > "$T/table"
grep -q 'UBND phường Vĩnh Thọ  *82,58↓  *88,27  *92,05  *89,22  *92,38  *88,90  *+3,28  *4/6' "$T/table" ||
	fail "table row for Vĩnh Thọ: $(cat "$T/table")"
grep -q 'Tăng/giảm' "$T/table" || fail "table heading"

# Merger on 01/07/2025: the new ward's 2024 value pools the six wards.
H units merge bac-nha-trang --from vinh-hoa,vinh-hai,vinh-phuoc,vinh-tho,vinh-luong,vinh-phuong \
	--date 2025-07-01 >/dev/null
H index --period 2024 --unit bac-nha-trang --format csv > "$T/new.csv"
# Pooled TC: (8258+8458+8719+7825+9003+8194) / 60000 = 84,095 -> 84.10
grep -q '^bac-nha-trang,UBND phường Bắc Nha Trang,2024,TC,84.10,60000,' "$T/new.csv" ||
	fail "pooled TC: $(cat "$T/new.csv")"
grep -q '^bac-nha-trang,.*,SIPAS,88.34,60000,' "$T/new.csv" || fail "pooled SIPAS: $(cat "$T/new.csv")"
H index --period 2024 --unit bac-nha-trang --format json | grep -q '"pooled": true' ||
	fail "pooled flag in JSON"
echo "seed003: ok"
