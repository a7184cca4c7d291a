package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

const offerCols = `o.id, o.application_id, o.candidate_id, o.job_id, c.first_name, c.last_name, j.title, o.title, o.salary, o.currency,
	o.period, o.start_date, o.bonus, o.equity, o.custom_fields, o.status, o.round, o.letter_blob_key, o.sent_at, o.answered_at,
	o.answer_name, o.answer_ip, o.decline_reason, o.version, o.created_at, o.updated_at`

const offerFrom = ` FROM offers o JOIN candidates c ON c.id = o.candidate_id JOIN jobs j ON j.id = o.job_id`

func scanOffer(row interface{ Scan(...any) error }) (hiring.Offer, error) {
	var o hiring.Offer
	var first, last, custom string
	err := row.Scan(&o.ID, &o.ApplicationID, &o.CandidateID, &o.JobID, &first, &last, &o.JobTitle, &o.Title, &o.Salary, &o.Currency,
		&o.Period, &o.StartDate, &o.Bonus, &o.Equity, &custom, &o.Status, &o.Round, &o.LetterBlobKey, nullTimeCol{&o.SentAt},
		nullTimeCol{&o.AnsweredAt}, &o.AnswerName, &o.AnswerIP, &o.DeclineReason, &o.Version, timeCol{&o.CreatedAt}, timeCol{&o.UpdatedAt})
	if err != nil {
		return o, err
	}
	o.CandidateName = hiring.Candidate{FirstName: first, LastName: last}.Name()
	o.HasLetter = o.LetterBlobKey != ""
	o.CustomFields = map[string]string{}
	if custom != "" {
		if err := json.Unmarshal([]byte(custom), &o.CustomFields); err != nil {
			return o, err
		}
	}
	return o, nil
}

// mayHandleOffers: offers are for those who decide on the job; interviewers
// (and managers off the team) are answered as if there were none.
func mayHandleOffers(ctx context.Context, q querier, a hiring.Actor, jobID string) error {
	if a.System {
		return nil
	}
	if a.Role == hiring.RoleInterviewer {
		return hiring.ErrNotFound("offer")
	}
	if err := canDecide(ctx, q, a, jobID); err != nil {
		if hiring.ErrorCode(err) == hiring.EForbidden {
			return hiring.ErrNotFound("offer")
		}
		return err
	}
	return nil
}

// chain is the approvers in force for a job: its own, else the company's.
func chain(ctx context.Context, q querier, jobID string) ([]hiring.User, error) {
	for _, scope := range []string{jobID, ""} {
		rows, err := q.QueryContext(ctx, "SELECT u."+strings.ReplaceAll(userCols, ", ", ", u.")+
			" FROM offer_approvers oa JOIN users u ON u.id = oa.user_id WHERE oa.job_id = $1 ORDER BY oa.position", scope)
		if err != nil {
			return nil, dbErr("offer approvers", err)
		}
		var out []hiring.User
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				rows.Close()
				return nil, dbErr("offer approvers", err)
			}
			out = append(out, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("offer approvers", err)
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, nil
}

// fillApprovals sets the current round's steps and the next approver.
func (db *DB) fillApprovals(ctx context.Context, q querier, o *hiring.Offer) error {
	ch, err := chain(ctx, q, o.JobID)
	if err != nil {
		return err
	}
	done := map[int]hiring.OfferApproval{}
	rows, err := q.QueryContext(ctx, "SELECT position, user_id, user_name, decided_at FROM offer_approvals WHERE offer_id = $1 AND round = $2", o.ID, o.Round)
	if err != nil {
		return dbErr("offer approvals", err)
	}
	for rows.Next() {
		var pos int
		var ap hiring.OfferApproval
		var at time.Time
		if err := rows.Scan(&pos, &ap.UserID, &ap.Name, timeCol{&at}); err != nil {
			rows.Close()
			return dbErr("offer approvals", err)
		}
		ap.Approved, ap.DecidedAt = true, &at
		done[pos] = ap
	}
	rows.Close()
	o.Approvals = nil
	o.NextApproverID = ""
	for i, u := range ch {
		if ap, ok := done[i]; ok && ap.UserID == u.ID {
			o.Approvals = append(o.Approvals, ap)
			continue
		}
		o.Approvals = append(o.Approvals, hiring.OfferApproval{UserID: u.ID, Name: u.Name})
		if o.NextApproverID == "" && o.Status == hiring.OfferPending {
			o.NextApproverID = u.ID
		}
	}
	return rows.Err()
}

func (db *DB) loadOffer(ctx context.Context, q querier, a hiring.Actor, where string, arg any) (hiring.Offer, error) {
	o, err := scanOffer(q.QueryRowContext(ctx, "SELECT "+offerCols+offerFrom+" WHERE "+where, arg))
	if err != nil {
		return o, notFound("offer", err)
	}
	if _, err := db.loadApp(ctx, q, a, o.ApplicationID); err != nil {
		return hiring.Offer{}, err
	}
	if err := mayHandleOffers(ctx, q, a, o.JobID); err != nil {
		return hiring.Offer{}, err
	}
	return o, db.fillApprovals(ctx, q, &o)
}

// ApplicationOffer reads the application's offer.
func (db *DB) ApplicationOffer(ctx context.Context, applicationID string) (hiring.Offer, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Offer{}, err
	}
	return db.loadOffer(ctx, db.rd, a, "o.application_id = $1", applicationID)
}

// Offer reads one offer.
func (db *DB) Offer(ctx context.Context, id string) (hiring.Offer, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Offer{}, err
	}
	return db.loadOffer(ctx, db.rd, a, "o.id = $1", id)
}

func (db *DB) recordOffer(ctx context.Context, tx *sql.Tx, a hiring.Actor, o hiring.Offer, action, summary string, after map[string]any) error {
	// Private: interviewers never see offer steps on a timeline.
	return db.record(ctx, tx, a, hiring.Activity{Action: action, SubjectType: "offer", SubjectID: o.ID, CandidateID: o.CandidateID,
		JobID: o.JobID, Summary: summary, After: after}, true)
}

// SaveOffer creates or changes the application's offer.
func (db *DB) SaveOffer(ctx context.Context, applicationID string, in hiring.OfferInput, version int) (hiring.Offer, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Offer{}, err
	}
	if err := in.Validate(); err != nil {
		return hiring.Offer{}, err
	}
	custom, _ := json.Marshal(in.CustomFields)
	if in.CustomFields == nil {
		custom = []byte("{}")
	}
	var out hiring.Offer
	err = db.write(ctx, func(tx *sql.Tx) error {
		app, err := db.loadApp(ctx, tx, a, applicationID)
		if err != nil {
			return err
		}
		if err := mayHandleOffers(ctx, tx, a, app.JobID); err != nil {
			return err
		}
		t := now()
		cur, err := db.loadOffer(ctx, tx, a, "o.application_id = $1", applicationID)
		switch {
		case hiring.ErrorCode(err) == hiring.ENotFound:
			if app.Status != hiring.AppActive {
				return conflict("application_id", "Offers are made on active applications only.")
			}
			id := NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO offers (id, application_id, candidate_id, job_id, title, salary, currency, period,
				start_date, bonus, equity, custom_fields, status, round, created_by, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'draft', 0, $13, $14, $14)`,
				id, app.ID, app.CandidateID, app.JobID, in.Title, in.Salary, in.Currency, in.Period, in.StartDate, in.Bonus, in.Equity,
				string(custom), nullString(a.UserID), TimeArg(t)); err != nil {
				return dbErr("create offer", err)
			}
			out, err = db.loadOffer(ctx, tx, a, "o.id = $1", id)
			if err != nil {
				return err
			}
			return db.recordOffer(ctx, tx, a, out, "offer.created", "drafted an offer to "+app.CandidateName, map[string]any{"title": in.Title})
		case err != nil:
			return err
		}
		if version != 0 && version != cur.Version {
			return staleVersion("offer")
		}
		switch cur.Status {
		case hiring.OfferSent, hiring.OfferAccepted, hiring.OfferDeclined:
			return conflict("", "This offer was sent to the candidate and can no longer change.")
		}
		status, round := cur.Status, cur.Round
		restarted := false
		approved := false
		for _, ap := range cur.Approvals {
			approved = approved || ap.Approved
		}
		if cur.Status == hiring.OfferApproved || (cur.Status == hiring.OfferPending && approved) {
			// A change after an approval: every approver looks again.
			round++
			status, restarted = hiring.OfferPending, true
		}
		if _, err := tx.ExecContext(ctx, `UPDATE offers SET title = $1, salary = $2, currency = $3, period = $4, start_date = $5, bonus = $6,
			equity = $7, custom_fields = $8, status = $9, round = $10, version = version + 1, updated_at = $11 WHERE id = $12`,
			in.Title, in.Salary, in.Currency, in.Period, in.StartDate, in.Bonus, in.Equity, string(custom), status, round, TimeArg(t), cur.ID); err != nil {
			return dbErr("update offer", err)
		}
		out, err = db.loadOffer(ctx, tx, a, "o.id = $1", cur.ID)
		if err != nil {
			return err
		}
		if restarted && out.NextApproverID == "" {
			if err := db.setOfferStatus(ctx, tx, &out, hiring.OfferApproved); err != nil {
				return err
			}
		}
		summary := "changed the offer to " + cur.CandidateName
		if restarted {
			summary += "; the approval chain starts again"
		}
		return db.recordOffer(ctx, tx, a, out, "offer.updated", summary, map[string]any{"round": out.Round, "restarted": restarted})
	})
	return out, err
}

func (db *DB) setOfferStatus(ctx context.Context, tx *sql.Tx, o *hiring.Offer, status string) error {
	if _, err := tx.ExecContext(ctx, "UPDATE offers SET status = $1, updated_at = $2 WHERE id = $3", status, TimeArg(now()), o.ID); err != nil {
		return dbErr("offer status", err)
	}
	o.Status = status
	if status != hiring.OfferPending {
		o.NextApproverID = ""
	}
	return nil
}

// RequestOfferApproval starts the chain on a draft.
func (db *DB) RequestOfferApproval(ctx context.Context, id string) (hiring.Offer, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Offer{}, err
	}
	var out hiring.Offer
	err = db.write(ctx, func(tx *sql.Tx) error {
		o, err := db.loadOffer(ctx, tx, a, "o.id = $1", id)
		if err != nil {
			return err
		}
		if o.Status != hiring.OfferDraft {
			return conflict("", "Approval was asked for already.")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE offers SET status = 'pending', round = round + 1, version = version + 1, updated_at = $1 WHERE id = $2",
			TimeArg(now()), id); err != nil {
			return dbErr("offer approval", err)
		}
		if out, err = db.loadOffer(ctx, tx, a, "o.id = $1", id); err != nil {
			return err
		}
		summary := "asked for approval of the offer to " + o.CandidateName
		if out.NextApproverID == "" {
			if err := db.setOfferStatus(ctx, tx, &out, hiring.OfferApproved); err != nil {
				return err
			}
			summary += " (no approvers: approved)"
		}
		return db.recordOffer(ctx, tx, a, out, "offer.approval_requested", summary, map[string]any{"round": out.Round})
	})
	return out, err
}

// ApproveOffer records the actor's approval; only the next approver may.
func (db *DB) ApproveOffer(ctx context.Context, id string) (hiring.Offer, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Offer{}, err
	}
	var out hiring.Offer
	err = db.write(ctx, func(tx *sql.Tx) error {
		o, err := db.loadOffer(ctx, tx, a, "o.id = $1", id)
		if err != nil {
			return err
		}
		if o.Status != hiring.OfferPending {
			return conflict("", "This offer is not waiting for approval.")
		}
		pos := -1
		for i, ap := range o.Approvals {
			if ap.UserID == o.NextApproverID {
				pos = i
				break
			}
		}
		if a.System || o.NextApproverID != a.UserID || pos < 0 {
			inChain := false
			for _, ap := range o.Approvals {
				inChain = inChain || ap.UserID == a.UserID
			}
			if inChain {
				return forbidden("It is not your turn: the approvers approve in order.")
			}
			return forbidden("You are not in this offer's approval chain.")
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO offer_approvals (offer_id, round, position, user_id, user_name, decided_at) VALUES ($1, $2, $3, $4, $5, $6)",
			id, o.Round, pos, a.UserID, a.Name, TimeArg(now())); err != nil {
			return dbErr("approve offer", err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE offers SET version = version + 1, updated_at = $1 WHERE id = $2", TimeArg(now()), id); err != nil {
			return dbErr("approve offer", err)
		}
		if out, err = db.loadOffer(ctx, tx, a, "o.id = $1", id); err != nil {
			return err
		}
		summary := fmt.Sprintf("approved the offer to %s (step %d of %d)", o.CandidateName, pos+1, len(o.Approvals))
		if out.NextApproverID == "" {
			if err := db.setOfferStatus(ctx, tx, &out, hiring.OfferApproved); err != nil {
				return err
			}
			summary += "; the offer is approved"
		}
		return db.recordOffer(ctx, tx, a, out, "offer.approved", summary, map[string]any{"round": o.Round, "step": pos + 1})
	})
	return out, err
}

// OfferApprovers is the chain in force for the job.
func (db *DB) OfferApprovers(ctx context.Context, jobID string) ([]hiring.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if jobID != "" {
		if err := db.canSeeJob(ctx, db.rd, a, jobID); err != nil {
			return nil, err
		}
		if err := mayHandleOffers(ctx, db.rd, a, jobID); err != nil {
			return nil, err
		}
	} else if !a.System && a.Role == hiring.RoleInterviewer {
		return nil, forbidden("Interviewers do not handle offers.")
	}
	ch, err := chain(ctx, db.rd, jobID)
	out := make([]hiring.User, 0, len(ch))
	for _, u := range ch {
		out = append(out, u.AsSeenBy(a))
	}
	return out, err
}

// SetOfferApprovers sets a job's chain (those who decide on the job) or the
// company's (admins). Approvers must be active users who may see offers.
func (db *DB) SetOfferApprovers(ctx context.Context, jobID string, userIDs []string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if len(userIDs) > 10 {
		return invalid("user_ids", "name at most 10 approvers")
	}
	seen := map[string]bool{}
	for _, id := range userIDs {
		if id == "" || seen[id] || !hiring.IsText(id) {
			return invalid("user_ids", "contains an empty, invalid or repeated id")
		}
		seen[id] = true
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if jobID == "" {
			if !a.IsAdmin() {
				return forbidden("Only admins set the company's approval chain.")
			}
		} else {
			if err := db.canSeeJob(ctx, tx, a, jobID); err != nil {
				return err
			}
			if err := mayHandleOffers(ctx, tx, a, jobID); err != nil {
				return forbidden("You may not change this job's offer approvers.")
			}
		}
		users, err := activeUsers(ctx, tx, userIDs, "user_ids")
		if err != nil {
			return err
		}
		for _, u := range users {
			if u.Role == hiring.RoleInterviewer {
				return invalid("user_ids", u.Name+" is an interviewer: interviewers do not see offers")
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM offer_approvers WHERE job_id = $1", jobID); err != nil {
			return dbErr("offer approvers", err)
		}
		for i, id := range userIDs {
			if _, err := tx.ExecContext(ctx, "INSERT INTO offer_approvers (job_id, position, user_id) VALUES ($1, $2, $3)", jobID, i, id); err != nil {
				return dbErr("offer approvers", err)
			}
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "offer.approvers_set", SubjectType: "job", SubjectID: jobID, JobID: jobID,
			Summary: fmt.Sprintf("set %d offer approvers", len(userIDs)), After: map[string]any{"approvers": names(users, userIDs)}}, true)
	})
}

// SendOffer keeps the letter and puts the offer on the status page, with a
// mail to the candidate carrying their status link.
func (db *DB) SendOffer(ctx context.Context, id, letterBlobKey string) (hiring.Offer, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Offer{}, err
	}
	if letterBlobKey == "" {
		return hiring.Offer{}, invalid("letter", "The offer letter is missing.")
	}
	var out hiring.Offer
	err = db.write(ctx, func(tx *sql.Tx) error {
		o, err := db.loadOffer(ctx, tx, a, "o.id = $1", id)
		if err != nil {
			return err
		}
		if o.Status != hiring.OfferApproved {
			return conflict("", "Only an approved offer is sent.")
		}
		t := now()
		if _, err := tx.ExecContext(ctx, "UPDATE offers SET status = 'sent', letter_blob_key = $1, sent_at = $2, version = version + 1, updated_at = $2 WHERE id = $3",
			letterBlobKey, TimeArg(t), id); err != nil {
			return dbErr("send offer", err)
		}
		if _, err := db.QueueMessageTx(ctx, tx, hiring.NewMessage{CandidateID: o.CandidateID, ApplicationID: o.ApplicationID,
			Subject: "Your offer: {{job.title}}", Body: "Hello {{candidate.first_name}},\n\nWe are delighted to offer you the position of " +
				mdText(o.Title) + ". You can read the offer and its letter, and accept or decline it, here:\n\n{{status_link}}\n\n{{sender.name}}"}); err != nil &&
			hiring.ErrorCode(err) != hiring.EInvalid {
			return err
		}
		if out, err = db.loadOffer(ctx, tx, a, "o.id = $1", id); err != nil {
			return err
		}
		return db.recordOffer(ctx, tx, a, out, "offer.sent", "sent the offer to "+o.CandidateName, nil)
	})
	return out, err
}

// CandidateOffers lists a candidate's sent and answered offers (system only: the status page).
func (db *DB) CandidateOffers(ctx context.Context, candidateID string) ([]hiring.Offer, error) {
	if _, err := systemOnly(ctx); err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+offerCols+offerFrom+" WHERE o.candidate_id = $1 AND o.status IN ('sent', 'accepted', 'declined') ORDER BY o.created_at", candidateID)
	if err != nil {
		return nil, dbErr("offers", err)
	}
	defer rows.Close()
	var out []hiring.Offer
	for rows.Next() {
		o, err := scanOffer(rows)
		if err != nil {
			return nil, dbErr("offers", err)
		}
		out = append(out, o)
	}
	return out, dbErr("offers", rows.Err())
}

// AnswerOffer records the candidate's answer (system only); acceptance hires.
func (db *DB) AnswerOffer(ctx context.Context, id string, in hiring.OfferAnswer) (hiring.Offer, error) {
	if _, err := systemOnly(ctx); err != nil {
		return hiring.Offer{}, err
	}
	in.TypedName, in.Reason = strings.TrimSpace(in.TypedName), strings.TrimSpace(in.Reason)
	switch {
	case in.Accept && (len([]rune(in.TypedName)) < 2 || len([]rune(in.TypedName)) > 200 || !hiring.IsText(in.TypedName)):
		return hiring.Offer{}, invalid("comment", "To accept, type your full name.")
	case !in.Accept && (in.Reason == "" || len(in.Reason) > 2000 || !hiring.IsText(in.Reason)):
		return hiring.Offer{}, invalid("choice", "Please tell us why you decline.")
	}
	var out hiring.Offer
	err := db.write(ctx, func(tx *sql.Tx) error {
		o, err := scanOffer(tx.QueryRowContext(ctx, "SELECT "+offerCols+offerFrom+" WHERE o.id = $1 AND o.candidate_id = $2", id, in.CandidateID))
		if err != nil {
			return notFound("offer", err)
		}
		if o.Status != hiring.OfferSent {
			return conflict("", "You have answered this offer already.")
		}
		sys := hiring.SystemActor()
		sys.Name, sys.IP = o.CandidateName+" (candidate)", in.IP
		t := now()
		status := hiring.OfferDeclined
		if in.Accept {
			status = hiring.OfferAccepted
		}
		if _, err := tx.ExecContext(ctx, `UPDATE offers SET status = $1, answered_at = $2, answer_name = $3, answer_ip = $4, decline_reason = $5,
			version = version + 1, updated_at = $2 WHERE id = $6`, status, TimeArg(t), in.TypedName, in.IP, in.Reason, id); err != nil {
			return dbErr("answer offer", err)
		}
		if in.Accept {
			app, err := db.loadApp(ctx, tx, sys, o.ApplicationID)
			if err != nil {
				return err
			}
			if app.Status == hiring.AppActive {
				if _, err := db.hireTx(ctx, tx, sys, app, nil); err != nil {
					return err
				}
			}
		}
		out, err = scanOffer(tx.QueryRowContext(ctx, "SELECT "+offerCols+offerFrom+" WHERE o.id = $1", id))
		if err != nil {
			return dbErr("offer", err)
		}
		summary := o.CandidateName + " accepted the offer, signing as “" + in.TypedName + "”"
		if !in.Accept {
			summary = o.CandidateName + " declined the offer: " + in.Reason
		}
		return db.recordOffer(ctx, tx, sys, out, "offer."+status, summary, map[string]any{"typed_name": in.TypedName, "reason": in.Reason, "ip": in.IP})
	})
	return out, err
}

// OfferReport counts offers made and answered in the period, on the jobs
// the actor may see (interviewers: none).
func (db *DB) OfferReport(ctx context.Context, f hiring.ReportFilter) (hiring.OfferReport, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.OfferReport{}, err
	}
	r := hiring.OfferReport{DeclineReasons: map[string]int{}}
	if !a.System && a.Role == hiring.RoleInterviewer {
		return r, forbidden("Interviewers do not see offers.")
	}
	p := &args{}
	where := []string{jobIDVisible(a, "o.job_id", p)}
	if f.JobID != "" {
		where = append(where, "o.job_id = "+p.add(f.JobID))
	}
	from, to := p.add(TimeArg(f.From)), p.add(TimeArg(f.To))
	rows, err := db.rd.QueryContext(ctx, "SELECT o.status, o.created_at, o.sent_at, o.answered_at, o.decline_reason FROM offers o"+whereSQL(where)+
		" AND ((o.created_at >= "+from+" AND o.created_at < "+to+") OR (o.answered_at >= "+from+" AND o.answered_at < "+to+"))", p.list...)
	if err != nil {
		return r, dbErr("offer report", err)
	}
	defer rows.Close()
	for rows.Next() {
		var status, reason string
		var created time.Time
		var sent, answered *time.Time
		if err := rows.Scan(&status, timeCol{&created}, nullTimeCol{&sent}, nullTimeCol{&answered}, &reason); err != nil {
			return r, dbErr("offer report", err)
		}
		in := func(t time.Time) bool { return !t.Before(f.From) && t.Before(f.To) }
		if in(created) {
			r.Made++
			if status != hiring.OfferAccepted && status != hiring.OfferDeclined {
				r.Open++
			}
		}
		if answered != nil && in(*answered) {
			switch status {
			case hiring.OfferAccepted:
				r.Accepted++
			case hiring.OfferDeclined:
				r.Declined++
				r.DeclineReasons[strings.SplitN(reason, ":", 2)[0]]++
			}
			if sent != nil {
				r.AnswerHours = append(r.AnswerHours, answered.Sub(*sent).Hours())
			}
		}
	}
	return r, dbErr("offer report", rows.Err())
}

const settingOfferLetter = "offer_letter_template"

// OfferLetterTemplate is the company's letter template ("" = the default,
// which the caller fills in).
func (db *DB) OfferLetterTemplate(ctx context.Context) (string, error) {
	if _, err := actor(ctx); err != nil {
		return "", err
	}
	var v string
	err := db.rd.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", settingOfferLetter).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, dbErr("offer letter template", err)
}

// SetOfferLetterTemplate stores the company's letter template (admins; ""
// returns to the default). The caller checks its merge fields.
func (db *DB) SetOfferLetterTemplate(ctx context.Context, tpl string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() {
		return forbidden("Only admins change the offer letter.")
	}
	if !hiring.IsText(tpl) || len(tpl) > 20000 {
		return invalid("template", "must be text of at most 20,000 characters")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, settingOfferLetter, tpl, TimeArg(now()))
		return dbErr("offer letter template", err)
	})
}

// CompanyName is the company's name as mail and letters use it.
func (db *DB) CompanyName(ctx context.Context) string { return db.companyName(ctx, db.rd) }
