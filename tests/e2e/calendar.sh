# calendar.sh — `hailong calendar`: the lunar date (no database needed), the
# shipped 2024–2026 decisions against tests/data/calendar/days.csv, imports
# (good and bad: nothing changes), office hours per unit with inheritance and
# seasons, deadlines and elapsed working hours, 24/11, --help, the audit log.
set -eu
. "$2/tests/e2e/lib.sh"
CAL=$SRC/tests/data/calendar

# ---- lunar: no database ----
ok calendar lunar 2026-02-17
has "Ngày 17/02/2026 là mùng 1 tháng Giêng năm Bính Ngọ"
ok calendar lunar 2025-07-25 --format csv
[ "$(cat "$OUT")" = "date,lunar_day,lunar_month,lunar_year,leap
2025-07-25,1,6,2025,1" ] || fail "lunar csv"
ok calendar lunar 2025-07-25
has "tháng Sáu nhuận năm Ất Tỵ"
ok calendar lunar 1985-01-21 --format csv
has "1985-01-21,1,1,1985,0"
ok calendar lunar 2024-04-18
has "là mùng 10 tháng Ba năm Giáp Thìn"
ok calendar lunar 2024-09-17
has "là ngày 15 tháng Tám năm Giáp Thìn"
status 1 calendar lunar 2025-02-30
has "2025-02-30"
has "không hợp lệ"
status 1 calendar lunar 2250-01-01
has "1900–2199"
status 2 calendar lunar 2026-02-17 --format xml
status 2 calendar lunar
[ ! -e "$HAILONG_DB" ] || fail "lunar created a database"
status 1 calendar show --year 2026
has "init"

ok calendar --help
has "calendar deadline"
has "date,kind,name"
ok calendar deadline --help
has "--hours"
status 2 calendar
status 2 calendar nothing

setup

# ---- the shipped decisions: exactly the days of RULES.md §2 ----
for y in 2024 2025 2026; do
	ok calendar show --year $y --format csv
	head -n 1 "$OUT" | grep -qx "date,kind,name" || fail "show header"
	tail -n +2 "$OUT" | cut -d, -f1,2 >"$WORK/got.txt"
	grep "^$y-" "$CAL/days.csv" >"$WORK/want.txt"
	diff "$WORK/want.txt" "$WORK/got.txt" >&2 || fail "calendar show --year $y differs from days.csv"
done
ok calendar show --year 2026
has "Giỗ Tổ Hùng Vương"
has "27/04/2026"
has "nghỉ bù"
has "chưa áp dụng"
# 2027 has no decision: Tết by the usual pattern, Saturday and Sunday given back.
ok calendar show --year 2027 --format csv
has "2027-02-05,holiday,Tết Nguyên đán"
has "2027-02-10,compensatory,Nghỉ bù Tết Nguyên đán"
has "2027-02-11,compensatory,Nghỉ bù Tết Nguyên đán"
status 1 calendar show --year 2150
status 2 calendar show
status 1 calendar show --year 2026 --unit KHONG-CO
has "KHONG-CO"

# ---- deadlines and elapsed time with the default hours ----
ok calendar deadline --from "2026-04-24 16:00" --hours 2
[ "$(cat "$OUT")" = "2026-04-28 08:30" ] || fail "Giỗ Tổ 2026 nghỉ bù"
ok calendar deadline --from "2024-02-07 16:00" --hours 8
[ "$(cat "$OUT")" = "2024-02-15 16:30" ] || fail "Tết 2024"
ok calendar deadline --from "2024-03-04 10:30" --hours 1
[ "$(cat "$OUT")" = "2024-03-04 11:30" ] || fail "lands on the morning's close"
ok calendar deadline --from "2024-03-04 10:30" --hours 1,5
[ "$(cat "$OUT")" = "2024-03-04 14:00" ] || fail "decimal hours"
ok calendar deadline --from "2024-03-04 20:00" --minutes 30
[ "$(cat "$OUT")" = "2024-03-05 08:00" ] || fail "start at night"
ok calendar deadline --from "2025-01-24 10:00" --days 3
[ "$(cat "$OUT")" = "2025-02-05 17:00" ] || fail "days across Tết 2025"
ok calendar deadline --from "2024-05-03 16:00" --hours 2
[ "$(cat "$OUT")" = "2024-05-04 08:30" ] || fail "worked Saturday 2024"
ok calendar between --from "2024-02-07 16:00" --to "2024-02-15 16:30"
[ "$(cat "$OUT")" = "8:00" ] || fail "between across Tết"
ok calendar between --from "2024-03-04 00:00" --to "2024-03-09 00:00"
[ "$(cat "$OUT")" = "37:30" ] || fail "between a week"
status 2 calendar deadline --from "2024-03-04 08:00" --hours 2 --days 1
status 2 calendar deadline --from "2024-03-04 08:00"
status 2 calendar deadline --hours 2
status 1 calendar deadline --from "2024-02-30 08:00" --hours 2
has "2024-02-30"
status 1 calendar deadline --from "2024-03-04 25:00" --hours 2
status 1 calendar deadline --from "2024-03-04 08:00" --hours abc
status 1 calendar deadline --from "2024-03-04 08:00" --hours -2
status 1 calendar deadline --from "2024-03-04 08:00" --days 1.5
status 1 calendar deadline --from "2100-12-31 08:00" --days 5
has "2000–2100"
status 1 calendar deadline --from "2024-03-04 08:00" --hours 2 --unit KHONG-CO
has "KHONG-CO"
status 2 calendar between --from "2024-03-04 08:00"

# ---- office hours: a parent's seasons, inherited; a unit's own from a day ----
ok calendar hours --unit VH
has "07:30-11:30,13:30-17:00"
has "chưa có quy định riêng"
ok calendar hours --unit NT "summer=04-01:07:30-11:30,13:30-17:30;winter=10-01:07:30-11:30,13:00-17:00"
has "Đã đặt giờ làm việc"
ok calendar hours --unit VH --from 2026-09-30
has "summer=04-01"
has "13:30–17:30"
ok calendar hours --unit VH --from 2026-12-01
has "13:00–17:00"
# Wednesday 30/09/2026 is summer (closes 17:30), Thursday 01/10 winter.
ok calendar deadline --from "2026-09-30 16:00" --hours 2 --unit VH
[ "$(cat "$OUT")" = "2026-10-01 08:00" ] || fail "summer then winter, inherited"
ok calendar deadline --from "2026-09-25 10:00" --days 1 --unit VH
[ "$(cat "$OUT")" = "2026-09-28 17:30" ] || fail "a day ends at summer's close"
ok calendar hours --unit VH --from 2026-10-01 07:00-11:30,13:30-17:00
ok calendar hours --unit VH --from 2026-10-15
has "07:00-11:30,13:30-17:00"
has "từ 01/10/2026"
ok calendar deadline --from "2026-09-30 16:00" --hours 2 --unit VH
[ "$(cat "$OUT")" = "2026-10-01 07:30" ] || fail "own hours from 01/10"
# The parent's hours still hold before the unit's own rule starts.
ok calendar deadline --from "2026-09-29 17:00" --minutes 30 --unit VH
[ "$(cat "$OUT")" = "2026-09-29 17:30" ] || fail "inherited before the own rule"
ok calendar deadline --from "2026-09-30 16:00" --hours 2 --unit VHA
[ "$(cat "$OUT")" = "2026-10-01 08:00" ] || fail "a sibling keeps the parent's"
ok calendar deadline --from "2026-09-30 16:00" --hours 2
[ "$(cat "$OUT")" = "2026-10-01 08:30" ] || fail "no unit: the default hours"
ok calendar hours 07:30-11:30,13:30-16:30
ok calendar deadline --from "2026-09-30 16:00" --hours 2
[ "$(cat "$OUT")" = "2026-10-01 09:00" ] || fail "the hours of every unit"
ok calendar hours
has "07:30-11:30,13:30-16:30"

ok audit --limit 1000
n_audit=$(grep -c "" "$OUT")
ok calendar hours --unit VH
cp "$OUT" "$WORK/hours-before.txt"
for spec in "07:30-25:00" "11:30-07:30" "07:30-11:30,11:00-17:00" "summer=13-01:07:30-11:30" \
	"7:30-11:30" "07:30-11:30;13:30-17:00" "abc"; do
	status 1 calendar hours --unit VH "$spec"
	has "giờ làm việc"
	has "dạng đúng"
done
status 1 calendar hours --unit KHONG-CO 07:30-11:30
has "KHONG-CO"
status 1 calendar hours --unit VH --from 2026-13-01 07:30-11:30
has "2026-13-01"
ok calendar hours --unit VH
cmp -s "$OUT" "$WORK/hours-before.txt" || fail "a refused hours command changed the hours"
ok audit --limit 1000
[ "$(grep -c "" "$OUT")" -eq "$n_audit" ] || fail "a refused hours command was audited"

# ---- imports: bad files change nothing ----
ok calendar show --year 2026 --format csv
cp "$OUT" "$WORK/show-before.csv"
printf 'date,kind,name\n2026-09-05,day-off,Thứ Bảy\n' >"$WORK/bad1.csv"
status 1 calendar import "$WORK/bad1.csv"
has "Dòng 2, cột kind"
has "thứ Bảy"
printf 'date,kind,name\n2026-09-03,working-day,Thứ Năm\n' >"$WORK/bad2.csv"
status 1 calendar import "$WORK/bad2.csv"
has "working-day phải là thứ Bảy hoặc Chủ nhật"
printf 'date,kind,name\n2026-09-03,day-off,Nghỉ\n2026-02-30,day-off,Không có\n2026-09-04,nghi,X\n' >"$WORK/bad3.csv"
status 1 calendar import "$WORK/bad3.csv"
has "Dòng 3, cột date"
has "2026-02-30"
has "Dòng 4, cột kind"
printf 'ngay,kind,name\n2026-09-03,day-off,Nghỉ\n' >"$WORK/bad4.csv"
status 1 calendar import "$WORK/bad4.csv"
has "date"
printf 'date,kind,name\n2026-09-03,day-off,"Nghỉ\n' >"$WORK/bad5.csv"
status 1 calendar import "$WORK/bad5.csv"
printf 'date,kind,name\n2026-09-03,day-off,A\n2026-09-03,day-off,B\n' >"$WORK/bad6.csv"
status 1 calendar import "$WORK/bad6.csv"
has "đã có ở dòng 2"
printf 'date,kind,name\n2026-09-03,day-off\n' >"$WORK/bad7.csv"
status 1 calendar import "$WORK/bad7.csv"
: >"$WORK/empty.csv"
status 1 calendar import "$WORK/empty.csv"
status 1 calendar import "$WORK/khong-co.csv"
status 2 calendar import
ok calendar show --year 2026 --format csv
cmp -s "$OUT" "$WORK/show-before.csv" || fail "a refused import changed the calendar"

# ---- a good import: a day off and a worked Saturday; a shipped line replaced ----
printf 'date,kind,name\n2026-09-03,day-off,Nghỉ thêm dịp Quốc khánh\n2026-09-05,working-day,Làm bù cho thứ Năm 03/09\n2026-08-31,day-off,Nghỉ hoán đổi dịp Quốc khánh (chính thức)\n' >"$WORK/good.csv"
ok calendar import "$WORK/good.csv"
has "Đã nhập 3"
ok calendar show --year 2026 --format csv
has "2026-09-03,day-off,Nghỉ thêm dịp Quốc khánh"
has "2026-09-05,working-day,Làm bù cho thứ Năm 03/09"
has "2026-08-31,day-off,Nghỉ hoán đổi dịp Quốc khánh (chính thức)"
hasnt "(dự kiến; làm bù"
has "2026-08-22,working-day"
# VHA keeps NT's summer hours (to 17:30). Friday 28/08 16:00 + 2 h: 1,5 h
# that day; Monday 31/08 off, 1–2/09 holidays, Thursday 03/09 imported off,
# so Friday 04/09 07:30 + 0,5 h; then the imported worked Saturday.
ok calendar deadline --from "2026-08-28 16:00" --hours 2 --unit VHA
[ "$(cat "$OUT")" = "2026-09-04 08:00" ] || fail "an imported day off"
ok calendar deadline --from "2026-09-04 17:00" --hours 1 --unit VHA
[ "$(cat "$OUT")" = "2026-09-05 08:00" ] || fail "an imported worked Saturday"
# A decided Tết for 2027 replaces the usual block.
printf 'date,kind,name\n2027-02-08,holiday,Tết Nguyên đán\n2027-02-09,holiday,Tết Nguyên đán\n2027-02-10,holiday,Tết Nguyên đán\n2027-02-11,holiday,Tết Nguyên đán\n2027-02-12,holiday,Tết Nguyên đán\n' >"$WORK/tet2027.csv"
ok calendar import "$WORK/tet2027.csv"
ok calendar show --year 2027 --format csv
has "2027-02-12,holiday"
hasnt "2027-02-05,holiday"
hasnt "compensatory,Nghỉ bù Tết"

# ---- 24/11 ----
ok calendar culture-day on --from-year 2026
has "2026"
ok calendar show --year 2026 --format csv
has "2026-11-24,holiday,Ngày Văn hóa Việt Nam"
ok calendar show --year 2025 --format csv
has "2025-11-24,disabled"
ok calendar show --year 2029 --format csv
# 24/11/2029 is a Saturday: Monday 26/11 is given back.
has "2029-11-26,compensatory"
ok calendar culture-day off
ok calendar show --year 2026 --format csv
has "2026-11-24,disabled"
status 2 calendar culture-day maybe
status 2 calendar culture-day on --from-year 20x6
status 2 calendar culture-day off --from-year 2026

ok audit
has "calendar.import"
has "calendar.hours"
has "calendar.culture-day"
