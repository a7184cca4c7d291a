package store

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// dupProbe is what a person is matched on: their emails, phone and LinkedIn
// lookup keys, and full name + company. self is excluded from the matches.
type dupProbe struct {
	self      string
	emails    []string
	phones    map[string]string // key → the phone as written, for the reason text
	linkedins map[string]string // key → the URL as written
	sortName  string
	company   string
}

// maxDupRows bounds each rule's lookup: a shared address like info@ can match
// many people, and a review list of hundreds helps nobody.
const maxDupRows = 100

func probeOf(id string, in hiring.CandidateInput) dupProbe {
	p := dupProbe{self: id, phones: map[string]string{}, linkedins: map[string]string{},
		sortName: sortName(in), company: in.CurrentCompany}
	for _, e := range in.Emails {
		if !hiring.PlaceholderEmail(e) { // shared by strangers: matches nobody
			p.emails = append(p.emails, e)
		}
	}
	for _, ph := range in.Phones {
		if k := hiring.PhoneKey(ph); k != "" {
			p.phones[k] = ph
		}
	}
	for _, l := range in.Links {
		if k := hiring.LinkedInKey(l.URL); k != "" {
			p.linkedins[k] = l.URL
		}
	}
	return p
}

// DuplicatesOf lists likely duplicates of a visible candidate.
func (db *DB) DuplicatesOf(ctx context.Context, candidateID string) ([]hiring.DuplicateMatch, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	c, err := db.loadCandidate(ctx, db.rd, a, candidateID)
	if err != nil {
		return nil, err
	}
	p := probeOf(c.ID, candidateInputOf(c))
	// The stored keys are what the other side was indexed with; use them so
	// a number the Go key rejects but SQL accepted still meets its twins.
	if err := db.storedKeys(ctx, db.rd, c.ID, &p); err != nil {
		return nil, err
	}
	return db.findDuplicates(ctx, db.rd, a, p)
}

// FindDuplicates lists visible candidates that look like the input.
func (db *DB) FindDuplicates(ctx context.Context, in hiring.CandidateInput) ([]hiring.DuplicateMatch, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	in.Normalize()
	return db.findDuplicates(ctx, db.rd, a, probeOf("", in))
}

// CandidateByEmail returns the earliest created visible candidate with the email.
func (db *DB) CandidateByEmail(ctx context.Context, email string) (hiring.Candidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Candidate{}, err
	}
	e, ok := hiring.NormalizeEmail(email)
	if !ok {
		return hiring.Candidate{}, invalid("email", "is not a valid email address")
	}
	if hiring.PlaceholderEmail(e) {
		return hiring.Candidate{}, notFound("candidate", sql.ErrNoRows)
	}
	p := &args{}
	var id string
	err = db.rd.QueryRowContext(ctx, "SELECT e.candidate_id FROM candidate_emails e WHERE e.email = "+p.add(e)+" AND "+
		candidateVisible(a, "e.candidate_id", p)+" ORDER BY e.candidate_id LIMIT 1", p.list...).Scan(&id)
	if err != nil {
		return hiring.Candidate{}, notFound("candidate", err)
	}
	return db.loadCandidate(ctx, db.rd, a, id)
}

func (db *DB) storedKeys(ctx context.Context, q querier, id string, p *dupProbe) error {
	for _, k := range []struct {
		query string
		into  map[string]string
	}{
		{"SELECT phone_key FROM candidate_phones WHERE candidate_id = $1", p.phones},
		{"SELECT url_key FROM candidate_linkedin WHERE candidate_id = $1", p.linkedins},
	} {
		keys, err := queryStrings(ctx, q, k.query, id)
		if err != nil {
			return err
		}
		for _, key := range keys {
			if _, ok := k.into[key]; !ok {
				k.into[key] = key
			}
		}
	}
	return nil
}

func queryStrings(ctx context.Context, q querier, query string, params ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, params...)
	if err != nil {
		return nil, dbErr("query", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, dbErr("query", err)
		}
		out = append(out, s)
	}
	return out, dbErr("query", rows.Err())
}

// findDuplicates runs every rule through its index, then keeps the matches
// the actor may see and that nobody dismissed.
func (db *DB) findDuplicates(ctx context.Context, q querier, a hiring.Actor, p dupProbe) ([]hiring.DuplicateMatch, error) {
	reasons := map[string][]hiring.DuplicateReason{}
	var order []string
	add := func(id string, r hiring.DuplicateReason) {
		if id == p.self {
			return
		}
		if _, ok := reasons[id]; !ok {
			order = append(order, id)
		}
		for _, have := range reasons[id] {
			if have.Rule == r.Rule {
				return
			}
		}
		reasons[id] = append(reasons[id], r)
	}
	lookup := func(rule hiring.DuplicateRule, table, col string, keys map[string]string) error {
		if len(keys) == 0 {
			return nil
		}
		ks := make([]string, 0, len(keys))
		for k := range keys {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		pa := &args{}
		rows, err := q.QueryContext(ctx, "SELECT candidate_id, "+col+" FROM "+table+" WHERE "+col+" IN ("+pa.in(ks)+
			") ORDER BY candidate_id LIMIT "+strconv.Itoa(maxDupRows), pa.list...)
		if err != nil {
			return dbErr("find duplicates", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, key string
			if err := rows.Scan(&id, &key); err != nil {
				return dbErr("find duplicates", err)
			}
			add(id, hiring.DuplicateReason{Rule: rule, Value: keys[key]})
		}
		return dbErr("find duplicates", rows.Err())
	}
	emails := map[string]string{}
	for _, e := range p.emails {
		emails[e] = e
	}
	if err := lookup(hiring.DupEmail, "candidate_emails", "email", emails); err != nil {
		return nil, err
	}
	if err := lookup(hiring.DupPhone, "candidate_phones", "phone_key", p.phones); err != nil {
		return nil, err
	}
	if err := lookup(hiring.DupLinkedIn, "candidate_linkedin", "url_key", p.linkedins); err != nil {
		return nil, err
	}
	if p.sortName != "" && strings.TrimSpace(p.company) != "" {
		ids, err := queryStrings(ctx, q, "SELECT id FROM candidates WHERE sort_name = $1 AND lower(current_company) = lower($2) ORDER BY id LIMIT "+
			strconv.Itoa(maxDupRows), p.sortName, p.company)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			add(id, hiring.DuplicateReason{Rule: hiring.DupNameCompany, Value: p.sortName + " @ " + p.company})
		}
	}
	if len(order) == 0 {
		return []hiring.DuplicateMatch{}, nil
	}
	dismissed := map[string]bool{}
	if p.self != "" {
		other, err := queryStrings(ctx, q, "SELECT candidate_b FROM duplicate_dismissals WHERE candidate_a = $1 UNION ALL SELECT candidate_a FROM duplicate_dismissals WHERE candidate_b = $1", p.self)
		if err != nil {
			return nil, err
		}
		for _, id := range other {
			dismissed[id] = true
		}
	}
	cands, err := db.visibleCandidates(ctx, q, a, order)
	if err != nil {
		return nil, err
	}
	out := []hiring.DuplicateMatch{}
	for _, id := range order {
		c, ok := cands[id]
		if !ok || dismissed[id] {
			continue
		}
		out = append(out, hiring.DuplicateMatch{Candidate: c, Reasons: reasons[id]})
	}
	// Most reasons first, then the newest record.
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Reasons) != len(out[j].Reasons) {
			return len(out[i].Reasons) > len(out[j].Reasons)
		}
		return out[i].Candidate.ID > out[j].Candidate.ID
	})
	return out, nil
}

// visibleCandidates loads the listed candidates the actor may see, by id.
func (db *DB) visibleCandidates(ctx context.Context, q querier, a hiring.Actor, ids []string) (map[string]hiring.Candidate, error) {
	out := map[string]hiring.Candidate{}
	for len(ids) > 0 {
		n := min(len(ids), 200)
		chunk := ids[:n]
		ids = ids[n:]
		p := &args{}
		cols, scan := db.candSelect()
		rows, err := q.QueryContext(ctx, "SELECT "+cols+candFrom+" WHERE c.id IN ("+p.in(chunk)+") AND "+candidateVisible(a, "c.id", p), p.list...)
		if err != nil {
			return nil, dbErr("load candidates", err)
		}
		for rows.Next() {
			c, err := scan(rows)
			if err != nil {
				rows.Close()
				return nil, dbErr("load candidates", err)
			}
			out[c.ID] = c
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, dbErr("load candidates", err)
		}
	}
	return out, nil
}
