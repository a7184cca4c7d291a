package store

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// The list page reads only what its table shows: fewer columns to pack and
// slice per row than the full candidate (see candidate_packed.go), and the
// emails decoded only as far as the first.
const summaryCols = `c.id, c.first_name, c.last_name, c.emails, c.current_title, c.current_company, c.source,
	c.owner_id, COALESCE(ou.name, ''), c.tags, c.updated_at, c.created_at`

const summaryPackedCols = `concat_ws(char(31), c.id, c.first_name, c.last_name, c.emails, c.current_title, c.current_company,
	c.source, COALESCE(c.owner_id, ''), COALESCE(ou.name, ''), c.tags, c.updated_at, c.created_at)`

const summaryPackedFields = 12

func (db *DB) summarySelect() (string, func(interface{ Scan(...any) error }) (hiring.CandidateSummary, error)) {
	if db.dialect == DialectSQLite {
		return summaryPackedCols, scanPackedSummary
	}
	return summaryCols, scanSummary
}

func scanSummary(row interface{ Scan(...any) error }) (hiring.CandidateSummary, error) {
	var c hiring.CandidateSummary
	var emails []string
	err := row.Scan(&c.ID, &c.FirstName, &c.LastName, jsonCol{&emails}, &c.CurrentTitle, &c.CurrentCompany, &c.Source,
		strCol{&c.OwnerID}, &c.OwnerName, jsonCol{&c.Tags}, timeCol{&c.UpdatedAt}, timeCol{&c.CreatedAt})
	if len(emails) > 0 {
		c.Email = emails[0]
	}
	if c.Tags == nil {
		c.Tags = []string{}
	}
	return c, err
}

func scanPackedSummary(row interface{ Scan(...any) error }) (hiring.CandidateSummary, error) {
	var s string
	if err := row.Scan(&s); err != nil {
		return hiring.CandidateSummary{}, err
	}
	var f [summaryPackedFields]string
	if !splitPacked(s, f[:]) {
		return hiring.CandidateSummary{}, errPacked
	}
	c := hiring.CandidateSummary{ID: f[0], FirstName: f[1], LastName: f[2], CurrentTitle: f[4], CurrentCompany: f[5],
		Source: f[6], OwnerID: f[7], OwnerName: f[8]}
	var err error
	if c.Email, err = firstString(f[3]); err != nil {
		return c, err
	}
	if c.Tags, err = stringList(f[9]); err != nil {
		return c, err
	}
	// Both times in the store's own layout parse without allocating; other
	// spellings take the general path.
	for i, dst := range [2]*time.Time{&c.UpdatedAt, &c.CreatedAt} {
		if t, ok := parseTimeLayout(f[10+i]); ok {
			*dst = t
			continue
		}
		t, err := parseTimeText(f[10+i])
		if err != nil {
			return c, err
		}
		*dst = *t
	}
	return c, nil
}

// firstString returns the first element of a JSON array of strings. Without
// a backslash the first element holds no escapes and ends at the next quote.
func firstString(s string) (string, error) {
	if s == "[]" || s == "" {
		return "", nil
	}
	if strings.IndexByte(s, '\\') < 0 && strings.HasPrefix(s, `["`) {
		if i := strings.IndexByte(s[2:], '"'); i >= 0 {
			return s[2 : 2+i], nil
		}
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil || len(out) == 0 {
		return "", err
	}
	return out[0], nil
}
