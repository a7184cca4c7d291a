package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// The candidate status page (issue 10 part 7). Its calls need no actor: the
// hash of the link's secret is the capability. Changes are made as
// statusActor, so the timeline says the candidate made them.

// statusActor is who the timeline names for what a candidate does on their
// status page.
func statusActor() hiring.Actor {
	return hiring.Actor{System: true, Name: "The candidate (status page)"}
}

// futureConsentMonths is how long consent to be contacted about future
// roles lasts when given on the status page (as on the careers form).
const futureConsentMonths = 24

// mintStatusLink stores a new status link for the candidate in the caller's
// transaction and returns its secret (which is kept nowhere).
func (db *DB) mintStatusLink(ctx context.Context, tx *sql.Tx, candidateID, messageID string) (string, error) {
	secret, hash := hiring.NewStatusToken()
	at := now()
	_, err := tx.ExecContext(ctx, `INSERT INTO status_links (token_hash, candidate_id, purpose, message_id, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, hash, candidateID, hiring.StatusPurpose, nullString(messageID), TimeArg(at),
		TimeArg(at.Add(hiring.StatusLinkLifetime)))
	if err != nil {
		return "", dbErr("status link", err)
	}
	return secret, nil
}

// StatusLinkURL is the address of a status page secret under this
// installation's public address (SetPublicURL).
func (db *DB) statusLinkURL(secret string) string {
	base := ""
	if p := db.publicURL.Load(); p != nil {
		base = strings.TrimRight(*p, "/")
	}
	return base + "/status/" + secret
}

// SetPublicURL tells the store the installation's public address, which
// links in mail ({{status_link}}) start with.
func (db *DB) SetPublicURL(u string) { db.publicURL.Store(&u) }

// MintStatusLink makes a status link for a candidate the actor may email
// (recruiters; tests and other capabilities that send the link themselves)
// and returns its full address.
func (db *DB) MintStatusLink(ctx context.Context, candidateID string) (string, error) {
	a, err := actor(ctx)
	if err != nil {
		return "", err
	}
	var secret string
	err = db.write(ctx, func(tx *sql.Tx) error {
		if _, err := db.loadCandidate(ctx, tx, a, candidateID); err != nil {
			return err
		}
		if !a.CanManageRecords() {
			return forbidden("Only admins and recruiters make status links.")
		}
		secret, err = db.mintStatusLink(ctx, tx, candidateID, "")
		return err
	})
	if err != nil {
		return "", err
	}
	return db.statusLinkURL(secret), nil
}

// statusCandidate finds the candidate a live status link belongs to.
func (db *DB) statusCandidate(ctx context.Context, q querier, tokenHash string) (string, time.Time, error) {
	if len(tokenHash) != 64 {
		return "", time.Time{}, hiring.ErrNotFound("status page")
	}
	var id string
	var exp time.Time
	err := q.QueryRowContext(ctx, "SELECT candidate_id, expires_at FROM status_links WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3",
		tokenHash, hiring.StatusPurpose, TimeArg(now())).Scan(&id, timeCol{&exp})
	if err != nil {
		return "", time.Time{}, notFound("status page", err)
	}
	return id, exp, nil
}

// StatusPage is what the status page shows (lang picks the labels).
func (db *DB) StatusPage(ctx context.Context, tokenHash, lang string) (hiring.StatusView, error) {
	id, exp, err := db.statusCandidate(ctx, db.rd, tokenHash)
	if err != nil {
		return hiring.StatusView{}, err
	}
	c, err := db.loadCandidate(ctx, db.rd, hiring.SystemActor(), id)
	if err != nil {
		return hiring.StatusView{}, err
	}
	if lang != "de" {
		lang = "en"
	}
	v := hiring.StatusView{CandidateID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Email: c.PrimaryEmail(),
		Location: c.Location, FutureConsent: c.Consent.Marketing, ConsentUntil: c.Consent.RetainUntil, ExpiresAt: exp, Language: lang}
	if len(c.Phones) > 0 {
		v.Phone = c.Phones[0]
	}
	labels, err := db.labelsFor(ctx, db.rd, lang)
	if err != nil {
		return hiring.StatusView{}, err
	}
	v.Applications, err = db.statusApplications(ctx, db.rd, c.ID, labels)
	return v, err
}

// statusApplications are a candidate's applications as they see them.
func (db *DB) statusApplications(ctx context.Context, q querier, candidateID string, labels map[string]string) ([]hiring.StatusApplication, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.status, s.kind, COALESCE(NULLIF(jp.title, ''), j.title), a.applied_at, a.updated_at
		FROM applications a JOIN jobs j ON j.id = a.job_id JOIN stages s ON s.id = a.stage_id LEFT JOIN job_posts jp ON jp.job_id = j.id
		WHERE a.candidate_id = $1 ORDER BY a.applied_at DESC, a.id LIMIT 100`, candidateID)
	if err != nil {
		return nil, dbErr("status applications", err)
	}
	defer rows.Close()
	var out []hiring.StatusApplication
	for rows.Next() {
		var x hiring.StatusApplication
		if err := rows.Scan(&x.ID, &x.Status, &x.StageKind, &x.JobTitle, timeCol{&x.AppliedAt}, timeCol{&x.UpdatedAt}); err != nil {
			return nil, dbErr("status applications", err)
		}
		switch x.Status {
		case hiring.AppRejected:
			x.Label = labels[hiring.LabelRejected]
		case hiring.AppWithdrawn:
			x.Label = labels[hiring.LabelWithdrawn]
		case hiring.AppHired:
			x.Label = labels[string(hiring.StageHired)]
		default:
			x.Label = labels[string(x.StageKind)]
			x.CanWithdraw = true
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// labelsFor is every label key in a language: the admin's, else the default.
func (db *DB) labelsFor(ctx context.Context, q querier, lang string) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range hiring.DefaultStageLabels[lang] {
		out[k] = v
	}
	rows, err := q.QueryContext(ctx, "SELECT key, label FROM status_labels WHERE language = $1", lang)
	if err != nil {
		return nil, dbErr("status labels", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, l string
		if err := rows.Scan(&k, &l); err != nil {
			return nil, dbErr("status labels", err)
		}
		out[k] = l
	}
	return out, rows.Err()
}

// StatusWithdraw withdraws one of the link's candidate's active applications.
func (db *DB) StatusWithdraw(ctx context.Context, tokenHash, applicationID string) error {
	id, _, err := db.statusCandidate(ctx, db.rd, tokenHash)
	if err != nil {
		return err
	}
	var owner string
	if err := db.rd.QueryRowContext(ctx, "SELECT candidate_id FROM applications WHERE id = $1", applicationID).Scan(&owner); err != nil || owner != id {
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return dbErr("status withdraw", err)
		}
		return hiring.ErrNotFound("application")
	}
	_, err = db.WithdrawApplication(hiring.WithActor(ctx, statusActor()), applicationID, 0)
	return err
}

// StatusUpdateContact changes the link's candidate's primary email, phone
// and location (earlier emails and phones are kept after the new ones).
func (db *DB) StatusUpdateContact(ctx context.Context, tokenHash string, in hiring.StatusContact) error {
	id, _, err := db.statusCandidate(ctx, db.rd, tokenHash)
	if err != nil {
		return err
	}
	var v hiring.Validation
	in.Email, in.Phone, in.Location = strings.TrimSpace(in.Email), strings.TrimSpace(in.Phone), strings.TrimSpace(in.Location)
	email, ok := hiring.NormalizeEmail(in.Email)
	if !ok {
		v.Add("email", "is not a valid email address")
	}
	if in.Phone != "" && !hiring.ValidPhone(in.Phone) {
		v.Add("phone", "is not a valid phone number")
	}
	if !hiring.IsText(in.Location) || len(in.Location) > 200 || strings.ContainsAny(in.Location, "\r\n") {
		v.Add("location", "must be one line of at most 200 characters")
	}
	if err := v.Err(); err != nil {
		return err
	}
	sys := hiring.WithActor(ctx, statusActor())
	c, err := db.loadCandidate(ctx, db.rd, hiring.SystemActor(), id)
	if err != nil {
		return err
	}
	ci := candidateInputOf(c)
	ci.Emails = frontOf(email, c.Emails)
	if in.Phone != "" {
		ci.Phones = frontOf(in.Phone, c.Phones)
	}
	ci.Location = in.Location
	_, err = db.UpdateCandidate(sys, id, c.Version, ci)
	return err
}

// frontOf puts v first in list, once.
func frontOf(v string, list []string) []string {
	out := []string{v}
	for _, x := range list {
		if !strings.EqualFold(x, v) {
			out = append(out, x)
		}
	}
	return out
}

// StatusSetConsent records whether the link's candidate may be contacted
// about future roles.
func (db *DB) StatusSetConsent(ctx context.Context, tokenHash string, future bool) error {
	id, _, err := db.statusCandidate(ctx, db.rd, tokenHash)
	if err != nil {
		return err
	}
	c, err := db.loadCandidate(ctx, db.rd, hiring.SystemActor(), id)
	if err != nil {
		return err
	}
	ci := candidateInputOf(c)
	at := now()
	ci.Consent.Marketing, ci.Consent.MarketingAt, ci.Consent.ConsentSource = future, &at, "status page"
	if future {
		until := at.AddDate(0, futureConsentMonths, 0)
		ci.Consent.RetainUntil = &until
	}
	_, err = db.UpdateCandidate(hiring.WithActor(ctx, statusActor()), id, c.Version, ci)
	return err
}

// StatusAddResume records a resume the candidate uploaded (already saved
// by blob.Save) on their record; it is parsed like any other.
func (db *DB) StatusAddResume(ctx context.Context, tokenHash string, in hiring.NewDocument) (hiring.Document, error) {
	id, _, err := db.statusCandidate(ctx, db.rd, tokenHash)
	if err != nil {
		return hiring.Document{}, err
	}
	in.CandidateID, in.ApplicationID, in.Kind = id, "", "resume"
	return db.AddDocument(hiring.WithActor(ctx, statusActor()), in)
}

// StageLabels lists every label key × language with the label in force (admins).
func (db *DB) StageLabels(ctx context.Context) ([]hiring.StageLabel, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.IsAdmin() {
		return nil, forbidden("Status page labels are for admins.")
	}
	var out []hiring.StageLabel
	for _, lang := range hiring.StatusLanguages {
		m, err := db.labelsFor(ctx, db.rd, lang)
		if err != nil {
			return nil, err
		}
		for _, k := range hiring.StageLabelKeys {
			out = append(out, hiring.StageLabel{Key: k, Language: lang, Label: m[k]})
		}
	}
	return out, nil
}

// SetStageLabels stores an admin's labels; an empty label or the default
// text returns the key to its default.
func (db *DB) SetStageLabels(ctx context.Context, labels []hiring.StageLabel) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() {
		return forbidden("Status page labels are for admins.")
	}
	var v hiring.Validation
	known := map[string]bool{}
	for _, k := range hiring.StageLabelKeys {
		known[k] = true
	}
	for i := range labels {
		l := &labels[i]
		l.Label = strings.TrimSpace(l.Label)
		field := "label." + l.Language + "." + l.Key
		switch {
		case !known[l.Key] || hiring.DefaultStageLabels[l.Language] == nil:
			v.Add(field, "is not a status label")
		case !hiring.IsText(l.Label) || strings.ContainsAny(l.Label, "\r\n") || len(l.Label) > hiring.MaxStageLabel:
			v.Add(field, "must be one line of at most 120 characters")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		for _, l := range labels {
			if l.Label == "" || l.Label == hiring.DefaultStageLabels[l.Language][l.Key] {
				if _, err := tx.ExecContext(ctx, "DELETE FROM status_labels WHERE key = $1 AND language = $2", l.Key, l.Language); err != nil {
					return dbErr("status labels", err)
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO status_labels (key, language, label, updated_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (key, language) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at`,
				l.Key, l.Language, l.Label, TimeArg(now())); err != nil {
				return dbErr("status labels", err)
			}
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "settings.status_labels", SubjectType: "settings", SubjectID: "status_labels",
			Summary: "changed the status page labels"}, false)
	})
}
