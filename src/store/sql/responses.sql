-- responses.sql: the statements of store_q_responses.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_RESP

-- @stmt batch_new
INSERT INTO batches (kind, source, created_at) VALUES ($1, $2, $3) RETURNING id

-- @stmt resp_insert
INSERT INTO responses (ext_id, unit_id, day, instrument_id, channel, field_id, staff_id,
dossier, comment, answers, batch_id, status, kiosk_id, received_at, content_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (unit_id, ext_id) WHERE ext_id IS NOT NULL DO NOTHING RETURNING id

-- @stmt resp_put
INSERT INTO responses (id, ext_id, unit_id, day, instrument_id, channel, field_id, staff_id,
dossier, comment, answers, batch_id, status, kiosk_id, received_at, content_hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)

-- @stmt resp_ids
SELECT NULL WHERE 0
-- @pg resp_ids
SELECT nextval(pg_get_serial_sequence('responses', 'id')) FROM generate_series(1, 64)

-- @stmt resp_batch
SELECT batch_id FROM responses WHERE unit_id = $1 AND ext_id = $2

-- @stmt scan_unit
SELECT {RESP_COLS} FROM responses WHERE unit_id = $1 AND day BETWEEN $2 AND $3
ORDER BY id

-- @stmt scan_all
SELECT {RESP_COLS} FROM responses WHERE day BETWEEN $1 AND $2 ORDER BY id

-- @stmt count_after
SELECT count(*) FROM responses WHERE unit_id = $1 AND day >= $2

-- @stmt scan_ids
SELECT id, unit_id, day, instrument_id, field_id, answers, status, channel, staff_id,
comment FROM responses WHERE id BETWEEN $1 AND $2 AND ($3 = 0 OR batch_id = $3)
ORDER BY id

-- "status <> 0" spelled out so that the partial index responses_held serves it
-- @stmt list_held
SELECT {RESP_COLS} FROM responses WHERE status = $1 AND status <> 0
AND (unit_id = $2 OR $2 = 0) ORDER BY id DESC LIMIT $3

-- @stmt list_any
SELECT {RESP_COLS} FROM responses WHERE status = $1 AND (unit_id = $2 OR $2 = 0)
ORDER BY id DESC LIMIT $3

-- @stmt resp_get
SELECT {RESP_COLS} FROM responses WHERE id = $1

-- @stmt resp_get_ext
SELECT {RESP_COLS} FROM responses WHERE unit_id = $1 AND ext_id = $2

-- @stmt set_status
UPDATE responses SET status = $1 WHERE id = $2

-- LIMIT: the index responses_kiosk is read for at most limit rows
-- @stmt count_kiosk
SELECT count(*) FROM (SELECT 1 FROM responses WHERE kiosk_id = $1 AND received_at >= $2
LIMIT $3) AS t

-- @stmt delete_batch
DELETE FROM responses WHERE batch_id = $1

-- One writer at a time per kiosk until its transaction ends, so that two
-- processes cannot both count a burst one short of its limit (SQLite has one
-- writer anyway: it only reads the id back).
-- @stmt lock_kiosk
SELECT $1
-- @pg lock_kiosk
SELECT 1 FROM (SELECT pg_advisory_xact_lock(1, CAST($1 AS integer))) AS l

-- RESP_COLS before the answers (the insert binds them from ext_id on), and
-- after them up to the content hash.
-- @row head_cols struct store_response
id I64, ext_id TEXT_NULL, unit_id I64, day DAY, instrument_id I64, channel INT,
field_id ID, staff_id ID, dossier TEXT_NULL, comment TEXT_NULL

-- @row tail_cols struct store_response
batch_id ID, status INT, kiosk_id ID, received_at ID

-- The stage of a bulk insert (response_stage): a temporary table of the
-- connection, rows numbered by the caller; PostgreSQL loads it with COPY.
-- @stmt stage_make
CREATE TEMP TABLE IF NOT EXISTS resp_stage (seq INTEGER NOT NULL, ext_id TEXT,
unit_id INTEGER NOT NULL, day INTEGER NOT NULL, instrument_id INTEGER NOT NULL,
channel INTEGER NOT NULL, field_id INTEGER, staff_id INTEGER, dossier TEXT, comment TEXT,
answers BLOB NOT NULL, batch_id INTEGER, status INTEGER NOT NULL, kiosk_id INTEGER,
received_at INTEGER, content_hash BLOB)
-- @pg stage_make
CREATE TEMP TABLE IF NOT EXISTS resp_stage (seq bigint NOT NULL, ext_id text,
unit_id bigint NOT NULL, day bigint NOT NULL, instrument_id bigint NOT NULL,
channel integer NOT NULL, field_id bigint, staff_id bigint, dossier text, comment text,
answers bytea NOT NULL, batch_id bigint, status integer NOT NULL, kiosk_id bigint,
received_at bigint, content_hash bytea)

-- @stmt stage_put
INSERT INTO resp_stage (seq, {STAGE_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
$11, $12, $13, $14, $15, $16)
-- @pg stage_put
COPY resp_stage (seq, {STAGE_COLS}) FROM STDIN

-- "WHERE true": SQLite would read ON CONFLICT as a join's ON without it
-- @stmt stage_insert
INSERT INTO responses ({STAGE_COLS}) SELECT {STAGE_COLS} FROM resp_stage WHERE true
ORDER BY seq ON CONFLICT (unit_id, ext_id) WHERE ext_id IS NOT NULL DO NOTHING

-- the staged rows whose id the unit had already, from another batch
-- @stmt stage_clash
SELECT s.seq FROM resp_stage s JOIN responses r ON r.unit_id = s.unit_id
AND r.ext_id = s.ext_id WHERE r.batch_id IS NULL OR r.batch_id <> $1 ORDER BY s.seq

-- PostgreSQL: a temporary table is never vacuumed, so emptied whole
-- @stmt stage_clear
DELETE FROM resp_stage
-- @pg stage_clear
TRUNCATE resp_stage
