-- cal.sql: the statements of store_q_cal.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_CAL

-- @stmt day_put
INSERT INTO cal_decisions (day, kind, name) VALUES ($1, $2, $3)
ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name

-- @stmt day_list
SELECT day, kind, name FROM cal_decisions ORDER BY day

-- @stmt culture_get
SELECT culture_day_from FROM cal_settings WHERE id = 1

-- @stmt culture_set
INSERT INTO cal_settings (id, culture_day_from) VALUES (1, $1)
ON CONFLICT (id) DO UPDATE SET culture_day_from = excluded.culture_day_from

-- @stmt hours_put
INSERT INTO cal_hours (unit_id, from_day, spec) VALUES ($1, $2, $3)
ON CONFLICT (unit_id, from_day) DO UPDATE SET spec = excluded.spec

-- @stmt hours_list
SELECT unit_id, from_day, spec FROM cal_hours ORDER BY unit_id, from_day

-- @row day_cols struct store_cal_day
day DAY, kind INT, name TEXT

-- from as a plain number: HL_DAY_NONE is a key, not NULL
-- @row hours_cols struct store_cal_hours
unit_id I64, from INT, spec TEXT
