-- instruments.sql: the statements of store_q_instruments.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_INSTR

-- @stmt put
INSERT INTO instruments (code, version, name, definition) VALUES ($1, $2, $3, $4)
ON CONFLICT (code, version) DO UPDATE SET code = excluded.code
RETURNING id, definition

-- @stmt get
SELECT {COLS} FROM instruments WHERE code = $1 AND version = $2

-- @stmt latest
SELECT {COLS} FROM instruments WHERE code = $1 ORDER BY version DESC LIMIT 1

-- @stmt by_id
SELECT {COLS} FROM instruments WHERE id = $1

-- @stmt list
SELECT id, code, version, name FROM instruments ORDER BY code, version

-- @row cols struct store_instrument
id I64, code TEXT, version INT, name TEXT
