# read_db.sh — `--read-db REPLICA`: index, dossiers stats and report read
# the replica, not the database (here a backup stands for a hot standby
# that lags behind); serve's public pages read it too while staff pages
# and writes stay on --db; other commands refuse the option; a replica
# that cannot be read is an error that names it.
set -eu
. "$2/tests/e2e/lib.sh"

setup
ok responses import "$DATA/responses.csv"
ok backup --to "$WORK/replica.db"
R="$WORK/replica.db"
# the database moves on: more responses, and a unit renamed
cat >"$WORK/more.csv" <<'CSV'
id,unit,date,instrument,channel,TC1,TC2,TC3,TC4,HC1,HC2,HC3,HC4,HC5,PV1,PV2,PV3,PV4,PV5,PV6,KQ1,KQ2,KQ3,TT1,TT2,TT3,TT4
m1,VT,2024-04-02,sipas-5,paper,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
m2,VT,2024-04-03,sipas-5,paper,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1
CSV
ok responses import "$WORK/more.csv"
printf 'code,name,type,parent,valid_from,valid_to\nVT,Phường Vĩnh Thọ Mới,ubnd-xa,NT,,\n' >"$WORK/rename.csv"
ok units import "$WORK/rename.csv"

index() { "$HL" "$@" index --period 2024 --unit VT --format csv 2>&1 || fail "index $* failed"; }
[ "$(index --read-db "$R")" = "$(HAILONG_DB=$R "$HL" index --period 2024 --unit VT --format csv)" ] ||
	fail "index --read-db does not read the replica"
[ "$(index --read-db "$R")" != "$(index)" ] || fail "the replica and the database should differ"
ok --read-db "$R" dossiers stats --period 2024 --format csv
ok report --read-db "$R" --period 2024 --unit VT --format html -o "$WORK/r.html"
grep -qF "Phường Vĩnh Thọ" "$WORK/r.html" || fail "no report from the replica"
! grep -qF "Phường Vĩnh Thọ Mới" "$WORK/r.html" || fail "the report read the database, not the replica"

status 2 --read-db "$R" units list
has "--read-db chỉ dùng được với"
status 1 --read-db "$WORK/none.db" index --period 2024
has "none.db"

# serve: the public page from the replica, the staff's pages and writes from --db
SERVE_ARGS="--read-db $R" serve_start
req - GET /public/VT
expect 200 "Phường Vĩnh Thọ"
hasnt "Phường Vĩnh Thọ Mới"
grep -q "trang công khai đọc từ bản sao" "$SERVE_LOG" || fail "the log does not name the replica"
serve_stop
serve_start
req - GET /public/VT
expect 200 "Phường Vĩnh Thọ Mới"
serve_stop
