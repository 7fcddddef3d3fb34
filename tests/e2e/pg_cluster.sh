# pg_cluster.sh — the throw-away PostgreSQL cluster the PostgreSQL tests use
# (lib.sh pg_start/pg_stop): it starts as an unprivileged user even under
# root, is PostgreSQL 15 with UTF-8, listens on its own Unix socket and on no
# TCP port, and is stopped and removed when a test ends: passing, failing,
# or stopped by SIGTERM (meson's timeout).
set -eu
. "$2/tests/e2e/lib.sh"

pg_start
[ "$(pg_sql 'SHOW server_version_num')" -ge 150000 ] || fail "not PostgreSQL 15 or later"
[ "$(pg_sql 'SHOW server_encoding')" = UTF8 ] || fail "the cluster is not UTF-8"
[ -z "$(pg_sql 'SHOW listen_addresses')" ] || fail "the cluster listens on TCP"
[ -S "$PG_DIR/.s.PGSQL.5432" ] || fail "no socket in the cluster's directory"
[ "$(pg_sql "SELECT 'Phường Vĩnh Thọ'")" = "Phường Vĩnh Thọ" ] || fail "UTF-8 does not round-trip"
pg_stop

# A test that fails, and one stopped by SIGTERM, leave no cluster behind.
# CHILD: a test (sh -c CHILD child HL SRC NOTE WHAT) that starts a cluster,
# writes its directory to NOTE, then fails (WHAT=fail) or waits to be
# stopped (WHAT=wait).
CHILD='. "$2/tests/e2e/lib.sh"; pg_start; echo "$PG_DIR" >"$3"
	if [ "$4" = fail ]; then fail "deliberate failure"; fi; sleep 60 & wait'
gone() {
	d=$(cat "$WORK/dir.$1")
	[ -n "$d" ] || fail "the $1 child started no cluster"
	[ ! -e "$d" ] || fail "the $1 child left its cluster's directory $d"
	! pgrep -f "postgres -D $d" >/dev/null || fail "the $1 child left its cluster running"
}
if sh -c "$CHILD" child "$HL" "$SRC" "$WORK/dir.fail" fail >/dev/null 2>&1; then
	fail "the failing child passed"
fi
gone fail
(exec sh -c "$CHILD" child "$HL" "$SRC" "$WORK/dir.wait" wait >/dev/null 2>&1) &
cpid=$!
i=0
while [ ! -s "$WORK/dir.wait" ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM "$cpid"
wait "$cpid" || true
gone wait
echo "pg_cluster: started, checked and removed three clusters"
