-- reports.sql: the statements of store_q_reports.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_REPORTS

-- @stmt target_set
INSERT INTO targets (year, unit_id, type, criterion, value) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (year, unit_id, type, criterion) DO UPDATE SET value = excluded.value

-- @stmt target_list
SELECT year, unit_id, type, criterion, value FROM targets WHERE year = $1
ORDER BY unit_id, type, criterion

-- @stmt report_put
INSERT INTO published_reports (unit_id, period, version, format, published_by,
published_at, due, figures, doc, vetted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)
RETURNING id

-- @stmt report_list_unit
SELECT {REPORT_COLS} FROM published_reports WHERE unit_id = $1
ORDER BY published_at DESC, id DESC

-- @stmt report_list_all
SELECT {REPORT_COLS} FROM published_reports ORDER BY published_at DESC, id DESC

-- @stmt report_get
SELECT {REPORT_COLS}, figures, doc FROM published_reports WHERE id = $1

-- @stmt rsched_put
INSERT INTO report_schedules (unit_id, spec) VALUES ($1, $2)
ON CONFLICT (unit_id) DO UPDATE SET spec = excluded.spec

-- @stmt rsched_delete
DELETE FROM report_schedules WHERE unit_id = $1

-- @stmt rsched_list
SELECT unit_id, spec FROM report_schedules ORDER BY unit_id

-- @stmt points_put
INSERT INTO score766_points (id, csv) VALUES (1, $1)
ON CONFLICT (id) DO UPDATE SET csv = excluded.csv

-- @stmt points_delete
DELETE FROM score766_points

-- @stmt points_get
SELECT csv FROM score766_points WHERE id = 1

-- value (a double) is read and bound apart
-- @row target_cols struct store_target
year INT, unit_id I64, type TEXT, criterion TEXT

-- @row report_cols struct store_report
id I64, unit_id I64, period TEXT, version INT, format TEXT, published_by TEXT,
published_at I64, due DAY, doc_public BOOL

-- @row rsched_cols struct store_rschedule
unit_id I64, spec TEXT

-- @row points_cols struct store_points
csv TEXT
