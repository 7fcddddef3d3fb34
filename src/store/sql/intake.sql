-- intake.sql: the statements of store_q_intake.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_INTAKE

-- @stmt receipt_put
INSERT INTO receipts ({RECEIPT_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (token_hash) DO NOTHING

-- @stmt receipt_get
SELECT {RECEIPT_COLS} FROM receipts WHERE token_hash = $1

-- @stmt receipt_use
UPDATE receipts SET used_at = $1, response_id = $2
WHERE token_hash = $3 AND used_at IS NULL AND replaced_at IS NULL

-- @stmt receipt_used_at
SELECT max(used_at) FROM receipts WHERE unit_id = $1 AND dossier = $2

-- @stmt receipt_replace
UPDATE receipts SET replaced_at = $1 WHERE unit_id = $2 AND dossier = $3
AND used_at IS NULL AND replaced_at IS NULL

-- @stmt pbatch_insert
INSERT INTO paper_batches (unit_id, opened_on, opened_by, witness, counted,
double_entry, instrument_id, closed, created_by, closed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id

-- @stmt pbatch_update
UPDATE paper_batches SET unit_id = $1, opened_on = $2, opened_by = $3, witness = $4,
counted = $5, double_entry = $6, instrument_id = $7, closed = $8, created_by = $9,
closed_at = $10 WHERE id = $11

-- @stmt pbatch_get
SELECT {PBATCH_COLS} FROM paper_batches WHERE id = $1

-- @stmt pbatch_list_unit
SELECT {PBATCH_COLS} FROM paper_batches WHERE unit_id = $1 ORDER BY id DESC

-- @stmt pbatch_list_all
SELECT {PBATCH_COLS} FROM paper_batches ORDER BY id DESC

-- @stmt pentry_put
INSERT INTO paper_entries ({PENTRY_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (batch_id, pass, seq) DO UPDATE SET field_id = excluded.field_id,
staff_id = excluded.staff_id, answers = excluded.answers, comment = excluded.comment,
entered_by = excluded.entered_by, spoiled = excluded.spoiled

-- @stmt pentry_delete
DELETE FROM paper_entries WHERE batch_id = $1 AND pass = $2 AND seq = $3

-- @stmt pentry_list
SELECT {PENTRY_COLS} FROM paper_entries
WHERE batch_id = $1 AND ($2 = 0 OR pass = $2) ORDER BY pass, seq

-- @row receipt_cols struct store_receipt
token_hash HASH, dossier TEXT, unit_id I64, created_at I64, used_at ID, response_id ID,
replaced_at ID

-- The put binds it from the second column on.
-- @row pbatch_cols struct store_paper_batch
id I64, unit_id I64, opened_on DAY, opened_by TEXT, witness TEXT, counted INT,
double_entry BOOL, instrument_id I64, closed BOOL, created_by ID, closed_at ID

-- A paper entry's columns before and after its answers (PENTRY_COLS).
-- @row pentry_key_cols struct store_paper_entry
batch_id I64, pass INT, seq INT, field_id ID, staff_id ID

-- @row pentry_rest_cols struct store_paper_entry
comment TEXT_NULL, entered_by ID, spoiled BOOL
