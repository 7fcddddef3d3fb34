-- imp.sql: the statements of store_q_imp.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_IMP

-- @stmt run_put
INSERT INTO import_runs (kind, batch_id, owner, started_at) VALUES ($1, $2, $3, $4)
RETURNING id

-- @stmt run_done
DELETE FROM import_runs WHERE id = $1

-- @stmt run_list
SELECT id, kind, coalesce(batch_id, 0), owner, started_at FROM import_runs ORDER BY id

-- @stmt notes_drop
DELETE FROM import_undo_dossiers WHERE (run_id, code) IN
(SELECT run_id, code FROM import_undo_dossiers
WHERE run_id NOT IN (SELECT id FROM import_runs) LIMIT 20000)

-- batch_id 0 is stored as NULL (the import of dossiers has none)
-- @row run_cols struct store_import_run
id I64, kind TEXT, batch_id ID, owner I64, started_at I64
