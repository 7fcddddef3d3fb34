-- rollup.sql: the statements of store_q_rollup.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_ROLLUP

-- The targets qualified in DO UPDATE: PostgreSQL would find them ambiguous.
-- @stmt key_add
INSERT INTO rollup_keys AS k (unit_id, month, {KEY_COLS}) VALUES ($1, $2, $3, $4, $5,
$6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (unit_id, month) DO UPDATE SET
c0 = k.c0 + excluded.c0, c1 = k.c1 + excluded.c1, c2 = k.c2 + excluded.c2,
c3 = k.c3 + excluded.c3, c4 = k.c4 + excluded.c4, t0 = k.t0 + excluded.t0,
t1 = k.t1 + excluded.t1, t2 = k.t2 + excluded.t2, t3 = k.t3 + excluded.t3,
t4 = k.t4 + excluded.t4, t5 = k.t5 + excluded.t5, t6 = k.t6 + excluded.t6,
t7 = k.t7 + excluded.t7

-- @stmt field_add
INSERT INTO rollup_fields AS f (unit_id, month, field_id, n) VALUES ($1, $2, $3, $4)
ON CONFLICT (unit_id, month, field_id) DO UPDATE SET n = f.n + excluded.n

-- @stmt staff_add
INSERT INTO rollup_staff AS p (unit_id, month, staff_id, n, s, v)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unit_id, month, staff_id) DO UPDATE SET
n = p.n + excluded.n, s = p.s + excluded.s, v = p.v + excluded.v

-- @stmt inst_get
SELECT nq, nv FROM rollup_insts{OF_KEY} AND instrument_id = $3

-- @stmt inst_add
INSERT INTO rollup_insts (unit_id, month, instrument_id, nq, nv)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING

-- An instrument's answer counts in one statement, $4 a JSON array of them
-- by slot (a statement per slot was most of PostgreSQL's work per response
-- when a commit's responses are each another unit's); slots at 0 left out.
-- @stmt answer_add
INSERT INTO rollup_answers AS a (unit_id, month, instrument_id, slot, n)
SELECT $1, $2, $3, CAST(key AS INTEGER), value FROM json_each($4) WHERE value <> 0
ON CONFLICT (unit_id, month, instrument_id, slot) DO UPDATE SET n = a.n + excluded.n
-- @pg answer_add
INSERT INTO rollup_answers AS a (unit_id, month, instrument_id, slot, n)
SELECT CAST($1 AS bigint), CAST($2 AS bigint), CAST($3 AS bigint), j.i - 1,
CAST(j.v AS bigint) FROM json_array_elements_text(CAST($4 AS json)) WITH ORDINALITY
AS j(v, i) WHERE CAST(j.v AS bigint) <> 0
ON CONFLICT (unit_id, month, instrument_id, slot) DO UPDATE SET n = a.n + excluded.n

-- @stmt ex_add
INSERT INTO rollup_examples (unit_id, month, theme, hash, response_id)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT (unit_id, month, theme, hash)
DO UPDATE SET response_id = min(rollup_examples.response_id, excluded.response_id)
-- @pg ex_add
INSERT INTO rollup_examples (unit_id, month, theme, hash, response_id)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT (unit_id, month, theme, hash)
DO UPDATE SET response_id = LEAST(rollup_examples.response_id, excluded.response_id)

-- @stmt ex_prune
DELETE FROM rollup_examples{OF_KEY} AND theme = $3 AND response_id >
(SELECT response_id FROM rollup_examples{OF_KEY} AND theme = $3
ORDER BY response_id LIMIT 1 OFFSET $4)

-- @stmt months
SELECT month, {KEY_COLS} FROM rollup_keys WHERE unit_id = $1
AND month BETWEEN $2 AND $3 ORDER BY month

-- A unit's rows of every month in [$2, $3] at once, by month: one statement
-- per table and unit, not per month (rollup_scan).
-- @stmt fields
SELECT month, field_id, n FROM rollup_fields{OF_RANGE} ORDER BY month, field_id

-- @stmt staff
SELECT month, staff_id, n, s, v FROM rollup_staff{OF_RANGE} ORDER BY month, staff_id

-- @stmt insts
SELECT month, instrument_id, nq, nv FROM rollup_insts{OF_RANGE} ORDER BY month, instrument_id

-- @stmt answers
SELECT month, instrument_id, slot, n FROM rollup_answers{OF_RANGE}
ORDER BY month, instrument_id, slot

-- @stmt examples
SELECT month, theme, response_id, hash FROM rollup_examples{OF_RANGE}
ORDER BY month, theme, response_id

-- The sums of the keys of a scope's units (a JSON array of ids, $2) with
-- month in [$1, $3], each table's rows as those of one key of month $1
-- (rollup_sum): the server adds them up, so a report of a province reads a
-- few hundred rows instead of every unit's months. The counters are
-- integers, so the sums are exact in any order.
-- @stmt sum_keys
SELECT CAST($1 AS bigint), sum(c0), sum(c1), sum(c2), sum(c3), sum(c4), sum(t0), sum(t1),
sum(t2), sum(t3), sum(t4), sum(t5), sum(t6), sum(t7) FROM rollup_keys{OF_SCOPE}
HAVING count(*) > 0
-- @pg sum_keys
SELECT CAST($1 AS bigint), sum(c0), sum(c1), sum(c2), sum(c3), sum(c4), sum(t0), sum(t1),
sum(t2), sum(t3), sum(t4), sum(t5), sum(t6), sum(t7) FROM rollup_keys{OF_SCOPE_PG}
HAVING count(*) > 0

-- @stmt sum_fields
SELECT CAST($1 AS bigint), field_id, sum(n) FROM rollup_fields{OF_SCOPE}
GROUP BY field_id ORDER BY field_id
-- @pg sum_fields
SELECT CAST($1 AS bigint), field_id, sum(n) FROM rollup_fields{OF_SCOPE_PG}
GROUP BY field_id ORDER BY field_id

-- @stmt sum_staff
SELECT CAST($1 AS bigint), staff_id, sum(n), sum(s), sum(v) FROM rollup_staff{OF_SCOPE}
GROUP BY staff_id ORDER BY staff_id
-- @pg sum_staff
SELECT CAST($1 AS bigint), staff_id, sum(n), sum(s), sum(v) FROM rollup_staff{OF_SCOPE_PG}
GROUP BY staff_id ORDER BY staff_id

-- an instrument's shape is the same in every key (rollup_merge refuses another)
-- @stmt sum_insts
SELECT CAST($1 AS bigint), instrument_id, max(nq), max(nv) FROM rollup_insts{OF_SCOPE}
GROUP BY instrument_id ORDER BY instrument_id
-- @pg sum_insts
SELECT CAST($1 AS bigint), instrument_id, max(nq), max(nv) FROM rollup_insts{OF_SCOPE_PG}
GROUP BY instrument_id ORDER BY instrument_id

-- @stmt sum_answers
SELECT CAST($1 AS bigint), instrument_id, slot, sum(n) FROM rollup_answers{OF_SCOPE}
GROUP BY instrument_id, slot ORDER BY instrument_id, slot
-- @pg sum_answers
SELECT CAST($1 AS bigint), instrument_id, slot, sum(n) FROM rollup_answers{OF_SCOPE_PG}
GROUP BY instrument_id, slot ORDER BY instrument_id, slot

-- each distinct text by its first response, the first ones kept (example_row)
-- @stmt sum_examples
SELECT CAST($1 AS bigint), theme, min(response_id) AS first, hash
FROM rollup_examples{OF_SCOPE} GROUP BY theme, hash ORDER BY theme, first
-- @pg sum_examples
SELECT CAST($1 AS bigint), theme, min(response_id) AS first, hash
FROM rollup_examples{OF_SCOPE_PG} GROUP BY theme, hash ORDER BY theme, first

-- @stmt ready_get
SELECT ready FROM rollup_state

-- rollup_clear, in this order
-- @stmt clear_keys
DELETE FROM rollup_keys
-- @stmt clear_fields
DELETE FROM rollup_fields
-- @stmt clear_staff
DELETE FROM rollup_staff
-- @stmt clear_insts
DELETE FROM rollup_insts
-- @stmt clear_answers
DELETE FROM rollup_answers
-- @stmt clear_examples
DELETE FROM rollup_examples
-- @stmt clear_ready
UPDATE rollup_state SET ready = 1
