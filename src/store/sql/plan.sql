-- plan.sql: the statements of store_q_plan.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_PLAN

-- @stmt std_list
SELECT seq, criterion, task, responsible, schedule, expected FROM plan_std ORDER BY seq

-- @stmt std_clear
DELETE FROM plan_std

-- @stmt std_insert
INSERT INTO plan_std (seq, criterion, task, responsible, schedule, expected)
VALUES ($1, $2, $3, $4, $5, $6)

-- @stmt task_list
SELECT {TASK_COLS} FROM plan_tasks WHERE unit_id = $1 AND year = $2 ORDER BY no

-- @stmt notes_clear
DELETE FROM plan_notes WHERE task_id IN
(SELECT id FROM plan_tasks WHERE unit_id = $1 AND year = $2)

-- @stmt tasks_clear
DELETE FROM plan_tasks WHERE unit_id = $1 AND year = $2

-- @stmt task_insert
INSERT INTO plan_tasks (unit_id, year, no, criterion, value, target, task, responsible,
schedule, expected, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (unit_id, year, no) DO NOTHING RETURNING id

-- @stmt task_status
UPDATE plan_tasks SET status = $1, version = version + 1 WHERE id = $2 AND version = $3

-- @stmt task_update
UPDATE plan_tasks SET criterion = $1, task = $2, responsible = $3, schedule = $4,
expected = $5, version = version + 1 WHERE id = $6 AND version = $7

-- @stmt task_exists
SELECT count(*) FROM plan_tasks WHERE id = $1

-- @stmt note_insert
INSERT INTO plan_notes (task_id, day, status, text, who) VALUES ($1, $2, $3, $4, $5)

-- @stmt note_list
SELECT n.task_id, t.no, n.day, n.status, n.text, n.who
FROM plan_notes n JOIN plan_tasks t ON t.id = n.task_id
WHERE t.unit_id = $1 AND t.year = $2 ORDER BY t.no, n.day, n.id

-- seq is bound apart (the position in the list replaced)
-- @row std_cols struct store_plan_std
seq INT, criterion TEXT, task TEXT, responsible TEXT, schedule TEXT, expected TEXT

-- A task's columns around value and target (nullable doubles, by hand):
-- TASK_COLS 0-4, then 7-12. The insert binds task_head + 1 and task_tail
-- without version; the update task_head[4] and task_tail[0..4).
-- @row task_head struct store_plan_task
id I64, unit_id I64, year INT, no INT, criterion TEXT

-- @row task_tail struct store_plan_task
task TEXT, responsible TEXT, schedule TEXT, expected TEXT, status TEXT, version I64

-- @row note_cols struct store_plan_note
task_id I64, no INT, day DAY, status TEXT, text TEXT, who TEXT
