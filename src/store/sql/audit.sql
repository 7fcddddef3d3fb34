-- audit.sql: the statements of store_q_audit.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_AUDIT

-- @stmt add
INSERT INTO audit_log (at, who, action, detail) VALUES ($1, $2, $3, $4)

-- no limit is the largest one: SQLite takes no NULL there
-- @stmt list
SELECT at, who, action, detail FROM audit_log ORDER BY id DESC LIMIT $1
