#!/bin/sh
# sample-plan: Slovin and Cochran sizes from the unit's dossiers, allocated to
# fields in proportion (700 / 200 / 100 dossiers -> 200 / 57 / 29 of 286),
# progress against the responses collected so far, and bad options refused.
set -eu
. "$2/tests/e2e/lib.sh"

setup
# 1 000 dossiers of VT in 2024: 700 hộ tịch, 200 chứng thực, 100 đất đai.
awk 'BEGIN {
	print "code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,supplements,reschedules,apology"
	for (i = 0; i < 1000; i++) {
		f = i < 700 ? "ho-tich" : (i < 900 ? "chung-thuc" : "dat-dai")
		printf "SP-%04d,VT,%s,Thủ tục,direct,2024-%02d-10 08:00,2024-%02d-12 17:00,,,0,0,0\n", i, f, i % 12 + 1, i % 12 + 1
	}
}' > dossiers.csv
ok dossiers import dossiers.csv
# 30 hộ tịch responses in January 2024.
awk 'BEGIN {
	print "id,unit,instrument,date,field,TC1"
	for (i = 0; i < 30; i++) printf "sp-%d,VT,sipas-5,2024-01-15,ho-tich,5\n", i
}' > resp.csv
ok responses import resp.csv

ok sample-plan --unit VT --year 2024 --date 2024-12-31 --format csv
has "field,name,dossiers,required,collected,expected,behind"
has "ho-tich,Hộ tịch,700,200,30,200,170"
has "chung-thuc,Chứng thực,200,57,0,57,57"
has "dat-dai,Đất đai,100,29,0,29,29"
has "ALL,Tổng cộng,1000,286,30,286,256"

# A quarter into the year a field is expected to have a quarter of its share.
ok sample-plan --unit VT --year 2024 --date 2024-04-01 --format csv
has "ho-tich,Hộ tịch,700,200,30,51,21"

ok sample-plan --unit VT --year 2024 --method cochran --date 2024-12-31 --format csv
has "ALL,Tổng cộng,1000,278,"

# The table for people warns about fields that are behind.
ok sample-plan --unit VT --year 2024 --date 2024-12-31
has "Cảnh báo: lĩnh vực Chứng thực đang chậm 57 phiếu"
has "286"

status 2 sample-plan --unit VT
status 2 sample-plan --unit VT --year 2024 --margin 2
status 2 sample-plan --unit VT --year 2024 --method guess
status 1 sample-plan --unit KHONG-CO --year 2024
echo "sample_plan: ok"
