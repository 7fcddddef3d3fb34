-- dos.sql: the statements of store_q_dos.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_DOS

-- @stmt save
-- $15 = 1: submitted_at is the caller's; 0: an existing dossier keeps its own
INSERT INTO dossiers (code, unit_id, field_id, procedure, channel, received_at, due_at,
finished_at, returned_at, supplements, reschedules, apology, class, submitted_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (code) DO UPDATE SET unit_id = excluded.unit_id,
field_id = excluded.field_id, procedure = excluded.procedure,
channel = excluded.channel, received_at = excluded.received_at,
due_at = excluded.due_at, finished_at = excluded.finished_at,
returned_at = excluded.returned_at, supplements = excluded.supplements,
reschedules = excluded.reschedules, apology = excluded.apology, class = excluded.class,
submitted_at = CASE WHEN $15 = 1 THEN excluded.submitted_at ELSE dossiers.submitted_at END
RETURNING id

-- @stmt get
SELECT {DOS_COLS} FROM dossiers WHERE code = $1

-- @stmt count_by_field
SELECT coalesce(field_id, 0) AS f, count(*) FROM dossiers
WHERE unit_id = $1 AND received_at >= $2 AND received_at < $3 GROUP BY f ORDER BY f

-- @stmt lock_code
SELECT $1
-- @pg lock_code
SELECT pg_advisory_xact_lock({LOCK_KEY}, hashtext(CAST($1 AS text)))

-- @stmt sum_code
{SUM_FIELD(MONTH_SQLITE, BY_CODE)}
-- @pg sum_code
{SUM_FIELD(MONTH_PG, BY_CODE)}

-- @stmt sum_proc_code
{SUM_PROC(MONTH_SQLITE, BY_CODE)}
-- @pg sum_proc_code
{SUM_PROC(MONTH_PG, BY_CODE)}

-- @stmt sum_run
{SUM_FIELD(MONTH_SQLITE, BY_RUN)}
-- @pg sum_run
{SUM_FIELD(MONTH_PG, BY_RUN)}

-- @stmt sum_proc_run
{SUM_PROC(MONTH_SQLITE, BY_RUN)}
-- @pg sum_proc_run
{SUM_PROC(MONTH_PG, BY_RUN)}

-- @stmt sum_all
{SUM_SCAN("field_id, channel, ''", "dossier_sum", "")}

-- @stmt sum_unit
{SUM_SCAN("field_id, channel, ''", "dossier_sum", " AND unit_id = $3")}

-- @stmt sum_proc_all
{SUM_SCAN("0, '', procedure", "dossier_sum_proc", "")}

-- @stmt sum_proc_unit
{SUM_SCAN("0, '', procedure", "dossier_sum_proc", " AND unit_id = $3")}

-- @stmt open_all
{OPEN_SQL("", "$1", "$2", "$3")}

-- @stmt open_unit
{OPEN_SQL(" AND unit_id = $1", "$2", "$3", "$4")}

-- @stmt scan_all
SELECT {DOS_COLS} FROM dossiers WHERE received_at BETWEEN $1 AND $2
ORDER BY received_at

-- @stmt scan_unit
SELECT {DOS_COLS} FROM dossiers WHERE unit_id = $1 AND received_at BETWEEN $2 AND $3
ORDER BY received_at

-- @stmt scan_finished
SELECT {DOS_COLS} FROM dossiers WHERE finished_at BETWEEN $1 AND $2
ORDER BY finished_at

-- @stmt undo_note
INSERT INTO import_undo_dossiers (run_id, code, existed, {UNDO_COLS})
SELECT CAST($1 AS bigint), c.code, CASE WHEN d.id IS NULL THEN 0 ELSE 1 END,
d.unit_id, d.field_id, d.procedure, d.channel, d.received_at, d.due_at,
d.finished_at, d.returned_at, d.supplements, d.reschedules, d.apology,
d.submitted_at, d.class
FROM (SELECT CAST($2 AS text) AS code) c LEFT JOIN dossiers d ON d.code = c.code
WHERE true ON CONFLICT (run_id, code) DO NOTHING

-- in code order, so that two undos cannot wait on each other
-- @stmt lock_run
SELECT $1
-- @pg lock_run
SELECT pg_advisory_xact_lock({LOCK_KEY}, hashtext(n.code)) FROM
(SELECT code FROM import_undo_dossiers WHERE run_id = $1 ORDER BY code) n

-- @stmt undo_restore
UPDATE dossiers SET ({UNDO_COLS}) = (SELECT {UNDO_COLS} FROM import_undo_dossiers u WHERE u.run_id = $1 AND u.code = dossiers.code)
WHERE code IN (SELECT code FROM import_undo_dossiers WHERE run_id = $1
AND existed <> 0)

-- @stmt undo_delete
DELETE FROM dossiers WHERE code IN
(SELECT code FROM import_undo_dossiers WHERE run_id = $1 AND existed = 0)

-- DOS_COLS' order; the writes bind code..apology, then class (0 as NULL)
-- @row dos_cols struct store_dossier
id I64, code TEXT, unit_id I64, field_id ID, procedure TEXT, channel TEXT,
received_at MINUTE, due_at MINUTE, finished_at MINUTE, returned_at MINUTE, supplements INT,
reschedules INT, apology BOOL, submitted_at MINUTE, cls INT

-- @row sum_cols struct store_dossier_sum
unit_id I64, month INT, field_id I64, channel TEXT, procedure TEXT, early I64, on_time I64,
late I64

-- @row count_cols struct store_count
key_id I64, count I64

-- @stmt sum_ids
{SUM_FIELD(MONTH_SQLITE, BY_IDS)}
-- @pg sum_ids
{SUM_FIELD(MONTH_PG, BY_IDS)}

-- @stmt sum_proc_ids
{SUM_PROC(MONTH_SQLITE, BY_IDS)}
-- @pg sum_proc_ids
{SUM_PROC(MONTH_PG, BY_IDS)}
