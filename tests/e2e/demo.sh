#!/bin/sh
# demo.sh BIN SRCROOT — end-to-end test of `hailong demo`: it builds the demo
# province through the real importers and merger, refuses a database that
# already has units, reproduces seed 003's 2024 table for the six former
# wards, pools them for phường Bắc Nha Trang and shows its change in 2025;
# today's unsatisfied responses open follow-up cases, one of them closed.
set -eu

BIN=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
DB=$T/demo.db
fails=0

fail()
{
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}

"$BIN" --db "$DB" demo >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; echo "FAIL: demo exited non-zero" >&2; exit 1; }
grep -q 'Đã tạo dữ liệu mẫu' "$T/out" || fail "demo printed no Vietnamese summary"

# 17 units: province, city, 6 former wards, Bắc Nha Trang, 3 other wards,
# 4 health stations and the health station formed in 2025.
n=$("$BIN" --db "$DB" units list | grep -cE '^ *[a-z0-9-]+  ')
[ "$n" -eq 17 ] || fail "units list shows $n units, expected 17"

# The closed loop: the years before came in as history (no case); today's
# two unsatisfied responses opened two cases, the one with a dossier closed.
grep -q '2 vụ việc khắc phục mở từ phiếu chưa hài lòng hôm nay, 1 đã đóng' "$T/out" ||
	fail "demo did not say it opened two follow-up cases and closed one"
"$BIN" --db "$DB" followup list --format csv >"$T/fu" || fail "followup list failed"
[ "$(grep -c '^KP-bac-nha-trang-' "$T/fu")" -eq 2 ] || fail "demo cases: $(cat "$T/fu")"
grep -q ',closed,0,000.00.20.H42-' "$T/fu" || fail "the demo's case with a dossier is not closed"

# A second run must refuse (the database has units) and change nothing.
before=$("$BIN" --db "$DB" index --period 2024 --format csv | cksum)
if "$BIN" --db "$DB" demo >"$T/out2" 2>"$T/err2"; then
	fail "demo on a database with units did not refuse"
fi
grep -q -- '--force' "$T/err2" || fail "refusal does not mention --force"
after=$("$BIN" --db "$DB" index --period 2024 --format csv | cksum)
[ "$before" = "$after" ] || fail "refused demo changed the database"

# The one period parser: the way a clerk writes a period is the same period.
a=$("$BIN" --db "$DB" index --period 2024-Q3 --format csv | cksum)
for p in "Quý 3/2024" "QUÝ III/2024" "quy iii/2024"; do
	b=$("$BIN" --db "$DB" index --period "$p" --format csv | cksum)
	[ "$a" = "$b" ] || fail "index --period '$p' is not 2024-Q3"
done
a=$("$BIN" --db "$DB" index --period 2024-H1 --format csv | cksum)
b=$("$BIN" --db "$DB" index --period "6 tháng đầu năm 2024" --format csv | cksum)
[ "$a" = "$b" ] || fail "index --period '6 tháng đầu năm 2024' is not 2024-H1"

# 2024 in CSV: the exact header, and the six wards with seed 003's values.
"$BIN" --db "$DB" index --period 2024 --format csv >"$T/2024.csv"
hdr=$(head -n 1 "$T/2024.csv")
[ "$hdr" = "unit,name,period,criterion,value,n,ci_low,ci_high,target,change,rank,of" ] ||
	fail "2024 CSV header is '$hdr'"
grep -v '^#' "$SRC/tests/data/core/seed003.txt" | while read -r unit tc hc pv kq tt sipas change; do
	[ -n "$unit" ] || continue
	for pair in "TC $tc" "HC $hc" "PV $pv" "KQ $kq" "TT $tt" "SIPAS $sipas"; do
		set -- $pair
		got=$(awk -F, -v u="$unit" -v c="$1" '$1 == u && $4 == c { print $5 }' "$T/2024.csv")
		[ "$got" = "$2" ] || echo "$unit $1: value '$got', seed 003 has $2"
	done
	got=$(awk -F, -v u="$unit" '$1 == u && $4 == "SIPAS" { print $10 }' "$T/2024.csv")
	want=${change#+}
	[ "$got" = "$want" ] || echo "$unit SIPAS change: '$got', seed 003 has $change"
done >"$T/seed.diff"
if [ -s "$T/seed.diff" ]; then
	cat "$T/seed.diff" >&2
	fail "2024 indices of the six former wards differ from seed 003"
fi

# Bắc Nha Trang did not exist in 2024: its values there are pooled from the
# six wards' raw responses, so its n is theirs summed.
"$BIN" --db "$DB" index --period 2024 --unit bac-nha-trang --format csv >"$T/bnt2024.csv"
pooled_n=$(awk -F, '$4 == "SIPAS" { print $6 }' "$T/bnt2024.csv")
sum_n=$(awk -F, '$4 == "SIPAS" && $1 ~ /^vinh-(tho|phuoc|hai|hoa|luong|phuong)$/ { s += $6 }
	END { print s + 0 }' "$T/2024.csv")
[ -n "$pooled_n" ] && [ "$pooled_n" = "$sum_n" ] ||
	fail "Bắc Nha Trang 2024 n is '$pooled_n', the six wards have $sum_n"
v=$(awk -F, '$4 == "SIPAS" { print $5 }' "$T/bnt2024.csv")
[ -n "$v" ] || fail "Bắc Nha Trang 2024 has no pooled SIPAS value"
"$BIN" --db "$DB" index --period 2024 --unit bac-nha-trang --format json | grep -q '"pooled": true' ||
	fail "Bắc Nha Trang 2024 JSON is not marked pooled"

# 2025: its first year already shows a change against the pooled 2024.
"$BIN" --db "$DB" index --period 2025 --unit bac-nha-trang --format csv >"$T/bnt2025.csv"
ch=$(awk -F, '$4 == "SIPAS" { print $10 }' "$T/bnt2025.csv")
[ -n "$ch" ] || fail "Bắc Nha Trang 2025 shows no change"

# The table for people: decimal comma and the merged ward's name.
"$BIN" --db "$DB" index --period 2025 --under khanh-hoa >"$T/table"
grep -q 'UBND phường Bắc Nha Trang' "$T/table" || fail "2025 table lacks Bắc Nha Trang"
grep -qE '[0-9]+,[0-9][0-9]' "$T/table" || fail "2025 table has no decimal comma"

[ "$fails" -eq 0 ] || exit 1
echo "ok: demo"
