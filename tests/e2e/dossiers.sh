# dossiers.sh — dossiers import: good file, upsert on re-import, a bad file
# with every problem reported and nothing imported.
set -eu
. "$2/tests/e2e/lib.sh"

# three_dossiers WHY: the database holds the good file's 3 dossiers (when
# sqlite3 is there to count them).
three_dossiers() {
	command -v sqlite3 >/dev/null 2>&1 || return 0
	n=$(sqlite3 "$HAILONG_DB" "SELECT count(*) FROM dossiers")
	[ "$n" -eq 3 ] || fail "$1: $n"
}

setup
ok dossiers import "$DATA/dossiers.csv"
has "Đã nhập 3 hồ sơ"
ok dossiers import "$DATA/dossiers.csv"
has "Đã nhập 3 hồ sơ"
three_dossiers "re-import duplicated dossiers"

status 1 dossiers import "$DATA/dossiers-bad.csv"
has "Dòng 2, cột unit: đơn vị 'KHONG-CO' không tồn tại"
has "Dòng 3, cột field: lĩnh vực 'khong-co' không tồn tại"
has "Dòng 4, cột channel: kênh 'fax' không có"
has "Dòng 5, cột received_at: thời điểm '2024-02-30 08:15' không hợp lệ"
has "Dòng 6, cột supplements:"
has "Dòng 7, cột apology:"
has "Dòng 8, cột received_at:"
has "Dòng 9, cột code: mã hồ sơ 'HS-101' đã có"
has "Dòng 10: dòng có 6 ô nhưng tiêu đề có 12 cột"
has "Không nhập dòng nào: tệp có 9 lỗi"
three_dossiers "a rejected file changed the dossiers"

# A code twice in a file with no other problem: found by the write, at its
# second line; nothing imported.
{
	head -1 "$DATA/dossiers.csv"
	for c in HS-901 HS-902 HS-901; do sed -n 2p "$DATA/dossiers.csv" | sed "s/^HS-001,/$c,/"; done
} >dup.csv
status 1 dossiers import dup.csv
has "Dòng 4, cột code: mã hồ sơ 'HS-901' đã có ở dòng trước trong tệp"
hasnt "Dòng 3,"
has "tệp có 1 lỗi"
three_dossiers "a file with a code twice changed the dossiers"

status 1 fields import "$DATA/units.csv"
has "cột 'type' không phải cột đã biết"
printf 'code,name,unit,position\nCB09,Lê Văn Tám,KHONG-CO,\n' > s.csv
status 1 staff import s.csv
has "Dòng 2, cột unit: đơn vị 'KHONG-CO' không tồn tại"
