-- Mail templates (issue 10): a subject and a Markdown body with merge fields
-- ({{candidate.first_name}} …, checked when saved: internal/mail.MergeFields;
-- {{status_link}} arrives with the candidate status page).
-- Shipped defaults carry a key (application_received, rejection,
-- interview_invitation, offer_follow_up, general) and a language (en, de);
-- they can be edited but not deleted, and automations find them by key.
-- user_signatures: each user's signature, added under the mail they send.

-- +goose Up
CREATE TABLE message_templates (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL,
    name       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX message_templates_key ON message_templates (key, language) WHERE key <> '';

CREATE TABLE user_signatures (
    user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- +goose StatementBegin
INSERT INTO message_templates (id, key, language, name, subject, body, created_at, updated_at) VALUES
    ('00000000-0000-7000-8000-000000000101', 'application_received', 'en', 'Application received', 'Your application for {{job.title}}', 'Hello {{candidate.first_name}},

thank you for applying for **{{job.title}}** at {{company.name}}. We have received your application and will get back to you as soon as we have looked at it.

Kind regards,
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000102', 'application_received', 'de', 'Bewerbung erhalten', 'Ihre Bewerbung als {{job.title}}', 'Hallo {{candidate.first_name}},

vielen Dank für Ihre Bewerbung als **{{job.title}}** bei {{company.name}}. Ihre Unterlagen sind bei uns eingegangen; wir melden uns, sobald wir sie gesichtet haben.

Freundliche Grüße
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000103', 'rejection', 'en', 'Rejection (kind)', 'Your application for {{job.title}}', 'Hello {{candidate.first_name}},

thank you for your interest in {{company.name}} and for the time you gave us. After careful consideration we have decided not to continue with your application for {{job.title}}.

This was not an easy decision. We would be glad to hear from you again when another role fits you.

We wish you all the best,
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000104', 'rejection', 'de', 'Absage (freundlich)', 'Ihre Bewerbung als {{job.title}}', 'Hallo {{candidate.first_name}},

vielen Dank für Ihr Interesse an {{company.name}} und die Zeit, die Sie sich genommen haben. Nach sorgfältiger Abwägung haben wir uns entschieden, Ihre Bewerbung als {{job.title}} nicht weiterzuverfolgen.

Die Entscheidung ist uns nicht leichtgefallen. Wir freuen uns, wenn Sie sich bei einer passenden Stelle wieder bei uns melden.

Alles Gute
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000105', 'interview_invitation', 'en', 'Interview invitation', 'Interview for {{job.title}} at {{company.name}}', 'Hello {{candidate.first_name}},

we enjoyed reading your application for **{{job.title}}** and would like to invite you to an interview.

Please reply to this email with a few times that suit you, and we will confirm one.

Best regards,
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000106', 'interview_invitation', 'de', 'Einladung zum Gespräch', 'Gespräch zur Stelle {{job.title}} bei {{company.name}}', 'Hallo {{candidate.first_name}},

Ihre Bewerbung als **{{job.title}}** hat uns gefallen, und wir möchten Sie gern zu einem Gespräch einladen.

Bitte antworten Sie auf diese E-Mail mit einigen Terminen, die Ihnen passen; wir bestätigen dann einen davon.

Viele Grüße
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000107', 'offer_follow_up', 'en', 'Offer follow-up', 'Following up on your offer for {{job.title}}', 'Hello {{candidate.first_name}},

we wanted to follow up on the offer for **{{job.title}}**. If you have any questions about it, just reply to this email; we are happy to talk them through.

Best regards,
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000108', 'offer_follow_up', 'de', 'Nachfrage zum Angebot', 'Ihr Angebot für die Stelle {{job.title}}', 'Hallo {{candidate.first_name}},

wir wollten kurz wegen unseres Angebots für die Stelle **{{job.title}}** nachfragen. Wenn Sie Fragen dazu haben, antworten Sie einfach auf diese E-Mail; wir besprechen sie gern mit Ihnen.

Viele Grüße
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000109', 'general', 'en', 'General', 'A message from {{company.name}}', 'Hello {{candidate.first_name}},



Best regards,
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000110', 'general', 'de', 'Allgemein', 'Eine Nachricht von {{company.name}}', 'Hallo {{candidate.first_name}},



Viele Grüße
{{sender.name}}', '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z');
-- +goose StatementEnd

-- +goose Down
DROP TABLE user_signatures;
DROP TABLE message_templates;
