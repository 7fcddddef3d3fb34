# on_pg.sh — run a store conformance test (cmocka binary $1) on PostgreSQL:
# a throw-away cluster (tests/e2e/lib.sh pg_start), HL_TEST_PG naming its
# database, from which the fixture makes one database per test. Usage:
#   sh on_pg.sh TEST_BINARY SOURCE_ROOT [TESTS]
# TESTS: the test functions to run, comma-separated (HL_TEST_ONLY; none:
# all), while the backend lacks some areas.
set -eu
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$2/tests/e2e/lib.sh"
pg_start
HL_TEST_PG=$PG_URI HL_TEST_ONLY=${3:-} "$BIN"
