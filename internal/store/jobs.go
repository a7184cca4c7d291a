package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
)

const jobCols = `j.id, j.title, j.department_id, COALESCE(d.name, ''), j.workplace_type, j.allowed_countries, j.employment_type,
	j.description, j.requirements, j.salary_min, j.salary_max, j.salary_currency, j.salary_period, j.openings, j.status,
	j.confidential, j.version, j.created_at, j.updated_at, j.published_at`

// jobCount adds the active application count (a counter kept by the writes
// that change an application's status), for reads that show it.
const jobCount = `, j.active_applications`

const jobFrom = " FROM jobs j LEFT JOIN departments d ON d.id = j.department_id"

func scanJob(row interface{ Scan(...any) error }, withCount bool) (hiring.Job, error) {
	var j hiring.Job
	var smin, smax sql.NullInt64
	var scur, sper sql.NullString
	dest := []any{&j.ID, &j.Title, strCol{&j.DepartmentID}, &j.DepartmentName, &j.WorkplaceType, jsonCol{&j.AllowedCountries},
		&j.EmploymentType, &j.Description, jsonCol{&j.Requirements}, &smin, &smax, &scur, &sper, &j.Openings, &j.Status,
		&j.Confidential, &j.Version, timeCol{&j.CreatedAt}, timeCol{&j.UpdatedAt}, nullTimeCol{&j.PublishedAt}}
	if withCount {
		dest = append(dest, &j.ActiveApplications)
	}
	err := row.Scan(dest...)
	if smin.Valid && scur.Valid {
		j.Salary = &hiring.Salary{Min: smin.Int64, Max: smax.Int64, Currency: scur.String, Period: hiring.SalaryPeriod(sper.String)}
	}
	return j, err
}

// jobDetails fills locations and hiring teams of jobs in two queries, and
// hides salaries from actors who may not see them.
func (db *DB) jobDetails(ctx context.Context, q querier, a hiring.Actor, jobs []hiring.Job) error {
	if len(jobs) == 0 {
		return nil
	}
	idx := make(map[string]int, len(jobs))
	ids := make([]string, len(jobs))
	for i := range jobs {
		idx[jobs[i].ID] = i
		ids[i] = jobs[i].ID
		jobs[i].LocationIDs = []string{}
		jobs[i].Locations = []hiring.Location{}
		jobs[i].HiringTeam = []hiring.TeamMember{}
		if jobs[i].AllowedCountries == nil {
			jobs[i].AllowedCountries = []string{}
		}
		if jobs[i].Requirements == nil {
			jobs[i].Requirements = []hiring.Requirement{}
		}
		if !a.SeesPrivate() {
			jobs[i].Salary = nil
		}
	}
	p := &args{}
	in := p.in(ids)
	rows, err := q.QueryContext(ctx, `SELECT jl.job_id, l.id, l.name, l.city, l.country, l.region, l.postal_code FROM job_locations jl
		JOIN locations l ON l.id = jl.location_id WHERE jl.job_id IN (`+in+`) ORDER BY jl.job_id, jl.position`, p.list...)
	if err != nil {
		return dbErr("job locations", err)
	}
	for rows.Next() {
		var jobID string
		var l hiring.Location
		if err := rows.Scan(&jobID, &l.ID, &l.Name, &l.City, &l.Country, &l.Region, &l.PostalCode); err != nil {
			rows.Close()
			return dbErr("job locations", err)
		}
		j := &jobs[idx[jobID]]
		j.LocationIDs = append(j.LocationIDs, l.ID)
		j.Locations = append(j.Locations, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return dbErr("job locations", err)
	}
	rows, err = q.QueryContext(ctx, `SELECT t.job_id, t.user_id, t.role, u.name FROM job_team t JOIN users u ON u.id = t.user_id
		WHERE t.job_id IN (`+in+`) ORDER BY t.job_id, u.name, u.id`, p.list...)
	if err != nil {
		return dbErr("job team", err)
	}
	defer rows.Close()
	for rows.Next() {
		var jobID string
		var m hiring.TeamMember
		if err := rows.Scan(&jobID, &m.UserID, &m.Role, &m.Name); err != nil {
			return dbErr("job team", err)
		}
		j := &jobs[idx[jobID]]
		j.HiringTeam = append(j.HiringTeam, m)
	}
	return dbErr("job team", rows.Err())
}

// loadJob reads one job the actor may see, without its application count.
func (db *DB) loadJob(ctx context.Context, q querier, a hiring.Actor, id string) (hiring.Job, error) {
	return db.loadJobCount(ctx, q, a, id, false)
}

func (db *DB) loadJobCount(ctx context.Context, q querier, a hiring.Actor, id string, withCount bool) (hiring.Job, error) {
	p := &args{}
	cond := jobRowVisible(a, "j", p)
	cols := jobCols
	if withCount {
		cols += jobCount
	}
	j, err := scanJob(q.QueryRowContext(ctx, "SELECT "+cols+jobFrom+" WHERE j.id = "+p.add(id)+" AND "+cond, p.list...), withCount)
	if err != nil {
		return hiring.Job{}, notFound("job", err)
	}
	js := []hiring.Job{j}
	if err := db.jobDetails(ctx, q, a, js); err != nil {
		return hiring.Job{}, err
	}
	return js[0], nil
}

// Job returns a job the actor may see.
func (db *DB) Job(ctx context.Context, id string) (hiring.Job, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Job{}, err
	}
	return db.loadJobCount(ctx, db.rd, a, id, true)
}

// ListJobs lists visible jobs, newest first.
func (db *DB) ListJobs(ctx context.Context, f hiring.JobFilter, pr hiring.PageRequest) (hiring.Page[hiring.Job], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Job]{}, err
	}
	limit := pr.Clamp()
	cur, err := decodeCursor(pr.Cursor, 1)
	if err != nil {
		return hiring.Page[hiring.Job]{}, err
	}
	p := &args{}
	where := []string{jobRowVisible(a, "j", p)}
	if len(f.Statuses) > 0 {
		ss := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			ss[i] = string(s)
		}
		where = append(where, "j.status IN ("+p.in(ss)+")")
	}
	if f.DepartmentID != "" {
		where = append(where, "j.department_id = "+p.add(f.DepartmentID))
	}
	if f.LocationID != "" {
		where = append(where, "EXISTS (SELECT 1 FROM job_locations fl WHERE fl.job_id = j.id AND fl.location_id = "+p.add(f.LocationID)+")")
	}
	if qs := strings.TrimSpace(f.Query); qs != "" {
		if err := checkQuery(qs); err != nil {
			return hiring.Page[hiring.Job]{}, err
		}
		where = append(where, "LOWER(j.title) LIKE "+p.add(likePattern(qs))+" ESCAPE '\\'")
	}
	if f.MineOnly && !a.System {
		where = append(where, "EXISTS (SELECT 1 FROM job_team mt WHERE mt.job_id = j.id AND mt.user_id = "+p.add(a.UserID)+")")
	}
	var total int
	if pr.CountTotal {
		if err := db.rd.QueryRowContext(ctx, "SELECT COUNT(*) FROM jobs j WHERE "+strings.Join(where, " AND "), p.list...).Scan(&total); err != nil {
			return hiring.Page[hiring.Job]{}, dbErr("count jobs", err)
		}
	}
	if cur != nil {
		where = append(where, "j.id < "+p.add(cur[0]))
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+jobCols+jobCount+jobFrom+" WHERE "+strings.Join(where, " AND ")+
		" ORDER BY j.id DESC LIMIT "+strconv.Itoa(limit+1), p.list...)
	if err != nil {
		return hiring.Page[hiring.Job]{}, dbErr("list jobs", err)
	}
	var jobs []hiring.Job
	for rows.Next() {
		j, err := scanJob(rows, true)
		if err != nil {
			rows.Close()
			return hiring.Page[hiring.Job]{}, dbErr("list jobs", err)
		}
		jobs = append(jobs, j)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return hiring.Page[hiring.Job]{}, dbErr("list jobs", err)
	}
	page := pageOf(jobs, limit, func(j hiring.Job) []string { return []string{j.ID} })
	if err := db.jobDetails(ctx, db.rd, a, page.Items); err != nil {
		return hiring.Page[hiring.Job]{}, err
	}
	page.Total = total
	return page, nil
}

// maxQueryLen bounds a list's search text: its LIKE pattern is matched
// against every row, so an unbounded one costs CPU for nothing.
const maxQueryLen = 200

// checkQuery refuses search text longer than maxQueryLen (field "q", the
// parameter's name in the UI and the API).
func checkQuery(q string) error {
	if utf8.RuneCountInString(q) > maxQueryLen {
		return invalid("q", "must be at most 200 characters")
	}
	return nil
}

// likePattern turns user text into a LOWER(col) LIKE pattern matching it anywhere.
func likePattern(s string) string {
	return "%" + escapeLike(strings.ToLower(s)) + "%"
}

// likeEscaper escapes LIKE's wildcards and its escape character (ESCAPE '\\').
var likeEscaper = strings.NewReplacer("\\", "\\\\", "%", "\\%", "_", "\\_")

func escapeLike(s string) string { return likeEscaper.Replace(s) }
