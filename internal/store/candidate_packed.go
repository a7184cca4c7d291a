package store

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// On SQLite (modernc) every column read takes the connection mutex and
// allocates, which made a 50-row candidate page cost ~0.6 ms. Packing the row
// into one text value (fields joined by the unit separator U+001F) reads one
// column per row and slices the fields without copying. Validated text never
// holds control characters and JSON escapes them, so the separator cannot
// occur inside a field; consent_source, the one unvalidated free text, comes
// last and keeps whatever it holds.
//
// concat_ws sizes the result once (a chain of || regrows it per field);
// it skips NULLs, so every nullable column is COALESCEd to keep positions.
const candPackedCols = `concat_ws(char(31), c.id, c.first_name, c.last_name, c.emails, c.phones, c.links, c.location, c.headline,
	c.current_title, c.current_company, c.source, COALESCE(c.owner_id, ''), COALESCE(ou.name, ''), c.tags, c.consent_processing,
	COALESCE(c.consent_processing_at, ''), c.consent_marketing, COALESCE(c.consent_marketing_at, ''), COALESCE(c.retain_until, ''),
	c.version, c.created_at, c.updated_at, c.consent_source)`

const candPackedFields = 23

var errPacked = errors.New("store: malformed packed candidate row")

// candSelect returns the select list and the matching row scanner.
func (db *DB) candSelect() (string, func(interface{ Scan(...any) error }) (hiring.Candidate, error)) {
	if db.dialect == DialectSQLite {
		return candPackedCols, scanPackedCandidate
	}
	return candCols, scanCandidate
}

func scanPackedCandidate(row interface{ Scan(...any) error }) (hiring.Candidate, error) {
	var s string
	if err := row.Scan(&s); err != nil {
		return hiring.Candidate{}, err
	}
	var f [candPackedFields]string
	if !splitPacked(s, f[:]) {
		return hiring.Candidate{}, errPacked
	}
	c := hiring.Candidate{ID: f[0], FirstName: f[1], LastName: f[2], Location: f[6], Headline: f[7], CurrentTitle: f[8],
		CurrentCompany: f[9], Source: f[10], OwnerID: f[11], OwnerName: f[12]}
	var err error
	if c.Emails, err = stringList(f[3]); err != nil {
		return c, err
	}
	if c.Phones, err = stringList(f[4]); err != nil {
		return c, err
	}
	if c.Links, err = linkList(f[5]); err != nil {
		return c, err
	}
	if c.Tags, err = stringList(f[13]); err != nil {
		return c, err
	}
	co := &c.Consent
	co.Processing = f[14] == "1"
	co.Marketing = f[16] == "1"
	co.ConsentSource = f[22]
	if co.ProcessingAt, err = optTime(f[15]); err != nil {
		return c, err
	}
	if co.MarketingAt, err = optTime(f[17]); err != nil {
		return c, err
	}
	if co.RetainUntil, err = optTime(f[18]); err != nil {
		return c, err
	}
	if c.Version, err = strconv.Atoi(f[19]); err != nil {
		return c, errPacked
	}
	t, err := parseTimeText(f[20])
	if err != nil {
		return c, err
	}
	c.CreatedAt = *t
	if t, err = parseTimeText(f[21]); err != nil {
		return c, err
	}
	c.UpdatedAt = *t
	return c, nil
}

// splitPacked slices a packed row into exactly len(f) fields without copying.
func splitPacked(s string, f []string) bool {
	last := len(f) - 1
	for i := 0; i < last; i++ {
		j := strings.IndexByte(s, 0x1f)
		if j < 0 {
			return false
		}
		f[i], s = s[:j], s[j+1:]
	}
	f[last] = s
	return true
}

func optTime(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	return parseTimeText(s)
}

// stringList decodes a JSON array of strings. Without backslashes the
// strings hold no escapes, so splitting on `","` is exact and allocates
// only the slice.
func stringList(s string) ([]string, error) {
	if s == "[]" || s == "" {
		return []string{}, nil
	}
	if strings.IndexByte(s, '\\') < 0 && len(s) >= 4 && strings.HasPrefix(s, `["`) && strings.HasSuffix(s, `"]`) {
		return strings.Split(s[2:len(s)-2], `","`), nil
	}
	var out []string
	err := json.Unmarshal([]byte(s), &out)
	return out, err
}

// linkList decodes the links column. The store writes it with json.Marshal
// of hiring.Link, so without backslashes every element reads exactly
// {"kind":"…","url":"…"} and is sliced without reflection; anything else
// goes through encoding/json.
func linkList(s string) ([]hiring.Link, error) {
	if s == "[]" || s == "" {
		return []hiring.Link{}, nil
	}
	if len(s) >= 2 && !strings.Contains(s, `\`) {
		const pre, mid, post = `{"kind":"`, `","url":"`, `"}`
		var out []hiring.Link
		rest := s[1 : len(s)-1] // inside [ ]
		for ok := s[0] == '[' && s[len(s)-1] == ']'; ok && rest != ""; {
			if !strings.HasPrefix(rest, pre) {
				ok = false
				break
			}
			rest = rest[len(pre):]
			i := strings.Index(rest, mid)
			if i < 0 {
				ok = false
				break
			}
			kind := rest[:i]
			rest = rest[i+len(mid):]
			j := strings.Index(rest, post)
			if j < 0 {
				ok = false
				break
			}
			out = append(out, hiring.Link{Kind: hiring.LinkKind(kind), URL: rest[:j]})
			rest = rest[j+len(post):]
			if rest == "" {
				return out, nil
			}
			if rest[0] != ',' {
				ok = false
				break
			}
			rest = rest[1:]
		}
	}
	var out []hiring.Link
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, err
	}
	return out, nil
}
