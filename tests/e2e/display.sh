# display.sh — the counter screen /display/UNIT on the real server: no login;
# before a report is published it shows no figure; after, the published
# SIPAS and criteria with their change, and not the live figures of
# responses added after publication; the survey and feedback QR codes with
# the unit's addresses; this month's follow-ups; ?part=slides the slides
# alone (display.js's refresh); an unknown unit is 404.
set -eu
. "$2/tests/e2e/lib.sh"

setup
ok responses import "$DATA/responses.csv"
serve_start
req - GET /display/VT
expect 200 "Đơn vị chưa công bố kết quả nào."
has '<script src="/static/display.js" defer>'
has "$BASE/public/VT/feedback"
has "$BASE/public/VT</p>"
has "<svg"
has "Khắc phục ý kiến chưa hài lòng"
hasnt "SIPAS"
req - GET /display/KHONG-CO
expect 404

ok reports publish --unit VT --period 2024
ok reports show 1
sipas=$(sed -n 's/.*"unit":"VT"[^}]*"criterion":"SIPAS","criterion_name":"[^"]*","value":\([0-9.]*\).*/\1/p' "$OUT" | head -n 1)
[ -n "$sipas" ] || fail "no SIPAS value for VT in the published report"
want=$(printf '%.2f' "$sipas" | tr . ,)
req - GET /display/VT
expect 200 "Chỉ số hài lòng chung (SIPAS)"
has "$want%"
has "Năm 2024"
# live figures move, the screen does not
cat >more.csv <<'CSV'
id,unit,date,instrument,channel,TC1,TC2,TC3,TC4,HC1,HC2,HC3,HC4,HC5,PV1,PV2,PV3,PV4,PV5,PV6,KQ1,KQ2,KQ3,TT1,TT2,TT3,TT4
m1,VT,2024-08-01,sipas-5,kiosk,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
CSV
ok responses import more.csv
req - GET /display/VT
expect 200 "$want%"
req - GET "/display/VT?part=slides"
expect 200 '<section class="slide"'
hasnt "<html"
req - GET /static/display.js
expect 200 "part=slides"
serve_stop
echo "display: ok"
