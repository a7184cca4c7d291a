package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/mail"
)

const tplCols = "t.id, t.key, t.language, t.name, t.subject, t.body, t.created_at, t.updated_at"

func scanTemplate(row interface{ Scan(...any) error }) (hiring.MessageTemplate, error) {
	var x hiring.MessageTemplate
	err := row.Scan(&x.ID, &x.Key, &x.Language, &x.Name, &x.Subject, &x.Body, timeCol{&x.CreatedAt}, timeCol{&x.UpdatedAt})
	return x, err
}

// mailIdentity is the configured sender (app: SetMailFrom); its name is the
// company's name in templates until an admin sets one.
type mailIdentity struct{ name, email string }

// SetMailFrom tells the store who mail comes from ({{company.name}} falls
// back to its display name, {{sender.name}} of automations likewise).
func (db *DB) SetMailFrom(name, email string) {
	db.mailFrom.Store(&mailIdentity{name: name, email: email})
}

// companyName is the company name an admin set for the careers site, else
// the configured sender's display name.
func (db *DB) companyName(ctx context.Context, q querier) string {
	var v string
	if err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", settingCareers).Scan(&v); err == nil {
		var stored careersSettingsJSON
		if json.Unmarshal([]byte(v), &stored) == nil && strings.TrimSpace(stored.CompanyName) != "" {
			return stored.CompanyName
		}
	}
	if id := db.mailFrom.Load(); id != nil && id.name != "" {
		return id.name
	}
	return "our team"
}

// mayReadTemplates: everyone who may send mail.
func mayReadTemplates(a hiring.Actor) error {
	if a.System || a.CanManageRecords() || a.Role == hiring.RoleHiringManager {
		return nil
	}
	return forbidden("Templates are for those who send mail.")
}

// ListTemplates lists the templates by language and name.
func (db *DB) ListTemplates(ctx context.Context) ([]hiring.MessageTemplate, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := mayReadTemplates(a); err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+tplCols+" FROM message_templates t ORDER BY t.language, t.name, t.id")
	if err != nil {
		return nil, dbErr("templates", err)
	}
	defer rows.Close()
	var out []hiring.MessageTemplate
	for rows.Next() {
		x, err := scanTemplate(rows)
		if err != nil {
			return nil, dbErr("templates", err)
		}
		out = append(out, x)
	}
	return out, dbErr("templates", rows.Err())
}

// Template returns one template.
func (db *DB) Template(ctx context.Context, id string) (hiring.MessageTemplate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.MessageTemplate{}, err
	}
	if err := mayReadTemplates(a); err != nil {
		return hiring.MessageTemplate{}, err
	}
	x, err := scanTemplate(db.rd.QueryRowContext(ctx, "SELECT "+tplCols+" FROM message_templates t WHERE t.id = $1", id))
	return x, notFound("template", err)
}

func checkTemplateInput(in hiring.TemplateInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	if err := mail.CheckTemplate(in.Subject, in.Body); err != nil {
		var te *mail.TemplateError
		if errors.As(err, &te) {
			return invalid(te.Field, te.Msg)
		}
		return err
	}
	return nil
}

func mayEditTemplates(a hiring.Actor) error {
	if a.CanManageRecords() {
		return nil
	}
	return forbidden("Only admins and recruiters change templates.")
}

// CreateTemplate adds a template of the team's own.
func (db *DB) CreateTemplate(ctx context.Context, in hiring.TemplateInput) (hiring.MessageTemplate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.MessageTemplate{}, err
	}
	if err := mayEditTemplates(a); err != nil {
		return hiring.MessageTemplate{}, err
	}
	if err := checkTemplateInput(in); err != nil {
		return hiring.MessageTemplate{}, err
	}
	t := now()
	x := hiring.MessageTemplate{ID: NewID(), Language: in.Language, Name: strings.TrimSpace(in.Name), Subject: strings.TrimSpace(in.Subject),
		Body: in.Body, CreatedAt: t, UpdatedAt: t}
	err = db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO message_templates (id, key, language, name, subject, body, created_at, updated_at)
			VALUES ($1, '', $2, $3, $4, $5, $6, $6)`, x.ID, x.Language, x.Name, x.Subject, x.Body, TimeArg(t)); err != nil {
			return dbErr("create template", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "template.created", SubjectType: "template", SubjectID: x.ID,
			Summary: "created the mail template " + x.Name}, false)
	})
	return x, err
}

// UpdateTemplate changes a template (shipped ones too).
func (db *DB) UpdateTemplate(ctx context.Context, id string, in hiring.TemplateInput) (hiring.MessageTemplate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.MessageTemplate{}, err
	}
	if err := mayReadTemplates(a); err != nil {
		return hiring.MessageTemplate{}, err
	}
	var x hiring.MessageTemplate
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := scanTemplate(tx.QueryRowContext(ctx, "SELECT "+tplCols+" FROM message_templates t WHERE t.id = $1", id))
		if err != nil {
			return notFound("template", err)
		}
		if err := mayEditTemplates(a); err != nil {
			return err
		}
		if err := checkTemplateInput(in); err != nil {
			return err
		}
		if old.Key != "" && in.Language != old.Language {
			return invalid("language", "A shipped template keeps its language.")
		}
		x = old
		x.Name, x.Language, x.Subject, x.Body, x.UpdatedAt = strings.TrimSpace(in.Name), in.Language, strings.TrimSpace(in.Subject), in.Body, now()
		if _, err := tx.ExecContext(ctx, "UPDATE message_templates SET name = $1, language = $2, subject = $3, body = $4, updated_at = $5 WHERE id = $6",
			x.Name, x.Language, x.Subject, x.Body, TimeArg(x.UpdatedAt), id); err != nil {
			return dbErr("update template", err)
		}
		b, af := diff(map[string]any{"name": old.Name, "subject": old.Subject, "body": old.Body},
			map[string]any{"name": x.Name, "subject": x.Subject, "body": x.Body})
		return db.record(ctx, tx, a, hiring.Activity{Action: "template.updated", SubjectType: "template", SubjectID: x.ID,
			Summary: "changed the mail template " + x.Name, Before: b, After: af}, false)
	})
	return x, err
}

// DeleteTemplate removes a template of the team's own.
func (db *DB) DeleteTemplate(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := mayReadTemplates(a); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		old, err := scanTemplate(tx.QueryRowContext(ctx, "SELECT "+tplCols+" FROM message_templates t WHERE t.id = $1", id))
		if err != nil {
			return notFound("template", err)
		}
		if err := mayEditTemplates(a); err != nil {
			return err
		}
		if old.Key != "" {
			return conflict("", "Shipped templates can be changed but not deleted.")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM message_templates WHERE id = $1", id); err != nil {
			return dbErr("delete template", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "template.deleted", SubjectType: "template", SubjectID: id,
			Summary: "deleted the mail template " + old.Name}, false)
	})
}

// MaxSignature bounds a signature.
const maxSignature = 2000

// Signature is the actor's signature ("" when none).
func (db *DB) Signature(ctx context.Context) (string, error) {
	a, err := actor(ctx)
	if err != nil || a.System {
		return "", err
	}
	return db.signature(ctx, db.rd, a.UserID), nil
}

func (db *DB) signature(ctx context.Context, q querier, userID string) string {
	var s string
	_ = q.QueryRowContext(ctx, "SELECT body FROM user_signatures WHERE user_id = $1", userID).Scan(&s)
	return s
}

// SetSignature changes the actor's signature ("" removes it). Merge fields
// are allowed in it, like in a template body.
func (db *DB) SetSignature(ctx context.Context, body string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if a.System {
		return forbidden("The system has no signature.")
	}
	body = strings.TrimSpace(body)
	switch {
	case !hiring.IsText(body):
		return invalid("signature", hiring.NotText)
	case len(body) > maxSignature:
		return invalid("signature", "Please keep the signature under 2,000 characters.")
	}
	if err := mail.CheckTemplate("", body); err != nil {
		var te *mail.TemplateError
		if errors.As(err, &te) {
			return invalid("signature", te.Msg)
		}
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if body == "" {
			_, err := tx.ExecContext(ctx, "DELETE FROM user_signatures WHERE user_id = $1", a.UserID)
			return dbErr("signature", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO user_signatures (user_id, body, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (user_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`, a.UserID, body, TimeArg(now()))
		return dbErr("signature", err)
	})
}
