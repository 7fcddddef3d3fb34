#!/bin/sh
# csv_guard.sh BIN SRCROOT — formulas written by citizens or staff never
# reach a spreadsheet live (issue 10): every text cell of every CSV hailong
# writes that begins with =, +, - or @ gets a leading ' (OWASP), while the
# numbers hailong formats itself (a change of -3.28) stay numbers and the
# headers stay as they are. The index CSV, the internal report CSV (comment
# examples, civil servants), feedback list (sender's name and contact),
# dossiers stats/breaks/weekly (procedure), the plan CSVs (and a plan
# exported, then imported again, comes back as it was), calendar show (a
# decision's name) and sample-plan (a field's name).
set -eu
. "$(dirname "$0")/lib.sh"

HYPER='=HYPERLINK("http://x","y")'
HYPER_CSV='"'"'"'=HYPERLINK(""http://x"",""y"")"'   # as csvout quotes it: "'=HYPERLINK(""http://x"",""y"")"

ok init
cat >units.csv <<'CSV'
code,name,type,parent,valid_from,valid_to
KH,Tỉnh Khánh Hòa,tinh,,,
VT,@SUM(A1),ubnd-xa,KH,,
VH,Phường Vĩnh Hòa,ubnd-xa,KH,,
CSV
ok units import units.csv
printf 'code,name\nho-tich,+Hộ tịch\n' >fields.csv
ok fields import fields.csv
printf 'code,name,unit,position\nCB01,-Nguyễn Thị Lan,VT,Hộ tịch\n' >staff.csv
ok staff import staff.csv
{
	echo "id,unit,date,instrument,channel,field,staff,comment,TC1,HC1,PV1,KQ1,TT1"
	echo "r1,VT,2024-03-05,sipas-5,kiosk,ho-tich,CB01,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",5,5,5,5,5"
	echo "r2,VT,2024-03-06,sipas-5,kiosk,ho-tich,CB01,+1,4,4,4,4,4"
	echo "r3,VT,2024-03-07,sipas-5,paper,ho-tich,CB01,@SUM(A1),2,2,2,2,2"
	echo "r4,VH,2024-03-07,sipas-5,paper,ho-tich,,Chờ lâu,2,2,2,2,2"
	echo "r5,VT,2023-03-07,sipas-5,paper,ho-tich,,,5,5,5,5,5"
} >responses.csv
ok responses import responses.csv

# The index: the unit's name is text, the change (-) a number.
ok index --period 2024 --format csv
head -n 1 "$OUT" | grep -qx "unit,name,period,criterion,value,n,ci_low,ci_high,target,change,rank,of" ||
	fail "index CSV header changed"
grep -q "^VT,'@SUM(A1),2024," "$OUT" || fail "index CSV: unit name not guarded"
grep -q '^VT,.*,-[0-9.]*,[0-9]*,[0-9]*$' "$OUT" || fail "index CSV: the negative change is no longer a number"

# The internal report: comment examples and civil servants.
ok report --period 2024 --unit VT --format csv -o r.csv --internal
for c in "$HYPER_CSV" "'+1" "'@SUM(A1)"; do
	grep -qF -- "$c" r.csv || fail "report CSV lacks the guarded comment $c"
done
grep -qF ",=HYPERLINK" r.csv && fail "report CSV has a live formula"
grep -q "^CB01,'-Nguyễn Thị Lan," r.csv || fail "report CSV: staff name not guarded"
grep -q "^ho-tich,'+Hộ tịch,3$" r.csv || fail "report CSV: field name not guarded"

# Feedback: the sender's name and contact.
ok feedback add --unit VT --channel counter --received "2024-03-07 15:00" --text "Góp ý" \
	--name "$HYPER" --contact "+84 905 000 111"
ok feedback list --contact --format csv
head -n 1 "$OUT" | grep -qx "code,unit,channel,received_at,step,due_at,overdue,name,contact" ||
	fail "feedback list CSV header changed"
has "$HYPER_CSV,'+84 905 000 111"

# Dossiers: the procedure, in stats, breaks and the Friday list.
cat >dossiers.csv <<'CSV'
code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,supplements,reschedules,apology
HS-1,VT,ho-tich,-Đăng ký khai sinh,direct,2024-03-04 08:15,2024-03-05 16:30,2024-03-08 10:00,,0,0,0
HS-2,VT,ho-tich,=1+1,direct,2024-03-11 08:15,2024-03-12 16:30,,,0,0,0
CSV
ok dossiers import dossiers.csv
ok dossiers stats --period 2024-03 --unit VT --by procedure --format csv
has "VT,'-Đăng ký khai sinh,"
has "VT,'=1+1,"
ok dossiers weekly --date 2024-03-15 --format csv -o week.csv
head -n 1 week.csv | grep -qx "section,unit,field,code,procedure,received_at,due_at,finished_at,status,received,early,on_time,late,on_time_pct" ||
	fail "weekly CSV header changed"
grep -qF "'=1+1" week.csv || fail "weekly CSV: procedure not guarded"

# The calendar: an imported decision's name.
printf 'date,kind,name\n2027-09-03,holiday,=cmd|calc\n' >cal.csv
ok calendar import cal.csv
ok calendar show --year 2027 --format csv
has "2027-09-03,holiday,'=cmd|calc"

# Sample plan: a field's name.
ok sample-plan --unit VT --year 2024 --format csv
has "ho-tich,'+Hộ tịch,"

# The plan: tasks written by staff, and a round trip through the CSV.
cat >plan.csv <<'CSV'
criterion,value,target,task,responsible,schedule,expected,status
TC,82.58,90,- Niêm yết bộ hồ sơ mẫu,@Văn phòng,quy-2,+ Đủ hồ sơ mẫu,dang-thuc-hien
CSV
ok plan import plan.csv --unit VT --year 2024
ok plan show --unit VT --year 2024 --format csv
cp "$OUT" shown.csv
grep -qx "1,TC,82.58,90.00,'- Niêm yết bộ hồ sơ mẫu,'@Văn phòng,quy-2,'+ Đủ hồ sơ mẫu,dang-thuc-hien" shown.csv ||
	fail "plan CSV: task texts not guarded"
sed 's/^1,//; 1s/^no,//' shown.csv >again.csv
ok plan import again.csv --unit VT --year 2024
ok plan show --unit VT --year 2024 --format csv
cmp -s "$OUT" shown.csv || fail "a plan exported and imported again changed"
ok plan show --unit VT --year 2024
has "- Niêm yết bộ hồ sơ mẫu"
hasnt "'- Niêm yết"
echo "csv_guard: OK"
