-- Default rejection reasons and pipeline template (hiring.DefaultPipeline).
-- Fixed UUIDv7-shaped ids so both engines seed identical rows.

-- +goose Up
INSERT INTO rejection_reasons (id, name, archived, position) VALUES
    ('00000000-0000-7000-8000-000000000001', 'Not a fit', FALSE, 1),
    ('00000000-0000-7000-8000-000000000002', 'Withdrew', FALSE, 2),
    ('00000000-0000-7000-8000-000000000003', 'Position filled', FALSE, 3),
    ('00000000-0000-7000-8000-000000000004', 'Salary expectations', FALSE, 4),
    ('00000000-0000-7000-8000-000000000005', 'Failed interview', FALSE, 5),
    ('00000000-0000-7000-8000-000000000006', 'Unresponsive', FALSE, 6);

INSERT INTO pipeline_template (position, name, kind) VALUES
    (1, 'Applied', 'applied'),
    (2, 'Screen', 'screen'),
    (3, 'Interview', 'interview'),
    (4, 'Offer', 'offer'),
    (5, 'Hired', 'hired');

-- +goose Down
DELETE FROM pipeline_template;
DELETE FROM rejection_reasons;
