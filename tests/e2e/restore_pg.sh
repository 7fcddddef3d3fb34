# restore_pg.sh — docs/deploy.md's backups of a province's PostgreSQL
# database, run as written there on a throw-away cluster with its WAL
# archived: a pg_dump restored into a new database gives back the figures of
# the moment it was taken and `hailong check` finds nothing; a base backup
# (pg_basebackup) and the archived WAL bring the database back to a named
# restore point, before a mistaken import made after it.
set -eu
. "$2/tests/e2e/lib.sh"

PG_OPTS="-c archive_mode=on -c wal_level=replica"
pg_start
WAL=$PG_DIR/wal
pg_as mkdir "$WAL"
# archive_command needs a restart after archive_mode: set both, then restart
pg_sql "ALTER SYSTEM SET archive_command = 'test ! -f $WAL/%f && cp %p $WAL/%f'" >/dev/null
pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -t 30 restart >/dev/null 2>&1 ||
	fail "the cluster did not restart with its WAL archive"
export HAILONG_DB=$PG_URI

setup
ok responses import "$DATA/responses.csv"
n_a=$(count)
"$HL" index --period 2024 --format csv >"$WORK/index-a.csv" 2>&1 || fail "index failed"

# ---- pg_dump, then restored into a new database ----
"$PG_BIN/pg_dump" --format=custom --file="$WORK/hailong.dump" "$PG_URI" ||
	fail "pg_dump failed"
# more responses after the dump: not in it
{
	echo "id,unit,date,instrument,channel,TC1,TC2,TC3,TC4,HC1,HC2,HC3,HC4,HC5,PV1,PV2,PV3,PV4,PV5,PV6,KQ1,KQ2,KQ3,TT1,TT2,TT3,TT4"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		echo "b$i,VT,2024-05-1$((i % 10)),sipas-5,kiosk,4,4,4,4,3,3,3,3,3,4,4,4,4,4,4,2,2,2,5,5,5,5"
	done
} >"$WORK/batch-b.csv"
ok responses import "$WORK/batch-b.csv"
n_ab=$(count)
[ "$n_ab" -eq $((n_a + 12)) ] || fail "batch b: $n_ab responses, expected $((n_a + 12))"

"$PG_BIN/createdb" -h "$PG_DIR" -U hailong -O hailong hailong_restored || fail "createdb failed"
RESTORED="postgresql://hailong@/hailong_restored?host=$PG_DIR"
"$PG_BIN/pg_restore" --dbname="$RESTORED" --no-owner "$WORK/hailong.dump" ||
	fail "pg_restore failed"
HAILONG_DB=$RESTORED ok check
has "không có lỗi"
[ "$(HAILONG_DB=$RESTORED "$HL" responses count)" = "$n_a" ] ||
	fail "the restored dump does not hold the $n_a responses of its moment"
HAILONG_DB=$RESTORED "$HL" index --period 2024 --format csv >"$WORK/index-dump.csv" 2>&1 ||
	fail "index on the restored dump failed"
cmp -s "$WORK/index-a.csv" "$WORK/index-dump.csv" ||
	fail "the restored dump's index differs: $(diff "$WORK/index-a.csv" "$WORK/index-dump.csv" | head -5)"

# ---- a base backup, a restore point, a mistake, and back to the point ----
pg_as "$PG_BIN/pg_basebackup" -h "$PG_DIR" -U hailong -D "$PG_DIR/base" -X none \
	--checkpoint=fast ||
	fail "pg_basebackup failed"
ok responses import "$WORK/batch-b.csv" # nothing new: ids already stored
"$HL" index --period 2024 --format csv >"$WORK/index-ab.csv" 2>&1 || fail "index failed"
pg_sql "SELECT pg_create_restore_point('truoc-khi-nhap-nham')" >/dev/null
ok dossiers import "$DATA/dossiers.csv" # the mistake
[ "$(pg_sql 'SELECT count(*) FROM dossiers')" -gt 0 ] || fail "the mistaken import stored nothing"
# the segment holding the mistake, closed and archived before the stop
seg=$(pg_sql "SELECT pg_walfile_name(pg_switch_wal())")
i=0
while [ ! -f "$WAL/$seg" ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -f "$WAL/$seg" ] || fail "WAL segment $seg was not archived"
pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
	fail "the cluster did not stop"

pg_as mv "$PG_DIR/data" "$PG_DIR/data.old"
pg_as mv "$PG_DIR/base" "$PG_DIR/data"
pg_as sh -c "cat >>'$PG_DIR/data/postgresql.auto.conf'" <<EOF
restore_command = 'cp $WAL/%f %p'
recovery_target_name = 'truoc-khi-nhap-nham'
recovery_target_action = 'promote'
EOF
pg_as touch "$PG_DIR/data/recovery.signal"
pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
	-o "-k $PG_DIR -c listen_addresses=" start >/dev/null 2>&1 || {
	tail -20 "$PG_DIR/server.log" >&2
	fail "the restored cluster did not start"
}
i=0
while [ "$(pg_sql 'SELECT pg_is_in_recovery()')" != f ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ "$(pg_sql 'SELECT pg_is_in_recovery()')" = f ] || fail "the restored cluster stayed in recovery"
grep -q "recovery stopping at restore point \"truoc-khi-nhap-nham\"" "$PG_DIR/server.log" ||
	fail "recovery did not stop at the restore point: $(tail -5 "$PG_DIR/server.log")"

ok check
has "không có lỗi"
[ "$(count)" = "$n_ab" ] || fail "after recovery: $(count) responses, expected $n_ab"
[ "$(pg_sql 'SELECT count(*) FROM dossiers')" = 0 ] || fail "the mistaken import survived recovery"
"$HL" index --period 2024 --format csv >"$WORK/index-pitr.csv" 2>&1 || fail "index after recovery failed"
cmp -s "$WORK/index-ab.csv" "$WORK/index-pitr.csv" ||
	fail "the index after recovery differs: $(diff "$WORK/index-ab.csv" "$WORK/index-pitr.csv" | head -5)"
# and the restored database takes new writes
ok responses import "$DATA/responses.csv"
echo "restore_pg: pg_dump restored ($n_a responses), base backup + WAL to a restore point ($n_ab)"
