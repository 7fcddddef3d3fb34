-- fb.sql: the statements of store_q_fb.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_FB

-- @stmt office_put
INSERT INTO fb_offices (code, unit_id, name) VALUES ($1, $2, $3)
ON CONFLICT (unit_id, code) DO UPDATE SET name = excluded.name RETURNING id

-- @stmt office_list
SELECT id, code, unit_id, name FROM fb_offices
WHERE unit_id = $1 OR unit_id = 0 OR $1 = 0 ORDER BY code, unit_id DESC

-- @stmt item_put
INSERT INTO fb_items (code, unit_id, channel, kind, class, criterion,
state, received_at, answer_no, rating, reopened, token_hash, text)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, 0, $9, $10)
ON CONFLICT DO NOTHING RETURNING id

-- the compare-and-set: no row changed when version is not $19
-- @stmt item_update
UPDATE fb_items SET kind = $1, class = $2, criterion = $3, state = $4,
classified_at = $5, office_id = $6, forwarded_at = $7, answer_no = $8,
first_answered_at = $9, answered_at = $10, published_at = $11, rating = $12,
rated_at = $13, reopened_at = $14, closed_at = $15, reopened = $16,
answer = coalesce($17, answer), version = version + 1
WHERE id = $18 AND version = $19

-- @stmt item_exists
SELECT count(*) FROM fb_items WHERE id = $1

-- @stmt item_get
SELECT {ITEM_COLS} FROM fb_items WHERE code = $1

-- @stmt item_get_token
SELECT {ITEM_COLS} FROM fb_items WHERE token_hash = $1

-- each parameter's first use gives PostgreSQL its type
-- @stmt item_list
SELECT {ITEM_COLS} FROM fb_items
WHERE (unit_id = $1 OR $1 = 0) AND (received_at >= $2 OR $2 IS NULL)
AND (received_at < $3 OR $3 IS NULL) AND ($4 = 0 OR closed_at IS NULL)
AND ($5 = 0 OR published_at IS NOT NULL) ORDER BY received_at, id

-- @stmt item_count
SELECT count(*) FROM fb_items WHERE unit_id = $1 AND received_at >= $2
AND received_at < $3

-- @stmt contact_put
INSERT INTO fb_contacts (item_id, name, contact) VALUES ($1, $2, $3)
ON CONFLICT (item_id) DO UPDATE SET name = excluded.name, contact = excluded.contact

-- @stmt contact_get
SELECT name, contact FROM fb_contacts WHERE item_id = $1

-- @stmt step_add
INSERT INTO fb_steps (item_id, step, who, at, detail) VALUES ($1, $2, $3, $4, $5)

-- @stmt step_list
SELECT item_id, step, who, at, detail FROM fb_steps WHERE item_id = $1 ORDER BY id

-- @stmt deadline_set
INSERT INTO fb_deadlines (unit_id, class, forward_hours, answer_days)
VALUES ($1, $2, $3, $4) ON CONFLICT (unit_id, class) DO UPDATE SET
forward_hours = excluded.forward_hours, answer_days = excluded.answer_days

-- @stmt deadline_list
SELECT unit_id, class, forward_hours, answer_days FROM fb_deadlines
ORDER BY unit_id, class

-- @stmt idem_get
SELECT content_hash, salt, item_id FROM fb_idem WHERE unit_id = $1 AND key_hash = $2

-- @stmt idem_put
INSERT INTO fb_idem (unit_id, key_hash, content_hash, salt, item_id)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING

-- @row office_cols struct store_fb_office
id I64, code TEXT, unit_id I64, name TEXT

-- @row step_cols struct store_fb_step
item_id I64, step TEXT, who TEXT, at I64, detail TEXT
