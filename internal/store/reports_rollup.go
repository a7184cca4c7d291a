package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// The funnel's rollup (migration 00042). A funnel figure is the number of
// distinct applications that did something (a measure of a stage kind) in a
// period. Summing per-bucket distinct counts would count an application that
// did it in two buckets twice, so each contribution carries prev_us, the
// application's last same-measure event before the bucket: over a period
// split into chunks (whole months, whole days, and raw events at the edges)
// the distinct count is every chunk's contributions minus those whose
// previous event lies inside the period (the application was counted in an
// earlier chunk already). The sum is exact, whatever the moves back and
// forth, reopenings or out-of-order inserts.

// Rollup levels and their buckets (UTC).
const (
	levelDay   = "d"
	levelMonth = "m"
)

var rollupLevels = []string{levelMonth, levelDay}

func bucketOf(level string, t time.Time) string {
	if level == levelMonth {
		return t.UTC().Format("2006-01")
	}
	return t.UTC().Format("2006-01-02")
}

// companyJob is the job_id of the company's rows: every contribution is
// also counted there (an application belongs to one job, so the company's
// figures are the sum over its jobs).
const companyJob = ""

// rollKey is one funnel figure an event counts towards.
type rollKey struct{ measure, kind, reason string }

// rollEvent is what the rollup needs of an application_events row.
type rollEvent struct {
	kind, stageKind, fromKind, reasonID string
	direction                           int
	at                                  time.Time
}

// keys lists the figures an event counts towards, as the raw funnel query
// does: an entry counts for its stage and, moving forward, as an advance
// from the stage it left.
func (e rollEvent) keys() []rollKey {
	switch e.kind {
	case evEntered:
		if e.direction > 0 {
			return []rollKey{{"entered", e.stageKind, ""}, {"advanced", e.fromKind, ""}}
		}
		return []rollKey{{"entered", e.stageKind, ""}}
	case evRejected:
		return []rollKey{{"rejected", e.stageKind, e.reasonID}}
	case evWithdrawn:
		return []rollKey{{"withdrew", e.stageKind, ""}}
	case evHired:
		return []rollKey{{"hired", e.stageKind, ""}}
	}
	return nil
}

// rollRow is one report_rollup row's key.
type rollRow struct {
	level, bucket, job, source string
	key                        rollKey
	prev                       int64
}

// contributions adds an application's contributions (events sorted by
// time) to acc with sign.
func contributions(acc map[rollRow]int, job, source string, evs []rollEvent, sign int) {
	for _, level := range rollupLevels {
		last := map[rollKey]time.Time{}
		for _, e := range evs {
			b := bucketOf(level, e.at)
			for _, k := range e.keys() {
				p, seen := last[k]
				last[k] = e.at
				if seen && bucketOf(level, p) == b {
					continue
				}
				var prev int64
				if seen {
					prev = p.UnixMicro()
				}
				acc[rollRow{level, b, job, source, k, prev}] += sign
				acc[rollRow{level, b, companyJob, source, k, prev}] += sign
			}
		}
	}
}

func sortEvents(evs []rollEvent, ids []string) {
	idx := make([]int, len(evs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ea, eb := evs[idx[a]], evs[idx[b]]
		if !ea.at.Equal(eb.at) {
			return ea.at.Before(eb.at)
		}
		return ids[idx[a]] < ids[idx[b]]
	})
	out := make([]rollEvent, len(evs))
	for i, j := range idx {
		out[i] = evs[j]
	}
	copy(evs, out)
}

const rollEventCols = `e.id, e.kind, e.stage_kind, e.from_stage_kind, COALESCE(e.reason_id, ''), e.direction, e.at`

func scanRollEvent(rows *sql.Rows, id *string, e *rollEvent) error {
	return rows.Scan(id, &e.kind, &e.stageKind, &e.fromKind, &e.reasonID, &e.direction, timeCol{&e.at})
}

// rollupInsert keeps the rollup current for one new application_events row
// (newID, already inserted in tx): the application's contributions without
// it and with it, the difference applied.
func rollupInsert(ctx context.Context, tx *sql.Tx, appID, newID string) error {
	var job, source string
	if err := tx.QueryRowContext(ctx, "SELECT job_id, lower(source) FROM applications WHERE id = $1", appID).Scan(&job, &source); err != nil {
		return dbErr("report rollup", err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+rollEventCols+" FROM application_events e WHERE e.application_id = $1 ORDER BY e.at, e.id", appID)
	if err != nil {
		return dbErr("report rollup", err)
	}
	var all, before []rollEvent
	for rows.Next() {
		var id string
		var e rollEvent
		if err := scanRollEvent(rows, &id, &e); err != nil {
			_ = rows.Close()
			return dbErr("report rollup", err)
		}
		all = append(all, e)
		if id != newID {
			before = append(before, e)
		}
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return dbErr("report rollup", err)
	}
	delta := map[rollRow]int{}
	contributions(delta, job, source, before, -1)
	contributions(delta, job, source, all, +1)
	return applyRollup(ctx, tx, delta)
}

// applyRollup adds the non-zero deltas to report_rollup.
func applyRollup(ctx context.Context, tx *sql.Tx, delta map[rollRow]int) error {
	rs := make([]rollRow, 0, len(delta))
	for r, n := range delta {
		if n != 0 {
			rs = append(rs, r)
		}
	}
	// A stable order keeps concurrent PostgreSQL writers from deadlocking.
	sort.Slice(rs, func(i, j int) bool { return rollLess(rs[i], rs[j]) })
	const per = 400
	for len(rs) > 0 {
		n := min(per, len(rs))
		q := &args{}
		var vals []string
		for _, r := range rs[:n] {
			vals = append(vals, "("+strings.Join([]string{q.add(r.level), q.add(r.bucket), q.add(r.job), q.add(r.source), q.add(r.key.measure),
				q.add(r.key.kind), q.add(r.key.reason), q.add(r.prev), q.add(delta[r])}, ", ")+")")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO report_rollup (level, bucket, job_id, source_key, measure, stage_kind, reason_id, prev_us, n)
			VALUES `+strings.Join(vals, ", ")+`
			ON CONFLICT (level, bucket, job_id, source_key, measure, stage_kind, reason_id, prev_us) DO UPDATE SET n = report_rollup.n + excluded.n`, q.list...)
		if err != nil {
			return dbErr("report rollup", err)
		}
		rs = rs[n:]
	}
	return nil
}

func rollLess(a, b rollRow) bool {
	x := []string{a.level, a.job, a.bucket, a.source, a.key.measure, a.key.kind, a.key.reason}
	y := []string{b.level, b.job, b.bucket, b.source, b.key.measure, b.key.kind, b.key.reason}
	for i := range x {
		if x[i] != y[i] {
			return x[i] < y[i]
		}
	}
	return a.prev < b.prev
}

// rebuildRollup recomputes the whole rollup from application_events in tx,
// one job at a time (memory stays one job's history), and marks it built.
func (db *DB) rebuildRollup(ctx context.Context, tx *sql.Tx) error {
	if db.dialect == DialectPostgres {
		// Writers wait: an event written meanwhile would be missed.
		if _, err := tx.ExecContext(ctx, "LOCK TABLE application_events IN SHARE MODE"); err != nil {
			return dbErr("report rollup", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM report_rollup"); err != nil {
		return dbErr("report rollup", err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT job_id FROM applications")
	if err != nil {
		return dbErr("report rollup", err)
	}
	var jobs []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			_ = rows.Close()
			return dbErr("report rollup", err)
		}
		jobs = append(jobs, id)
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return dbErr("report rollup", err)
	}
	for _, job := range jobs {
		rows, err := tx.QueryContext(ctx, `SELECT a.id, lower(a.source), `+rollEventCols+`
			FROM applications a JOIN application_events e ON e.application_id = a.id WHERE a.job_id = $1`, job)
		if err != nil {
			return dbErr("report rollup", err)
		}
		type hist struct {
			source string
			evs    []rollEvent
			ids    []string
		}
		apps := map[string]*hist{}
		for rows.Next() {
			var app, src, id string
			var e rollEvent
			if err := rows.Scan(&app, &src, &id, &e.kind, &e.stageKind, &e.fromKind, &e.reasonID, &e.direction, timeCol{&e.at}); err != nil {
				_ = rows.Close()
				return dbErr("report rollup", err)
			}
			h := apps[app]
			if h == nil {
				h = &hist{source: src}
				apps[app] = h
			}
			h.evs, h.ids = append(h.evs, e), append(h.ids, id)
		}
		_ = rows.Close()
		if err := rows.Err(); err != nil {
			return dbErr("report rollup", err)
		}
		acc := map[rollRow]int{}
		for _, h := range apps {
			sortEvents(h.evs, h.ids)
			contributions(acc, job, h.source, h.evs, 1)
		}
		if err := applyRollup(ctx, tx, acc); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, "UPDATE report_rollup_state SET built = TRUE WHERE id = 1")
	return dbErr("report rollup", err)
}

// RebuildReportRollup recomputes the funnel's rollup from the stage history.
func (db *DB) RebuildReportRollup(ctx context.Context) error {
	return db.write(ctx, func(tx *sql.Tx) error { return db.rebuildRollup(ctx, tx) })
}

// ensureRollup builds the rollup once for a database whose history predates
// it (migration 00042 marks it unbuilt when there were events already).
func (db *DB) ensureRollup(ctx context.Context) error {
	built, err := db.rollupBuilt(ctx, db.writer)
	if err != nil || built {
		return err
	}
	start := time.Now()
	if err := db.RebuildReportRollup(ctx); err != nil {
		return fmt.Errorf("store: build the reports' rollup: %w", err)
	}
	db.logger.Info("reports rollup built", "duration", time.Since(start))
	return nil
}

func (db *DB) rollupBuilt(ctx context.Context, q querier) (bool, error) {
	var built bool
	err := q.QueryRowContext(ctx, "SELECT built FROM report_rollup_state WHERE id = 1").Scan(&built)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return built, dbErr("report rollup", err)
}

// periodChunks splits [from, to) into raw edges and whole UTC days and
// months: head [from, d1) and tail [d2, to) are read from the events; the
// buckets in between from the rollup (mid lists each level's bucket range).
type bucketRange struct{ level, first, last string }

func periodChunks(from, to time.Time) (d1, d2 time.Time, mid []bucketRange) {
	from, to = from.UTC(), to.UTC()
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	d1 = day(from)
	if d1.Before(from) {
		d1 = d1.AddDate(0, 0, 1)
	}
	d2 = day(to)
	if !d1.Before(d2) {
		return to, to, nil // no whole day: all raw
	}
	m1 := time.Date(d1.Year(), d1.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m1.Before(d1) {
		m1 = m1.AddDate(0, 1, 0)
	}
	m2 := time.Date(d2.Year(), d2.Month(), 1, 0, 0, 0, 0, time.UTC)
	if !m1.Before(m2) {
		return d1, d2, []bucketRange{{levelDay, bucketOf(levelDay, d1), bucketOf(levelDay, d2.AddDate(0, 0, -1))}}
	}
	if d1.Before(m1) {
		mid = append(mid, bucketRange{levelDay, bucketOf(levelDay, d1), bucketOf(levelDay, m1.AddDate(0, 0, -1))})
	}
	mid = append(mid, bucketRange{levelMonth, bucketOf(levelMonth, m1), bucketOf(levelMonth, m2.AddDate(0, -1, 0))})
	if m2.Before(d2) {
		mid = append(mid, bucketRange{levelDay, bucketOf(levelDay, m2), bucketOf(levelDay, d2.AddDate(0, 0, -1))})
	}
	return d1, d2, mid
}

// reportFunnelRollup is ReportFunnel per stage kind from the rollup and the
// raw events at the period's edges.
func (db *DB) reportFunnelRollup(ctx context.Context, f hiring.ReportFilter) ([]hiring.FunnelCount, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	counts := map[rollKey]int{}
	d1, d2, mid := periodChunks(f.From, f.To)
	// Which rows: the company's minus the jobs the viewer may not see, when
	// the filter names no job-level field and those are fewer than the ones
	// they see (admins: none); otherwise the jobs in scope.
	var jobs []string
	sign := 1
	if len(mid) > 0 {
		q := &args{}
		visible := jobScope(a, f, q)
		rows, err := db.rd.QueryContext(ctx, "SELECT j.id, CASE WHEN "+visible+" THEN 1 ELSE 0 END FROM jobs j", q.list...)
		if err != nil {
			return nil, dbErr("funnel report", err)
		}
		var in, out []string
		for rows.Next() {
			var id string
			var v int
			if err := rows.Scan(&id, &v); err != nil {
				_ = rows.Close()
				return nil, dbErr("funnel report", err)
			}
			if v == 1 {
				in = append(in, id)
			} else {
				out = append(out, id)
			}
		}
		_ = rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("funnel report", err)
		}
		jobs = in
		if f.DepartmentID == "" && f.JobID == "" && f.LocationID == "" && f.RecruiterID == "" && len(out) < len(in) {
			if err := db.rollupSum(ctx, f, mid, []string{companyJob}, 1, counts); err != nil {
				return nil, err
			}
			jobs, sign = out, -1
		}
	}
	if err := db.rollupSum(ctx, f, mid, jobs, sign, counts); err != nil {
		return nil, err
	}
	// The edges from the events: each application and figure once in the
	// head; in the tail only when it was not counted earlier in the period.
	edge := func(lo, hi time.Time, seen map[string]map[rollKey]bool) error {
		if !lo.Before(hi) {
			return nil
		}
		q := &args{}
		scope := jobScope(a, f, q)
		if f.Source != "" {
			scope += " AND lower(a.source) = lower(" + q.add(f.Source) + ")"
		}
		rows, err := db.rd.QueryContext(ctx, `SELECT e.application_id, `+rollEventCols+`
			FROM application_events e JOIN applications a ON a.id = e.application_id JOIN jobs j ON j.id = a.job_id
			WHERE e.at >= `+q.add(TimeArg(lo))+` AND e.at < `+q.add(TimeArg(hi))+` AND `+scope, q.list...)
		if err != nil {
			return dbErr("funnel report", err)
		}
		defer rows.Close()
		counted := map[string]map[rollKey]bool{}
		for rows.Next() {
			var app, id string
			var e rollEvent
			if err := rows.Scan(&app, &id, &e.kind, &e.stageKind, &e.fromKind, &e.reasonID, &e.direction, timeCol{&e.at}); err != nil {
				return dbErr("funnel report", err)
			}
			for _, k := range e.keys() {
				if seen[app][k] || counted[app][k] {
					continue
				}
				if counted[app] == nil {
					counted[app] = map[rollKey]bool{}
				}
				counted[app][k] = true
				counts[k]++
			}
		}
		return dbErr("funnel report", rows.Err())
	}
	if err := edge(f.From, d1, nil); err != nil {
		return nil, err
	}
	if d2.Before(f.To) && f.From.Before(d2) {
		// What the tail's applications did earlier in the period.
		q := &args{}
		lo, hi, end := q.add(TimeArg(f.From)), q.add(TimeArg(d2)), q.add(TimeArg(f.To))
		rows, err := db.rd.QueryContext(ctx, `SELECT e.application_id, `+rollEventCols+` FROM application_events e
			WHERE e.at >= `+lo+` AND e.at < `+hi+` AND e.application_id IN (SELECT t.application_id FROM application_events t WHERE t.at >= `+hi+` AND t.at < `+end+`)`, q.list...)
		if err != nil {
			return nil, dbErr("funnel report", err)
		}
		seen := map[string]map[rollKey]bool{}
		for rows.Next() {
			var app, id string
			var e rollEvent
			if err := rows.Scan(&app, &id, &e.kind, &e.stageKind, &e.fromKind, &e.reasonID, &e.direction, timeCol{&e.at}); err != nil {
				_ = rows.Close()
				return nil, dbErr("funnel report", err)
			}
			for _, k := range e.keys() {
				if seen[app] == nil {
					seen[app] = map[rollKey]bool{}
				}
				seen[app][k] = true
			}
		}
		_ = rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("funnel report", err)
		}
		if err := edge(d2, f.To, seen); err != nil {
			return nil, err
		}
	}
	names, err := db.reasonNames(ctx, counts)
	if err != nil {
		return nil, err
	}
	out := make([]hiring.FunnelCount, 0, len(counts))
	for k, n := range counts {
		if n == 0 {
			continue
		}
		out = append(out, hiring.FunnelCount{StageKind: hiring.StageKind(k.kind), Measure: k.measure, ReasonID: k.reason, Reason: names[k.reason], Count: n})
	}
	return out, nil
}

// reasonNames reads the current names of the rejection reasons counted.
func (db *DB) reasonNames(ctx context.Context, counts map[rollKey]int) (map[string]string, error) {
	var ids []string
	for k := range counts {
		if k.reason != "" {
			ids = append(ids, k.reason)
		}
	}
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	q := &args{}
	rows, err := db.rd.QueryContext(ctx, "SELECT id, name FROM rejection_reasons WHERE id IN ("+q.in(ids)+")", q.list...)
	if err != nil {
		return nil, dbErr("funnel report", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, dbErr("funnel report", err)
		}
		out[id] = name
	}
	return out, dbErr("funnel report", rows.Err())
}

// rollupSum adds sign × the rollup's figures of jobs over the bucket ranges
// to counts, leaving out contributions already counted earlier in the period.
func (db *DB) rollupSum(ctx context.Context, f hiring.ReportFilter, mid []bucketRange, jobs []string, sign int, counts map[rollKey]int) error {
	for len(jobs) > 0 {
		// Bounded parameter lists (SQLite's limit, PostgreSQL's plans).
		batch := jobs[:min(len(jobs), 500)]
		jobs = jobs[len(batch):]
		for _, r := range mid {
			q := &args{}
			cond := "r.job_id IN (" + q.in(batch) + ")"
			if f.Source != "" {
				cond += " AND r.source_key = lower(" + q.add(f.Source) + ")"
			}
			rows, err := db.rd.QueryContext(ctx, `SELECT r.measure, r.stage_kind, r.reason_id, SUM(r.n) FROM report_rollup r
				WHERE r.level = `+q.add(r.level)+` AND `+cond+` AND r.bucket >= `+q.add(r.first)+` AND r.bucket <= `+q.add(r.last)+`
				  AND (r.prev_us = 0 OR r.prev_us < `+q.add(f.From.UnixMicro())+`)
				GROUP BY r.measure, r.stage_kind, r.reason_id`, q.list...)
			if err != nil {
				return dbErr("funnel report", err)
			}
			for rows.Next() {
				var k rollKey
				var n int
				if err := rows.Scan(&k.measure, &k.kind, &k.reason, &n); err != nil {
					_ = rows.Close()
					return dbErr("funnel report", err)
				}
				counts[k] += sign * n
			}
			_ = rows.Close()
			if err := rows.Err(); err != nil {
				return dbErr("funnel report", err)
			}
		}
	}
	return nil
}
