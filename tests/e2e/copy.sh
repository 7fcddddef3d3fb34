# copy.sh — `hailong copy --from SRC --to DST` on the real binary: an
# office's database copied into a new one gives the same figures (index,
# responses, audit), the copy says what it moved, a destination that
# already holds an office is refused and left unchanged, and wrong use
# (no --to, the same database twice) is a usage error.
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
