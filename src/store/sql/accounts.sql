-- accounts.sql: the statements of store_q_accounts.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_ACCT

-- @stmt user_put
INSERT INTO users (name, role, unit_id, pwhash, disabled)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO UPDATE SET
role = excluded.role, unit_id = excluded.unit_id, pwhash = excluded.pwhash,
disabled = excluded.disabled RETURNING id

-- @stmt user_get
SELECT {USER_COLS} FROM users WHERE name = $1

-- @stmt user_get_id
SELECT {USER_COLS} FROM users WHERE id = $1

-- @stmt user_list
SELECT {USER_COLS} FROM users ORDER BY name

-- @stmt session_put
INSERT INTO sessions (token_hash, user_id, csrf, expires_at)
VALUES ($1, $2, $3, $4) ON CONFLICT (token_hash) DO UPDATE SET
user_id = excluded.user_id, csrf = excluded.csrf, expires_at = excluded.expires_at

-- @stmt session_delete
DELETE FROM sessions WHERE token_hash = $1

-- @stmt session_purge
DELETE FROM sessions WHERE expires_at < $1

-- @stmt session_delete_user
DELETE FROM sessions WHERE user_id = $1 AND (token_hash <> $2 OR $2 IS NULL)

-- DO NOTHING on the name only: a clash of token hashes stays an error
-- @stmt kiosk_put
INSERT INTO kiosks (name, unit_id, token_hash, revoked)
VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id

-- @stmt kiosk_get_token
SELECT {KIOSK_COLS} FROM kiosks WHERE token_hash = $1

-- last_at from the index responses_kiosk: one probe per kiosk
-- @stmt kiosk_list
SELECT {KIOSK_COLS}, (SELECT max(received_at) FROM responses r
WHERE r.kiosk_id = kiosks.id) FROM kiosks ORDER BY name

-- @stmt kiosk_revoke
UPDATE kiosks SET revoked = 1 WHERE name = $1

-- A taken new name changes nothing rather than failing, so that a
-- PostgreSQL transaction around it stays usable.
-- @stmt kiosk_rename
UPDATE kiosks SET name = $1 WHERE name = $2
AND NOT EXISTS (SELECT 1 FROM kiosks k WHERE k.name = $1 AND k.name <> $2)

-- @stmt kiosk_named
SELECT count(*) FROM kiosks WHERE name = $1

-- a request's caller in one round trip: the session and its user
-- @stmt session_user
SELECT s.token_hash, s.user_id, s.csrf, s.expires_at, u.id, u.name, u.role, u.unit_id,
u.pwhash, u.disabled FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1

-- The rows, in their columns' order; the puts bind them from the second
-- column on (sessions whole).
-- @row user_cols struct store_user
id I64, name TEXT, role INT, unit_id ID, pwhash TEXT, disabled BOOL

-- @row session_cols struct store_session
token_hash HASH, user_id I64, csrf TEXT, expires_at I64

-- last_at is read by kiosk_list only (NULL, no response yet, reads as 0)
-- @row kiosk_cols struct store_kiosk
id I64, name TEXT, unit_id I64, token_hash HASH, revoked BOOL, last_at I64
