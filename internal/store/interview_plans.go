package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

const templateCols = `t.id, t.job_id, t.stage_id, s.name, t.position, t.name, t.duration_minutes, t.location_kind, t.room, t.pool_pick,
	t.attributes, t.questions, t.guidance, t.version, t.updated_at`

const templateFrom = ` FROM interview_templates t JOIN stages s ON s.id = t.stage_id`

func scanPlanTemplate(row interface{ Scan(...any) error }) (hiring.InterviewTemplate, error) {
	var x hiring.InterviewTemplate
	var attrs, qs string
	err := row.Scan(&x.ID, &x.JobID, &x.StageID, &x.StageName, &x.Position, &x.Name, &x.DurationMinutes, &x.LocationKind, &x.Room,
		&x.PoolPick, &attrs, &qs, &x.Kit.Guidance, &x.Version, timeCol{&x.UpdatedAt})
	if err != nil {
		return x, err
	}
	x.Kit.Attributes, x.Kit.Questions = jsonList(attrs), jsonList(qs)
	x.Required, x.Pool = []hiring.Interviewer{}, []hiring.Interviewer{}
	return x, nil
}

// jsonList reads a stored JSON array of strings (an unreadable one is empty:
// the columns are only written from validated lists).
func jsonList(s string) []string {
	out := []string{}
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

func jsonText(list []string) string {
	if list == nil {
		list = []string{}
	}
	b, _ := json.Marshal(list)
	return string(b)
}

// readTemplates loads templates by a condition on t, in plan order, with their people.
func (db *DB) readTemplates(ctx context.Context, q querier, a hiring.Actor, where string, arg any) ([]hiring.InterviewTemplate, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+templateCols+templateFrom+" WHERE "+where+" ORDER BY s.position, t.position, t.id LIMIT 500", arg)
	if err != nil {
		return nil, dbErr("interview plan", err)
	}
	out := []hiring.InterviewTemplate{}
	idx := map[string]int{}
	var ids []string
	for rows.Next() {
		x, err := scanPlanTemplate(rows)
		if err != nil {
			rows.Close()
			return nil, dbErr("interview plan", err)
		}
		idx[x.ID] = len(out)
		ids = append(ids, x.ID)
		out = append(out, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return out, dbErr("interview plan", err)
	}
	p := &args{}
	rows, err = q.QueryContext(ctx, `SELECT tp.template_id, tp.user_id, u.name, u.email, tp.required FROM interview_template_people tp
		JOIN users u ON u.id = tp.user_id WHERE tp.template_id IN (`+p.in(ids)+`) ORDER BY u.name, u.id`, p.list...)
	if err != nil {
		return nil, dbErr("interview plan people", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tid string
		var x hiring.Interviewer
		var required bool
		if err := rows.Scan(&tid, &x.UserID, &x.Name, &x.Email, &required); err != nil {
			return nil, dbErr("interview plan people", err)
		}
		if !a.SeesAccount(x.UserID) {
			x.Email = ""
		}
		t := &out[idx[tid]]
		if required {
			t.Required = append(t.Required, x)
		} else {
			t.Pool = append(t.Pool, x)
		}
	}
	return out, dbErr("interview plan people", rows.Err())
}

// InterviewPlan lists a visible job's templates in stage order.
func (db *DB) InterviewPlan(ctx context.Context, jobID string) ([]hiring.InterviewTemplate, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := db.canSeeJob(ctx, db.rd, a, jobID); err != nil {
		return nil, err
	}
	return db.readTemplates(ctx, db.rd, a, "t.job_id = $1", jobID)
}

// loadTemplate reads one template whose job the actor sees.
func (db *DB) loadTemplate(ctx context.Context, q querier, a hiring.Actor, id string) (hiring.InterviewTemplate, error) {
	list, err := db.readTemplates(ctx, q, a, "t.id = $1", id)
	if err != nil {
		return hiring.InterviewTemplate{}, err
	}
	if len(list) == 0 {
		return hiring.InterviewTemplate{}, hiring.ErrNotFound("interview template")
	}
	if err := db.canSeeJob(ctx, q, a, list[0].JobID); err != nil {
		return hiring.InterviewTemplate{}, hiring.ErrNotFound("interview template")
	}
	return list[0], nil
}

// InterviewTemplate reads one template of a visible job.
func (db *DB) InterviewTemplate(ctx context.Context, id string) (hiring.InterviewTemplate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.InterviewTemplate{}, err
	}
	return db.loadTemplate(ctx, db.rd, a, id)
}

// InterviewKitOf answers the template an interview was booked from, to
// those who see the interview (its interviewers read the kit though they
// may not see the job's plan otherwise).
func (db *DB) InterviewKitOf(ctx context.Context, interviewID string) (hiring.InterviewTemplate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.InterviewTemplate{}, err
	}
	iv, err := db.loadInterview(ctx, db.rd, a, interviewID)
	if err != nil {
		return hiring.InterviewTemplate{}, err
	}
	if iv.TemplateID == "" {
		return hiring.InterviewTemplate{}, hiring.Errorf(hiring.ENotFound, "This interview was booked without a template, so it has no kit.")
	}
	list, err := db.readTemplates(ctx, db.rd, a, "t.id = $1", iv.TemplateID)
	if err != nil {
		return hiring.InterviewTemplate{}, err
	}
	if len(list) == 0 {
		return hiring.InterviewTemplate{}, hiring.ErrNotFound("interview kit")
	}
	return list[0], nil
}

// checkPlanTemplateInput validates the input against the job: the stage is the
// job's, the people active users.
func checkPlanTemplateInput(ctx context.Context, q querier, jobID string, in *hiring.InterviewTemplateInput) (map[string]hiring.User, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var one int
	if err := q.QueryRowContext(ctx, "SELECT 1 FROM stages WHERE id = $1 AND job_id = $2", in.StageID, jobID).Scan(&one); err != nil {
		if err == sql.ErrNoRows {
			return nil, invalid("stage_id", "is not a stage of this job")
		}
		return nil, dbErr("stage", err)
	}
	users := map[string]hiring.User{}
	for _, set := range []struct {
		field string
		ids   []string
	}{{"required_ids", in.RequiredIDs}, {"pool_ids", in.PoolIDs}} {
		if len(set.ids) == 0 {
			continue
		}
		m, err := activeUsers(ctx, q, set.ids, set.field)
		if err != nil {
			return nil, err
		}
		for k, u := range m {
			users[k] = u
		}
	}
	return users, nil
}

func setTemplatePeople(ctx context.Context, tx *sql.Tx, id string, in hiring.InterviewTemplateInput) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM interview_template_people WHERE template_id = $1", id); err != nil {
		return dbErr("interview plan people", err)
	}
	for _, set := range []struct {
		ids      []string
		required bool
	}{{in.RequiredIDs, true}, {in.PoolIDs, false}} {
		for _, u := range set.ids {
			if _, err := tx.ExecContext(ctx, "INSERT INTO interview_template_people (template_id, user_id, required) VALUES ($1, $2, $3)",
				id, u, set.required); err != nil {
				return dbErr("interview plan people", err)
			}
		}
	}
	return nil
}

func templateSummary(in hiring.InterviewTemplateInput, users map[string]hiring.User) map[string]any {
	return map[string]any{"name": in.Name, "stage_id": in.StageID, "duration_minutes": in.DurationMinutes, "location_kind": string(in.LocationKind),
		"room": in.Room, "required": names(users, in.RequiredIDs), "pool": names(users, in.PoolIDs), "pool_pick": in.PoolPick,
		"attributes": in.Kit.Attributes, "questions": len(in.Kit.Questions)}
}

// CreateInterviewTemplate adds a template at the end of its stage's list.
func (db *DB) CreateInterviewTemplate(ctx context.Context, jobID string, in hiring.InterviewTemplateInput) (hiring.InterviewTemplate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.InterviewTemplate{}, err
	}
	id := NewID()
	var out hiring.InterviewTemplate
	err = db.write(ctx, func(tx *sql.Tx) error {
		if err := db.canSeeJob(ctx, tx, a, jobID); err != nil {
			return err
		}
		if err := canEditJob(ctx, tx, a, jobID); err != nil {
			return err
		}
		users, err := checkPlanTemplateInput(ctx, tx, jobID, &in)
		if err != nil {
			return err
		}
		var n, pos int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(MAX(position), 0) FROM interview_templates WHERE job_id = $1 AND stage_id = $2",
			jobID, in.StageID).Scan(&n, &pos); err != nil {
			return dbErr("interview plan", err)
		}
		var total int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM interview_templates WHERE job_id = $1", jobID).Scan(&total); err != nil {
			return dbErr("interview plan", err)
		}
		if total >= hiring.MaxTemplatesPerJob {
			return conflict("", "A job's plan holds at most 100 interviews.")
		}
		t := now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO interview_templates (id, job_id, stage_id, position, name, duration_minutes, location_kind, room,
			pool_pick, attributes, questions, guidance, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $14)`,
			id, jobID, in.StageID, pos+1, in.Name, in.DurationMinutes, string(in.LocationKind), in.Room, in.PoolPick,
			jsonText(in.Kit.Attributes), jsonText(in.Kit.Questions), in.Kit.Guidance, TimeArg(t), TimeArg(t)); err != nil {
			return dbErr("add interview template", err)
		}
		if err := setTemplatePeople(ctx, tx, id, in); err != nil {
			return err
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "interview_plan.added", SubjectType: "interview_template", SubjectID: id,
			JobID: jobID, Summary: "added “" + in.Name + "” to the interview plan", After: templateSummary(in, users)}, false); err != nil {
			return err
		}
		out, err = db.loadTemplate(ctx, tx, a, id)
		return err
	})
	if err != nil {
		return hiring.InterviewTemplate{}, err
	}
	return out, nil
}

// UpdateInterviewTemplate replaces a template (moving it to another stage
// puts it last there).
func (db *DB) UpdateInterviewTemplate(ctx context.Context, id string, in hiring.InterviewTemplateInput) (hiring.InterviewTemplate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.InterviewTemplate{}, err
	}
	var out hiring.InterviewTemplate
	err = db.write(ctx, func(tx *sql.Tx) error {
		cur, err := db.loadTemplate(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := canEditJob(ctx, tx, a, cur.JobID); err != nil {
			return err
		}
		if in.Version != 0 && in.Version != cur.Version {
			return staleVersion("interview template")
		}
		users, err := checkPlanTemplateInput(ctx, tx, cur.JobID, &in)
		if err != nil {
			return err
		}
		pos := cur.Position
		if in.StageID != cur.StageID {
			if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM interview_templates WHERE stage_id = $1", in.StageID).Scan(&pos); err != nil {
				return dbErr("interview plan", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE interview_templates SET stage_id = $1, position = $2, name = $3, duration_minutes = $4, location_kind = $5,
			room = $6, pool_pick = $7, attributes = $8, questions = $9, guidance = $10, version = version + 1, updated_at = $11 WHERE id = $12`,
			in.StageID, pos, in.Name, in.DurationMinutes, string(in.LocationKind), in.Room, in.PoolPick, jsonText(in.Kit.Attributes),
			jsonText(in.Kit.Questions), in.Kit.Guidance, TimeArg(now()), id); err != nil {
			return dbErr("update interview template", err)
		}
		if err := setTemplatePeople(ctx, tx, id, in); err != nil {
			return err
		}
		before := map[string]any{"name": cur.Name, "stage_id": cur.StageID, "duration_minutes": cur.DurationMinutes, "location_kind": string(cur.LocationKind),
			"room": cur.Room, "required": interviewerNames(cur.Required), "pool": interviewerNames(cur.Pool), "pool_pick": cur.PoolPick,
			"attributes": cur.Kit.Attributes, "questions": len(cur.Kit.Questions)}
		b, af := diff(before, templateSummary(in, users))
		if len(af) > 0 || cur.Kit.Guidance != in.Kit.Guidance || strings.Join(cur.Kit.Questions, "\n") != strings.Join(in.Kit.Questions, "\n") {
			if err := db.record(ctx, tx, a, hiring.Activity{Action: "interview_plan.changed", SubjectType: "interview_template", SubjectID: id,
				JobID: cur.JobID, Summary: "changed “" + in.Name + "” in the interview plan", Before: b, After: af}, false); err != nil {
				return err
			}
		}
		out, err = db.loadTemplate(ctx, tx, a, id)
		return err
	})
	if err != nil {
		return hiring.InterviewTemplate{}, err
	}
	return out, nil
}

// DeleteInterviewTemplate removes a template; interviews booked from it
// keep their time and people but lose the kit.
func (db *DB) DeleteInterviewTemplate(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		cur, err := db.loadTemplate(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := canEditJob(ctx, tx, a, cur.JobID); err != nil {
			return err
		}
		// Explicit rather than ON DELETE SET NULL alone: PostgreSQL and
		// SQLite agree, and the interviews' version says they changed.
		if _, err := tx.ExecContext(ctx, "UPDATE interviews SET template_id = NULL WHERE template_id = $1", id); err != nil {
			return dbErr("remove interview template", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM interview_templates WHERE id = $1", id); err != nil {
			return dbErr("remove interview template", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "interview_plan.removed", SubjectType: "interview_template", SubjectID: id,
			JobID: cur.JobID, Summary: "removed “" + cur.Name + "” from the interview plan"}, false)
	})
}

// templateAttributes answers the scorecard attributes of a template ("" = none).
func templateAttributes(ctx context.Context, q querier, id string) ([]string, error) {
	if id == "" {
		return nil, nil
	}
	var s string
	err := q.QueryRowContext(ctx, "SELECT attributes FROM interview_templates WHERE id = $1", id).Scan(&s)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, dbErr("interview template", err)
	}
	return jsonList(s), nil
}

// canChangeLibrary: admins and recruiters keep the company-wide library.
func canChangeLibrary(a hiring.Actor) error {
	if a.CanManageRecords() {
		return nil
	}
	return forbidden("Admins and recruiters keep the interview library.")
}

// LibraryKits lists the library's kits by name.
func (db *DB) LibraryKits(ctx context.Context) ([]hiring.LibraryKit, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	return db.readKits(ctx, db.rd, "1=1", nil)
}

func (db *DB) readKits(ctx context.Context, q querier, where string, arg any) ([]hiring.LibraryKit, error) {
	var argv []any
	if arg != nil {
		argv = []any{arg}
	}
	rows, err := q.QueryContext(ctx, "SELECT id, name, attributes, questions, guidance, updated_at FROM interview_kits WHERE "+where+
		" ORDER BY lower(name), id LIMIT 1000", argv...)
	if err != nil {
		return nil, dbErr("interview kits", err)
	}
	defer rows.Close()
	out := []hiring.LibraryKit{}
	for rows.Next() {
		var k hiring.LibraryKit
		var attrs, qs string
		if err := rows.Scan(&k.ID, &k.Name, &attrs, &qs, &k.Kit.Guidance, timeCol{&k.UpdatedAt}); err != nil {
			return nil, dbErr("interview kits", err)
		}
		k.Kit.Attributes, k.Kit.Questions = jsonList(attrs), jsonList(qs)
		out = append(out, k)
	}
	return out, dbErr("interview kits", rows.Err())
}

// LibraryKit reads one kit of the library.
func (db *DB) LibraryKit(ctx context.Context, id string) (hiring.LibraryKit, error) {
	if _, err := actor(ctx); err != nil {
		return hiring.LibraryKit{}, err
	}
	list, err := db.readKits(ctx, db.rd, "id = $1", id)
	if err != nil {
		return hiring.LibraryKit{}, err
	}
	if len(list) == 0 {
		return hiring.LibraryKit{}, hiring.ErrNotFound("interview kit")
	}
	return list[0], nil
}

// SaveLibraryKit creates (id "") or replaces a kit of the library.
func (db *DB) SaveLibraryKit(ctx context.Context, id string, in hiring.LibraryKitInput) (hiring.LibraryKit, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.LibraryKit{}, err
	}
	if err := canChangeLibrary(a); err != nil {
		return hiring.LibraryKit{}, err
	}
	if err := in.Validate(); err != nil {
		return hiring.LibraryKit{}, err
	}
	var out hiring.LibraryKit
	err = db.write(ctx, func(tx *sql.Tx) error {
		t := now()
		if id == "" {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM interview_kits").Scan(&n); err != nil {
				return dbErr("interview kits", err)
			}
			if n >= hiring.MaxLibraryKits {
				return conflict("", "The library holds at most 500 kits.")
			}
			id = NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO interview_kits (id, name, attributes, questions, guidance, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, in.Name, jsonText(in.Kit.Attributes), jsonText(in.Kit.Questions), in.Kit.Guidance,
				TimeArg(t), TimeArg(t)); err != nil {
				return dbErr("add interview kit", err)
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE interview_kits SET name = $1, attributes = $2, questions = $3, guidance = $4, updated_at = $5
				WHERE id = $6`, in.Name, jsonText(in.Kit.Attributes), jsonText(in.Kit.Questions), in.Kit.Guidance, TimeArg(t), id)
			if err != nil {
				return dbErr("update interview kit", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return hiring.ErrNotFound("interview kit")
			}
		}
		list, err := db.readKits(ctx, tx, "id = $1", id)
		if err != nil || len(list) != 1 {
			return dbErr("read interview kit", err)
		}
		out = list[0]
		return nil
	})
	if err != nil {
		return hiring.LibraryKit{}, err
	}
	return out, nil
}

// DeleteLibraryKit removes a kit from the library (plans keep their copies).
func (db *DB) DeleteLibraryKit(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := canChangeLibrary(a); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM interview_kits WHERE id = $1", id)
		if err != nil {
			return dbErr("remove interview kit", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.ErrNotFound("interview kit")
		}
		return nil
	})
}

// LibraryAttributes lists the library's attributes by name.
func (db *DB) LibraryAttributes(ctx context.Context) ([]hiring.LibraryAttribute, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT id, name, description FROM interview_attributes ORDER BY name_key, id LIMIT 1000")
	if err != nil {
		return nil, dbErr("interview attributes", err)
	}
	defer rows.Close()
	out := []hiring.LibraryAttribute{}
	for rows.Next() {
		var x hiring.LibraryAttribute
		if err := rows.Scan(&x.ID, &x.Name, &x.Description); err != nil {
			return nil, dbErr("interview attributes", err)
		}
		out = append(out, x)
	}
	return out, dbErr("interview attributes", rows.Err())
}

// SaveLibraryAttribute creates (ID "") or renames/redescribes an attribute;
// names are unique ignoring case.
func (db *DB) SaveLibraryAttribute(ctx context.Context, x hiring.LibraryAttribute) (hiring.LibraryAttribute, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.LibraryAttribute{}, err
	}
	if err := canChangeLibrary(a); err != nil {
		return hiring.LibraryAttribute{}, err
	}
	if err := x.Validate(); err != nil {
		return hiring.LibraryAttribute{}, err
	}
	key := strings.ToLower(x.Name)
	err = db.write(ctx, func(tx *sql.Tx) error {
		var other string
		err := tx.QueryRowContext(ctx, "SELECT id FROM interview_attributes WHERE name_key = $1", key).Scan(&other)
		switch {
		case err == nil && other != x.ID:
			return conflict("name", "The library already has this attribute.")
		case err != nil && err != sql.ErrNoRows:
			return dbErr("interview attributes", err)
		}
		if x.ID == "" {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM interview_attributes").Scan(&n); err != nil {
				return dbErr("interview attributes", err)
			}
			if n >= hiring.MaxLibraryAttrs {
				return conflict("", "The library holds at most 500 attributes.")
			}
			x.ID = NewID()
			_, err := tx.ExecContext(ctx, "INSERT INTO interview_attributes (id, name, name_key, description, created_at) VALUES ($1, $2, $3, $4, $5)",
				x.ID, x.Name, key, x.Description, TimeArg(now()))
			return dbErr("add interview attribute", err)
		}
		res, err := tx.ExecContext(ctx, "UPDATE interview_attributes SET name = $1, name_key = $2, description = $3 WHERE id = $4", x.Name, key, x.Description, x.ID)
		if err != nil {
			return dbErr("update interview attribute", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.ErrNotFound("interview attribute")
		}
		return nil
	})
	if err != nil {
		return hiring.LibraryAttribute{}, err
	}
	return x, nil
}

// DeleteLibraryAttribute removes an attribute from the library (kits and
// plans that name it keep the name).
func (db *DB) DeleteLibraryAttribute(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := canChangeLibrary(a); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM interview_attributes WHERE id = $1", id)
		if err != nil {
			return dbErr("remove interview attribute", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.ErrNotFound("interview attribute")
		}
		return nil
	})
}
