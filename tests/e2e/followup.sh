# followup.sh — the closed loop (issue 14 §1) on the real binary: an import
# opens a case for each response at least half unsatisfied (not for a
# satisfied one, nor with --no-followup), due in 15 working days on the
# unit's calendar (a unit's own number of days when set); the list's CSV
# header and rows, --open, --overdue --at; closing with cause, fix and
# callback, and what closing refuses; the staff's inbox page, scoped to the
# clerk's unit, with the overdue case in red and its close form; a fix
# published (command line and inbox) on the public page and the counter
# screen with the unit's contact; the report's figures beside TT.
set -eu
. "$2/tests/e2e/lib.sh"

# the test units without their 2025 merger: VT and VH still exist in 2026
ok init
ok units import "$DATA/units.csv"
# Tuesday 01/12/2026 09:00 in Vietnam: 15 working days later is Tuesday
# 22/12/2026 (closing time 17:00); 5 working days later Tuesday 08/12.
export HAILONG_NOW=2026-12-01T09:00

HEAD=id,unit,date,instrument,channel,dossier,TC1,TC2,TC3,TC4,HC1,HC2,HC3,HC4,HC5,PV1,PV2,PV3,PV4,PV5,PV6,KQ1,KQ2,KQ3,TT1,TT2,TT3,TT4
cat > r.csv <<CSV
$HEAD
a1,VT,2026-11-30,sipas-5,kiosk,HS-001,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5
a2,VT,2026-11-30,sipas-5,paper,HS-002,,,,,,,,,,1,2,1,1,1,1,2,1,1,5,4,5,5
a3,VH,2026-11-30,sipas-5,qr,,1,1,1,1,1,1,1,1,1,1,1,5,5,5,5,5,5,5,5,5,5,5
a4,VH,2026-11-30,sipas-5,qr,,1,1,1,1,1,1,1,1,1,1,5,5,5,5,5,5,5,5,5,5,5,5
CSV
ok responses import r.csv
has "Đã nhập 4 phiếu"

# a1 satisfied, a4 10 of 22 unsatisfied: no case; a2 (PV, KQ), a3 (11 of 22).
ok followup list --format csv
cat > want.csv <<'CSV'
code,unit,opened_at,due_at,status,overdue,dossier,criteria
KP-VT-2026-0001,VT,2026-12-01 09:00,2026-12-22 17:00,open,0,HS-002,PV;KQ
KP-VH-2026-0001,VH,2026-12-01 09:00,2026-12-22 17:00,open,0,,TC;HC;PV
CSV
diff want.csv "$OUT" >/dev/null || fail "followup list csv: $(diff want.csv "$OUT")"

ok followup list --unit VT --format csv
has "KP-VT-2026-0001,VT"
hasnt "KP-VH"
ok followup list
has "Phường Vĩnh Thọ"
has "22/12/2026 17:00"
has "PV;KQ"

# Overdue once the deadline has passed, not at it.
ok followup list --overdue --at "2026-12-22 17:00" --format csv
[ "$(wc -l <"$OUT")" -eq 1 ] || fail "nothing is overdue at the deadline"
ok followup list --overdue --at "2026-12-23 08:00" --format csv
[ "$(wc -l <"$OUT")" -eq 3 ] || fail "both cases are overdue the day after"
has "KP-VT-2026-0001,VT,2026-12-01 09:00,2026-12-22 17:00,open,1,HS-002,PV;KQ"

# Old ballots brought in as history open no case; a resent file opens none again.
sed 's/^a/h/' r.csv > history.csv
ok responses import --no-followup history.csv
has "Đã nhập 4 phiếu"
ok responses import r.csv
has "bỏ qua 4 phiếu"
ok followup list --format csv
[ "$(wc -l <"$OUT")" -eq 3 ] || fail "--no-followup or a resend opened a case"

# A unit's own deadline, for the cases opened from then on.
ok followup days --unit VT --days 5
status 2 followup days --unit VT --days 0
sed 's/^a2,/b2,/;/^a[134],/d' r.csv > more.csv
ok responses import more.csv
ok followup list --unit VT --open --format csv
has "KP-VT-2026-0002,VT,2026-12-01 09:00,2026-12-08 17:00,open,0,HS-002,PV;KQ"

# Closing: cause, fix and the callback; refused when closed, unknown,
# before its opening, without its texts or with another callback word.
ok followup close KP-VT-2026-0001 --cause "Công chức chưa hướng dẫn kỹ" \
	--fix "Nhắc nhở, tập huấn lại quy trình" --callback done --at "2026-12-10 10:00"
has "Đã đóng vụ việc KP-VT-2026-0001"
status 1 followup close KP-VT-2026-0001 --cause a --fix b
has "đã đóng"
status 1 followup close KP-KHONG-CO --cause a --fix b
has "không có vụ việc theo dõi mã này"
status 1 followup close KP-VH-2026-0001 --cause a --fix b --at "2026-11-30 10:00"
has "trước thời điểm mở"
status 1 followup close KP-VH-2026-0001 --cause " " --fix b
has "nguyên nhân"
status 2 followup close KP-VH-2026-0001 --cause a --fix b --callback maybe
status 2 followup close KP-VH-2026-0001 --cause a
ok followup close KP-VH-2026-0001 --cause "Phòng chờ thiếu ghế" --fix "Bổ sung 10 ghế" \
	--callback no-answer --at "2027-01-05 10:00"
ok followup list --format csv --at "2027-02-01 00:00"
has "KP-VT-2026-0001,VT,2026-12-01 09:00,2026-12-22 17:00,closed,0,HS-002,PV;KQ"
has "KP-VH-2026-0001,VH,2026-12-01 09:00,2026-12-22 17:00,closed,1,,TC;HC;PV"
ok followup list --open --format csv
hasnt "KP-VT-2026-0001"
has "KP-VT-2026-0002"
ok audit
has "followup.close"

# ---- the staff's inbox (/followups): a clerk sees the cases of its unit,
# the overdue one in red, and closes it; another unit's case is not there ----
echo 'mat-khau-can-bo' | "$HL" users add lan --role clerk --unit VT >"$OUT" 2>&1 ||
	fail "users add lan"
HAILONG_NOW=2026-12-09T08:00 serve_start
login lan mat-khau-can-bo
csrf_of /followups
has "KP-VT-2026-0002"
has '<tr class="fb-overdue">'
has "Quá hạn"
has "Gọi lại người dân"
req "$JAR" GET "/followups?all=1"
expect 200 "KP-VT-2026-0001"
hasnt "KP-VH-"
req "$JAR" GET "/followups?unit=VH"
[ "${CODE%% *}" -ge 400 ] || fail "a clerk of VT listed VH's cases: $CODE"
req "$JAR" POST /followups/close --data-urlencode "csrf=$CSRF" -d code=KP-VH-2026-0001 \
	-d cause=a -d fix=b
expect 404
req "$JAR" POST /followups/close --data-urlencode "csrf=$CSRF" -d code=KP-VT-2026-0002 \
	--data-urlencode "cause=Hồ sơ chờ bổ sung quá lâu" -d fix= -d callback=done
expect 400 "biện pháp khắc phục"
req "$JAR" POST /followups/close --data-urlencode "csrf=$CSRF" -d code=KP-VT-2026-0002 \
	--data-urlencode "cause=Hồ sơ chờ bổ sung quá lâu" \
	--data-urlencode "fix=Hướng dẫn một lần đủ giấy tờ" -d callback=done
expect 303
case "$CODE" in *"/followups?ok=1") ;; *) fail "close did not go back to the list: $CODE" ;; esac
req "$JAR" GET "/followups?all=1"
expect 200 "Hướng dẫn một lần đủ giấy tờ"
has "Đã gọi lại"
req "$JAR" GET /followups
expect 200 "Không có vụ việc nào."
serve_stop
ok followup list --format csv --at "2026-12-09 08:00"
has "KP-VT-2026-0002,VT,2026-12-01 09:00,2026-12-08 17:00,closed,1,HS-002,PV;KQ"

# A file of two instruments: each row is judged with its own (the rule
# reads the answers in the instrument's question order: khanh-hoa-6 puts DK
# after TC, so judged with sipas-5 this row would target TC, not DK).
cat > mixed.csv <<'CSV'
id,unit,date,instrument,channel,TC1,TC2,TC3,TC4,HC1,HC2,HC3,HC4,HC5,PV1,PV2,PV3,PV4,PV5,PV6,KQ1,KQ2,KQ3,TT1,TT2,TT3,TT4,DK1,DK2,DK3
m1,VT,2026-11-30,sipas-5,kiosk,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,,,
m2,VT,2026-11-30,khanh-hoa-6,kiosk,,5,5,,1,1,1,,,1,1,1,,,,5,,5,5,5,,,1,1,1
CSV
ok responses import mixed.csv
ok followup list --unit VT --format csv
has "KP-VT-2026-0003,VT,2026-12-01 09:00,2026-12-08 17:00,open,0,,DK;HC;PV"

# ---- a fix made public: the staff's words on the public page and the
# counter screen with the unit's contact; an open case has no fix to show;
# withdrawn, it is gone; a clerk publishes from the inbox, within its units ----
status 1 followup publish KP-VT-2026-0003
has "chưa đóng"
status 1 followup publish KP-KHONG-CO
ok followup publish KP-VT-2026-0001 --at "2026-12-10 11:00"
has "Đã công bố"
ok units contact VT --hotline "0258 3822 123" --address "Số 1 đường Yersin, Vĩnh Thọ"
has "Đường dây nóng: 0258 3822 123"
has "Thư điện tử: (chưa có)"
ok units contact VT --email ubnd@vinhtho.gov.vn
has "Địa chỉ: Số 1 đường Yersin, Vĩnh Thọ"
status 1 units contact VT --hotline "gọi tôi"
has "chỉ gồm chữ số"
status 1 units contact VT --email khong-hop-le
has "không đúng dạng"
status 1 units contact KHONG-CO --hotline 113
ok audit
has "followup.publish"
has "units.contact"

HAILONG_NOW=2026-12-15T08:00 serve_start
req - GET /public/VT
expect 200 "Nhắc nhở, tập huấn lại quy trình"
has "Sự phục vụ của công chức, viên chức; Kết quả giải quyết công việc"
has 'href="tel:02583822123"'
has "ubnd@vinhtho.gov.vn"
hasnt "Hướng dẫn một lần đủ giấy tờ"
hasnt "Công chức chưa hướng dẫn kỹ"
req - GET /public/VH
expect 200 "Chưa có việc khắc phục nào được công bố."
req - GET "/display/VT?part=slides"
expect 200 "Nhắc nhở, tập huấn lại quy trình"
has "0258 3822 123"
has "trong 5 ngày làm việc"
login lan mat-khau-can-bo
csrf_of "/followups?all=1"
has "Đã công bố trên trang công khai"
has "Sự phục vụ của công chức, viên chức"
req "$JAR" POST /followups/publish --data-urlencode "csrf=$CSRF" -d code=KP-VH-2026-0001 \
	-d show=1
expect 404
req "$JAR" POST /followups/publish --data-urlencode "csrf=$CSRF" -d code=KP-VT-2026-0003 \
	-d show=1
expect 400 "chưa đóng"
req "$JAR" POST /followups/publish --data-urlencode "csrf=$CSRF" -d code=KP-VT-2026-0002 \
	-d show=1
expect 303
req "$JAR" POST /followups/publish --data-urlencode "csrf=$CSRF" -d code=KP-VT-2026-0001 \
	-d show=0
expect 303
req - GET /public/VT
expect 200 "Hướng dẫn một lần đủ giấy tờ"
hasnt "Nhắc nhở, tập huấn lại quy trình"
serve_stop

# The report's follow-up figures beside TT, as of the document's day:
# VT's three cases of November, two closed (one in time), both with a
# dossier called back.
HAILONG_NOW=2027-02-01T08:00 ok report --unit VT --period 2026-11 --format csv -o rep.csv
grep -q '^follow_unit,tt,opened,closed,in_time,in_time_pct,dossiers,callbacks$' rep.csv ||
	fail "report csv lacks the follow-up section: $(cat rep.csv)"
grep -q '^Phường Vĩnh Thọ,[0-9.]*,3,2,1,33.33,2,2$' rep.csv ||
	fail "report csv follow-up row: $(grep -A2 follow_unit rep.csv)"
HAILONG_NOW=2027-02-01T08:00 ok report --unit VT --period 2026-11 --format html -o rep.html
grep -q "Khắc phục ý kiến chưa hài lòng (tiêu chí TT)" rep.html ||
	fail "report html lacks the follow-up section"

echo "followup: ok"
