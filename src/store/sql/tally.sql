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

-- @stmt scan_all
SELECT {CELL_COLS} FROM tally_cells WHERE grain = $1 AND field_id = 0
AND start BETWEEN $2 AND $3 ORDER BY start, unit_id, id

-- @stmt scan_field
SELECT {CELL_COLS} FROM tally_cells WHERE grain = $1 AND field_id <> 0
AND start BETWEEN $2 AND $3 ORDER BY field_id, start, unit_id, id

-- @stmt clear
DELETE FROM tally_cells
