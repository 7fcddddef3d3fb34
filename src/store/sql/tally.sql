-- tally.sql: the statements of store_q_tally.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_TALLY

-- @stmt crits
SELECT crit FROM tally_cells WHERE grain = $1 AND unit_id = $2 AND start = $3
AND field_id = $4

-- the targets qualified: PostgreSQL would find "n" ambiguous
-- @stmt add
INSERT INTO tally_cells (grain, unit_id, start, field_id, crit, n, s, v, ss, vv, sv)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (grain, field_id, start, unit_id, crit) DO UPDATE SET
n = tally_cells.n + excluded.n, s = tally_cells.s + excluded.s,
v = tally_cells.v + excluded.v, ss = tally_cells.ss + excluded.ss,
vv = tally_cells.vv + excluded.vv, sv = tally_cells.sv + excluded.sv

-- The stage of tally_merge_many: the cells to add, numbered so that a key's
-- criteria are stored in their order.
-- @stmt stage_make
CREATE TEMP TABLE IF NOT EXISTS tally_stage (seq INTEGER NOT NULL, unit_id INTEGER NOT NULL,
start INTEGER NOT NULL, field_id INTEGER NOT NULL, crit TEXT NOT NULL, n INTEGER NOT NULL,
s REAL NOT NULL, v REAL NOT NULL, ss REAL NOT NULL, vv REAL NOT NULL, sv REAL NOT NULL)
-- @pg stage_make
CREATE TEMP TABLE IF NOT EXISTS tally_stage (seq bigint NOT NULL, unit_id bigint NOT NULL,
start bigint NOT NULL, field_id bigint NOT NULL, crit text NOT NULL, n bigint NOT NULL,
s double precision NOT NULL, v double precision NOT NULL, ss double precision NOT NULL,
vv double precision NOT NULL, sv double precision NOT NULL)

-- @stmt stage_put
INSERT INTO tally_stage (seq, {STAGE_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
$11)
-- @pg stage_put
COPY tally_stage (seq, {STAGE_COLS}) FROM STDIN

-- @stmt stage_add
INSERT INTO tally_cells (grain, {STAGE_COLS}) SELECT $1, {STAGE_COLS} FROM tally_stage
WHERE true ORDER BY seq
ON CONFLICT (grain, field_id, start, unit_id, crit) DO UPDATE SET
n = tally_cells.n + excluded.n, s = tally_cells.s + excluded.s,
v = tally_cells.v + excluded.v, ss = tally_cells.ss + excluded.ss,
vv = tally_cells.vv + excluded.vv, sv = tally_cells.sv + excluded.sv

-- a staged key that now has more criteria than a tallyset holds (each key
-- counted through the index, not by joining the whole table)
-- @stmt stage_full
SELECT 1 FROM (SELECT DISTINCT unit_id, start, field_id FROM tally_stage) AS k
WHERE (SELECT count(*) FROM tally_cells c WHERE c.grain = $1 AND c.field_id = k.field_id
AND c.start = k.start AND c.unit_id = k.unit_id) > $2 LIMIT 1

-- PostgreSQL: a temporary table is never vacuumed, so emptied whole
-- @stmt stage_clear
DELETE FROM tally_stage
-- @pg stage_clear
TRUNCATE tally_stage

-- @stmt scan_all
-- in the unique index's order, which a plan can read without a sort (PostgreSQL
-- estimates far more rows than a year has and sorted them all); a key's
-- criteria are put back in the order of their ids by the C side
SELECT {CELL_COLS}, id FROM tally_cells WHERE grain = $1 AND field_id = 0
AND start BETWEEN $2 AND $3 ORDER BY grain, field_id, start, unit_id, crit

-- @stmt scan_field
SELECT {CELL_COLS}, id FROM tally_cells WHERE grain = $1 AND field_id <> 0
AND start BETWEEN $2 AND $3 ORDER BY grain, field_id, start, unit_id, crit

-- @stmt clear
DELETE FROM tally_cells
