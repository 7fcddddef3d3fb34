# report_rollup.sh — a report of whole months reads the (unit, month)
# rollups kept with the tallies, so what the server counts must show up in
# it at once: a kiosk response posted to the API (channel, field, civil
# servant, comment theme and example), then a closed paper batch. The
# figures then equal those of a full recompute (`tallies rebuild`), and a
# custom day range (read response by response) counts the same ballots.
set -eu
. "$2/tests/e2e/lib.sh"

# A bare date: the response's day whatever the hour (the server's days are +07:00).
TODAY=$(date +%Y-%m-%d)
YEAR=$(date +%Y)
A5="5555 55555 555555 555 5555"

# post PATH NAME=VALUE...: a form as the current session with its csrf;
# status in CODE, redirect target in LOC.
post() {
	p=$1
	shift
	REQ="POST $p"
	RESP=$(curl -s -b "$JAR" -o "$OUT" -w '%{http_code} %{redirect_url}' --max-time 20 \
		--data-urlencode "csrf=$CSRF" "$@" "$BASE$p")
	CODE=${RESP%% *}
	LOC=${RESP#* }
}

# report FILE [PERIOD]: the internal CSV report of VT.
report() {
	ok report --period "${2:-$YEAR}" --unit VT --format csv -o "$1" --internal --date "$TODAY"
}

# line FILE TEXT: FILE has the line TEXT.
line() {
	grep -qxF -- "$2" "$1" || { cp "$1" "$OUT"; fail "$1 lacks the line: $2"; }
}

ok init
ok units import "$DATA/units.csv"
ok fields import "$DATA/fields.csv"
ok staff import "$DATA/staff.csv"
ok kiosks add --unit VT --name quay-1
T1=$(sed -n 's/.*lưu lại): //p' "$OUT")
[ -n "$T1" ] || fail "no kiosk token printed"
echo "mat-khau-lan-123" | "$HL" users add lan --role entry --unit VT >"$OUT" 2>&1 ||
	fail "users add lan"

serve_start

# ---- a kiosk response through the API ----
REQ="POST /api/v1/responses"
CODE=$(curl -s -o "$OUT" -w '%{http_code}' --max-time 20 -H "Authorization: Bearer $T1" \
	-H 'Content-Type: application/json' --data-binary \
	'{"id":"k1","instrument":"sipas-5","collected_at":"'"$TODAY"'","field":"ho-tich","staff":"CB01","answers":{"TC1":5,"HC2":4,"PV3":2},"comment":"Phải chờ đợi lâu quá"}' \
	"$BASE/api/v1/responses")
expect 201
report k.csv
line k.csv "responses,1"
line k.csv "kiosk,Kiosk tại bộ phận một cửa,1"
line k.csv "ho-tich,Hộ tịch,1"
line k.csv "1,Chờ đợi lâu,1,Phải chờ đợi lâu quá,,"
grep -q "^CB01,Nguyễn Thị Lan,Phường Vĩnh Thọ,1," k.csv || { cp k.csv "$OUT"; fail "no CB01 line"; }
# TC1 answered 5, TC2 not answered.
grep -q "^sipas-5@1,TC1,.*,5,Rất hài lòng,1,1,100.00$" k.csv || { cp k.csv "$OUT"; fail "TC1 distribution"; }

# ---- a paper batch of one ballot, closed ----
login lan mat-khau-lan-123 /paper
csrf_of /paper
post /paper --data-urlencode unit=VT --data-urlencode "opened_on=$TODAY" \
	--data-urlencode "opened_by=Nguyễn Văn An" --data-urlencode "witness=Trần Thị Bình" \
	--data-urlencode counted=1 --data-urlencode instrument=sipas-5@1
expect 303
B1=${LOC##*/paper/}
[ -n "$B1" ] && [ "$B1" -gt 0 ] 2>/dev/null || fail "no batch id in '$LOC'"
post "/paper/$B1" --data-urlencode pass=1 --data-urlencode "answers=$A5" \
	--data-urlencode field=cu-tru --data-urlencode "comment=Thiếu hồ sơ mẫu để điền"
expect 303
# Not closed yet: not in the report.
report open.csv
line open.csv "responses,1"
post "/paper/$B1/close" --data-urlencode confirm=1
expect 303
report p.csv
line p.csv "responses,2"
line p.csv "kiosk,Kiosk tại bộ phận một cửa,1"
line p.csv "paper,Phiếu giấy,1"
line p.csv "cu-tru,Cư trú,1"
line p.csv "0,Thiếu hồ sơ mẫu,1,Thiếu hồ sơ mẫu để điền,,"
serve_stop

# ---- the same as a full recompute, and as reading every response ----
ok tallies rebuild
report rebuilt.csv
cmp -s p.csv rebuilt.csv || { diff p.csv rebuilt.csv >"$OUT" || true; fail "rollups kept by the server differ from a rebuild"; }
report range.csv "$TODAY..$TODAY"
for l in "responses,2" "kiosk,Kiosk tại bộ phận một cửa,1" "paper,Phiếu giấy,1" \
	"cu-tru,Cư trú,1" "ho-tich,Hộ tịch,1" "0,Thiếu hồ sơ mẫu,1,Thiếu hồ sơ mẫu để điền,," \
	"1,Chờ đợi lâu,1,Phải chờ đợi lâu quá,,"; do
	line range.csv "$l"
done
echo "report_rollup: OK"
