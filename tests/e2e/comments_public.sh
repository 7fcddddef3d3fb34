#!/bin/sh
# comments_public.sh BIN SRCROOT — a citizen's comment reaches what the
# public sees only once a clerk approved it (issue 10): a published report
# and the public page never hold an unapproved comment's words (here one
# with an ID card number), though its theme is counted; the internal report
# keeps them; the clerk approves it on the dashboard (CSRF, audited as
# web:NAME), the next publication quotes it; withdrawn, every published
# document quoting it leaves the public (its figures stay). Only the unit's
# own clerk may approve; another unit's answers 404.
set -eu
. "$2/tests/e2e/lib.sh"

SECRET="Số CMND 012345678"
ok init
cat >units.csv <<'CSV'
code,name,type,parent,valid_from,valid_to
KH,Tỉnh Khánh Hòa,tinh,,,
VT,UBND phường Vĩnh Thọ,ubnd-xa,KH,,
VH,UBND phường Vĩnh Hòa,ubnd-xa,KH,,
CSV
ok units import units.csv
{
	echo "id,unit,date,instrument,channel,comment,TC1,HC1,PV1,KQ1,TT1"
	echo "r1,VT,2024-03-05,sipas-5,kiosk,Chờ đợi lâu quá. $SECRET,2,2,2,2,2"
	echo "r2,VT,2024-04-05,sipas-5,kiosk,Cán bộ nhiệt tình,5,5,5,5,5"
	echo "r3,VH,2024-04-05,sipas-5,kiosk,Thiếu hồ sơ mẫu,4,4,4,4,4"
} >responses.csv
ok responses import responses.csv

# Published before any approval: themes and counts, no words.
ok reports publish --unit VT --period 2024
ok report --period 2024 --unit VT --format csv -o public.csv
grep -q '^1,Chờ đợi lâu,1,,,$' public.csv || fail "the report lacks the theme's count, or quotes it"
grep -qF "012345678" public.csv && fail "a report that may be published quotes an unapproved comment"
ok report --period 2024 --unit VT --format csv -o internal.csv --internal
grep -qF "$SECRET" internal.csv || fail "the internal report lost the comment's words"

echo 'matkhau-canbo-01' | "$HL" users add canbo --role clerk --unit VT >"$OUT" 2>&1 || fail "users add"
echo 'matkhau-canbo-02' | "$HL" users add canbo2 --role clerk --unit VH >"$OUT" 2>&1 || fail "users add"
serve_start
req - GET /public/VT/reports/1
expect 200
has "Chờ đợi lâu"
hasnt "012345678"
req - GET /public/VT
expect 200
hasnt "012345678"

# The dashboard: the comment with its approval form.
login canbo matkhau-canbo-01
C=$JAR
req "$C" GET "/?period=2024&unit=VT"
expect 200
has "$SECRET"
has "Cho công khai"
ID=$(sed 's/<li>/\n<li>/g' "$OUT" | grep -F "012345678" | sed -n 's/.*action="\/comments\/\([0-9]*\)".*/\1/p')
[ -n "$ID" ] || fail "no approval form for the comment"
CC=$(csrf)
req "$C" POST "/comments/$ID" --data-urlencode action=approve --data-urlencode period=2024 \
	--data-urlencode unit=VT
expect 403                             # no CSRF token
login canbo2 matkhau-canbo-02
req "$JAR" GET /
CSRF2=$(csrf)
req "$JAR" POST "/comments/$ID" --data-urlencode "csrf=$CSRF2" --data-urlencode action=approve
expect 404                             # another unit's clerk: as if it did not exist
req "$C" POST "/comments/$ID" --data-urlencode "csrf=$CC" --data-urlencode action=approve \
	--data-urlencode period=2024 --data-urlencode unit=VT
expect 303
case "$CODE" in *"/?period=2024&unit=VT#gop-y") ;; *) fail "approval redirected to $CODE" ;; esac
req "$C" POST "/comments/$ID" --data-urlencode "csrf=$CC" --data-urlencode action=approve
expect 409
req "$C" GET "/?period=2024&unit=VT"
has "Được công khai"
has "Thôi công khai"
ok audit --limit 20
has "comments.approve"
has "web:canbo"
grep -q "web:canbo .*comments.approve *phiếu $ID id r1" "$OUT" || fail "the approval's audit line"

# The version published before keeps its words out; the next one quotes it.
req - GET /public/VT/reports/1
expect 200
hasnt "012345678"
ok reports publish --unit VT --period 2024
req - GET /public/VT/reports/2
expect 200
has "$SECRET"
req - GET /public/VT
expect 200
hasnt "012345678"
ok report --period 2024 --unit VT --format csv -o approved.csv
grep -qF "$SECRET" approved.csv || fail "an approved comment is not quoted"

# Withdrawn: the document quoting it leaves the public, its figures stay.
req "$C" POST "/comments/$ID" --data-urlencode "csrf=$CC" --data-urlencode action=withdraw \
	--data-urlencode period=2024 --data-urlencode unit=VT
expect 303
req - GET /public/VT/reports/2
expect 200
hasnt "012345678"
has "không còn được đăng công khai"
has '<table class="figures">'
req - GET /public/VT/reports/1
expect 200
has "Chờ đợi lâu"
req - GET /public/VT
has 'Số liệu'
ok audit --limit 20
has "comments.withdraw"
req "$C" POST "/comments/$ID" --data-urlencode "csrf=$CC" --data-urlencode action=withdraw
expect 409
serve_stop
ok report --period 2024 --unit VT --format csv -o withdrawn.csv
grep -qF "012345678" withdrawn.csv && fail "a withdrawn comment is still quoted"
echo "comments_public: OK"
