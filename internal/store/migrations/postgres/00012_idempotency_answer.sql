-- A keyed create's whole answer is stored with the record it created, in the
-- same transaction (store/idempotency.go): besides status and body, the
-- headers a replay must repeat. Rows from before answered JSON.

-- +goose Up
ALTER TABLE idempotency_keys ADD COLUMN content_type TEXT NOT NULL DEFAULT 'application/json';
ALTER TABLE idempotency_keys ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN etag TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE idempotency_keys DROP COLUMN etag;
ALTER TABLE idempotency_keys DROP COLUMN location;
ALTER TABLE idempotency_keys DROP COLUMN content_type;
