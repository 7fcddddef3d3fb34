# backup.sh — `hailong backup --to FILE` while the server takes responses:
# the copy is sound, holds one consistent moment (its responses and its
# running tallies agree) and only acknowledged ids; once the load stops, a
# copy gives the same figures as the database; an existing file, the
# database itself and a missing folder are refused, and nothing half
# written is left behind. Bounded: about 10 s.
set -eu
. "$2/tests/e2e/lib.sh"

WORKERS=3
LOAD_SECONDS=20 # at most: the clients stop once the load went on past the copy
WPIDS=""
AT_EXIT='for w in $WPIDS; do kill "$w" 2>/dev/null || true; done'

ok init
ok units import "$DATA/units.csv"
ok kiosks add --unit VT --name quay-1
TOKEN=$(sed -n 's/.*lưu lại): //p' "$OUT")
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
YEAR=$(vn_date +%Y)

serve_start

# worker K: post ids bK-1, bK-2... until $WORK/stop exists (LOAD_SECONDS at
# most); acknowledged ids to ack.K.
worker() {
	k=$1
	n=0
	end=$(($(date +%s) + LOAD_SECONDS))
	: >"$WORK/ack.$k"
	while [ "$(date +%s)" -lt "$end" ] && [ ! -e "$WORK/stop" ]; do
		n=$((n + 1))
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
			-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
			--data-binary '{"id":"b'"$k-$n"'","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC1":'"$((n % 5 + 1))"',"PV2":3}}' \
			"$BASE/api/v1/responses" || true)
		case $code in
		200 | 201) echo "b$k-$n" >>"$WORK/ack.$k" ;;
		esac
	done
}
k=1
while [ $k -le $WORKERS ]; do
	worker $k &
	WPIDS="$WPIDS $!"
	k=$((k + 1))
done

# A copy in the middle of the load: some acknowledged before it, more after.
acked() { cat "$WORK"/ack.* 2>/dev/null | wc -l; }
i=0
while [ "$(acked)" -lt 5 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
ok backup --to "$WORK/mid.db"
has "Đã sao lưu"
before=$(acked)
i=0
while [ "$(acked)" -lt $((before + 5)) ] && [ $i -lt 150 ]; do
	sleep 0.1
	i=$((i + 1))
done
touch "$WORK/stop"
for w in $WPIDS; do wait "$w" || true; done
WPIDS=""
serve_stop

# The copy is sound and opens as a database of its own.
"$HL" --db "$WORK/mid.db" check >"$OUT" 2>&1 || fail "the copy made under load is damaged"
has "không có lỗi"
# Everything in it was acknowledged, and it caught some of the load, not all.
cat "$WORK"/ack.* | sort >"$WORK/acked"
"$HL" --db "$WORK/mid.db" responses list-ids | sort >"$WORK/mid.ids"
mid=$(wc -l <"$WORK/mid.ids")
[ "$mid" -gt 0 ] || fail "the copy made under load holds no response"
[ "$mid" -lt "$(wc -l <"$WORK/acked")" ] || fail "the copy holds all $mid responses: it was not made under load"
[ -z "$(comm -23 "$WORK/mid.ids" "$WORK/acked")" ] || fail "the copy holds ids never acknowledged"
# One moment: its running tallies are those its own responses rebuild.
"$HL" --db "$WORK/mid.db" index --period "$YEAR" --unit VT --format csv >"$WORK/mid.live.csv"
"$HL" --db "$WORK/mid.db" tallies rebuild >/dev/null
"$HL" --db "$WORK/mid.db" index --period "$YEAR" --unit VT --format csv >"$WORK/mid.rebuilt.csv"
cmp -s "$WORK/mid.live.csv" "$WORK/mid.rebuilt.csv" ||
	fail "the copy's tallies and responses are from different moments"

# An existing file is kept unless --force.
before=$(cksum <"$WORK/mid.db")
status 1 backup --to "$WORK/mid.db"
has "đã có"
has "--force"
[ "$(cksum <"$WORK/mid.db")" = "$before" ] || fail "a refused backup changed the existing file"
ok backup --to "$WORK/mid.db" --force
# At rest, the copy gives the database's figures, byte for byte.
ok index --period "$YEAR" --unit VT --format csv
cp "$OUT" "$WORK/live.csv"
"$HL" --db "$WORK/mid.db" index --period "$YEAR" --unit VT --format csv >"$WORK/copy.csv"
cmp -s "$WORK/live.csv" "$WORK/copy.csv" || fail "the copy at rest gives other figures"
"$HL" --db "$WORK/mid.db" responses list-ids | sort >"$WORK/copy.ids"
ok responses list-ids
sort "$OUT" | cmp -s - "$WORK/copy.ids" || fail "the copy at rest holds other responses"

# Never the database itself, never in a missing folder, always --to.
status 1 backup --to "$HAILONG_DB" --force
has "không được là chính tệp cơ sở dữ liệu"
status 1 backup --to "$WORK/khong-co/x.db"
has "thư mục không tồn tại"
status 2 backup
has "--to TỆP"
ok check
# nothing half written left behind
[ -z "$(find "$WORK" -name '*.tmp-*')" ] || fail "a temporary copy was left: $(find "$WORK" -name '*.tmp-*')"
# owner-only: it holds password hashes and feedback senders' contacts
[ "$(stat -c %a "$WORK/mid.db")" = 600 ] || fail "the copy is readable by others: mode $(stat -c %a "$WORK/mid.db")"
echo "backup: $mid of $(wc -l <"$WORK/acked") acknowledged responses in the copy made under load"
