#!/bin/sh
# score766.sh BIN SRCROOT — the national scorecard of Decision 766 on the
# real binary, with figures computed by hand (below, per line): dossiers
# finished in the period (one received the month before, one finished the
# month after left out), working days on the built-in calendar, a dossier
# rated unsatisfied at exactly half of its valid answers, a response of
# another unit carrying the code ignored; feedback on time, late, rated
# unsatisfied, not accepted, not yet due; CSV, JSON, table; the points
# table loaded, used, refused when bad and cleared; usage errors.
set -eu
. "$2/tests/e2e/lib.sh"

ok init
cat >units.csv <<'CSV'
code,name,type,parent,valid_from,valid_to
KH,Tỉnh Khánh Hòa,tinh,,,
VT,Phường Vĩnh Thọ,ubnd-xa,KH,,
VH,Phường Vĩnh Hòa,ubnd-xa,KH,,
CSV
ok units import units.csv
printf 'code,name\nho-tich,Hộ tịch\n' >fields.csv
ok fields import fields.csv

# VT, finished in March 2025 (working days after receipt up to the finish):
#   A1 early (Tue: 1), A2 on time (Tue, Wed: 2), A3 late (Mon-Wed: 3),
#   A4 received in February, on time (Thu, Fri, Mon: 3)  -> 4, 75 %, 9/4 = 2,25
#   A5 not finished, A6 finished in April: not counted.
# VH: H1 early, finished the day it came (0 days)      -> 1, 100 %, 0
cat >dossiers.csv <<'CSV'
code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,supplements,reschedules,apology
A1,VT,ho-tich,Đăng ký khai sinh,direct,2025-03-03 08:00,2025-03-05 17:00,2025-03-04 10:00,,0,0,0
A2,VT,ho-tich,Đăng ký khai sinh,direct,2025-03-03 09:00,2025-03-05 17:00,2025-03-05 16:00,,0,0,0
A3,VT,ho-tich,Đăng ký khai sinh,direct,2025-03-07 08:00,2025-03-10 17:00,2025-03-12 09:00,,0,0,1
A4,VT,ho-tich,Đăng ký khai sinh,direct,2025-02-26 08:00,2025-03-03 17:00,2025-03-03 15:00,,0,0,0
A5,VT,ho-tich,Đăng ký khai sinh,direct,2025-03-20 08:00,2025-03-24 17:00,,,0,0,0
A6,VT,ho-tich,Đăng ký khai sinh,direct,2025-03-25 08:00,2025-03-27 17:00,2025-04-02 08:00,,0,0,1
H1,VH,ho-tich,Đăng ký khai sinh,direct,2025-03-10 08:00,2025-03-12 17:00,2025-03-10 11:00,,0,0,0
CSV
ok dossiers import dossiers.csv

# Responses carrying the codes (sipas-5: levels 4 and 5 are satisfied):
#   r1 A1: 3 of 5 unsatisfied -> unsatisfied; r2 A2: 2 of 4 valid (one
#   unanswered) -> unsatisfied (half); r3 A3: 2 of 5 -> not; r4 A5: not
#   finished; r5 is VH's and carries A3's code: not VT's rating.
#   VT: (4 - 2) / 4 = 50 %; VH: 100 %.
cat >responses.csv <<'CSV'
id,unit,date,instrument,channel,field,dossier,TC1,HC1,PV1,KQ1,TT1
r1,VT,2025-03-04,sipas-5,kiosk,ho-tich,A1,2,2,2,5,5
r2,VT,2025-03-05,sipas-5,kiosk,ho-tich,A2,5,5,2,2,
r3,VT,2025-03-12,sipas-5,kiosk,ho-tich,A3,4,4,4,2,2
r4,VT,2025-03-20,sipas-5,kiosk,ho-tich,A5,1,1,1,1,1
r5,VH,2025-03-12,sipas-5,kiosk,ho-tich,A3,1,1,1,1,1
CSV
ok responses import responses.csv

# Feedback of VT, answered within 2 working days:
#   F1 answered in time, satisfied; F2 in time but unsatisfied; F3 never
#   answered, past due; F6 answered late though satisfied; F4 not accepted;
#   F5 not due by the end of March.
#   due 4, on time 2 -> 50 %; late or unsatisfied 3 -> (4 - 3) / 4 = 25 %.
ok feedback deadlines --unit VT --answer-days 2
fb() { # fb DAY: add an item received that day at 08:00; its code in $F
	ok feedback add --unit VT --channel counter --received "2025-03-$1 08:00" --text "Góp ý"
	F=$(head -n 1 "$OUT")
}
handle() { # handle CODE ANSWERED-AT [RATING]
	ok feedback classify "$1" --class hanh-vi --at "2025-03-03 09:00"
	ok feedback forward "$1" --to VHXH --at "2025-03-03 10:00"
	ok feedback answer "$1" --text "Đã xử lý" --at "$2"
	ok feedback publish "$1" --at "$2"
	if [ $# -gt 2 ]; then ok feedback rate "$1" "$3" --at "$2"; fi
}
fb 03; handle "$F" "2025-03-04 09:00" satisfied
fb 03; handle "$F" "2025-03-04 16:00" unsatisfied
fb 03; F3=$F
ok feedback classify "$F3" --class hanh-vi --at "2025-03-03 09:00"
fb 03; ok feedback classify "$F" --class khong-tiep-nhan --at "2025-03-03 09:00"
fb 28
fb 03; handle "$F" "2025-03-12 09:00" satisfied

ok score766 --period 2025-03 --under KH --format csv
cat >want.csv <<'X'
unit,dossiers,on_time_pct,avg_days,feedback,feedback_on_time_pct,feedback_satisfied_pct,dossier_satisfied_pct
VH,1,100.00,0.00,0,,,100.00
VT,4,75.00,2.25,4,50.00,25.00,50.00
X
diff want.csv "$OUT" || fail "score766 --under KH"

# One unit; the province itself has nothing but is shown when asked for.
ok score766 --period 2025-03 --unit VT --format csv
sed -n '1p;3p' want.csv >want1.csv
diff want1.csv "$OUT" || fail "score766 --unit VT"
ok score766 --period 2025-03 --unit KH --format csv
[ "$(tail -n 1 "$OUT")" = "KH,0,,,0,,," ] || fail "score766 --unit KH"

# The same period written another way, and the quarter (nothing else in it).
ok score766 --period 2025-Q1 --under KH --format csv
diff want.csv "$OUT" || fail "score766 2025-Q1"

ok score766 --period 2025-03 --under KH --format json
has '"unit": "VT"'
has '"on_time_pct": 75.0'
has '"avg_days": 2.25'
has '"feedback_on_time_pct": null'
has '"first": "2025-03-01"'
hasnt '"points"'

ok score766 --period 2025-03 --under KH
has "BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP"
has "Phường Vĩnh Thọ"
has "75,00"
has "2,25"
has "Chưa nạp bảng điểm"

# The XLSX report has the same figures on its sheet "QĐ 766".
# as of the document's day: the end of March, as the command line counts
ok report --format xlsx --under KH --period 2025-03 --date 2025-03-31 -o r.xlsx
python3 - r.xlsx >sheet.txt <<'PY' || fail "the XLSX report has no sheet QĐ 766"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]+)" sheetId="(\d+)"', z.read("xl/workbook.xml").decode())
no = [i for n, i in names if n == "QĐ 766"][0]
shared = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
for row in re.findall(r"<row [^>]*>(.*?)</row>", z.read("xl/worksheets/sheet%s.xml" % no).decode()):
    cells = []
    for t, v in re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?( t="s")?[^>]*><v>([^<]*)</v>', row):
        cells.append(shared[int(v)] if t else "%g" % float(v))
    print("|".join(cells))
PY
grep -qx '2|Phường Vĩnh Thọ|4|75|2.25|4|50|25|50' sheet.txt || { cat sheet.txt >&2; fail "sheet QĐ 766: VT"; }
grep -qx '1|Phường Vĩnh Hòa|1|100|0|0|–|–|100' sheet.txt || { cat sheet.txt >&2; fail "sheet QĐ 766: VH"; }

# ---- the points table: empty by default, loaded, used, replaced ----
printf 'ratio,bound,points\non_time_pct,70,2\non_time_pct,90,5\navg_days,3,1\nfeedback_on_time_pct,"50,0",1\n' >diem.csv
ok score766 --points-import diem.csv
has "4 mức"
[ ! -e "$HAILONG_DB.diem766.csv" ] || fail "the points table went to a file, not the database"
# VH: 100 % -> 5, 0 days <= 3 -> 1, no feedback -> 6; VT: 75 % -> 2, 2,25 -> 1, 50 % -> 1: 4
ok score766 --period 2025-03 --under KH --format csv
head -n 1 "$OUT" | grep -q ',dossier_satisfied_pct,points$' || fail "points column"
grep -qx 'VH,1,100.00,0.00,0,,,100.00,6.00' "$OUT" || fail "VH points"
grep -qx 'VT,4,75.00,2.25,4,50.00,25.00,50.00,4.00' "$OUT" || fail "VT points"
ok audit
has "score766.points"
printf 'ratio,bound,points\nsipas,70,2\n' >bad.csv
status 1 score766 --points-import bad.csv
has "dòng 2, cột 1: 'sipas' không phải tỷ lệ nào"
printf 'ratio,bound,points\non_time_pct,bảy mươi,2\n' >bad.csv
status 1 score766 --points-import bad.csv
has "dòng 2, cột 2"
# a refused table leaves the one in force
ok score766 --period 2025-03 --unit VT --format csv
grep -q ',4.00$' "$OUT" || fail "a refused table replaced the one in force"
ok score766 --points-clear
ok score766 --period 2025-03 --under KH --format csv
diff want.csv "$OUT" || fail "after --points-clear"

# ---- the page beside the dashboard ----
echo 'matkhau-canbo-vt1' | "$HL" users add canbo --role clerk --unit VT >"$OUT" 2>&1 ||
	fail "users add canbo"
echo 'matkhau-giamsat-1' | "$HL" users add giamsat --role supervisor --unit KH >"$OUT" 2>&1 ||
	fail "users add giamsat"
serve_start
req - GET "/score766?period=2025-03"
expect 303
login canbo matkhau-canbo-vt1
req "$JAR" GET "/score766?period=2025-03"
expect 200 "Bộ chỉ số phục vụ người dân, doanh nghiệp"
has 'href="/score766"'
has "Tháng 03/2025"
has '<td class="num" data-label="Tỷ lệ trước hạn, đúng hạn (%)">75,00</td>'
has '<td class="num" data-label="Thời gian giải quyết trung bình (ngày làm việc)">2,25</td>'
hasnt "Phường Vĩnh Hòa"
req "$JAR" GET "/score766?period=2025-03&unit=VH"
expect 403
req "$JAR" GET "/score766?period=th%C3%A1ng-13"
expect 400 'aria-invalid="true"'
login giamsat matkhau-giamsat-1
req "$JAR" GET "/score766?period=Qu%C3%BD%201/2025"
expect 200 "Phường Vĩnh Hòa"
has "Phường Vĩnh Thọ"
has '<td class="num" data-label="Tỷ lệ hồ sơ không bị đánh giá không hài lòng (%)">50,00</td>'
serve_stop

# ---- usage ----
status 2 score766 --under KH
has "--period"
status 2 score766 --period 2025-03
has "--unit"
status 2 score766 --period 2025-03 --unit VT --under KH
status 2 score766 --period 2025-03 --unit VT --format xml
status 1 score766 --period 2025-03 --unit NOPE
ok score766 --help
has "hailong score766 --period"
