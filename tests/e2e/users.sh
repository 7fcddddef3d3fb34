# users.sh — staff accounts from the command line: add with a password on
# stdin and with --generate, list, passwd, disable, bad roles, units, names
# and passwords, and the audit log that records each change.
set -eu
. "$2/tests/e2e/lib.sh"

ok init
ok units import "$DATA/units.csv"

# The password on stdin (not a terminal): one line.
echo 'mat-khau-dai-du' | "$HL" users add lan --role clerk --unit VT >"$OUT" 2>&1 ||
	fail "users add with stdin"
has "Đã tạo người dùng lan (cán bộ đơn vị)"
hasnt "mat-khau-dai-du"

# --generate prints a 16-character password once.
ok users add admin --role admin --generate </dev/null
has "Mật khẩu (chỉ hiện một lần):"
pw=$(sed -n 's/.*một lần): //p' "$OUT")
[ "${#pw}" -eq 16 ] || fail "generated password '$pw' is not 16 characters"
ok users add hoa --role entry --unit VT --generate
pw2=$(sed -n 's/.*một lần): //p' "$OUT")
[ "$pw" != "$pw2" ] || fail "two generated passwords are the same"

# An admin of a subtree, a supervisor.
echo 'mat-khau-giam-sat' | "$HL" users add kh-admin --role admin --unit KH >"$OUT" 2>&1 ||
	fail "admin with a unit"
echo 'mat-khau-giam-sat' | "$HL" users add minh --role supervisor --unit KH >"$OUT" 2>&1 ||
	fail "supervisor"

ok users list
has "lan"
grep -q '^lan  *cán bộ đơn vị  *Phường Vĩnh Thọ  *hoạt động' "$OUT" || fail "lan's row"
grep -q '^admin  *quản trị  *(tất cả)' "$OUT" || fail "admin's row"
grep -q '^kh-admin  *quản trị  *Tỉnh Khánh Hòa ' "$OUT" || fail "kh-admin's row"
grep -q '^minh  *giám sát  *Tỉnh Khánh Hòa ' "$OUT" || fail "minh's row"
has "(5 người dùng)"
# No hash ever printed.
hasnt "argon2"

# Refusals: each says why, and nothing is stored.
echo 'mat-khau-dai-du' | { status 2 users add x1 --role boss --unit VT; }
has "vai trò 'boss' không có"
echo 'mat-khau-dai-du' | { status 2 users add x2 --role clerk; }
has "cần một đơn vị"
echo 'mat-khau-dai-du' | { status 1 users add x3 --role clerk --unit KHONG-CO; }
has "đơn vị 'KHONG-CO' không có"
echo 'ngan' | { status 1 users add x4 --role clerk --unit VT; }
has "mật khẩu quá ngắn: 4 ký tự, cần ít nhất 10"
echo 'mat-khau-dai-du' | { status 1 users add 'tên có dấu' --role clerk --unit VT; }
has "tên đăng nhập"
echo 'mat-khau-dai-du' | { status 1 users add lan --role clerk --unit VT; }
has "người dùng 'lan' đã có"
status 1 users add x5 --role clerk --unit VT </dev/null
has "không có mật khẩu"
status 2 users add --role clerk --unit VT
ok users list
hasnt "x1"
hasnt "x3"
hasnt "x4"
has "(5 người dùng)"

# passwd: same input rules.
echo 'mat-khau-moi-123' | "$HL" users passwd lan >"$OUT" 2>&1 || fail "passwd"
has "Đã đổi mật khẩu của lan"
echo 'ngan' | { status 1 users passwd lan; }
has "mật khẩu quá ngắn"
echo 'mat-khau-moi-123' | { status 1 users passwd khong-co; }
has "người dùng 'khong-co' không có"
ok users passwd hoa --generate
has "Mật khẩu mới (chỉ hiện một lần):"

# disable.
ok users disable hoa
has "Đã khóa người dùng hoa"
ok users list
grep -q '^hoa  *nhập phiếu  *Phường Vĩnh Thọ  *đã khóa' "$OUT" || fail "hoa is not shown disabled"
status 1 users disable khong-co
has "người dùng 'khong-co' không có"

# The audit log, newest first, with every change and no refused one.
ok audit
has "Thời điểm"
has "users.add"
has "lan: vai trò clerk, đơn vị VT"
has "admin: vai trò admin, đơn vị (tất cả)"
has "users.passwd"
has "users.disable"
hasnt "x1"
first=$(sed -n 2p "$OUT")
case $first in
*users.disable*hoa*) ;;
*) fail "the newest entry is not the last change: $first" ;;
esac
grep -q '^[0-3][0-9]/[01][0-9]/20[0-9][0-9] ' "$OUT" || fail "time not shown as dd/mm/yyyy"
ok audit --limit 2
has "(2 mục)"
status 2 audit --limit 0
status 2 audit --limit abc
echo "users.sh: ok"
