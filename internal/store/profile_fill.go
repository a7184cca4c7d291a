package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// Field-source rows: field names, and the sources.
const (
	srcParsed = "parsed"
	srcHuman  = "human"
)

// settledFields loads the candidate's field-source rows as "field\x00value".
func settledFields(ctx context.Context, tx *sql.Tx, candidateID string) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT field, value FROM candidate_field_sources WHERE candidate_id = $1", candidateID)
	if err != nil {
		return nil, dbErr("field sources", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var f, v string
		if err := rows.Scan(&f, &v); err != nil {
			return nil, dbErr("field sources", err)
		}
		out[f+"\x00"+v] = true
	}
	return out, dbErr("field sources", rows.Err())
}

func setSource(ctx context.Context, tx *sql.Tx, candidateID, field, value, source, documentID string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO candidate_field_sources (candidate_id, field, value, source, document_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (candidate_id, field, value) DO UPDATE SET source = excluded.source,
		document_id = excluded.document_id, created_at = excluded.created_at`,
		candidateID, field, value, source, nullString(documentID), TimeArg(now()))
	return dbErr("field source", err)
}

// fillCandidate fills the candidate's empty fields from a parse. A field is
// filled only when it is empty now AND has no source row: a row means a
// parse filled it before or a person set it, and either way a person may
// since have changed or cleared it, which must stand. Emails, phones and
// links are added per value on the same rule.
func (db *DB) fillCandidate(ctx context.Context, tx *sql.Tx, d hiring.Document, pc hiring.ParsedContact) ([]string, map[string]any, error) {
	c, err := db.loadCandidate(ctx, tx, hiring.SystemActor(), d.CandidateID)
	if err != nil {
		return nil, nil, err
	}
	settled, err := settledFields(ctx, tx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	in := candidateInputOf(c)
	var filled []string
	after := map[string]any{}
	type src struct{ field, value string }
	var sources []src
	scalar := func(name string, cur *string, v string) {
		v = strings.TrimSpace(v)
		if v == "" || *cur != "" || settled[name+"\x00"] {
			return
		}
		*cur = v
		filled = append(filled, name)
		after[name] = v
		sources = append(sources, src{name, ""})
	}
	if in.FirstName == "" && in.LastName == "" && !settled["name\x00"] && (pc.FirstName != "" || pc.LastName != "") {
		in.FirstName, in.LastName = strings.TrimSpace(pc.FirstName), strings.TrimSpace(pc.LastName)
		filled = append(filled, "name")
		after["name"] = strings.TrimSpace(in.FirstName + " " + in.LastName)
		sources = append(sources, src{"name", ""})
	}
	scalar("location", &in.Location, pc.Location)
	scalar("headline", &in.Headline, pc.Headline)
	scalar("current_title", &in.CurrentTitle, pc.CurrentTitle)
	scalar("current_company", &in.CurrentCompany, pc.CurrentCompany)

	var addedEmails, addedPhones, addedLinks []string
	for _, e := range pc.Emails {
		e, ok := hiring.NormalizeEmail(e)
		if !ok || len(in.Emails) >= hiring.MaxEmails || slices.Contains(in.Emails, e) || settled["email\x00"+e] {
			continue
		}
		in.Emails = append(in.Emails, e)
		addedEmails = append(addedEmails, e)
		sources = append(sources, src{"email", e})
	}
	for _, p := range pc.Phones {
		p = strings.TrimSpace(p)
		if !hiring.ValidPhone(p) || len(in.Phones) >= hiring.MaxPhones || hasPhone(in.Phones, p) || settled["phone\x00"+p] {
			continue
		}
		in.Phones = append(in.Phones, p)
		addedPhones = append(addedPhones, p)
		sources = append(sources, src{"phone", p})
	}
	for _, l := range pc.Links {
		u := strings.TrimSpace(l.URL)
		if u == "" || len(u) > 500 || len(in.Links) >= hiring.MaxLinks || hasLink(in.Links, l) || settled["link\x00"+u] {
			continue
		}
		in.Links = append(in.Links, hiring.Link{Kind: l.Kind, URL: u})
		addedLinks = append(addedLinks, u)
		sources = append(sources, src{"link", u})
	}
	for name, vs := range map[string][]string{"emails": addedEmails, "phones": addedPhones, "links": addedLinks} {
		if len(vs) > 0 {
			filled = append(filled, name)
			after[name] = vs
		}
	}
	if len(filled) == 0 {
		return nil, nil, nil
	}
	// The parser's values are checked like a person's: what fails is
	// simply not filled rather than failing the parse.
	in.Normalize()
	if err := in.Validate(); err != nil {
		db.logger.WarnContext(ctx, "store: parsed values not filled, they fail validation", "document", d.ID, "err", err)
		return nil, nil, nil
	}
	if err := db.writeCandidateFields(ctx, tx, c, in); err != nil {
		return nil, nil, err
	}
	for _, s := range sources {
		if err := setSource(ctx, tx, c.ID, s.field, s.value, srcParsed, d.ID); err != nil {
			return nil, nil, err
		}
	}
	sortFilled(filled)
	return filled, after, nil
}

// sortFilled puts the filled field names in the order a person reads a
// profile, for a stable activity summary.
func sortFilled(f []string) {
	order := map[string]int{"name": 0, "emails": 1, "phones": 2, "location": 3, "headline": 4, "current_title": 5, "current_company": 6, "links": 7}
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && order[f[j]] < order[f[j-1]]; j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
}

// writeCandidateFields stores the contact fields of in over c (whose
// version it bumps, so a form opened before sees the change).
func (db *DB) writeCandidateFields(ctx context.Context, tx *sql.Tx, c hiring.Candidate, in hiring.CandidateInput) error {
	if _, err := tx.ExecContext(ctx, `UPDATE candidates SET first_name = $1, last_name = $2, sort_name = $3, emails = $4, phones = $5,
		links = $6, location = $7, headline = $8, current_title = $9, current_company = $10, version = version + 1, updated_at = $11
		WHERE id = $12`,
		in.FirstName, in.LastName, sortName(in), jsonArg(in.Emails), jsonArg(in.Phones), jsonArg(in.Links), in.Location, in.Headline,
		in.CurrentTitle, in.CurrentCompany, TimeArg(now()), c.ID); err != nil {
		return dbErr("fill candidate", err)
	}
	return writeCandidateLookups(ctx, tx, c.ID, in.Emails, in.Tags)
}

// correctCandidate applies a person's correction of a contact field to the
// candidate and marks the field as theirs.
func (db *DB) correctCandidate(ctx context.Context, tx *sql.Tx, a hiring.Actor, d hiring.Document, cc hiring.ContactCorrection) error {
	c, err := db.loadCandidate(ctx, tx, a, d.CandidateID)
	if err != nil {
		return err
	}
	in := candidateInputOf(c)
	v := strings.TrimSpace(cc.Value)
	field, value := cc.Field, ""
	switch cc.Field {
	case "name":
		first, last, _ := strings.Cut(v, " ")
		if i := strings.LastIndex(v, " "); i > 0 {
			first, last = v[:i], v[i+1:]
		}
		in.FirstName, in.LastName = strings.TrimSpace(first), strings.TrimSpace(last)
	case "location":
		in.Location = v
	case "headline":
		in.Headline = v
	case "current_title":
		in.CurrentTitle = v
	case "current_company":
		in.CurrentCompany = v
	case "email":
		norm, ok := hiring.NormalizeEmail(v)
		if v != "" && !ok {
			return invalid("value", "is not a valid email address")
		}
		in.Emails = replaceValue(in.Emails, strings.ToLower(cc.Old), norm, strings.EqualFold)
		value = norm
	case "phone":
		if v != "" && !hiring.ValidPhone(v) {
			return invalid("value", "is not a valid phone number")
		}
		in.Phones = replaceValue(in.Phones, cc.Old, v, samePhone)
		value = v
	default:
		return invalid("field", "is not a contact field")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		fs := hiring.ErrorFields(err)
		msg := "is not valid"
		if len(fs) > 0 {
			msg = fs[0].Message
		}
		return invalid("value", msg)
	}
	if err := db.writeCandidateFields(ctx, tx, c, in); err != nil {
		return err
	}
	if cc.Old != "" && (field == "email" || field == "phone") {
		// The corrected value is settled too: a re-parse must not add it back.
		if err := setSource(ctx, tx, c.ID, field, cc.Old, srcHuman, ""); err != nil {
			return err
		}
	}
	b, af := diff(candidateMap(candidateInputOf(c)), candidateMap(in))
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "candidate.updated", SubjectType: "candidate", SubjectID: c.ID,
		CandidateID: c.ID, Summary: "corrected " + field + " of " + c.Name() + " from a parsed resume", Before: b, After: af}, false); err != nil {
		return err
	}
	return setSource(ctx, tx, c.ID, field, value, srcHuman, "")
}

// replaceValue swaps old for v in xs (adding v when old is absent; removing
// old when v is empty).
func replaceValue(xs []string, old, v string, eq func(a, b string) bool) []string {
	out := make([]string, 0, len(xs)+1)
	replaced := false
	for _, x := range xs {
		if old != "" && eq(x, old) {
			if v != "" && !replaced {
				out = append(out, v)
			}
			replaced = true
			continue
		}
		out = append(out, x)
	}
	if !replaced && v != "" {
		for _, x := range out {
			if eq(x, v) {
				return out
			}
		}
		out = append(out, v)
	}
	return out
}

// samePhone matches numbers by the duplicate check's key (hiring.PhoneKey),
// so "+1 (415) 555-0100" on the record is the parser's "+14155550100".
func samePhone(a, b string) bool {
	k := hiring.PhoneKey(a)
	return a == b || k != "" && hiring.PhoneKey(b) == k
}

func hasPhone(xs []string, p string) bool {
	return slices.ContainsFunc(xs, func(x string) bool { return samePhone(x, p) })
}

// hasLink: the same URL, or for LinkedIn and GitHub any link of that kind
// (a person has one profile there).
func hasLink(xs []hiring.Link, l hiring.Link) bool {
	norm := func(u string) string {
		u = strings.ToLower(strings.TrimSpace(u))
		u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		u = strings.TrimPrefix(u, "www.")
		return strings.TrimSuffix(u, "/")
	}
	for _, x := range xs {
		if norm(x.URL) == norm(l.URL) {
			return true
		}
		if (l.Kind == hiring.LinkLinkedIn || l.Kind == hiring.LinkGitHub) && x.Kind == l.Kind {
			return true
		}
	}
	return false
}
