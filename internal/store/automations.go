package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/mail"
)

// Automations (issue 10 part 4): see hiring.Automation. The mail of a rule
// is queued by automate inside the transaction of the change that triggers
// it (a move, a hire, a rejection), so it exists exactly when the change
// commits, with its River job scheduled at the send time.

const autoCols = `r.id, r.job_id, r.trigger_kind, r.stage_id, r.stage_kind, r.template_id, COALESCE(t.name, ''), r.delay_minutes,
	r.business_hours, r.time_zone, r.enabled, r.created_at, r.updated_at`

const autoFrom = " FROM automations r LEFT JOIN message_templates t ON t.id = r.template_id"

func scanAutomation(row interface{ Scan(...any) error }) (hiring.Automation, error) {
	var x hiring.Automation
	err := row.Scan(&x.ID, strCol{&x.JobID}, &x.Trigger, strCol{&x.StageID}, &x.StageKind, &x.TemplateID, &x.TemplateName,
		&x.DelayMinutes, &x.BusinessHours, &x.TimeZone, &x.Enabled, timeCol{&x.CreatedAt}, timeCol{&x.UpdatedAt})
	return x, err
}

// automationActor is who the timeline names for an automation's mail.
func automationActor() hiring.Actor { return hiring.Actor{System: true, Name: "Automation"} }

// canReadAutomations: everyone who may send mail (not interviewers); a
// job's rules also need the job.
func (db *DB) canReadAutomations(ctx context.Context, q querier, a hiring.Actor, jobID string) error {
	if jobID != "" {
		// A job the actor does not see is not found, before any other refusal.
		p := &args{}
		var one int
		err := q.QueryRowContext(ctx, "SELECT 1 FROM jobs j WHERE j.id = "+p.add(jobID)+" AND "+jobIDVisible(a, "j.id", p), p.list...).Scan(&one)
		if err != nil {
			return notFound("job", err)
		}
	}
	if a.Role == hiring.RoleInterviewer && !a.System {
		return forbidden("Interviewers do not manage automated mail.")
	}
	return nil
}

// canChangeAutomations: company rules are for admins and recruiters, a
// job's for whoever decides on the job.
func (db *DB) canChangeAutomations(ctx context.Context, tx *sql.Tx, a hiring.Actor, jobID string) error {
	if err := db.canReadAutomations(ctx, tx, a, jobID); err != nil {
		return err
	}
	if jobID == "" {
		if !a.CanManageRecords() {
			return forbidden("Only admins and recruiters change company-wide automations.")
		}
		return nil
	}
	if err := canDecide(ctx, tx, a, jobID); err != nil {
		return forbidden("You may not change this job's automations.")
	}
	return nil
}

// Automations lists the company-wide rules (jobID "") or a job's own.
func (db *DB) Automations(ctx context.Context, jobID string) ([]hiring.Automation, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := db.canReadAutomations(ctx, db.rd, a, jobID); err != nil {
		return nil, err
	}
	q, arg := autoFrom+" WHERE r.job_id IS NULL", []any{}
	if jobID != "" {
		q, arg = autoFrom+" WHERE r.job_id = $1", []any{jobID}
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+autoCols+q+" ORDER BY r.created_at, r.id", arg...)
	if err != nil {
		return nil, dbErr("automations", err)
	}
	defer rows.Close()
	var out []hiring.Automation
	for rows.Next() {
		x, err := scanAutomation(rows)
		if err != nil {
			return nil, dbErr("automations", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// Automation returns one rule the actor may read.
func (db *DB) Automation(ctx context.Context, id string) (hiring.Automation, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Automation{}, err
	}
	x, err := scanAutomation(db.rd.QueryRowContext(ctx, "SELECT "+autoCols+autoFrom+" WHERE r.id = $1", id))
	if err != nil {
		return hiring.Automation{}, notFound("automation", err)
	}
	if err := db.canReadAutomations(ctx, db.rd, a, x.JobID); err != nil {
		if hiring.ErrorCode(err) == hiring.ENotFound {
			return hiring.Automation{}, hiring.ErrNotFound("automation")
		}
		return hiring.Automation{}, err
	}
	return x, nil
}

// checkAutomationRefs checks the stage and template a rule names.
func checkAutomationRefs(ctx context.Context, tx *sql.Tx, in *hiring.Automation) error {
	if in.Trigger != hiring.TriggerStageEntered {
		in.StageID, in.StageKind = "", ""
	} else if in.JobID != "" {
		var jobID string
		var kind hiring.StageKind
		err := tx.QueryRowContext(ctx, "SELECT job_id, kind FROM stages WHERE id = $1", in.StageID).Scan(&jobID, &kind)
		if err != nil || jobID != in.JobID {
			return invalid("stage_id", "is not a stage of this job")
		}
		in.StageKind = kind
	} else {
		in.StageID = ""
	}
	var one int
	if err := tx.QueryRowContext(ctx, "SELECT 1 FROM message_templates WHERE id = $1", in.TemplateID).Scan(&one); err != nil {
		return invalid("template_id", "There is no such template.")
	}
	return nil
}

// CreateAutomation adds a rule (a rejection rule without a delay waits the
// default 24 hours).
func (db *DB) CreateAutomation(ctx context.Context, in hiring.Automation) (hiring.Automation, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Automation{}, err
	}
	if err := in.Validate(); err != nil {
		return hiring.Automation{}, err
	}
	in.ID = NewID()
	t := now()
	var out hiring.Automation
	err = db.write(ctx, func(tx *sql.Tx) error {
		if err := db.canChangeAutomations(ctx, tx, a, in.JobID); err != nil {
			return err
		}
		if err := checkAutomationRefs(ctx, tx, &in); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO automations (id, job_id, trigger_kind, stage_id, stage_kind, template_id, delay_minutes,
			business_hours, time_zone, enabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
			in.ID, nullString(in.JobID), in.Trigger, nullString(in.StageID), in.StageKind, in.TemplateID, in.DelayMinutes,
			in.BusinessHours, in.TimeZone, in.Enabled, TimeArg(t))
		if err != nil {
			return dbErr("create automation", err)
		}
		if err := db.recordAutomation(ctx, tx, a, "automation.created", in, "added an automation: "+describeAutomation(in)); err != nil {
			return err
		}
		// Read back in the transaction: a keyed API create has not committed yet.
		out, err = scanAutomation(tx.QueryRowContext(ctx, "SELECT "+autoCols+autoFrom+" WHERE r.id = $1", in.ID))
		return dbErr("automation", err)
	})
	return out, err
}

func describeAutomation(x hiring.Automation) string {
	var b strings.Builder
	switch x.Trigger {
	case hiring.TriggerStageEntered:
		b.WriteString("on entering a " + string(x.StageKind) + " stage")
	case hiring.TriggerRejected:
		b.WriteString("on rejection")
	case hiring.TriggerReceived:
		b.WriteString("on an application received")
	}
	if x.DelayMinutes > 0 {
		b.WriteString(", after " + strconv.Itoa(x.DelayMinutes) + " min")
	}
	if x.BusinessHours {
		b.WriteString(", in business hours")
	}
	if !x.Enabled {
		b.WriteString(" (off)")
	}
	return b.String()
}

func (db *DB) recordAutomation(ctx context.Context, tx *sql.Tx, a hiring.Actor, action string, x hiring.Automation, summary string) error {
	e := hiring.Activity{Action: action, SubjectType: "automation", SubjectID: x.ID, JobID: x.JobID, Summary: summary}
	return db.record(ctx, tx, a, e, false)
}

// UpdateAutomation replaces a rule's settings (its job stays).
func (db *DB) UpdateAutomation(ctx context.Context, id string, in hiring.Automation) (hiring.Automation, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Automation{}, err
	}
	old, err := db.Automation(ctx, id)
	if err != nil {
		return hiring.Automation{}, err
	}
	in.ID, in.JobID = id, old.JobID
	if err := in.Validate(); err != nil {
		return hiring.Automation{}, err
	}
	var out hiring.Automation
	err = db.write(ctx, func(tx *sql.Tx) error {
		if err := db.canChangeAutomations(ctx, tx, a, in.JobID); err != nil {
			return err
		}
		if err := checkAutomationRefs(ctx, tx, &in); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE automations SET trigger_kind = $1, stage_id = $2, stage_kind = $3, template_id = $4,
			delay_minutes = $5, business_hours = $6, time_zone = $7, enabled = $8, updated_at = $9 WHERE id = $10`,
			in.Trigger, nullString(in.StageID), in.StageKind, in.TemplateID, in.DelayMinutes, in.BusinessHours, in.TimeZone, in.Enabled,
			TimeArg(now()), id)
		if err != nil {
			return dbErr("update automation", err)
		}
		if err := db.recordAutomation(ctx, tx, a, "automation.updated", in, "changed an automation: "+describeAutomation(in)); err != nil {
			return err
		}
		out, err = scanAutomation(tx.QueryRowContext(ctx, "SELECT "+autoCols+autoFrom+" WHERE r.id = $1", id))
		return dbErr("automation", err)
	})
	return out, err
}

// DeleteAutomation removes a rule; the shipped ones are switched off instead.
func (db *DB) DeleteAutomation(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	old, err := db.Automation(ctx, id)
	if err != nil {
		return err
	}
	if id == hiring.ReceivedRuleID || id == hiring.RejectionRuleID {
		return conflict("", "A shipped automation cannot be deleted; switch it off instead.")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := db.canChangeAutomations(ctx, tx, a, old.JobID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM automations WHERE id = $1", id); err != nil {
			return dbErr("delete automation", err)
		}
		return db.recordAutomation(ctx, tx, a, "automation.deleted", old, "removed an automation: "+describeAutomation(old))
	})
}

// rulesFor lists the enabled rules for a trigger on an application's job:
// the job's own when it has any for the trigger (and stage), else the
// company-wide ones.
func rulesFor(ctx context.Context, tx *sql.Tx, trigger hiring.AutomationTrigger, jobID string, stage *hiring.Stage) ([]hiring.Automation, error) {
	stageID, kind := "", ""
	if stage != nil {
		stageID, kind = stage.ID, string(stage.Kind)
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+autoCols+autoFrom+` WHERE r.enabled = TRUE AND r.trigger_kind = $1
		AND ((r.job_id = $2 AND ($1 <> 'stage_entered' OR r.stage_id = $3)) OR (r.job_id IS NULL AND ($1 <> 'stage_entered' OR r.stage_kind = $4)))
		ORDER BY r.created_at, r.id`, string(trigger), jobID, stageID, kind)
	if err != nil {
		return nil, dbErr("automations", err)
	}
	defer rows.Close()
	var job, company []hiring.Automation
	for rows.Next() {
		x, err := scanAutomation(rows)
		if err != nil {
			return nil, dbErr("automations", err)
		}
		if x.JobID != "" {
			job = append(job, x)
		} else {
			company = append(company, x)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr("automations", err)
	}
	if len(job) > 0 {
		return job, nil
	}
	return company, nil
}

// candidateZone is the zone a candidate's business hours are counted in:
// their own when known, else the rule's, else UTC.
func candidateZone(ctx context.Context, q querier, candidateID, fallback string) *time.Location {
	var name string
	if err := q.QueryRowContext(ctx, "SELECT time_zone FROM candidate_time_zones WHERE candidate_id = $1", candidateID).Scan(&name); err != nil {
		name = fallback
	}
	if name == "" || name == "Local" {
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// sendTime is when a rule's mail goes: after its delay, in business hours
// when it asks for them.
func sendTime(ctx context.Context, q querier, r hiring.Automation, candidateID string, at time.Time) time.Time {
	t := at.Add(time.Duration(r.DelayMinutes) * time.Minute)
	if r.BusinessHours {
		t = hiring.NextBusinessTime(t, candidateZone(ctx, q, candidateID, r.TimeZone))
	}
	return t
}

// automate queues the mail of the rules a change triggers, inside its
// transaction. A rule whose mail cannot be made (no address, a template
// made invalid) is skipped: an automation never blocks the change.
func (db *DB) automate(ctx context.Context, tx *sql.Tx, trigger hiring.AutomationTrigger, x hiring.Application, stage *hiring.Stage, lang string) error {
	rules, err := rulesFor(ctx, tx, trigger, x.JobID, stage)
	if err != nil || len(rules) == 0 {
		return err
	}
	at := now()
	actx := hiring.WithActor(ctx, automationActor())
	for _, r := range rules {
		purpose := "automation:" + r.ID
		switch {
		case r.ID == hiring.ReceivedRuleID:
			purpose = mail.PurposeReceived
		case trigger == hiring.TriggerRejected:
			// One per rejection: undone and rejected again, it is sent again.
			purpose += ":rejected:" + strconv.FormatInt(at.UnixMicro(), 10)
		}
		in := hiring.NewMessage{CandidateID: x.CandidateID, ApplicationID: x.ID, TemplateID: r.TemplateID, Auto: true, Purpose: purpose,
			SendAt: sendTime(ctx, tx, r, x.CandidateID, at)}
		if lang != "" {
			// A shipped template in the job post's language when there is one.
			var key string
			if err := tx.QueryRowContext(ctx, "SELECT key FROM message_templates WHERE id = $1", r.TemplateID).Scan(&key); err == nil && key != "" {
				in.TemplateID, in.TemplateKey, in.Language = "", key, lang
			}
		}
		if !in.SendAt.After(at) {
			in.SendAt = time.Time{}
		}
		if _, err := db.QueueMessageTx(actx, tx, in); err != nil {
			if hiring.ErrorCode(err) == hiring.EInvalid {
				db.logger.WarnContext(ctx, "automation: no mail queued", "automation", r.ID, "application", x.ID, "err", err)
				continue
			}
			return err
		}
	}
	return nil
}

// cancelRejectionMail cancels the rejection mail still waiting for an
// application whose rejection was undone.
func (db *DB) cancelRejectionMail(ctx context.Context, tx *sql.Tx, a hiring.Actor, x hiring.Application) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, subject FROM messages WHERE application_id = $1 AND status = $2 AND direction = 'out'
		AND purpose LIKE 'automation:%:rejected:%'`, x.ID, hiring.MessageQueued)
	if err != nil {
		return dbErr("pending rejection mail", err)
	}
	type pending struct{ id, subject string }
	var ps []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.subject); err != nil {
			rows.Close()
			return dbErr("pending rejection mail", err)
		}
		ps = append(ps, p)
	}
	rows.Close()
	for _, p := range ps {
		if _, err := tx.ExecContext(ctx, "UPDATE messages SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
			hiring.MessageCancelled, TimeArg(now()), p.id, hiring.MessageQueued); err != nil {
			return dbErr("cancel rejection mail", err)
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "message.cancelled", SubjectType: "message", SubjectID: p.id,
			CandidateID: x.CandidateID, JobID: x.JobID, Summary: "cancelled the rejection email " + strconv.Quote(p.subject) + " (the rejection was undone)"}, false); err != nil {
			return err
		}
	}
	return nil
}

// AutomateReceived queues the received rules' mail (system only), in the
// job post's language; repeated, it finds the mail already queued.
func (db *DB) AutomateReceived(ctx context.Context, applicationID string) error {
	if _, err := systemOnly(ctx); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		x, err := db.loadApp(ctx, tx, hiring.SystemActor(), applicationID)
		if err != nil {
			return err
		}
		lang := "en"
		var l string
		if err := tx.QueryRowContext(ctx, "SELECT language FROM job_posts WHERE job_id = $1", x.JobID).Scan(&l); err == nil && l != "" {
			lang = l
		}
		return db.automate(ctx, tx, hiring.TriggerReceived, x, nil, lang)
	})
}

// PendingMessages lists an application's queued automated mail, soonest first.
func (db *DB) PendingMessages(ctx context.Context, applicationID string) ([]hiring.Message, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := db.loadApp(ctx, db.rd, a, applicationID); err != nil {
		return nil, err
	}
	p := &args{}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.application_id = "+p.add(applicationID)+
		" AND m.status = "+p.add(hiring.MessageQueued)+" AND m.direction = 'out' AND m.auto = TRUE AND "+messageVisible(a, p)+
		" ORDER BY COALESCE(m.send_at, m.created_at), m.id LIMIT 100", p.list...)
	if err != nil {
		return nil, dbErr("pending messages", err)
	}
	defer rows.Close()
	var out []hiring.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, dbErr("pending messages", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// SendMessageNow sends a queued message at once: its time becomes now and
// a job due now is queued (the one scheduled later then finds it sent).
func (db *DB) SendMessageNow(ctx context.Context, id string) (hiring.Message, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Message{}, err
	}
	var out hiring.Message
	err = db.write(ctx, func(tx *sql.Tx) error {
		p := &args{}
		m, err := scanMessage(tx.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.id = "+p.add(id)+" AND "+messageVisible(a, p), p.list...))
		if err != nil {
			return notFound("message", err)
		}
		switch {
		case m.JobID != "":
			if err := canDecide(ctx, tx, a, m.JobID); err != nil {
				return forbidden("You may not send mail of this job.")
			}
		case !a.CanManageRecords():
			return forbidden("You may not send this message.")
		}
		if m.Direction != hiring.MessageOut || m.Status != hiring.MessageQueued {
			return conflict("", "This message is no longer waiting to be sent.")
		}
		t := now()
		if _, err := tx.ExecContext(ctx, "UPDATE messages SET send_at = $1, updated_at = $1 WHERE id = $2", TimeArg(t), id); err != nil {
			return dbErr("send message now", err)
		}
		if err := db.enqueue(ctx, tx, mail.SendJob{MessageID: id}); err != nil {
			return err
		}
		m.SendAt = &t
		out = m
		return db.record(ctx, tx, a, hiring.Activity{Action: "message.send_now", SubjectType: "message", SubjectID: m.ID,
			CandidateID: m.CandidateID, JobID: m.JobID, Summary: "sent the waiting email " + strconv.Quote(m.Subject) + " now"}, false)
	})
	return out, err
}

// SetCandidateTimeZone records the zone of a candidate's business hours
// (admins and recruiters; the status page sets it as the candidate).
func (db *DB) SetCandidateTimeZone(ctx context.Context, candidateID, zone string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	zone = strings.TrimSpace(zone)
	if zone != "" {
		if _, err := time.LoadLocation(zone); err != nil || zone == "Local" || len(zone) > 64 {
			return invalid("time_zone", "is not a known time zone")
		}
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := db.loadCandidate(ctx, tx, a, candidateID); err != nil {
			return err
		}
		if !a.CanManageRecords() {
			return forbidden("Only admins and recruiters edit candidates.")
		}
		var err error
		if zone == "" {
			_, err = tx.ExecContext(ctx, "DELETE FROM candidate_time_zones WHERE candidate_id = $1", candidateID)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO candidate_time_zones (candidate_id, time_zone, updated_at) VALUES ($1, $2, $3)
				ON CONFLICT (candidate_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at`, candidateID, zone, TimeArg(now()))
		}
		if err != nil {
			return dbErr("candidate time zone", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "candidate.time_zone", SubjectType: "candidate", SubjectID: candidateID,
			CandidateID: candidateID, Summary: "set the candidate's time zone to " + zone}, false)
	})
}
