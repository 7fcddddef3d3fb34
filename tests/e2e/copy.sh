# copy.sh — `hailong copy --from SRC --to DST` on the real binary: an
# office's database copied into a new one gives the same figures (index,
# responses, audit), the copy says what it moved, a destination that
# already holds an office is refused and left unchanged, and wrong use
# (no --to, the same database twice) is a usage error. --merge gathers a
# second office into the first: its unit, ballots and figures added under
# new ids (the same ballot ids as the first office's, in another unit), the
# province and field both have taken as the destination's, and a second
# merge of the same office, or one of the office copied whole, adds nothing.
# Run on PostgreSQL too (copy_pg): the first office is then the cluster's.
set -eu
. "$2/tests/e2e/lib.sh"

setup
ok responses import "$DATA/responses.csv"
"$HL" index --period 2024 --format csv >"$WORK/index.csv" 2>&1 || fail "index failed"
[ "$(wc -l <"$WORK/index.csv")" -gt 1 ] || fail "no index to compare"
n=$(count)

status 2 copy --to "$WORK/b.db"
has "--from NGUỒN --to ĐÍCH"
status 2 copy --from "$HAILONG_DB" --to "$HAILONG_DB"
ok copy --help
has "Cách dùng: hailong copy"

ok copy --from "$HAILONG_DB" --to "$WORK/b.db"
has "số dòng từng bảng và các bộ đếm ở hai nơi khớp nhau"
has "$n phiếu"
HAILONG_DB="$WORK/b.db" "$HL" index --period 2024 --format csv >"$WORK/index-b.csv" 2>&1 ||
	fail "index on the copy failed"
cmp -s "$WORK/index.csv" "$WORK/index-b.csv" || fail "the copy's index differs: $(diff "$WORK/index.csv" "$WORK/index-b.csv" | head -5)"
[ "$(HAILONG_DB="$WORK/b.db" "$HL" responses count)" = "$n" ] || fail "the copy lost responses"
HAILONG_DB="$WORK/b.db" "$HL" audit >"$OUT" 2>&1 || fail "audit on the copy failed"
has "copy"

# once more into the copy: refused, nothing changed
status 1 copy --from "$HAILONG_DB" --to "$WORK/b.db"
has "nơi nhận đã có dữ liệu"
[ "$(HAILONG_DB="$WORK/b.db" "$HL" responses count)" = "$n" ] || fail "a refused copy changed the destination"
has "hoặc thêm --merge"

# merged into its own whole copy: every row is there already
ok copy --merge --from "$HAILONG_DB" --to "$WORK/b.db"
has "thêm 0 dòng (0 đơn vị, 0 phiếu)"

# ---- a second office, gathered into the first ----
B=$WORK/office-b.db
printf 'code,name,type,parent,valid_from,valid_to\nKH,Tỉnh Khánh Hòa,tinh,,,\nCH,Xã Cam Hải,ubnd-xa,KH,,\n' >"$WORK/units-b.csv"
{
	head -n 1 "$DATA/responses.csv"
	echo "r1,CH,2024-03-05,sipas-5,kiosk,ho-tich,,,Tốt,5,4,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,,,"
	echo "r2,CH,2024-05-06,sipas-5,paper,,,,,3,3,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,2,2,2,2,,,"
	echo "b3,CH,2024-09-10,sipas-5,qr,ho-tich,,,,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,,,"
} >"$WORK/responses-b.csv"
HAILONG_DB=$B "$HL" init >/dev/null 2>&1 || fail "init of office B failed"
for step in "units import $WORK/units-b.csv" "fields import $DATA/fields.csv" \
	"responses import $WORK/responses-b.csv"; do
	# shellcheck disable=SC2086 # the words of the step are its arguments
	HAILONG_DB=$B "$HL" $step >"$OUT" 2>&1 || fail "office B: $step failed: $(cat "$OUT")"
done
HAILONG_DB=$B "$HL" index --period 2024 --unit CH --format csv >"$WORK/index-ch.csv" 2>&1 ||
	fail "index of office B failed"

ok copy --merge --from "$B" --to "$HAILONG_DB"
has "thêm"
has "(1 đơn vị, 3 phiếu)"
[ "$(count)" = $((n + 3)) ] || fail "the merge did not add B's 3 responses to $n"
"$HL" index --period 2024 --unit CH --format csv >"$WORK/index-ch-merged.csv" 2>&1 ||
	fail "index of the merged unit failed"
cmp -s "$WORK/index-ch.csv" "$WORK/index-ch-merged.csv" ||
	fail "B's figures differ once merged: $(diff "$WORK/index-ch.csv" "$WORK/index-ch-merged.csv" | head -5)"
"$HL" index --period 2024 --format csv >"$WORK/index-after.csv" 2>&1 || fail "index failed"
grep -v "Xã Cam Hải" "$WORK/index-after.csv" | grep -v "Tỉnh Khánh Hòa" >"$WORK/index-a.csv"
grep -v "Tỉnh Khánh Hòa" "$WORK/index.csv" | cmp -s - "$WORK/index-a.csv" ||
	fail "the first office's figures changed: $(diff "$WORK/index.csv" "$WORK/index-after.csv" | head -5)"

# the same office once more: nothing added
ok copy --merge --from "$B" --to "$HAILONG_DB"
has "thêm 0 dòng (0 đơn vị, 0 phiếu)"
[ "$(count)" = $((n + 3)) ] || fail "a second merge added responses"
