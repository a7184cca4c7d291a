package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Job posts (issue 9): publishing, and the careers site's public reads. The
// public reads need no actor: they only ever return what is published.

const postCols = `p.job_id, p.title, p.description, p.language, p.show_salary, p.published, p.published_at,
	p.first_published_at, p.unpublished_at, p.valid_through, p.version, p.updated_at`

func scanPost(row interface{ Scan(...any) error }) (hiring.JobPost, error) {
	var p hiring.JobPost
	err := row.Scan(&p.JobID, &p.Title, &p.Description, &p.Language, &p.ShowSalary, &p.Published, nullTimeCol{&p.PublishedAt},
		nullTimeCol{&p.FirstPublishedAt}, nullTimeCol{&p.UnpublishedAt}, nullTimeCol{&p.ValidThrough}, &p.Version, timeCol{&p.UpdatedAt})
	return p, err
}

// loadPost reads a job's post row; a job without one gets the defaults.
func loadPost(ctx context.Context, q querier, jobID string) (hiring.JobPost, error) {
	p, err := scanPost(q.QueryRowContext(ctx, "SELECT "+postCols+" FROM job_posts p WHERE p.job_id = $1", jobID))
	if errors.Is(err, sql.ErrNoRows) {
		return hiring.JobPost{JobID: jobID, Language: "en"}, nil
	}
	return p, dbErr("load job post", err)
}

// JobPost reads a job's post as the actor.
func (db *DB) JobPost(ctx context.Context, jobID string) (hiring.JobPost, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.JobPost{}, err
	}
	if err := db.canSeeJob(ctx, db.rd, a, jobID); err != nil {
		return hiring.JobPost{}, err
	}
	return loadPost(ctx, db.rd, jobID)
}

// ensurePost makes the job's post row exist (inside a write).
func ensurePost(ctx context.Context, tx *sql.Tx, jobID string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO job_posts (job_id, updated_at) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING`,
		jobID, TimeArg(now()))
	return dbErr("create job post", err)
}

// SaveJobPost changes the post's own text, language and salary display.
func (db *DB) SaveJobPost(ctx context.Context, jobID string, in hiring.JobPostInput) (hiring.JobPost, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.JobPost{}, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return hiring.JobPost{}, err
	}
	var post hiring.JobPost
	err = db.write(ctx, func(tx *sql.Tx) error {
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
		old, err := loadPost(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE job_posts SET title = $1, description = $2, language = $3, show_salary = $4,
			valid_through = $5, version = version + 1, updated_at = $6 WHERE job_id = $7`,
			in.Title, in.Description, in.Language, in.ShowSalary, nullTimeArg(in.ValidThrough), TimeArg(now()), jobID); err != nil {
			return dbErr("save job post", err)
		}
		b, af := diff(postMap(old), map[string]any{"title": in.Title, "description": in.Description, "language": in.Language,
			"show_salary": in.ShowSalary, "valid_through": timeOrNil(in.ValidThrough)})
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "job.post_updated", SubjectType: "job", SubjectID: jobID, JobID: jobID,
			Summary: "updated the public post of " + job.Title, Before: b, After: af}, false); err != nil {
			return err
		}
		post, err = loadPost(ctx, tx, jobID)
		return err
	})
	return post, err
}

func postMap(p hiring.JobPost) map[string]any {
	return map[string]any{"title": p.Title, "description": p.Description, "language": p.Language, "show_salary": p.ShowSalary,
		"valid_through": timeOrNil(p.ValidThrough)}
}

func timeOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// PublishJob puts a job's post up: only an open, non-confidential job.
func (db *DB) PublishJob(ctx context.Context, jobID string) (hiring.JobPost, error) {
	return db.setPublished(ctx, jobID, true)
}

// UnpublishJob takes a job's post down.
func (db *DB) UnpublishJob(ctx context.Context, jobID string) (hiring.JobPost, error) {
	return db.setPublished(ctx, jobID, false)
}

func (db *DB) setPublished(ctx context.Context, jobID string, publish bool) (hiring.JobPost, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.JobPost{}, err
	}
	var post hiring.JobPost
	err = db.write(ctx, func(tx *sql.Tx) error {
		job, err := db.loadJob(ctx, tx, a, jobID)
		if err != nil {
			return err
		}
		if err := canEditJob(ctx, tx, a, jobID); err != nil {
			return err
		}
		if publish {
			switch {
			case job.Status != hiring.JobOpen:
				return conflict("", "Only an open job can be published; this one is "+string(job.Status)+".")
			case job.Confidential:
				return conflict("", "A confidential job cannot be published.")
			}
		}
		if err := ensurePost(ctx, tx, jobID); err != nil {
			return err
		}
		old, err := loadPost(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if old.Published == publish {
			post = old
			return nil
		}
		t := TimeArg(now())
		action, summary := "job.published", "published "+job.Title+" on the careers site"
		if publish {
			_, err = tx.ExecContext(ctx, `UPDATE job_posts SET published = TRUE, published_at = $1,
				first_published_at = COALESCE(first_published_at, $1), unpublished_at = NULL, version = version + 1, updated_at = $1
				WHERE job_id = $2`, t, jobID)
		} else {
			action, summary = "job.unpublished", "took "+job.Title+" off the careers site"
			_, err = tx.ExecContext(ctx, `UPDATE job_posts SET published = FALSE, unpublished_at = $1, version = version + 1,
				updated_at = $1 WHERE job_id = $2`, t, jobID)
		}
		if err != nil {
			return dbErr("publish job", err)
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: action, SubjectType: "job", SubjectID: jobID, JobID: jobID,
			Summary: summary, Before: map[string]any{"published": old.Published}, After: map[string]any{"published": publish}}, false); err != nil {
			return err
		}
		post, err = loadPost(ctx, tx, jobID)
		return err
	})
	return post, err
}

// takeDownPost unpublishes a job's post inside the write that paused,
// closed or hid the job (the job's own activity row says why).
func takeDownPost(ctx context.Context, tx *sql.Tx, jobID string) error {
	t := TimeArg(now())
	_, err := tx.ExecContext(ctx, `UPDATE job_posts SET published = FALSE, unpublished_at = $1, version = version + 1, updated_at = $1
		WHERE job_id = $2 AND published = TRUE`, t, jobID)
	return dbErr("take down job post", err)
}

// liveCond is the SQL condition for a live post (p: job_posts, j: jobs).
const liveCond = "p.published = TRUE AND j.status = 'open' AND j.confidential = FALSE"

const publicCols = `j.id, p.title, j.title, p.description, j.description, p.language, j.department_id, COALESCE(d.name, ''),
	j.workplace_type, j.allowed_countries, j.employment_type, j.requirements, p.show_salary, j.salary_min, j.salary_max,
	j.salary_currency, j.salary_period, p.published_at, p.valid_through, p.updated_at, j.updated_at`

const publicFrom = ` FROM job_posts p JOIN jobs j ON j.id = p.job_id LEFT JOIN departments d ON d.id = j.department_id`

func scanPublic(row interface{ Scan(...any) error }, extra ...any) (hiring.PublicPost, error) {
	var p hiring.PublicPost
	var ptitle, jtitle, pdesc, jdesc string
	var show bool
	var smin, smax sql.NullInt64
	var scur, sper sql.NullString
	var pub *time.Time
	var pupd, jupd time.Time
	dest := []any{&p.JobID, &ptitle, &jtitle, &pdesc, &jdesc, &p.Language, strCol{&p.DepartmentID}, &p.DepartmentName,
		&p.WorkplaceType, jsonCol{&p.AllowedCountries}, &p.EmploymentType, jsonCol{&p.Requirements}, &show, &smin, &smax,
		&scur, &sper, nullTimeCol{&pub}, nullTimeCol{&p.ValidThrough}, timeCol{&pupd}, timeCol{&jupd}}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return p, err
	}
	p.Title, p.Description = ptitle, pdesc
	if strings.TrimSpace(p.Title) == "" {
		p.Title = jtitle
	}
	if strings.TrimSpace(p.Description) == "" {
		p.Description = jdesc
	}
	if show && smin.Valid && scur.Valid {
		p.Salary = &hiring.Salary{Min: smin.Int64, Max: smax.Int64, Currency: scur.String, Period: hiring.SalaryPeriod(sper.String)}
	}
	if pub != nil {
		p.PublishedAt = *pub
	}
	p.UpdatedAt = pupd
	if jupd.After(p.UpdatedAt) {
		p.UpdatedAt = jupd
	}
	if p.AllowedCountries == nil {
		p.AllowedCountries = []string{}
	}
	if p.Requirements == nil {
		p.Requirements = []hiring.Requirement{}
	}
	p.Locations = []hiring.Location{}
	return p, nil
}

// PublicPosts lists the live posts, newest first.
func (db *DB) PublicPosts(ctx context.Context, f hiring.PublicPostFilter, offset, limit int) (hiring.PublicPage, error) {
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	if offset < 0 {
		offset = 0
	}
	q := &args{}
	where := " WHERE " + liveCond
	if s := strings.TrimSpace(f.Query); s != "" {
		if err := checkQuery(s); err != nil {
			return hiring.PublicPage{}, err
		}
		where += " AND LOWER(CASE WHEN p.title <> '' THEN p.title ELSE j.title END) LIKE " + q.add(likePattern(s)) + " ESCAPE '\\'"
	}
	if f.DepartmentID != "" {
		where += " AND j.department_id = " + q.add(f.DepartmentID)
	}
	if f.LocationID != "" {
		where += " AND EXISTS (SELECT 1 FROM job_locations fl WHERE fl.job_id = j.id AND fl.location_id = " + q.add(f.LocationID) + ")"
	}
	if f.WorkplaceType != "" {
		where += " AND j.workplace_type = " + q.add(string(f.WorkplaceType))
	}
	if f.EmploymentType != "" {
		where += " AND j.employment_type = " + q.add(string(f.EmploymentType))
	}
	var page hiring.PublicPage
	if err := db.rd.QueryRowContext(ctx, "SELECT COUNT(*)"+publicFrom+where, q.list...).Scan(&page.Total); err != nil {
		return page, dbErr("count posts", err)
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+publicCols+publicFrom+where+" ORDER BY p.published_at DESC, j.id LIMIT "+
		q.add(limit)+" OFFSET "+q.add(offset), q.list...)
	if err != nil {
		return page, dbErr("list posts", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPublic(rows)
		if err != nil {
			return page, dbErr("list posts", err)
		}
		p.Live = true
		page.Items = append(page.Items, p)
	}
	if err := rows.Err(); err != nil {
		return page, dbErr("list posts", err)
	}
	return page, db.publicLocations(ctx, page.Items)
}

// PublicPost reads a post that is or was public; ENotFound when it never was.
func (db *DB) PublicPost(ctx context.Context, jobID string) (hiring.PublicPost, error) {
	var live, was bool
	p, err := scanPublic(db.rd.QueryRowContext(ctx, "SELECT "+publicCols+", ("+liveCond+"), (p.first_published_at IS NOT NULL)"+
		publicFrom+" WHERE j.id = $1", jobID), &live, &was)
	if err != nil {
		return hiring.PublicPost{}, notFound("job post", err)
	}
	if !was {
		return hiring.PublicPost{}, hiring.ErrNotFound("job post")
	}
	if !live {
		// Gone: the title alone, for the page that says so.
		return hiring.PublicPost{JobID: p.JobID, Title: p.Title, Language: p.Language, Locations: []hiring.Location{}}, nil
	}
	p.Live = true
	ps := []hiring.PublicPost{p}
	if err := db.publicLocations(ctx, ps); err != nil {
		return hiring.PublicPost{}, err
	}
	return ps[0], nil
}

// publicLocations fills the posts' locations in one query.
func (db *DB) publicLocations(ctx context.Context, posts []hiring.PublicPost) error {
	if len(posts) == 0 {
		return nil
	}
	idx := make(map[string]int, len(posts))
	ids := make([]string, len(posts))
	for i := range posts {
		idx[posts[i].JobID] = i
		ids[i] = posts[i].JobID
	}
	q := &args{}
	rows, err := db.rd.QueryContext(ctx, `SELECT jl.job_id, l.id, l.name, l.city, l.country, l.region, l.postal_code FROM job_locations jl
		JOIN locations l ON l.id = jl.location_id WHERE jl.job_id IN (`+q.in(ids)+`) ORDER BY jl.job_id, jl.position`, q.list...)
	if err != nil {
		return dbErr("post locations", err)
	}
	defer rows.Close()
	for rows.Next() {
		var jobID string
		var l hiring.Location
		if err := rows.Scan(&jobID, &l.ID, &l.Name, &l.City, &l.Country, &l.Region, &l.PostalCode); err != nil {
			return dbErr("post locations", err)
		}
		p := &posts[idx[jobID]]
		p.Locations = append(p.Locations, l)
	}
	return dbErr("post locations", rows.Err())
}

// PublicFacets lists the departments and locations of live posts.
func (db *DB) PublicFacets(ctx context.Context) ([]hiring.Department, []hiring.Location, error) {
	deps := []hiring.Department{}
	rows, err := db.rd.QueryContext(ctx, `SELECT DISTINCT d.id, d.name`+publicFrom+` WHERE `+liveCond+` AND d.id IS NOT NULL ORDER BY d.name, d.id`)
	if err != nil {
		return nil, nil, dbErr("post departments", err)
	}
	for rows.Next() {
		var d hiring.Department
		if err := rows.Scan(&d.ID, &d.Name); err != nil {
			rows.Close()
			return nil, nil, dbErr("post departments", err)
		}
		deps = append(deps, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, dbErr("post departments", err)
	}
	locs := []hiring.Location{}
	rows, err = db.rd.QueryContext(ctx, `SELECT DISTINCT l.id, l.name, l.city, l.country`+publicFrom+
		` JOIN job_locations jl ON jl.job_id = j.id JOIN locations l ON l.id = jl.location_id WHERE `+liveCond+` ORDER BY l.name, l.id`)
	if err != nil {
		return nil, nil, dbErr("post locations", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l hiring.Location
		if err := rows.Scan(&l.ID, &l.Name, &l.City, &l.Country); err != nil {
			return nil, nil, dbErr("post locations", err)
		}
		locs = append(locs, l)
	}
	return deps, locs, dbErr("post locations", rows.Err())
}

const settingCareers = "careers"

// CareersSettings reads the careers site's branding (public: no actor).
func (db *DB) CareersSettings(ctx context.Context) (hiring.CareersSettings, error) {
	s := hiring.DefaultCareersSettings()
	var v string
	err := db.rd.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", settingCareers).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return s, nil
	case err != nil:
		return s, dbErr("careers settings", err)
	}
	stored := careersSettingsJSON(s) // fields saved before they existed keep their defaults
	if err := json.Unmarshal([]byte(v), &stored); err != nil {
		return s, dbErr("careers settings", err)
	}
	return hiring.CareersSettings(stored), nil
}

type careersSettingsJSON struct {
	CompanyName    string `json:"company_name"`
	LogoURL        string `json:"logo_url"`
	BrandColor     string `json:"brand_color"`
	Intro          string `json:"intro"`
	PrivacyNotice  string `json:"privacy_notice"`
	PrivacyVersion string `json:"privacy_version"`
	WebsiteURL     string `json:"website_url"`
	MinFillSeconds int    `json:"min_fill_seconds"`
	EEO            bool   `json:"eeo"`
}

// SetCareersSettings saves the branding (admins).
func (db *DB) SetCareersSettings(ctx context.Context, s hiring.CareersSettings) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() {
		return forbidden("Only admins change the careers site.")
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		old := hiring.DefaultCareersSettings()
		var v string
		if err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", settingCareers).Scan(&v); err == nil {
			var stored careersSettingsJSON
			if json.Unmarshal([]byte(v), &stored) == nil {
				old = hiring.CareersSettings(stored)
			}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return dbErr("careers settings", err)
		}
		if old.PrivacyNotice != s.PrivacyNotice && old.PrivacyVersion == s.PrivacyVersion {
			// A changed notice is a new version, whatever the form said:
			// acknowledgements must name the text they were given.
			s.PrivacyVersion = bumpVersion(old.PrivacyVersion)
		}
		b, _ := json.Marshal(careersSettingsJSON(s))
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			settingCareers, string(b), TimeArg(now())); err != nil {
			return dbErr("save careers settings", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "settings.updated", SubjectType: "settings", SubjectID: settingCareers,
			Summary: "changed the careers site", Before: map[string]any{"company_name": old.CompanyName, "privacy_version": old.PrivacyVersion},
			After: map[string]any{"company_name": s.CompanyName, "privacy_version": s.PrivacyVersion}}, false)
	})
}

// bumpVersion turns "3" into "4"; any other text gets ".1" appended.
func bumpVersion(v string) string {
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' || n > 1e8 {
			return v + ".1"
		}
		n = n*10 + int(c-'0')
	}
	return strconv.Itoa(n + 1)
}
