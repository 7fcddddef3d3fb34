-- rate.sql: the statements of store_q_rate.c, one per @stmt, in slot order
-- (scripts/sqlgen.py makes them C; {NAME} is a macro of the C file).
-- @area QS_RATE

-- The update's WHERE refuses a live counter at max: then no row comes back.
-- Right-hand sides read the row as it was. CASTs: PostgreSQL must know the
-- parameters' types to add them.
-- @stmt take
INSERT INTO rate_counters (key, count, expires_at)
VALUES ($1, 1, CAST($2 AS BIGINT) + CAST($3 AS BIGINT))
ON CONFLICT (key) DO UPDATE SET
count = CASE WHEN rate_counters.expires_at <= $2 THEN 1 ELSE rate_counters.count + 1 END,
expires_at = CASE WHEN rate_counters.expires_at <= $2
THEN CAST($2 AS BIGINT) + CAST($3 AS BIGINT) ELSE rate_counters.expires_at END
WHERE rate_counters.expires_at <= $2 OR rate_counters.count < $4 RETURNING count

-- @stmt get
SELECT count FROM rate_counters WHERE key = $1 AND expires_at > $2

-- @stmt give
UPDATE rate_counters SET count = count - 1 WHERE key = $1 AND expires_at > $2 AND count > 0

-- @stmt clear
DELETE FROM rate_counters WHERE key = $1

-- @stmt purge
DELETE FROM rate_counters WHERE expires_at <= $1
