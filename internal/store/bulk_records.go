package store

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/candor-ats/candor/internal/hiring"
)

var (
	colsDept     = []string{"id", "name"}
	colsLoc      = []string{"id", "name", "city", "country"}
	colsUser     = []string{"id", "email", "name", "role", "time_zone", "disabled", "password_hash", "created_at", "updated_at"}
	colsJob      = []string{"id", "title", "department_id", "workplace_type", "allowed_countries", "employment_type", "description", "requirements", "salary_min", "salary_max", "salary_currency", "salary_period", "openings", "status", "confidential", "version", "created_at", "updated_at", "published_at"}
	colsJobLoc   = []string{"job_id", "location_id", "position"}
	colsJobTeam  = []string{"job_id", "user_id", "role"}
	colsStage    = []string{"id", "job_id", "name", "kind", "position"}
	colsCand     = []string{"id", "first_name", "last_name", "sort_name", "emails", "phones", "links", "location", "headline", "current_title", "current_company", "source", "owner_id", "tags", "consent_processing", "consent_processing_at", "consent_marketing", "consent_marketing_at", "retain_until", "consent_source", "version", "created_at", "updated_at"}
	colsCandMail = []string{"candidate_id", "email", "position"}
	colsCandTag  = []string{"candidate_id", "tag", "updated_at", "source"}
	colsCandTel  = []string{"candidate_id", "phone_key"}
	colsCandLI   = []string{"candidate_id", "url_key"}
	colsApp      = []string{"id", "candidate_id", "job_id", "stage_id", "status", "source", "credited_to_id", "applied_at", "stage_entered_at", "rejection_reason_id", "rejection_reason", "rejected_at", "hired_at", "withdrawn_at", "version", "created_at", "updated_at"}
	colsVisit    = []string{"id", "application_id", "stage_id", "stage_name", "entered_at", "left_at", "actor_name"}
	colsEvent    = []string{"id", "application_id", "job_id", "kind", "stage_id", "stage_name", "stage_kind", "from_stage_id", "from_stage_kind", "direction", "reason_id", "reason", "actor_id", "at"}
	colsNote     = []string{"id", "candidate_id", "application_id", "job_id", "author_id", "author_name", "body", "private", "created_at", "updated_at"}
	colsDoc      = []string{"id", "candidate_id", "application_id", "kind", "file_name", "content_type", "size", "sha256", "blob_key", "uploaded_by_id", "parse_status", "parse_error", "created_at"}
	colsAct      = []string{"id", "actor_id", "actor_name", "action", "subject_type", "subject_id", "candidate_id", "job_id", "summary", "before_json", "after_json", "ip", "private", "created_at"}
)

// Department adds a department.
func (b *Batch) Department(d hiring.Department) error {
	return b.add("departments", colsDept, d.ID, d.Name)
}

// Location adds a location.
func (b *Batch) Location(l hiring.Location) error {
	return b.add("locations", colsLoc, l.ID, l.Name, l.City, l.Country)
}

// User adds a user with a password hash ("" = cannot log in until reset).
func (b *Batch) User(u hiring.User, passwordHash string) error {
	return b.add("users", colsUser, u.ID, strings.ToLower(u.Email), u.Name, string(u.Role), u.TimeZone, u.Disabled, passwordHash, TimeArg(u.CreatedAt), TimeArg(u.UpdatedAt))
}

// Job adds a job with its stages, locations, team and a creation activity.
func (b *Batch) Job(j hiring.Job, stages []hiring.Stage) error {
	var smin, smax, scur, sper any
	if s := j.Salary; s != nil {
		smin, smax, scur, sper = s.Min, s.Max, s.Currency, string(s.Period)
	}
	if err := b.add("jobs", colsJob, j.ID, j.Title, nullString(j.DepartmentID), string(j.WorkplaceType), jsonArg(j.AllowedCountries),
		string(j.EmploymentType), j.Description, jsonArg(j.Requirements), smin, smax, scur, sper, j.Openings, string(j.Status),
		j.Confidential, j.Version, TimeArg(j.CreatedAt), TimeArg(j.UpdatedAt), nullTimeArg(j.PublishedAt)); err != nil {
		return err
	}
	for i, l := range j.LocationIDs {
		if err := b.add("job_locations", colsJobLoc, j.ID, l, i); err != nil {
			return err
		}
	}
	for _, m := range j.HiringTeam {
		if err := b.add("job_team", colsJobTeam, j.ID, m.UserID, string(m.Role)); err != nil {
			return err
		}
	}
	for _, s := range stages {
		if err := b.add("stages", colsStage, s.ID, s.JobID, s.Name, string(s.Kind), s.Position); err != nil {
			return err
		}
	}
	return b.activity(derivedID(j.ID, 1), "job.created", "job", j.ID, "", j.ID, "created the job "+j.Title, j.CreatedAt)
}

// Candidate adds a candidate with its email and tag lookups and a creation activity.
func (b *Batch) Candidate(c hiring.Candidate) error {
	co := c.Consent
	if err := b.add("candidates", colsCand, c.ID, c.FirstName, c.LastName, sortName(hiring.CandidateInput{FirstName: c.FirstName, LastName: c.LastName}),
		jsonArg(c.Emails), jsonArg(c.Phones), jsonArg(c.Links), c.Location, c.Headline, c.CurrentTitle, c.CurrentCompany,
		c.Source, nullString(c.OwnerID), jsonArg(c.Tags), co.Processing, nullTimeArg(co.ProcessingAt), co.Marketing,
		nullTimeArg(co.MarketingAt), nullTimeArg(co.RetainUntil), co.ConsentSource, c.Version, TimeArg(c.CreatedAt), TimeArg(c.UpdatedAt)); err != nil {
		return err
	}
	for i, e := range c.Emails {
		if err := b.add("candidate_emails", colsCandMail, c.ID, strings.ToLower(e), i); err != nil {
			return err
		}
	}
	for _, t := range c.Tags {
		if err := b.add("candidate_tags", colsCandTag, c.ID, t, TimeArg(c.UpdatedAt), c.Source); err != nil {
			return err
		}
	}
	if b.quiet {
		if err := b.duplicateKeys(c); err != nil {
			return err
		}
	}
	return b.activity(derivedID(c.ID, 1), "candidate.created", "candidate", c.ID, c.ID, "", "added "+c.Name(), c.CreatedAt)
}

// duplicateKeys writes the duplicate-detection keys that the candidates
// trigger writes when it runs. The keys come from the Go rules, which a store
// test holds equal to the trigger's SQL: a set-wise rebuild in SQL called the
// key functions (not inlinable) at a cost of seconds per 100,000 candidates.
func (b *Batch) duplicateKeys(c hiring.Candidate) error {
	seen := map[string]bool{}
	for _, p := range c.Phones {
		if k := hiring.PhoneKey(p); k != "" && !seen["p"+k] {
			seen["p"+k] = true
			if err := b.add("candidate_phones", colsCandTel, c.ID, k); err != nil {
				return err
			}
		}
	}
	for _, l := range c.Links {
		if k := hiring.LinkedInKey(l.URL); k != "" && !seen["l"+k] {
			seen["l"+k] = true
			if err := b.add("candidate_linkedin", colsCandLI, c.ID, k); err != nil {
				return err
			}
		}
	}
	return nil
}

// Application adds an application, its stage visits (visited in order, the
// last one current), its stage history (application_events: one entered row
// per visit and the decision of a decided one) and a creation activity.
func (b *Batch) Application(a hiring.Application, visited []hiring.Stage) error {
	if err := b.add("applications", colsApp, a.ID, a.CandidateID, a.JobID, a.StageID, string(a.Status), a.Source, nullString(a.CreditedToID),
		TimeArg(a.AppliedAt), TimeArg(a.StageEnteredAt), nullString(a.RejectionReasonID), a.RejectionReason, nullTimeArg(a.RejectedAt),
		nullTimeArg(a.HiredAt), nullTimeArg(a.WithdrawnAt), a.Version, TimeArg(a.CreatedAt), TimeArg(a.UpdatedAt)); err != nil {
		return err
	}
	n := len(visited)
	for i, s := range visited {
		entered := a.AppliedAt
		if n > 1 {
			entered = a.AppliedAt.Add(a.StageEnteredAt.Sub(a.AppliedAt) * time.Duration(i) / time.Duration(n-1))
		}
		var left any
		if i < n-1 {
			next := a.AppliedAt.Add(a.StageEnteredAt.Sub(a.AppliedAt) * time.Duration(i+1) / time.Duration(n-1))
			left = TimeArg(next)
		}
		if err := b.add("stage_visits", colsVisit, derivedID(a.ID, byte(2+i)), a.ID, s.ID, s.Name, TimeArg(entered), left, ""); err != nil {
			return err
		}
		var from any
		fromKind, dir := "", 0
		if i > 0 {
			from, fromKind = visited[i-1].ID, string(visited[i-1].Kind)
			dir = cmpInt(s.Position, visited[i-1].Position)
		}
		if err := b.add("application_events", colsEvent, derivedID(a.ID, byte(100+i)), a.ID, a.JobID, evEntered, s.ID, s.Name, string(s.Kind),
			from, fromKind, dir, nil, "", nil, TimeArg(entered)); err != nil {
			return err
		}
	}
	if n > 0 {
		var kind string
		var at *time.Time
		switch a.Status {
		case hiring.AppRejected:
			kind, at = evRejected, a.RejectedAt
		case hiring.AppWithdrawn:
			kind, at = evWithdrawn, a.WithdrawnAt
		case hiring.AppHired:
			kind, at = evHired, a.HiredAt
		}
		if at != nil {
			last := visited[n-1]
			if err := b.add("application_events", colsEvent, derivedID(a.ID, 99), a.ID, a.JobID, kind, last.ID, last.Name, string(last.Kind),
				nil, "", 0, nullString(a.RejectionReasonID), a.RejectionReason, nil, TimeArg(*at)); err != nil {
				return err
			}
		}
	}
	return b.activity(derivedID(a.ID, 1), "application.created", "application", a.ID, a.CandidateID, a.JobID, "added "+a.CandidateName+" to the pipeline", a.CreatedAt)
}

// Note adds a note.
func (b *Batch) Note(n hiring.Note) error {
	return b.add("notes", colsNote, n.ID, n.CandidateID, nullString(n.ApplicationID), nil, nullString(n.AuthorID), n.AuthorName, n.Body, n.Private, TimeArg(n.CreatedAt), TimeArg(n.UpdatedAt))
}

// Document adds a document record whose blob the caller stored already.
func (b *Batch) Document(d hiring.Document) error {
	return b.add("documents", colsDoc, d.ID, d.CandidateID, nullString(d.ApplicationID), d.Kind, d.FileName, d.ContentType, d.Size, d.SHA256, d.BlobKey,
		nullString(d.UploadedByID), d.ParseStatus, d.ParseError, TimeArg(d.CreatedAt))
}

// RejectionReasonIDs returns the seeded reasons' IDs.
func (b *Batch) RejectionReasonIDs() ([]string, error) {
	if err := b.wait(); err != nil {
		return nil, err
	}
	rows, err := b.tx.QueryContext(b.ctx, "SELECT id FROM rejection_reasons WHERE archived = $1 ORDER BY position", false)
	if err != nil {
		return nil, fmt.Errorf("store: rejection reasons: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// derivedID returns a UUID that differs from id only in its last byte, so a
// record's activity and visits sort with it and need no extra randomness.
func derivedID(id string, n byte) string {
	u, err := uuid.Parse(id)
	if err != nil {
		return NewID()
	}
	u[15] ^= n
	return u.String()
}

func (b *Batch) activity(id, action, subjectType, subjectID, candidateID, jobID, summary string, at time.Time) error {
	return b.add("activity", colsAct, id, nil, "Candor demo", action, subjectType, subjectID, nullString(candidateID), nullString(jobID), summary, nil, nil, "", false, TimeArg(at))
}

func cmpInt(a, b int) int {
	switch {
	case a > b:
		return 1
	case a < b:
		return -1
	}
	return 0
}
