# import_lock.sh — a long `responses import` while kiosks post to the running
# server: the import commits in short chunks, so the server's writes get the
# lock in between; every post is answered 201 (stored) or 503 with
# Retry-After (busy, nothing stored), never 500; every 201's id is there
# afterwards and the import is whole. Then a failing import (a bad row at the
# end) and an import killed half-way leave nothing behind.
set -eu
. "$2/tests/e2e/lib.sh"

ROWS=${IMPORT_LOCK_ROWS:-300000}

ok init
ok units import "$DATA/units.csv"
ok kiosks add --unit VT --name quay-1
TOKEN=$(sed -n 's/.*lưu lại): //p' "$OUT")
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# big.csv: ROWS responses with ids b1..bROWS over a year of one unit.
awk -v n="$ROWS" 'BEGIN {
	print "id,unit,date,instrument,TC1,TC2,HC1,PV1,KQ1,TT1"
	for (i = 1; i <= n; i++)
		printf "b%d,VT,2024-%02d-%02d,sipas-5,%d,%d,%d,%d,%d,%d\n", i, i % 12 + 1, i % 28 + 1,
			i % 5 + 1, (i + 1) % 5 + 1, (i + 2) % 5 + 1, 4, 5, 3
}' >big.csv

serve_start

# Post p1, p2, ... until the import is done; "id status" lines to posts.txt.
: >posts.txt
"$HL" responses import big.csv >import.out 2>&1 &
IMP=$!
AT_EXIT="kill $IMP 2>/dev/null"
n=0
while kill -0 "$IMP" 2>/dev/null; do
	n=$((n + 1))
	res=$(curl -s -o /dev/null -D hdr.txt -w '%{http_code} %{time_total}' --max-time 20 \
		-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
		--data-binary '{"id":"p'$n'","instrument":"sipas-5","collected_at":"'"$NOW"'","answers":{"TC1":5,"PV2":3}}' \
		"$BASE/api/v1/responses" || true)
	code=${res% *}
	echo "p$n $res" >>posts.txt
	if [ "$code" = 503 ] && ! grep -qi '^retry-after:' hdr.txt; then
		fail "a 503 without Retry-After"
	fi
done
wait "$IMP" || { cat import.out >&2; fail "the import failed"; }
AT_EXIT=""
serve_stop

bad=$(awk '$2 != 201 && $2 != 503' posts.txt | head -n 5)
[ -z "$bad" ] || fail "posts answered other than 201 or 503: $bad"
stored=$(awk '$2 == 201' posts.txt | wc -l)
[ "$stored" -ge 3 ] || fail "only $stored posts stored while the import ran (of $n)"
echo "posts during the import: $n, stored $stored, busy $(awk '$2 == 503' posts.txt | wc -l)," \
	"slowest $(sort -k3 -n posts.txt | tail -n 1 | cut -d' ' -f3) s"
# The import leaves the lock free between chunks: no post waits for the
# server's busy timeout (5 s), as they did while one import held the lock.
# 4 s, not less: on a quiet machine the slowest is about 1 s, but a clean-clone
# CI run beside a second full test run (load 7 on 2 cores) saw 3,4 s.
slow=$(awk '$3 > 4' posts.txt | head -n 3)
[ -z "$slow" ] || fail "posts waited for the import: $slow"
"$HL" responses list-ids >ids.txt
awk '$2 == 201 { print $1 }' posts.txt | sort >acked.txt
grep '^p' ids.txt | sort >have.txt
missing=$(comm -23 acked.txt have.txt | head -n 5)
[ -z "$missing" ] || fail "acknowledged but not stored: $missing"
[ "$(grep -c '^b' ids.txt)" -eq "$ROWS" ] || fail "the import is not whole: $(grep -c '^b' ids.txt) of $ROWS"
[ "$(count)" -eq $((ROWS + stored)) ] || fail "count $(count), expected $((ROWS + stored))"

# A bad last row: nothing of the file, the count unchanged.
before=$(count)
awk -v n=20000 'BEGIN {
	print "id,unit,date,instrument,TC1"
	for (i = 1; i <= n; i++)
		printf "c%d,VT,2024-05-%02d,sipas-5,4\n", i, i % 28 + 1
	print "c-bad,VT,2024-05-40,sipas-5,4"
}' >bad.csv
status 1 responses import bad.csv
has "Dòng 20002"
[ "$(count)" -eq "$before" ] || fail "a rejected import changed the count"

# Killed half-way (after some chunks were committed): the next import undoes
# it, audited, and the tallies agree with the rows again.
awk -v n=200000 'BEGIN {
	print "id,unit,date,instrument,TC1"
	for (i = 1; i <= n; i++)
		printf "k%d,VT,2024-06-%02d,sipas-5,4\n", i, i % 28 + 1
}' >kill.csv
"$HL" responses import kill.csv >/dev/null 2>&1 &
IMP=$!
AT_EXIT="kill -9 $IMP 2>/dev/null"
i=0
until [ "$(count)" -gt "$before" ]; do
	kill -0 "$IMP" 2>/dev/null || fail "the import ended before it was killed"
	[ $i -lt 600 ] || fail "the import wrote nothing in 60 s"
	sleep 0.1
	i=$((i + 1))
done
kill -9 "$IMP"
wait "$IMP" 2>/dev/null || true
AT_EXIT=""
[ "$(count)" -gt "$before" ] || fail "no chunk was committed before the kill"
printf 'id,unit,date,instrument,TC1\nz1,VT,2024-07-01,sipas-5,5\n' >one.csv
ok responses import one.csv
[ "$(count)" -eq $((before + 1)) ] || fail "the killed import was not undone: $(count), expected $((before + 1))"
ok audit
has "import.undo"
ok index --period 2024 --unit VT --format csv
cp "$OUT" index-after.csv
ok tallies rebuild
ok index --period 2024 --unit VT --format csv
cmp -s "$OUT" index-after.csv || fail "the tallies after the undo differ from a rebuild"

# Dossiers: a file that updates every stored dossier (late instead of on
# time) and adds new ones, killed half-way; the next import puts the updated
# ones back and removes the new ones, monthly sums included.
gen_dossiers() { # gen_dossiers N FINISHED_TIME
	awk -v n="$1" -v fin="$2" 'BEGIN {
		print "code,unit,field,procedure,channel,received_at,due_at,finished_at"
		for (i = 1; i <= n; i++)
			printf "D%d,VT,,Thủ tục,direct,2024-03-%02d 08:00,2024-03-%02d 17:00,2024-03-%02d %s\n",
				i, i % 20 + 1, i % 20 + 1, i % 20 + 1, fin
	}'
}
gen_dossiers 30000 10:00 >d1.csv
ok dossiers import d1.csv
ok dossiers stats --period 2024-03 --format csv
cp "$OUT" stats-before.csv
gen_dossiers 200000 18:00 >d2.csv
"$HL" dossiers import d2.csv >/dev/null 2>&1 &
IMP=$!
AT_EXIT="kill -9 $IMP 2>/dev/null"
i=0
while :; do
	"$HL" dossiers stats --period 2024-03 --format csv >stats-now.csv 2>/dev/null || true
	cmp -s stats-now.csv stats-before.csv || break
	kill -0 "$IMP" 2>/dev/null || fail "the dossier import ended before it was killed"
	[ $i -lt 600 ] || fail "the dossier import wrote nothing in 60 s"
	sleep 0.1
	i=$((i + 1))
done
kill -9 "$IMP"
wait "$IMP" 2>/dev/null || true
AT_EXIT=""
printf 'code,unit,procedure,channel,received_at,due_at\nZ1,VT,Thủ tục,direct,2025-01-02 08:00,2025-01-03 17:00\n' >z.csv
ok dossiers import z.csv
ok dossiers stats --period 2024-03 --format csv
cmp -s "$OUT" stats-before.csv || fail "the killed dossier import was not undone"
