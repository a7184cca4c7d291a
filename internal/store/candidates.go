package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

const candCols = `c.id, c.first_name, c.last_name, c.emails, c.phones, c.links, c.location, c.headline, c.current_title,
	c.current_company, c.source, c.owner_id, COALESCE(ou.name, ''), c.tags, c.consent_processing, c.consent_processing_at,
	c.consent_marketing, c.consent_marketing_at, c.retain_until, c.consent_source, c.version, c.created_at, c.updated_at`

const candFrom = " FROM candidates c LEFT JOIN users ou ON ou.id = c.owner_id"

func scanCandidate(row interface{ Scan(...any) error }) (hiring.Candidate, error) {
	var c hiring.Candidate
	co := &c.Consent
	err := row.Scan(&c.ID, &c.FirstName, &c.LastName, jsonCol{&c.Emails}, jsonCol{&c.Phones}, jsonCol{&c.Links}, &c.Location,
		&c.Headline, &c.CurrentTitle, &c.CurrentCompany, &c.Source, strCol{&c.OwnerID}, &c.OwnerName, jsonCol{&c.Tags},
		&co.Processing, nullTimeCol{&co.ProcessingAt}, &co.Marketing, nullTimeCol{&co.MarketingAt}, nullTimeCol{&co.RetainUntil},
		&co.ConsentSource, &c.Version, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt})
	if c.Emails == nil {
		c.Emails = []string{}
	}
	if c.Phones == nil {
		c.Phones = []string{}
	}
	if c.Links == nil {
		c.Links = []hiring.Link{}
	}
	if c.Tags == nil {
		c.Tags = []string{}
	}
	return c, err
}

func (db *DB) loadCandidate(ctx context.Context, q querier, a hiring.Actor, id string) (hiring.Candidate, error) {
	p := &args{}
	cols, scan := db.candSelect()
	c, err := scan(q.QueryRowContext(ctx, "SELECT "+cols+candFrom+" WHERE c.id = "+p.add(id)+" AND "+candidateVisible(a, "c.id", p), p.list...))
	return c, notFound("candidate", err)
}

// Candidate returns a candidate the actor may see.
func (db *DB) Candidate(ctx context.Context, id string) (hiring.Candidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Candidate{}, err
	}
	return db.loadCandidate(ctx, db.rd, a, id)
}

// ListCandidates lists visible candidates, most recently updated first
// unless the filter asks for another order.
func (db *DB) ListCandidates(ctx context.Context, f hiring.CandidateFilter, pr hiring.PageRequest) (hiring.Page[hiring.Candidate], error) {
	cols, scan := db.candSelect()
	return listCandidateRows(ctx, db, f, pr, cols, scan, func(c hiring.Candidate) sortKeys {
		return sortKeys{c.UpdatedAt, c.CreatedAt, c.FirstName, c.LastName, c.ID}
	})
}

// ListCandidateSummaries lists the same rows as ListCandidates with only the
// columns a list shows.
func (db *DB) ListCandidateSummaries(ctx context.Context, f hiring.CandidateFilter, pr hiring.PageRequest) (hiring.Page[hiring.CandidateSummary], error) {
	cols, scan := db.summarySelect()
	return listCandidateRows(ctx, db, f, pr, cols, scan, func(c hiring.CandidateSummary) sortKeys {
		return sortKeys{c.UpdatedAt, c.CreatedAt, c.FirstName, c.LastName, c.ID}
	})
}

// sortKeys are what a listed candidate's cursor is made of.
type sortKeys struct {
	updated, created time.Time
	first, last, id  string
}

// cursor encodes the position after k in the order s. The default order's
// cursor is (updated_at, id), as it always was; the others name their order,
// so a cursor of one order is refused by another.
func (k sortKeys) cursor(s hiring.CandidateSort) []string {
	switch s {
	case hiring.SortCreated:
		return []string{string(s), TimeArg(k.created).(string), k.id}
	case hiring.SortName:
		return []string{string(s), sortName(hiring.CandidateInput{FirstName: k.first, LastName: k.last}), k.id}
	}
	return []string{TimeArg(k.updated).(string), k.id}
}

// decodeCandidateCursor reads a cursor made by sortKeys.cursor for order s,
// as (sort value, id).
func decodeCandidateCursor(c string, s hiring.CandidateSort) ([]string, error) {
	if s == hiring.SortUpdated {
		return decodeTimeCursor(c)
	}
	keys, err := decodeCursor(c, 3)
	if err != nil || keys == nil {
		return keys, err
	}
	if keys[0] != string(s) {
		return nil, invalid("cursor", "is not a valid page cursor")
	}
	if _, ok := parseTimeLayout(keys[1]); s == hiring.SortCreated && !ok {
		return nil, invalid("cursor", "is not a valid page cursor")
	}
	return keys[1:], nil
}

// listCandidateRows runs the candidate list query (filters, visibility,
// keyset paging in the filter's order) with the caller's select list.
func listCandidateRows[T any](ctx context.Context, db *DB, f hiring.CandidateFilter, pr hiring.PageRequest, cols string,
	scan func(interface{ Scan(...any) error }) (T, error), key func(T) sortKeys) (hiring.Page[T], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[T]{}, err
	}
	f.Sort = hiring.ParseCandidateSort(string(f.Sort))
	limit := pr.Clamp()
	cur, err := decodeCandidateCursor(pr.Cursor, f.Sort)
	if err != nil {
		return hiring.Page[T]{}, err
	}
	query, countQuery, params, countArgs, err := db.candidateListSQL(a, f, cur, limit, cols)
	if err != nil {
		return hiring.Page[T]{}, err
	}
	var total int
	if pr.CountTotal {
		if err := db.rd.QueryRowContext(ctx, countQuery, params[:countArgs]...).Scan(&total); err != nil {
			return hiring.Page[T]{}, dbErr("count candidates", err)
		}
	}
	rows, err := db.rd.QueryContext(ctx, query, params...)
	if err != nil {
		return hiring.Page[T]{}, dbErr("list candidates", err)
	}
	defer rows.Close()
	out := make([]T, 0, limit+1)
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return hiring.Page[T]{}, dbErr("list candidates", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return hiring.Page[T]{}, dbErr("list candidates", err)
	}
	page := pageOf(out, limit, func(c T) []string { return key(c).cursor(f.Sort) })
	page.Total = total
	if n := pr.CountUpTo; n > 0 && !pr.CountTotal {
		switch {
		case cur == nil && len(out) <= limit:
			// The first page holds every row: no count needed.
			page.Total = len(out)
		default:
			// Counting stops after the bound, so a big list costs a bounded
			// index walk, not a scan of every row.
			bounded := "SELECT COUNT(*) FROM (SELECT 1" + strings.TrimPrefix(countQuery, "SELECT COUNT(*)") + " LIMIT " + strconv.Itoa(n+1) + ") bounded"
			if err := db.rd.QueryRowContext(ctx, bounded, params[:countArgs]...).Scan(&page.Total); err != nil {
				return hiring.Page[T]{}, dbErr("count candidates", err)
			}
			if page.Total > n {
				page.Total, page.TotalCapped = n, true
			}
		}
	}
	return page, nil
}

// mentionsAlias reports whether any of the conditions reads a column of the
// table aliased alias ("c.id", not "fc.id").
func mentionsAlias(conds []string, alias string) bool {
	for _, c := range conds {
		for i := 0; ; {
			j := strings.Index(c[i:], alias+".")
			if j < 0 {
				break
			}
			j += i
			if j == 0 || !(c[j-1] == '_' || c[j-1] >= 'a' && c[j-1] <= 'z' || c[j-1] >= 'A' && c[j-1] <= 'Z' || c[j-1] >= '0' && c[j-1] <= '9') {
				return true
			}
			i = j + 1
		}
	}
	return false
}

// foldSource is the expression the source indexes are built on (migration
// 00013): it must be written exactly so for the planner to use them.
func (db *DB) foldSource(col string) string {
	if db.dialect == DialectPostgres {
		return "lower(" + col + ` COLLATE "C")`
	}
	return "lower(" + col + ")"
}

func whereSQL(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

func sortName(in hiring.CandidateInput) string {
	return strings.ToLower(strings.TrimSpace(in.FirstName + " " + in.LastName))
}

func checkOwner(ctx context.Context, tx *sql.Tx, ownerID string) error {
	if ownerID == "" {
		return nil
	}
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM users WHERE id = $1", ownerID).Scan(&one)
	if err == sql.ErrNoRows {
		return invalid("owner_id", "no such user")
	}
	return dbErr("check owner", err)
}

func writeCandidateLookups(ctx context.Context, tx *sql.Tx, id string, emails, tags []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM candidate_emails WHERE candidate_id = $1", id); err != nil {
		return dbErr("candidate emails", err)
	}
	for i, e := range emails {
		if _, err := tx.ExecContext(ctx, "INSERT INTO candidate_emails (candidate_id, email, position) VALUES ($1, $2, $3)", id, e, i); err != nil {
			return dbErr("candidate emails", err)
		}
	}
	return writeCandidateTags(ctx, tx, id, tags)
}

func writeCandidateTags(ctx context.Context, tx *sql.Tx, id string, tags []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM candidate_tags WHERE candidate_id = $1", id); err != nil {
		return dbErr("candidate tags", err)
	}
	for _, t := range tags {
		if _, err := tx.ExecContext(ctx, "INSERT INTO candidate_tags (candidate_id, tag) VALUES ($1, $2)", id, t); err != nil {
			return dbErr("candidate tags", err)
		}
	}
	return nil
}

// CreateCandidate adds a person.
func (db *DB) CreateCandidate(ctx context.Context, in hiring.CandidateInput) (hiring.Candidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Candidate{}, err
	}
	if !a.CanManageRecords() {
		return hiring.Candidate{}, forbidden("Only admins and recruiters add candidates.")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return hiring.Candidate{}, err
	}
	var c hiring.Candidate
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = db.insertCandidate(ctx, tx, a, in)
		return err
	})
	return c, err
}

// insertCandidate writes a validated candidate and its activity in tx.
func (db *DB) insertCandidate(ctx context.Context, tx *sql.Tx, a hiring.Actor, in hiring.CandidateInput) (hiring.Candidate, error) {
	if err := checkOwner(ctx, tx, in.OwnerID); err != nil {
		return hiring.Candidate{}, err
	}
	id := NewID()
	t := now()
	co := in.Consent
	_, err := db.txExec(ctx, tx, `INSERT INTO candidates (id, first_name, last_name, sort_name, emails, phones, links, location,
		headline, current_title, current_company, source, owner_id, tags, consent_processing, consent_processing_at,
		consent_marketing, consent_marketing_at, retain_until, consent_source, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 1, $21, $22)`,
		id, in.FirstName, in.LastName, sortName(in), jsonArg(in.Emails), jsonArg(in.Phones), jsonArg(in.Links), in.Location,
		in.Headline, in.CurrentTitle, in.CurrentCompany, in.Source, nullString(in.OwnerID), jsonArg(in.Tags), co.Processing,
		nullTimeArg(co.ProcessingAt), co.Marketing, nullTimeArg(co.MarketingAt), nullTimeArg(co.RetainUntil), co.ConsentSource,
		TimeArg(t), TimeArg(t))
	if err != nil {
		return hiring.Candidate{}, dbErr("create candidate", err)
	}
	if err := writeCandidateLookups(ctx, tx, id, in.Emails, in.Tags); err != nil {
		return hiring.Candidate{}, err
	}
	name := hiring.Candidate{FirstName: in.FirstName, LastName: in.LastName}.Name()
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "candidate.created", SubjectType: "candidate", SubjectID: id, CandidateID: id,
		Summary: "added " + name, After: candidateMap(in)}, false); err != nil {
		return hiring.Candidate{}, err
	}
	return db.loadCandidate(ctx, db.cached(tx), hiring.SystemActor(), id)
}

func candidateMap(in hiring.CandidateInput) map[string]any {
	return map[string]any{"first_name": in.FirstName, "last_name": in.LastName, "emails": in.Emails, "phones": in.Phones,
		"links": in.Links, "location": in.Location, "headline": in.Headline, "current_title": in.CurrentTitle,
		"current_company": in.CurrentCompany, "source": in.Source, "owner_id": in.OwnerID, "tags": in.Tags,
		"consent_processing": in.Consent.Processing, "consent_marketing": in.Consent.Marketing}
}

func candidateInputOf(c hiring.Candidate) hiring.CandidateInput {
	return hiring.CandidateInput{FirstName: c.FirstName, LastName: c.LastName, Emails: c.Emails, Phones: c.Phones, Location: c.Location,
		Links: c.Links, Headline: c.Headline, CurrentTitle: c.CurrentTitle, CurrentCompany: c.CurrentCompany, Source: c.Source,
		OwnerID: c.OwnerID, Tags: c.Tags, Consent: c.Consent}
}

// UpdateCandidate replaces a candidate's writable fields.
func (db *DB) UpdateCandidate(ctx context.Context, id string, version int, in hiring.CandidateInput) (hiring.Candidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Candidate{}, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return hiring.Candidate{}, err
	}
	var c hiring.Candidate
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := db.loadCandidate(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if !a.CanManageRecords() {
			return forbidden("Only admins and recruiters edit candidates.")
		}
		if version != 0 && version != old.Version {
			return staleVersion("candidate")
		}
		if err := checkOwner(ctx, tx, in.OwnerID); err != nil {
			return err
		}
		co := in.Consent
		res, err := tx.ExecContext(ctx, `UPDATE candidates SET first_name = $1, last_name = $2, sort_name = $3, emails = $4, phones = $5,
			links = $6, location = $7, headline = $8, current_title = $9, current_company = $10, source = $11, owner_id = $12, tags = $13,
			consent_processing = $14, consent_processing_at = $15, consent_marketing = $16, consent_marketing_at = $17,
			retain_until = $18, consent_source = $19, version = version + 1, updated_at = $20 WHERE id = $21 AND version = $22`,
			in.FirstName, in.LastName, sortName(in), jsonArg(in.Emails), jsonArg(in.Phones), jsonArg(in.Links), in.Location, in.Headline,
			in.CurrentTitle, in.CurrentCompany, in.Source, nullString(in.OwnerID), jsonArg(in.Tags), co.Processing,
			nullTimeArg(co.ProcessingAt), co.Marketing, nullTimeArg(co.MarketingAt), nullTimeArg(co.RetainUntil), co.ConsentSource,
			TimeArg(now()), id, old.Version)
		if err != nil {
			return dbErr("update candidate", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return staleVersion("candidate")
		}
		if err := writeCandidateLookups(ctx, tx, id, in.Emails, in.Tags); err != nil {
			return err
		}
		b, af := diff(candidateMap(candidateInputOf(old)), candidateMap(in))
		name := hiring.Candidate{FirstName: in.FirstName, LastName: in.LastName}.Name()
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "candidate.updated", SubjectType: "candidate", SubjectID: id, CandidateID: id,
			Summary: "updated " + name, Before: b, After: af}, false); err != nil {
			return err
		}
		c, err = db.loadCandidate(ctx, tx, hiring.SystemActor(), id)
		return err
	})
	return c, err
}

// candidateListSQL builds the list query and its COUNT (whose parameters are
// the list's first countArgs).
func (db *DB) candidateListSQL(a hiring.Actor, f hiring.CandidateFilter, cur []string, limit int, cols string) (query, countQuery string, params []any, countArgs int, err error) {
	p := &args{}
	var where []string
	if restricted(a) {
		where = append(where, candidateVisible(a, "c.id", p))
	}
	if qs := strings.TrimSpace(f.Query); qs != "" {
		if err := checkQuery(qs); err != nil {
			return "", "", nil, 0, err
		}
		pat := p.add(likePattern(qs))
		where = append(where, "(c.sort_name LIKE "+pat+" ESCAPE '\\' OR EXISTS (SELECT 1 FROM candidate_emails fe WHERE fe.candidate_id = c.id AND fe.email LIKE "+pat+" ESCAPE '\\'))")
	}
	// With a tag the list is driven from candidate_tags' ordered index
	// (tag, updated_at, candidate_id), whose updated_at a trigger keeps equal
	// to the candidate's: one index range instead of a scan of all candidates.
	from, orderT, orderID := candFrom, "c.updated_at", "c.id"
	if f.Tag != "" {
		from = " FROM candidate_tags ft JOIN candidates c ON c.id = ft.candidate_id LEFT JOIN users ou ON ou.id = c.owner_id"
		orderT, orderID = "ft.updated_at", "ft.candidate_id"
		where = append(where, "ft.tag = "+p.add(hiring.NormalizeTag(f.Tag)))
		if f.Source != "" {
			// candidate_tags copies the source too (trigger-kept), and its
			// (tag, folded source, updated_at) index serves the pair in order.
			where = append(where, db.foldSource("ft.source")+" = "+p.add(hiring.SourceKey(f.Source)))
		}
	}
	if f.Source != "" && f.Tag == "" {
		where = append(where, db.foldSource("c.source")+" = "+p.add(hiring.SourceKey(f.Source)))
	}
	if f.OwnerID != "" {
		where = append(where, "c.owner_id = "+p.add(f.OwnerID))
	}
	if f.JobID != "" {
		where = append(where, "EXISTS (SELECT 1 FROM applications fa WHERE fa.candidate_id = c.id AND fa.job_id = "+p.add(f.JobID)+
			" AND "+jobIDVisible(a, "fa.job_id", p)+")")
	}
	if f.StageID != "" {
		where = append(where, "EXISTS (SELECT 1 FROM applications fs WHERE fs.candidate_id = c.id AND fs.stage_id = "+p.add(f.StageID)+
			// The stage's column: active applications, hired ones in a hired stage.
			" AND (fs.status = 'active' OR (fs.status = 'hired' AND EXISTS (SELECT 1 FROM stages fk WHERE fk.id = fs.stage_id AND fk.kind = 'hired')))"+
			" AND "+jobIDVisible(a, "fs.job_id", p)+")")
	}
	// The count reads no owner names, and with a tag alone not even the
	// candidates: a join per counted row would cost more than the page.
	countFrom := " FROM candidates c"
	if f.Tag != "" {
		countFrom = " FROM candidate_tags ft"
		if mentionsAlias(where, "c") {
			countFrom += " JOIN candidates c ON c.id = ft.candidate_id"
		}
	}
	countQuery, countArgs = "SELECT COUNT(*)"+countFrom+whereSQL(where), len(p.list)
	// The other orders read their own indexes (candidates_created,
	// candidates_name_order, migration 00015).
	cmp, dir := "<", " DESC"
	switch f.Sort {
	case hiring.SortCreated:
		orderT, orderID = "c.created_at", "c.id"
	case hiring.SortName:
		orderT, orderID, cmp, dir = "c.sort_name", "c.id", ">", ""
	}
	if cur != nil {
		t := p.add(cur[0])
		where = append(where, "("+orderT+" "+cmp+" "+t+" OR ("+orderT+" = "+t+" AND "+orderID+" "+cmp+" "+p.add(cur[1])+"))")
	}
	query = "SELECT " + cols + from + whereSQL(where) + " ORDER BY " + orderT + dir + ", " + orderID + dir + " LIMIT " + strconv.Itoa(limit+1)
	return query, countQuery, p.list, countArgs, nil
}
