package store

import (
	"context"
	"database/sql"

	"github.com/candor-ats/candor/internal/hiring"
)

// actor returns the actor of ctx or EUnauthorized.
func actor(ctx context.Context) (hiring.Actor, error) {
	a, ok := hiring.ActorFrom(ctx)
	if !ok || (!a.System && (a.UserID == "" || !a.Role.Valid())) {
		return hiring.Actor{}, hiring.Errorf(hiring.EUnauthorized, "Please sign in.")
	}
	return a, nil
}

// restricted reports whether the actor sees only their hiring teams' jobs.
func restricted(a hiring.Actor) bool { return !a.CanSeeAll() }

// jobRowVisible is a SQL condition on a jobs row aliased j: true when the
// actor may see the job. Admins see all; recruiters all but confidential jobs
// whose team they are not on; others only their teams' jobs.
func jobRowVisible(a hiring.Actor, j string, q *args) string {
	switch {
	case a.IsAdmin():
		return "1=1"
	case a.Role == hiring.RoleRecruiter:
		return "(" + j + ".confidential = FALSE OR EXISTS (SELECT 1 FROM job_team vt WHERE vt.job_id = " + j + ".id AND vt.user_id = " + q.add(a.UserID) + "))"
	default:
		return "EXISTS (SELECT 1 FROM job_team vt WHERE vt.job_id = " + j + ".id AND vt.user_id = " + q.add(a.UserID) + ")"
	}
}

// jobIDVisible is jobRowVisible for a job id expression (no jobs row in scope).
func jobIDVisible(a hiring.Actor, jobID string, q *args) string {
	switch {
	case a.IsAdmin():
		return "1=1"
	case a.Role == hiring.RoleRecruiter:
		return "NOT EXISTS (SELECT 1 FROM jobs vj WHERE vj.id = " + jobID + " AND vj.confidential = TRUE AND NOT EXISTS (SELECT 1 FROM job_team vt WHERE vt.job_id = vj.id AND vt.user_id = " + q.add(a.UserID) + "))"
	default:
		return "EXISTS (SELECT 1 FROM job_team vt WHERE vt.job_id = " + jobID + " AND vt.user_id = " + q.add(a.UserID) + ")"
	}
}

// candidateVisible is a SQL condition on a candidate id expression. Admins and
// recruiters see every candidate (the CRM side); hiring managers and
// interviewers those with an application on one of their jobs.
func candidateVisible(a hiring.Actor, candID string, q *args) string {
	if !restricted(a) {
		return "1=1"
	}
	return "EXISTS (SELECT 1 FROM applications va JOIN job_team vt ON vt.job_id = va.job_id WHERE va.candidate_id = " + candID + " AND vt.user_id = " + q.add(a.UserID) + ")"
}

// canSeeJob checks one job for the actor; a missing or hidden job is ENotFound.
func (db *DB) canSeeJob(ctx context.Context, qr querier, a hiring.Actor, jobID string) error {
	q := &args{}
	cond := jobRowVisible(a, "j", q)
	var one int
	err := qr.QueryRowContext(ctx, "SELECT 1 FROM jobs j WHERE j.id = "+q.add(jobID)+" AND "+cond, q.list...).Scan(&one)
	return notFound("job", err)
}

// canSeeCandidate checks one candidate for the actor.
func (db *DB) canSeeCandidate(ctx context.Context, qr querier, a hiring.Actor, candID string) error {
	q := &args{}
	cond := candidateVisible(a, "c.id", q)
	var one int
	err := qr.QueryRowContext(ctx, "SELECT 1 FROM candidates c WHERE c.id = "+q.add(candID)+" AND "+cond, q.list...).Scan(&one)
	return notFound("candidate", err)
}

// onTeam reports whether the user is on the job's hiring team.
func onTeam(ctx context.Context, qr querier, jobID, userID string) (bool, error) {
	var one int
	err := qr.QueryRowContext(ctx, "SELECT 1 FROM job_team WHERE job_id = $1 AND user_id = $2", jobID, userID).Scan(&one)
	switch {
	case err == sql.ErrNoRows:
		return false, nil
	case err != nil:
		return false, dbErr("team check", err)
	}
	return true, nil
}

// canDecide reports whether the actor may move, reject or hire on a job they
// can see: admins and recruiters, and the job's team members who are hiring
// managers by account role.
func canDecide(ctx context.Context, qr querier, a hiring.Actor, jobID string) error {
	if a.CanManageRecords() {
		return nil
	}
	if a.Role == hiring.RoleHiringManager {
		ok, err := onTeam(ctx, qr, jobID, a.UserID)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
	return forbidden("You may not change applications of this job.")
}
