#!/bin/sh
# index --weight field: post-stratification by the fields' shares of dossiers.
# Hộ tịch: 100 responses, 90 % satisfied, 300 dossiers; chứng thực: 100
# responses, 50 %, 100 dossiers. Unweighted TC = 70,00; weighted
# 0,75 × 90 + 0,25 × 50 = 80,00.
set -eu
. "$2/tests/e2e/lib.sh"

setup
awk 'BEGIN {
	print "id,unit,instrument,date,field,TC1"
	for (i = 0; i < 100; i++) printf "w-a%d,VT,sipas-5,2024-03-%02d,ho-tich,%d\n", i, i % 28 + 1, i < 90 ? 5 : 1
	for (i = 0; i < 100; i++) printf "w-b%d,VT,sipas-5,2024-03-%02d,chung-thuc,%d\n", i, i % 28 + 1, i < 50 ? 4 : 2
}' > resp.csv
ok responses import resp.csv
awk 'BEGIN {
	print "code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,supplements,reschedules,apology"
	for (i = 0; i < 400; i++)
		printf "W-%03d,VT,%s,Thủ tục,direct,2024-03-05 08:00,2024-03-06 17:00,,,0,0,0\n", i, i < 300 ? "ho-tich" : "chung-thuc"
}' > dossiers.csv
ok dossiers import dossiers.csv

ok index --period 2024-03 --unit VT --format csv
has "VT,Phường Vĩnh Thọ,2024-03,TC,70.00,200,"
ok index --period 2024-03 --unit VT --format csv --weight field
has "VT,Phường Vĩnh Thọ,2024-03,TC,80.00,200,"
ok index --period 2024-Q1 --unit VT --format csv --weight field
has ",TC,80.00,200,"
# Per-field tallies are monthly: a range that cuts a month is refused.
status 1 index --period 2024-03-05..2024-03-20 --unit VT --weight field
has "trọn các tháng"
status 2 index --period 2024-03 --weight staff
echo "weight: ok"
