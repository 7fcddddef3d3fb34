# targets.sh — targets per unit or unit type, values written 90, 90,5, 90.5.
set -eu
. "$2/tests/e2e/lib.sh"

setup
ok targets set --year 2022 --type ubnd-xa 83
has "83,00"
ok targets set --year 2025 --type ubnd-xa 90
ok targets set --year 2025 --unit BNT --criterion TC 92,5
has "92,50"
ok targets set --year 2025 --unit VT 90.5
ok targets set --year 2025 --unit VT 91
ok targets list --year 2025
has "mọi UBND cấp xã"
has "Phường Bắc Nha Trang"
has "92,50"
has "91,00"
hasnt "90,50"
ok targets list --year 2022
has "83,00"
ok targets list --year 2030
has "chưa có chỉ tiêu"

status 2 targets set --year 2025 --unit VT 101
status 2 targets set --year 2025 --unit VT abc
status 2 targets set --year 2025 --unit VT --type ubnd-xa 90
status 2 targets set --unit VT 90
status 2 targets set --year 20x5 --unit VT 90
status 1 targets set --year 2025 --unit KHONG-CO 90
has "KHONG-CO"
status 2 targets set --year 2025 --type loai-la 90
status 1 targets set --year 2025 --unit VT --criterion XX 90
has "XX"
status 2 targets list
