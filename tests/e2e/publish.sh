# publish.sh — the reporting calendar and publication, end to end on the demo
# data: `reports due` lists seed 004's dates, `reports publish` freezes a
# snapshot (republishing makes version 2, both kept; responses added later do
# not change version 1), bad requests fail clearly without storing anything;
# then on the real server: the public page shows only what was published
# (period, version, who and when, the SIPAS table, a download link; never an
# unpublished period, never a civil servant), the clerk's /reports page shows
# the reports owed, a preview and publishes through the form (audited), and a
# clerk cannot publish another unit's report.
set -eu
. "$2/tests/e2e/lib.sh"

ok demo

# ---- the calendar ----
ok reports due --date 2024-03-25 --unit vinh-hai
has 'từ 24/02/2024 đến 25/03/2024'
grep -Eq '^UBND phường Vĩnh Hải +vinh-hai +2024-02 +28/02/2024 +Tháng 02/2024$' "$OUT" || fail "due: no February report"
grep -Eq '^UBND phường Vĩnh Hải +vinh-hai +2024-Q1 +25/03/2024 +Quý I/2024$' "$OUT" || fail "due: no Q1 report"
[ "$(grep -c '^UBND phường Vĩnh Hải ' "$OUT")" -eq 2 ] || fail "due: expected exactly 2 reports"
ok reports due --date 2024-06-25 --unit vinh-hai
grep -Eq '^UBND phường Vĩnh Hải +vinh-hai +2024-H1 +25/06/2024 ' "$OUT" || fail "due: no half-year report on 25/06"
ok reports due --date 2024-12-26
grep -Eq '^UBND phường Vĩnh Hải +vinh-hai +2024 +25/12/2024 +Năm 2024$' "$OUT" || fail "due: no year report on 25/12"
# a unit formed on 01/07/2025 has nothing due in 2024
hasnt 'bac-nha-trang '
status 1 reports due --date 2024-02-30
has 'không hợp lệ'
status 1 reports due --date 2024-03-25 --unit khong-co
has 'khong-co'

# ---- a unit's own schedule, inherited below it ----
ok reports schedule --unit vinh-hai
has 'month:28,Q1:25/03,Q3:25/09,H1:25/06,year:25/12'
has 'mặc định'
ok reports schedule --unit nha-trang 'month:5+1, Q:20+3'
has 'month:5+1,Q:20+3'
ok reports schedule --unit vinh-hai
has 'month:5+1,Q:20+3'
has 'cấp trên'
ok reports due --date 2024-04-20 --unit vinh-hai
grep -Eq '^UBND phường Vĩnh Hải +vinh-hai +2024-03 +05/04/2024 ' "$OUT" || fail "schedule: March not due on 05/04"
grep -Eq '^UBND phường Vĩnh Hải +vinh-hai +2024-Q1 +20/04/2024 ' "$OUT" || fail "schedule: Q1 not due on 20/04"
status 1 reports schedule --unit vinh-hai 'Q1:25'
has "không hiểu 'Q1:25'"
status 1 reports schedule --unit khong-co 'month:28'
has 'khong-co'
ok reports schedule --unit nha-trang --default
ok reports schedule --unit vinh-hai
has 'mặc định'
ok audit
has 'reports.schedule'

# ---- publishing ----
ok reports list --unit vinh-hai
has 'Chưa có báo cáo nào được công bố.'
ok reports publish --unit vinh-hai --period 2024-Q1
has 'Đã công bố báo cáo Quý I/2024 của đơn vị vinh-hai'
has 'phiên bản 1'
has 'hạn công bố 25/03/2024'
"$HL" reports show 1 >"$WORK/v1.json" 2>"$OUT" || fail "reports show 1"
grep -q '"unit":"vinh-hai","name":"UBND phường Vĩnh Hải"' "$WORK/v1.json" || fail "v1 has no vinh-hai figures"
grep -q '"criterion":"SIPAS","criterion_name":"Chỉ số hài lòng chung (SIPAS)","value":90.27' \
	"$WORK/v1.json" || fail "v1's SIPAS is not the index's 90,27"
ok reports due --date 2024-03-25 --unit vinh-hai
hasnt '2024-Q1'
has '2024-02'

# A correction: more responses for the quarter, then a new version; the
# first stays as it was frozen.
printf '%s\n' 'id,unit,instrument,date,channel,TC1,TC2,TC3,TC4,HC1,HC2,HC3,HC4,HC5,PV1,PV2,PV3,PV4,PV5,PV6,KQ1,KQ2,KQ3,TT1,TT2,TT3,TT4' >"$WORK/more.csv"
i=0
while [ $i -lt 200 ]; do
	echo "late-$i,vinh-hai,sipas-5,2024-03-20,paper,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1" >>"$WORK/more.csv"
	i=$((i + 1))
done
ok responses import "$WORK/more.csv"
ok reports publish --unit vinh-hai --period 2024-Q1
has 'phiên bản 2'
"$HL" reports show 1 >"$WORK/v1b.json" 2>"$OUT" || fail "reports show 1 (again)"
cmp -s "$WORK/v1.json" "$WORK/v1b.json" || fail "version 1 changed after new responses"
"$HL" reports show 2 >"$WORK/v2.json" 2>"$OUT" || fail "reports show 2"
if cmp -s "$WORK/v1.json" "$WORK/v2.json"; then
	fail "version 2 has the same figures as version 1 after 200 new responses"
fi
ok reports list --unit vinh-hai
grep -Eq '^ +2 UBND phường Vĩnh Hải +Quý I/2024 +2 ' "$OUT" || fail "list: no version 2"
grep -Eq '^ +1 UBND phường Vĩnh Hải +Quý I/2024 +1 ' "$OUT" || fail "list: version 1 not kept"
ok audit
has 'report.publish'
has 'đơn vị vinh-hai, kỳ 2024-Q1, phiên bản 2'

# Bad requests: a clear message, exit 1, nothing stored.
status 1 reports publish --unit khong-co --period 2024-Q1
has 'không có đơn vị mã khong-co'
status 1 reports publish --unit vinh-hai --period ''
has 'kỳ'
status 1 reports publish --unit vinh-hai --period 2024-Q9
has 'không hợp lệ'
status 1 reports publish --unit vinh-hai --period 2019
has 'chưa có phiếu khảo sát nào được tính trong kỳ Năm 2019'
status 1 reports publish --unit vinh-hai --period 2999
has 'chưa bắt đầu'
status 1 reports publish --unit vinh-hai --period 2024 --format xlsx
has 'html hoặc pdf'
status 2 reports publish --unit vinh-hai
has '--period'
ok reports list
[ "$(grep -c ' UBND phường Vĩnh Hải ' "$OUT")" -eq 2 ] || fail "a failed publication stored something"

# ---- the server ----
echo 'matkhau-canbo-01' | "$HL" users add canbo --role clerk --unit vinh-hai >"$OUT" 2>&1 ||
	fail "users add canbo"
echo 'matkhau-canbo-02' | "$HL" users add canbo2 --role clerk --unit loc-tho >"$OUT" 2>&1 ||
	fail "users add canbo2"
serve_start

# The public page: only the published period, with its frozen table.
req - GET /public/vinh-hai
expect 200
has 'Công bố mới nhất: Quý I/2024 (phiên bản 2'
has '<table class="figures">'
has '<th scope="row">SIPAS'
grep -Eq '<td class="num">[0-9]{2},[0-9]{2}</td>' "$OUT" || fail "public table has no decimal comma"
has 'href="/public/vinh-hai/reports/2"'
has 'href="/public/vinh-hai/reports/1"'
# who published reads as a person does: not the code "cli"
has '<td>dòng lệnh</td>'
hasnt '<td>cli</td>'
hasnt 'Tháng 02/2024'             # due, never published
hasnt 'Năm 2024'
hasnt 'Nguyễn Thị Quỳnh'          # a civil servant of the unit
hasnt 'Chưa có kết quả nào được công bố.'
req - GET /public/loc-tho
expect 200
has 'Chưa có kết quả nào được công bố.'
hasnt '<table'
# downloads: the unit's own reports only
req - GET /public/vinh-hai/reports/1
expect 200
has 'Vĩnh Hải'
hasnt 'Nguyễn Thị Quỳnh'
req - GET /public/loc-tho/reports/1
expect 404
req - GET /public/vinh-hai/reports/999
expect 404
req - GET /public/vinh-hai/reports/abc
expect 404

# The clerk's page: due drafts and what was published.
req - GET /reports
expect 303
login canbo matkhau-canbo-01
C=$JAR
req "$C" GET /reports
expect 200
has 'Báo cáo phải công bố'
has 'Đã công bố'
has 'Quý I/2024'
has 'action="/reports/preview"'
hasnt 'UBND phường Lộc Thọ'
req "$C" GET "/reports/preview?unit=vinh-hai&period=2024-H1"
expect 200
has 'Vĩnh Hải'
req "$C" GET "/reports/preview?unit=vinh-hai&period=2019"
expect 400
has 'chưa có phiếu khảo sát nào'
req "$C" GET "/reports/preview?unit=loc-tho&period=2024-H1"
case "$CODE" in 403* | 404*) ;; *) fail "a clerk previewed another unit's report ($CODE)" ;; esac

csrf_of /reports
req "$C" POST /reports/publish --data-urlencode "csrf=$CSRF" --data-urlencode unit=vinh-hai \
	--data-urlencode period=2024-H1
expect 303
case "$CODE" in *"/reports?done="*) ;; *) fail "publish redirected to $CODE" ;; esac
req "$C" POST /reports/publish --data-urlencode unit=vinh-hai --data-urlencode period=2024-H1
expect 403                        # no CSRF token
req "$C" POST /reports/publish --data-urlencode "csrf=$CSRF" --data-urlencode unit=loc-tho \
	--data-urlencode period=2024-H1
case "$CODE" in 403* | 404*) ;; *) fail "a clerk published another unit's report ($CODE)" ;; esac
req "$C" POST /reports/publish --data-urlencode "csrf=$CSRF" --data-urlencode unit=vinh-hai \
	--data-urlencode period=2019
expect 400
req - GET /public/vinh-hai
expect 200
has 'Công bố mới nhất: 6 tháng đầu năm 2024 (phiên bản 1'
has '<td>canbo</td>'
serve_stop

ok reports list --unit vinh-hai
grep -Eq '^ +3 UBND phường Vĩnh Hải +6 tháng đầu năm 2024 +1 .* canbo$' "$OUT" ||
	fail "list: no H1 published by canbo"
ok reports list --unit loc-tho
has 'Chưa có báo cáo nào được công bố.'
ok audit
has 'web:canbo'
echo "publish: ok"
