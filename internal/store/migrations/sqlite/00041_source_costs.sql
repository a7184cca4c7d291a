-- What each source cost per month (issue 13: cost per hire), recorded by
-- admins. source_key is the source with ASCII letters lowercased, as the
-- reports group sources; one currency for the installation.

-- +goose Up
CREATE TABLE source_costs (
    source_key   TEXT NOT NULL,
    source       TEXT NOT NULL,
    month        TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (source_key, month)
);
CREATE INDEX source_costs_month ON source_costs (month);

-- +goose Down
DROP TABLE source_costs;
