# instruments.sh — custom instruments from JSON: import, show, list,
# re-import, and a changed definition under the same version refused.
set -eu
. "$2/tests/e2e/lib.sh"

EX=$SRC/tests/data/instruments/example.json
[ -f "$EX" ] || EX=$DATA/instrument.json
ok init
ok instruments show sipas-5
has "Bộ câu hỏi sipas-5, phiên bản 1"
has "TC1"
has "TT4"
has "Rất hài lòng *"
ok instruments show khanh-hoa-6@1
has "Điều kiện tiếp đón, phục vụ"
status 1 instruments show khong-co
has "không có bộ câu hỏi 'khong-co'"
status 1 instruments show sipas-5@9

ok instruments import "$EX"
has "Đã nhập bộ câu hỏi tram-y-te-4 phiên bản 1"
ok instruments import "$EX"
has "đã có với cùng nội dung"
ok instruments list
has "tram-y-te-4"
ok instruments show tram-y-te-4
has "điểm trung bình"
has "Thời gian chờ đến lượt khám"
has "Dưới 30 phút *"
has "Trên 60 phút;"

# Same code and version, different definition: refused.
sed 's/Thời gian chờ đến lượt khám/Thời gian chờ/' "$EX" > changed.json
status 1 instruments import changed.json
has "phiên bản"
# With a new version it is accepted, and the bare code means the newest.
sed 's/"version": 1/"version": 2/' changed.json > v2.json
ok instruments import v2.json
has "phiên bản 2"
ok instruments show tram-y-te-4
has "phiên bản 2"
ok instruments show tram-y-te-4@1
has "Thời gian chờ đến lượt khám"

# Responses under either version.
ok units import "$DATA/units.csv"
cat > r.csv <<'CSV'
id,unit,instrument,date,TC1,TC2,CS2
t1,TYT-VT,tram-y-te-4@1,2024-05-01,5,3,2
t2,TYT-VT,tram-y-te-4,2024-05-02,4,1,1
CSV
ok responses import r.csv
has "Đã nhập 2 phiếu"
printf 'unit,instrument,date,TC2\nTYT-VT,tram-y-te-4,2024-05-02,4\n' > bad.csv
status 1 responses import bad.csv
has "cột TC2: câu trả lời 4 ngoài thang đo 1–3"

for f in "$SRC"/tests/data/instruments/bad-*.json; do
	[ -f "$f" ] || continue
	status 1 instruments import "$f"
	has "hailong: lỗi:"
done
status 1 instruments import khong-co.json
