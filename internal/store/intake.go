package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
)

// The careers site's intake (issue 9). SubmitApplication needs no actor:
// it writes as the system under the name "Careers site", and only for a
// job whose post is live.

// careersActor writes the intake's activity rows.
func careersActor() hiring.Actor { return hiring.Actor{System: true, Name: "Careers site"} }

// SubmitApplication stores one public application (see hiring.IntakeService).
func (db *DB) SubmitApplication(ctx context.Context, s hiring.Submission) (hiring.SubmitResult, error) {
	if s.Token == "" || len(s.Token) > 200 {
		return hiring.SubmitResult{}, invalid("token", "is missing")
	}
	if r, ok, err := db.intakeByToken(ctx, db.rd, s.Token); err != nil || ok {
		return r, err
	}
	email, ok := hiring.NormalizeEmail(s.Email)
	if !ok {
		return hiring.SubmitResult{}, invalid("email", "is not a valid email address")
	}
	in := hiring.CandidateInput{FirstName: s.FirstName, LastName: s.LastName, Emails: []string{email}, Location: s.Location,
		Source: s.Source}
	if strings.TrimSpace(s.Phone) != "" {
		in.Phones = []string{s.Phone}
	}
	if strings.TrimSpace(s.LinkedIn) != "" {
		in.Links = append(in.Links, hiring.Link{Kind: hiring.LinkLinkedIn, URL: s.LinkedIn})
	}
	if strings.TrimSpace(s.Portfolio) != "" {
		in.Links = append(in.Links, hiring.Link{Kind: hiring.LinkPortfolio, URL: s.Portfolio})
	}
	t := now()
	if !s.SubmittedAt.IsZero() {
		t = s.SubmittedAt.UTC().Truncate(time.Microsecond)
	}
	in.Consent = hiring.Consent{Processing: true, ProcessingAt: &t, ConsentSource: "careers form"}
	if s.FutureConsent {
		in.Consent.Marketing, in.Consent.MarketingAt, in.Consent.RetainUntil = true, &t, s.ConsentUntil
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return hiring.SubmitResult{}, err
	}
	var v hiring.Validation
	checkLen := func(field, val string, max int) {
		if len([]rune(val)) > max || !hiring.IsText(val) {
			v.Add(field, "must be at most %d characters of text", max)
		}
	}
	checkLen("cover_letter", s.CoverLetter, 20_000)
	checkLen("source", s.Source, 100)
	for f, val := range map[string]string{"channel": s.Channel, "referrer": s.Referrer, "utm_source": s.UTMSource,
		"utm_medium": s.UTMMedium, "utm_campaign": s.UTMCampaign, "privacy_version": s.PrivacyVersion} {
		checkLen(f, val, 200)
	}
	if s.EEO != nil && !s.EEO.Valid() {
		v.Add("eeo", "has an answer that is not one of the choices")
	}
	if err := v.Err(); err != nil {
		return hiring.SubmitResult{}, err
	}
	c := &intakeCall{s: s, email: email, in: in, t: t}
	var res hiring.SubmitResult
	var err error
	if db.dialect == DialectSQLite {
		res, err = db.submitBatched(ctx, c)
	} else {
		// PostgreSQL takes concurrent writers, and groups their commits'
		// WAL flushes itself: one transaction per application (batching them
		// through one connection measured slower).
		err = db.write(ctx, func(tx *sql.Tx) error {
			var jobs []river.JobArgs
			var err error
			res, jobs, err = db.submitTx(ctx, tx, c)
			if err != nil {
				return err
			}
			if err := db.enqueueMany(ctx, tx, jobs); err != nil {
				return err
			}
			if res.AlreadyApplied || res.Replayed {
				return nil
			}
			return countActive(ctx, tx, s.JobID, +1)
		})
	}
	if isUniqueViolation(err) {
		// A racing submission with the same token won (PostgreSQL, another
		// replica); its answer is ours.
		if r, ok, err2 := db.intakeByToken(ctx, db.rd, s.Token); err2 == nil && ok {
			return r, nil
		}
	}
	return res, err
}

// intakeCall is one application on its way into the database: the
// submission, its normalized email and candidate, and (once written) the
// outcome. done is closed when res and err are final (batched intake).
type intakeCall struct {
	s     hiring.Submission
	email string
	in    hiring.CandidateInput
	t     time.Time
	res   hiring.SubmitResult
	err   error
	done  chan struct{}
}

// submitTx writes one application in tx and returns the jobs to enqueue
// with it (the resume's parse, "application received"): the caller inserts
// them in the same transaction, and then, last, counts the new active
// application on its job (countActive; see insertApplicationCounting).
func (db *DB) submitTx(ctx context.Context, tx *sql.Tx, c *intakeCall) (hiring.SubmitResult, []river.JobArgs, error) {
	s, email, in, t := c.s, c.email, c.in, c.t
	a := careersActor()
	var jobs []river.JobArgs
	q := db.cached(tx)
	if r, ok, err := db.intakeByToken(ctx, q, s.Token); err != nil || ok {
		return r, nil, err
	}
	var live bool
	var title string
	err := q.QueryRowContext(ctx, "SELECT ("+liveCond+"), j.title FROM job_posts p JOIN jobs j ON j.id = p.job_id WHERE j.id = $1",
		s.JobID).Scan(&live, &title)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !live) {
		return hiring.SubmitResult{}, nil, hiring.ErrNotFound("job")
	} else if err != nil {
		return hiring.SubmitResult{}, nil, dbErr("apply: job", err)
	}
	cand, found, err := db.applicantByEmail(ctx, q, email, in)
	if err != nil {
		return hiring.SubmitResult{}, nil, err
	}
	if found {
		var appID string
		err := q.QueryRowContext(ctx, "SELECT id FROM applications WHERE candidate_id = $1 AND job_id = $2 ORDER BY id LIMIT 1",
			cand.ID, s.JobID).Scan(&appID)
		if err == nil {
			return hiring.SubmitResult{ApplicationID: appID, CandidateID: cand.ID, AlreadyApplied: true}, nil, nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return hiring.SubmitResult{}, nil, dbErr("apply: earlier application", err)
		}
		if err := db.refreshConsent(ctx, tx, a, cand, in.Consent); err != nil {
			return hiring.SubmitResult{}, nil, err
		}
	} else {
		if cand, err = db.insertCandidate(ctx, tx, a, in); err != nil {
			return hiring.SubmitResult{}, nil, err
		}
	}
	stages, err := stagesOf(ctx, q, s.JobID)
	if err != nil {
		return hiring.SubmitResult{}, nil, err
	}
	if len(stages) == 0 {
		return hiring.SubmitResult{}, nil, conflict("", "This job has no pipeline.")
	}
	stage := stages[0]
	for _, st := range stages {
		if st.Kind == hiring.StageApplied {
			stage = st
			break
		}
	}
	app, err := db.insertApplicationCounting(ctx, tx, a, hiring.NewApplication{CandidateID: cand.ID, JobID: s.JobID, StageID: stage.ID,
		Source: in.Source, AppliedAt: t}, false)
	if err != nil {
		return hiring.SubmitResult{}, nil, err
	}
	if d := s.Resume; d != nil {
		id := NewID()
		if _, err := db.txExec(ctx, tx, `INSERT INTO documents (id, candidate_id, application_id, kind, file_name, content_type, size,
			sha256, blob_key, uploaded_by_id, parse_status, parse_error, created_at) VALUES ($1, $2, $3, 'resume', $4, $5, $6, $7, $8, NULL, '', '', $9)`,
			id, cand.ID, app.ID, d.FileName, d.ContentType, d.Size, d.SHA256, d.BlobKey, TimeArg(t)); err != nil {
			return hiring.SubmitResult{}, nil, dbErr("apply: resume", err)
		}
		jobs = append(jobs, hiring.ParseDocumentJob{DocumentID: id})
	}
	if _, err := db.txExec(ctx, tx, `INSERT INTO application_intake (application_id, token, channel, referrer, utm_source, utm_medium,
		utm_campaign, cover_letter, privacy_version, future_consent, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		app.ID, s.Token, s.Channel, s.Referrer, s.UTMSource, s.UTMMedium, s.UTMCampaign, s.CoverLetter, s.PrivacyVersion,
		s.FutureConsent, TimeArg(t)); err != nil {
		return hiring.SubmitResult{}, nil, dbErr("apply: intake", err)
	}
	if e := s.EEO; e != nil {
		// Apart from the application: its own table, read only in
		// aggregate; the day, not the moment, of the answer.
		d := func(v string) string {
			if v == "" {
				return hiring.EEODecline
			}
			return v
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO eeo_responses (id, application_id, job_id, race, sex, veteran, disability, day)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, NewID(), app.ID, s.JobID, d(e.Race), d(e.Sex), d(e.Veteran), d(e.Disability),
			t.Format("2006-01-02")); err != nil {
			return hiring.SubmitResult{}, nil, dbErr("apply: self-identification", err)
		}
	}
	jobs = append(jobs, hiring.ApplicationReceivedJob{ApplicationID: app.ID})
	return hiring.SubmitResult{ApplicationID: app.ID, CandidateID: cand.ID}, jobs, nil
}

func (db *DB) intakeByToken(ctx context.Context, q querier, token string) (hiring.SubmitResult, bool, error) {
	var r hiring.SubmitResult
	err := q.QueryRowContext(ctx, `SELECT i.application_id, a.candidate_id FROM application_intake i JOIN applications a ON a.id = i.application_id
		WHERE i.token = $1`, token).Scan(&r.ApplicationID, &r.CandidateID)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, dbErr("apply: token", err)
	}
	r.Replayed = true
	return r, true, nil
}

// applicantByEmail finds the candidate an applicant is (the apply contract
// in CONTRACTS.md: exact email and the same name).
func (db *DB) applicantByEmail(ctx context.Context, tx querier, email string, in hiring.CandidateInput) (hiring.Candidate, bool, error) {
	if hiring.PlaceholderEmail(email) {
		return hiring.Candidate{}, false, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT candidate_id FROM candidate_emails WHERE email = $1 ORDER BY candidate_id LIMIT 5", email)
	if err != nil {
		return hiring.Candidate{}, false, dbErr("apply: email", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return hiring.Candidate{}, false, dbErr("apply: email", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	name := hiring.Candidate{FirstName: in.FirstName, LastName: in.LastName}.Name()
	for _, id := range ids {
		c, err := db.loadCandidate(ctx, tx, hiring.SystemActor(), id)
		if err != nil {
			return hiring.Candidate{}, false, err
		}
		if hiring.SameName(name, c.Name()) {
			return c, true, nil
		}
	}
	return hiring.Candidate{}, false, nil
}

// refreshConsent records an existing candidate's new consent from the form.
func (db *DB) refreshConsent(ctx context.Context, tx *sql.Tx, a hiring.Actor, c hiring.Candidate, co hiring.Consent) error {
	q := `UPDATE candidates SET consent_processing = TRUE, consent_processing_at = $1, consent_source = $2, version = version + 1, updated_at = $1`
	args := []any{nullTimeArg(co.ProcessingAt), co.ConsentSource}
	if co.Marketing {
		q += ", consent_marketing = TRUE, consent_marketing_at = $3, retain_until = $4 WHERE id = $5"
		args = append(args, nullTimeArg(co.MarketingAt), nullTimeArg(co.RetainUntil), c.ID)
	} else {
		q += " WHERE id = $3"
		args = append(args, c.ID)
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return dbErr("apply: consent", err)
	}
	return db.record(ctx, tx, a, hiring.Activity{Action: "candidate.consent", SubjectType: "candidate", SubjectID: c.ID, CandidateID: c.ID,
		Summary: c.Name() + " gave consent on the careers form", After: map[string]any{"processing": true, "marketing": co.Marketing,
			"source": co.ConsentSource}}, false)
}

// ApplicationIntake reads how an application arrived.
func (db *DB) ApplicationIntake(ctx context.Context, applicationID string) (hiring.Intake, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Intake{}, err
	}
	if _, err := db.loadApp(ctx, db.rd, a, applicationID); err != nil {
		return hiring.Intake{}, err
	}
	var in hiring.Intake
	err = db.rd.QueryRowContext(ctx, `SELECT application_id, channel, referrer, utm_source, utm_medium, utm_campaign, cover_letter,
		privacy_version, future_consent, submitted_at FROM application_intake WHERE application_id = $1`, applicationID).Scan(
		&in.ApplicationID, &in.Channel, &in.Referrer, &in.UTMSource, &in.UTMMedium, &in.UTMCampaign, &in.CoverLetter,
		&in.PrivacyVersion, &in.FutureConsent, timeCol{&in.SubmittedAt})
	if err != nil {
		return hiring.Intake{}, notFound("intake", err)
	}
	return in, nil
}

// JobSourceCounts counts a job's applications by source.
func (db *DB) JobSourceCounts(ctx context.Context, jobID string) ([]hiring.SourceCount, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := db.canSeeJob(ctx, db.rd, a, jobID); err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, `SELECT a.source, COUNT(*),
		SUM(CASE WHEN a.status = 'hired' OR s.kind IN ('interview', 'offer', 'hired') THEN 1 ELSE 0 END),
		SUM(CASE WHEN a.status = 'hired' THEN 1 ELSE 0 END)
		FROM applications a JOIN stages s ON s.id = a.stage_id WHERE a.job_id = $1 GROUP BY a.source ORDER BY COUNT(*) DESC, a.source`, jobID)
	if err != nil {
		return nil, dbErr("source counts", err)
	}
	defer rows.Close()
	out := []hiring.SourceCount{}
	for rows.Next() {
		var c hiring.SourceCount
		if err := rows.Scan(&c.Source, &c.Applications, &c.PastScreen, &c.Hired); err != nil {
			return nil, dbErr("source counts", err)
		}
		out = append(out, c)
	}
	return out, dbErr("source counts", rows.Err())
}

// ApplyForm reads a job's application form (public).
func (db *DB) ApplyForm(ctx context.Context, jobID string) (hiring.ApplyForm, error) {
	f := hiring.DefaultApplyForm()
	var raw string
	err := db.rd.QueryRowContext(ctx, "SELECT form FROM job_posts WHERE job_id = $1", jobID).Scan(&raw)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return f, nil
	case err != nil:
		return f, dbErr("apply form", err)
	}
	var stored map[string]hiring.FieldMode
	if json.Unmarshal([]byte(raw), &stored) == nil {
		for k, m := range stored {
			if _, ok := f.Fields[k]; ok {
				f.Fields[k] = m
			}
		}
	}
	return f, nil
}

// SetApplyForm changes a job's application form.
func (db *DB) SetApplyForm(ctx context.Context, jobID string, f hiring.ApplyForm) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	clean := map[string]hiring.FieldMode{}
	var v hiring.Validation
	for k, m := range f.Fields {
		if _, ok := hiring.DefaultApplyForm().Fields[k]; !ok {
			v.Add(k, "is not a field of the form")
			continue
		}
		switch m {
		case hiring.FieldRequired, hiring.FieldOptional, hiring.FieldHidden:
		default:
			v.Add(k, "must be required, optional or hidden")
		}
		switch k {
		case "first_name", "last_name", "email":
			if m != hiring.FieldRequired {
				v.Add(k, "is always required")
			}
		}
		clean[k] = m
	}
	if err := v.Err(); err != nil {
		return err
	}
	b, _ := json.Marshal(clean)
	return db.write(ctx, func(tx *sql.Tx) error {
		job, err := db.loadJob(ctx, tx, a, jobID)
		if err != nil {
			return err
		}
		if err := canEditJob(ctx, tx, a, jobID); err != nil {
			return err
		}
		if err := ensurePost(ctx, tx, jobID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE job_posts SET form = $1, version = version + 1, updated_at = $2 WHERE job_id = $3",
			string(b), TimeArg(now()), jobID); err != nil {
			return dbErr("save apply form", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "job.form_updated", SubjectType: "job", SubjectID: jobID, JobID: jobID,
			Summary: "changed the application form of " + job.Title, After: map[string]any{"fields": clean}}, false)
	})
}

// EEOAggregate counts a job's self-identification answers. It needs the
// dedicated EEO permission (Actor.SeesEEO): being an admin is not enough.
func (db *DB) EEOAggregate(ctx context.Context, jobID string) ([]hiring.EEOCount, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.SeesEEO() {
		return nil, forbidden("Reading self-identification totals needs the EEO permission, which an admin grants per user.")
	}
	var out []hiring.EEOCount
	for _, q := range []string{"race", "sex", "veteran", "disability"} {
		rows, err := db.rd.QueryContext(ctx, "SELECT "+q+", COUNT(*) FROM eeo_responses WHERE job_id = $1 GROUP BY "+q+" ORDER BY "+q, jobID)
		if err != nil {
			return nil, dbErr("eeo aggregate", err)
		}
		for rows.Next() {
			c := hiring.EEOCount{Question: q}
			if err := rows.Scan(&c.Answer, &c.Count); err != nil {
				rows.Close()
				return nil, dbErr("eeo aggregate", err)
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("eeo aggregate", err)
		}
	}
	return out, nil
}
