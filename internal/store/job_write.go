package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

// checkJobRefs verifies the department, locations and team members exist.
func checkJobRefs(ctx context.Context, tx *sql.Tx, in hiring.JobInput) error {
	var v hiring.Validation
	var one int
	if in.DepartmentID != "" {
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM departments WHERE id = $1", in.DepartmentID).Scan(&one); err == sql.ErrNoRows {
			v.Add("department_id", "no such department")
		} else if err != nil {
			return dbErr("check department", err)
		}
	}
	seen := map[string]bool{}
	for i, l := range in.LocationIDs {
		f := "location_ids." + strconv.Itoa(i)
		if seen[l] {
			v.Add(f, "is listed twice")
			continue
		}
		seen[l] = true
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM locations WHERE id = $1", l).Scan(&one); err == sql.ErrNoRows {
			v.Add(f, "no such location")
		} else if err != nil {
			return dbErr("check location", err)
		}
	}
	for i, m := range in.HiringTeam {
		var disabled bool
		err := tx.QueryRowContext(ctx, "SELECT disabled FROM users WHERE id = $1", m.UserID).Scan(&disabled)
		switch {
		case err == sql.ErrNoRows:
			v.Add("hiring_team."+strconv.Itoa(i)+".user_id", "no such user")
		case err != nil:
			return dbErr("check team", err)
		case disabled:
			v.Add("hiring_team."+strconv.Itoa(i)+".user_id", "the user is disabled")
		}
	}
	return v.Err()
}

func writeJobChildren(ctx context.Context, tx *sql.Tx, jobID string, in hiring.JobInput) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM job_locations WHERE job_id = $1", jobID); err != nil {
		return dbErr("job locations", err)
	}
	for i, l := range in.LocationIDs {
		if _, err := tx.ExecContext(ctx, "INSERT INTO job_locations (job_id, location_id, position) VALUES ($1, $2, $3)", jobID, l, i); err != nil {
			return dbErr("job locations", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM job_team WHERE job_id = $1", jobID); err != nil {
		return dbErr("job team", err)
	}
	for _, m := range in.HiringTeam {
		if _, err := tx.ExecContext(ctx, "INSERT INTO job_team (job_id, user_id, role) VALUES ($1, $2, $3)", jobID, m.UserID, string(m.Role)); err != nil {
			return dbErr("job team", err)
		}
	}
	return nil
}

func salaryArgs(s *hiring.Salary) (any, any, any, any) {
	if s == nil {
		return nil, nil, nil, nil
	}
	return s.Min, s.Max, s.Currency, string(s.Period)
}

// CreateJob creates a draft job with the template's stages.
func (db *DB) CreateJob(ctx context.Context, in hiring.JobInput) (hiring.Job, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Job{}, err
	}
	if !a.CanManageRecords() {
		return hiring.Job{}, forbidden("Only admins and recruiters create jobs.")
	}
	in.Normalize()
	// Whoever creates a job joins its hiring team (by their role), so it is
	// among their jobs (the dashboard's, the API's mine=true) and, when it is
	// confidential, they can still see what they just made.
	if !a.System && a.UserID != "" && !inTeam(in.HiringTeam, a.UserID) {
		role := hiring.TeamRecruiter
		if a.Role == hiring.RoleHiringManager {
			role = hiring.TeamHiringManager
		}
		in.HiringTeam = append(in.HiringTeam, hiring.TeamMember{UserID: a.UserID, Role: role})
	}
	if err := in.Validate(); err != nil {
		return hiring.Job{}, err
	}
	id := NewID()
	t := now()
	var job hiring.Job
	err = db.write(ctx, func(tx *sql.Tx) error {
		if err := checkJobRefs(ctx, tx, in); err != nil {
			return err
		}
		smin, smax, scur, sper := salaryArgs(in.Salary)
		_, err := tx.ExecContext(ctx, `INSERT INTO jobs (id, title, department_id, workplace_type, allowed_countries, employment_type,
			description, requirements, salary_min, salary_max, salary_currency, salary_period, openings, status, confidential,
			version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17)`,
			id, in.Title, nullString(in.DepartmentID), string(in.WorkplaceType), jsonArg(in.AllowedCountries), string(in.EmploymentType),
			in.Description, jsonArg(in.Requirements), smin, smax, scur, sper, in.Openings, string(hiring.JobDraft), in.Confidential,
			TimeArg(t), TimeArg(t))
		if err != nil {
			return dbErr("create job", err)
		}
		if err := writeJobChildren(ctx, tx, id, in); err != nil {
			return err
		}
		tmpl, err := pipelineTemplate(ctx, tx)
		if err != nil {
			return err
		}
		for i, s := range tmpl {
			if _, err := tx.ExecContext(ctx, "INSERT INTO stages (id, job_id, name, kind, position) VALUES ($1, $2, $3, $4, $5)",
				NewID(), id, s.Name, string(s.Kind), i+1); err != nil {
				return dbErr("create stages", err)
			}
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "job.created", SubjectType: "job", SubjectID: id, JobID: id,
			Summary: "created the job " + in.Title, After: jobMap(in, hiring.JobDraft)}, false); err != nil {
			return err
		}
		job, err = db.loadJobCount(ctx, tx, hiring.SystemActor(), id, true)
		return err
	})
	if err != nil {
		return hiring.Job{}, err
	}
	if !a.SeesPrivate() {
		job.Salary = nil
	}
	return job, nil
}

func inTeam(team []hiring.TeamMember, userID string) bool {
	for _, m := range team {
		if m.UserID == userID {
			return true
		}
	}
	return false
}

func jobMap(in hiring.JobInput, status hiring.JobStatus) map[string]any {
	m := map[string]any{
		"title": in.Title, "department_id": in.DepartmentID, "location_ids": in.LocationIDs, "workplace_type": string(in.WorkplaceType),
		"allowed_countries": in.AllowedCountries, "employment_type": string(in.EmploymentType), "description": in.Description,
		"requirements": in.Requirements, "openings": in.Openings, "confidential": in.Confidential, "status": string(status),
	}
	team := make([]map[string]string, len(in.HiringTeam))
	for i, t := range in.HiringTeam {
		team[i] = map[string]string{"user_id": t.UserID, "role": string(t.Role)}
	}
	m["hiring_team"] = team
	if s := in.Salary; s != nil {
		m["salary"] = map[string]any{"min": s.Min, "max": s.Max, "currency": s.Currency, "period": string(s.Period)}
	} else {
		m["salary"] = nil
	}
	return m
}

func jobInputOf(j hiring.Job) hiring.JobInput {
	return hiring.JobInput{Title: j.Title, DepartmentID: j.DepartmentID, LocationIDs: j.LocationIDs, WorkplaceType: j.WorkplaceType,
		AllowedCountries: j.AllowedCountries, EmploymentType: j.EmploymentType, Description: j.Description, Requirements: j.Requirements,
		Salary: j.Salary, Openings: j.Openings, Confidential: j.Confidential, HiringTeam: j.HiringTeam}
}

// canEditJob: admins and recruiters, and hiring managers on the job's team.
func canEditJob(ctx context.Context, q querier, a hiring.Actor, jobID string) error {
	if a.CanManageRecords() {
		return nil
	}
	if a.Role == hiring.RoleHiringManager {
		ok, err := onTeam(ctx, q, jobID, a.UserID)
		if err != nil || ok {
			return err
		}
	}
	return forbidden("You may not edit this job.")
}

// UpdateJob replaces a job's writable fields.
func (db *DB) UpdateJob(ctx context.Context, id string, version int, in hiring.JobInput) (hiring.Job, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Job{}, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return hiring.Job{}, err
	}
	var job hiring.Job
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := db.loadJob(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := canEditJob(ctx, tx, a, id); err != nil {
			return err
		}
		if version != 0 && old.Version != version {
			return staleVersion("job")
		}
		if err := checkJobRefs(ctx, tx, in); err != nil {
			return err
		}
		// Reload with salary: the actor may be a hiring manager who sees it anyway.
		full, err := db.loadJob(ctx, tx, hiring.SystemActor(), id)
		if err != nil {
			return err
		}
		smin, smax, scur, sper := salaryArgs(in.Salary)
		res, err := tx.ExecContext(ctx, `UPDATE jobs SET title = $1, department_id = $2, workplace_type = $3, allowed_countries = $4,
			employment_type = $5, description = $6, requirements = $7, salary_min = $8, salary_max = $9, salary_currency = $10,
			salary_period = $11, openings = $12, confidential = $13, version = version + 1, updated_at = $14
			WHERE id = $15 AND version = $16`,
			in.Title, nullString(in.DepartmentID), string(in.WorkplaceType), jsonArg(in.AllowedCountries), string(in.EmploymentType),
			in.Description, jsonArg(in.Requirements), smin, smax, scur, sper, in.Openings, in.Confidential, TimeArg(now()), id, full.Version)
		if err != nil {
			return dbErr("update job", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return staleVersion("job")
		}
		if err := writeJobChildren(ctx, tx, id, in); err != nil {
			return err
		}
		if in.Confidential {
			// A confidential job has no public post.
			if err := takeDownPost(ctx, tx, id); err != nil {
				return err
			}
		}
		b, af := diff(jobMap(jobInputOf(full), full.Status), jobMap(in, full.Status))
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "job.updated", SubjectType: "job", SubjectID: id, JobID: id,
			Summary: "updated the job " + in.Title, Before: b, After: af}, false); err != nil {
			return err
		}
		job, err = db.loadJobCount(ctx, tx, hiring.SystemActor(), id, true)
		return err
	})
	if err != nil {
		return hiring.Job{}, err
	}
	if !a.SeesPrivate() {
		job.Salary = nil
	}
	return job, nil
}

// SetJobStatus moves a job along its life cycle.
func (db *DB) SetJobStatus(ctx context.Context, id string, version int, status hiring.JobStatus) (hiring.Job, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Job{}, err
	}
	if !status.Valid() {
		return hiring.Job{}, invalid("status", "must be one of draft, open, paused, closed, archived")
	}
	var job hiring.Job
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := db.loadJob(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := canEditJob(ctx, tx, a, id); err != nil {
			return err
		}
		if version != 0 && old.Version != version {
			return staleVersion("job")
		}
		if !old.Status.CanBecome(status) {
			return conflict("status", "a "+string(old.Status)+" job cannot become "+string(status))
		}
		t := now()
		published := nullTimeArg(old.PublishedAt)
		if status == hiring.JobOpen && old.PublishedAt == nil {
			published = TimeArg(t)
		}
		res, err := tx.ExecContext(ctx, "UPDATE jobs SET status = $1, published_at = $2, version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5",
			string(status), published, TimeArg(t), id, old.Version)
		if err != nil {
			return dbErr("set job status", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return staleVersion("job")
		}
		if status != hiring.JobOpen {
			// Pausing or closing a job takes its public post down.
			if err := takeDownPost(ctx, tx, id); err != nil {
				return err
			}
		}
		if old.Status != status {
			if err := db.record(ctx, tx, a, hiring.Activity{Action: "job.status_changed", SubjectType: "job", SubjectID: id, JobID: id,
				Summary: "changed " + old.Title + " from " + string(old.Status) + " to " + string(status),
				Before:  map[string]any{"status": string(old.Status)}, After: map[string]any{"status": string(status)}}, false); err != nil {
				return err
			}
		}
		job, err = db.loadJobCount(ctx, tx, a, id, true)
		return err
	})
	return job, err
}
