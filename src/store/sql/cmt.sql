-- cmt.sql: the statements of store_q_cmt.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_CMT

-- @stmt approve
INSERT INTO comment_approvals (response_id, approved_by, approved_at)
VALUES ($1, $2, $3) ON CONFLICT (response_id) DO NOTHING

-- @stmt withdraw
DELETE FROM comment_approvals WHERE response_id = $1

-- @stmt list
SELECT a.response_id, r.unit_id, r.day, a.approved_by, a.approved_at
FROM comment_approvals a JOIN responses r ON r.id = a.response_id
WHERE (CAST($1 AS BIGINT) = 0 OR r.unit_id = $1) AND r.day BETWEEN $2 AND $3
ORDER BY a.response_id

-- @stmt quote
INSERT INTO report_quotes (report_id, response_id) VALUES ($1, $2)
ON CONFLICT DO NOTHING

-- @row approval_cols struct store_approval
response_id I64, unit_id I64, day DAY, by TEXT, at I64
