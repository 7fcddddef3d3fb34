-- units.sql: the statements of store_q_units.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_UNITS

-- @stmt unit_put
INSERT INTO units (code, name, type, parent_id, valid_from, valid_to)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO UPDATE SET
name = excluded.name, type = excluded.type, parent_id = excluded.parent_id,
valid_from = excluded.valid_from, valid_to = excluded.valid_to RETURNING id

-- @stmt unit_get
SELECT {UNIT_COLS} FROM units WHERE code = $1

-- @stmt unit_list
SELECT {UNIT_COLS} FROM units ORDER BY code

-- @stmt lineage_add
INSERT INTO lineage (new_id, old_id, day) VALUES ($1, $2, $3)
ON CONFLICT (new_id, old_id) DO UPDATE SET day = excluded.day

-- @stmt lineage_list
SELECT new_id, old_id, day FROM lineage ORDER BY new_id, old_id

-- @stmt field_put
INSERT INTO fields (code, name) VALUES ($1, $2)
ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id

-- @stmt field_list
SELECT id, code, name FROM fields ORDER BY code

-- @stmt staff_put
INSERT INTO staff (code, name, unit_id, position) VALUES ($1, $2, $3, $4)
ON CONFLICT (code) DO UPDATE SET name = excluded.name,
unit_id = excluded.unit_id, position = excluded.position RETURNING id

-- @stmt staff_list
SELECT id, code, name, unit_id, position FROM staff ORDER BY code

-- @stmt contact_put
INSERT INTO unit_contacts (unit_id, hotline, address, email) VALUES ($1, $2, $3, $4)
ON CONFLICT (unit_id) DO UPDATE SET hotline = excluded.hotline,
address = excluded.address, email = excluded.email

-- @stmt contact_get
SELECT unit_id, hotline, address, email FROM unit_contacts WHERE unit_id = $1

-- The rows, in their columns' order; the puts bind them from the second
-- column on (lineage whole).
-- @row unit_cols struct store_unit
id I64, code TEXT, name TEXT, type TEXT, parent_id ID, valid_from DAY, valid_to DAY

-- @row lineage_cols struct store_lineage
new_id I64, old_id I64, day DAY

-- @row field_cols struct store_field
id I64, code TEXT, name TEXT

-- @row staff_cols struct store_staff
id I64, code TEXT, name TEXT, unit_id ID, position TEXT

-- @row contact_cols struct store_unit_contact
unit_id I64, hotline TEXT, address TEXT, email TEXT
