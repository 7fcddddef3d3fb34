# corruption.sh — a damaged database file: `hailong check` finds it (exit 1,
# with how to restore) and passes the sound backup; the server started on it
# finds it with its quick check, refuses writes (503, the restore advice,
# Retry-After) and goes on serving reads.
set -eu
. "$2/tests/e2e/lib.sh"

ok init
ok units import "$DATA/units.csv"
ok kiosks add --unit VT --name quay-1
TOKEN=$(sed -n 's/.*lưu lại): //p' "$OUT")
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# Enough responses that the middle of the file is the responses' pages.
awk 'BEGIN {
	print "id,unit,date,instrument,comment,TC1,PV1"
	for (i = 1; i <= 4000; i++)
		printf "r%d,VT,2024-%02d-%02d,sipas-5,Ý kiến số %d về thủ tục hành chính,%d,%d\n",
			i, i % 12 + 1, i % 28 + 1, i, i % 5 + 1, (i + 2) % 5 + 1
}' >r.csv
ok responses import r.csv
ok check
has "không có lỗi"
ok check --quick
cp "$HAILONG_DB" "$WORK/backup.db"

# Damage one b-tree page in the middle of the file (not the file header):
# its first 16 bytes, the page header, become 0xFF.
size=$(wc -c <"$HAILONG_DB")
pages=$((size / 4096))
[ "$pages" -ge 20 ] || fail "the database is too small ($pages pages)"
printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' |
	dd of="$HAILONG_DB" bs=1 seek=$((pages / 2 * 4096)) conv=notrunc 2>/dev/null

status 1 check
has "BỊ HỎNG"
has "backup --to BẢN_SAO"
has "$HAILONG_DB-wal"
status 1 check --quick
has "BỊ HỎNG"
"$HL" --db "$WORK/backup.db" check >"$OUT" 2>&1 || fail "the backup is damaged too"
has "không có lỗi"

serve_start
grep -q "BỊ HỎNG" "$SERVE_LOG" || { cat "$SERVE_LOG" >&2; fail "the server did not notice the damage"; }
# Reads go on.
req - GET /healthz
expect 200
req - GET /login
expect 200
req - GET /api/v1/kiosk/config -H "Authorization: Bearer $TOKEN"
expect 200
# Writes are refused, saying how to restore.
CODE=$(curl -s -o "$OUT" -D "$WORK/hdr" -w '%{http_code}' --max-time 20 \
	-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
	--data-binary '{"id":"new-1","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC1":5}}' \
	"$BASE/api/v1/responses")
[ "$CODE" = 503 ] || fail "a write on a damaged database answered $CODE"
has "sao lưu"
has '"unavailable"'
grep -qi '^retry-after:' "$WORK/hdr" || fail "503 without Retry-After"
serve_stop
"$HL" --db "$WORK/backup.db" responses list-ids >"$OUT"
hasnt "new-1"
