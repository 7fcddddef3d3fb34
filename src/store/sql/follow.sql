-- follow.sql: the statements of store_q_follow.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_FOLLOW

-- @stmt by_response
SELECT id FROM followups WHERE response_id = $1

-- @stmt insert
INSERT INTO followups (code, unit_id, response_id, day, channel, dossier, staff_id,
criteria, complaint, opened_at, due_at, state, cause, fix, callback, closed_at, published_at,
version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1)
RETURNING id

-- @stmt get
SELECT {FOLLOW_COLS} FROM followups WHERE code = $1

-- the comparison that types $1 comes first (PostgreSQL)
-- @stmt list
SELECT {FOLLOW_COLS} FROM followups WHERE (unit_id = $1 OR $1 = 0)
AND (state = 0 OR $2 = 0) AND (published_at IS NOT NULL OR $3 = 0)
AND (closed_at >= $4 OR $4 <= 0) AND (day >= $5 OR $5 = 0) AND (day <= $6 OR $6 = 0)
ORDER BY opened_at, id

-- @stmt update
UPDATE followups SET state = $1, cause = $2, fix = $3, callback = $4, closed_at = $5,
published_at = $6, version = version + 1 WHERE id = $7 AND version = $8

-- @stmt exists
SELECT id FROM followups WHERE id = $1

-- @stmt days_set
INSERT INTO followup_days (unit_id, days) VALUES ($1, $2)
ON CONFLICT (unit_id) DO UPDATE SET days = excluded.days

-- @stmt days_list
SELECT unit_id, days FROM followup_days ORDER BY unit_id

-- FOLLOW_COLS' order
-- @row follow_cols struct store_follow
id I64, code TEXT, unit_id I64, response_id I64, day DAY, channel INT, dossier TEXT_NULL,
staff_id ID, criteria TEXT, complaint BOOL, opened_at I64, due_at I64, state INT,
cause TEXT_NULL, fix TEXT_NULL, callback INT, closed_at MINUTE, published_at MINUTE,
version I64

-- what follow_update writes, in its statement's order
-- @row update_cols struct store_follow
state INT, cause TEXT_NULL, fix TEXT_NULL, callback INT, closed_at MINUTE,
published_at MINUTE, id I64, version I64

-- @row days_cols struct store_follow_days
unit_id I64, days INT
