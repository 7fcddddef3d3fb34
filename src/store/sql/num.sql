-- num.sql: the statements of store_q_num.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_NUM

-- $4: a number given (the counter goes at least that far), 0 = the next;
-- SQLite's two-argument max is PostgreSQL's GREATEST.
-- @stmt take
INSERT INTO counters (kind, unit_id, scope, n)
VALUES ($1, $2, $3, CASE WHEN $4 > 0 THEN $4 ELSE 1 END)
ON CONFLICT (kind, unit_id, scope) DO UPDATE SET
n = CASE WHEN $4 > 0 THEN max(counters.n, $4) ELSE counters.n + 1 END RETURNING n
-- @pg take
INSERT INTO counters (kind, unit_id, scope, n)
VALUES ($1, $2, $3, CASE WHEN $4::bigint > 0 THEN $4::bigint ELSE 1 END)
ON CONFLICT (kind, unit_id, scope) DO UPDATE SET
n = CASE WHEN $4::bigint > 0 THEN GREATEST(counters.n, $4::bigint)
ELSE counters.n + 1 END RETURNING n

-- a conflict with another item returns no row
-- @stmt letter
INSERT INTO fb_letters (unit_id, year, no, item_id) VALUES ($1, $2, $3, $4)
ON CONFLICT (unit_id, year, no) DO UPDATE SET item_id = fb_letters.item_id
WHERE fb_letters.item_id = excluded.item_id RETURNING item_id
