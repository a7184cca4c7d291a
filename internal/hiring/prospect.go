package hiring

import (
	"context"
	"strings"
	"unicode/utf8"
)

// ProspectInput is a person found while sourcing (issue 12): a name and a
// LinkedIn or GitHub profile URL, nothing else required. The candidate is
// created without an application, owned by and credited to the sourcer.
type ProspectInput struct {
	Name     string // as the profile shows it; the last word is the last name
	URL      string // LinkedIn or GitHub profile
	Email    string // optional
	Title    string // current title or headline, optional
	Company  string
	Location string
}

// ProspectExists is the cause of the EConflict a duplicate prospect gets:
// the candidate already on file with the same profile URL.
type ProspectExists struct {
	CandidateID string
	Name        string
}

func (e *ProspectExists) Error() string { return "prospect already on file: " + e.CandidateID }

// ProspectService adds sourced prospects. Admins and recruiters only.
type ProspectService interface {
	CreateProspect(ctx context.Context, in ProspectInput) (Candidate, error)
}

// ProfileURLKey normalizes a LinkedIn or GitHub profile URL into the key
// duplicates are found by ("linkedin.com/in/ada", "github.com/ada"), with
// the link's kind; ok is false for any other URL.
func ProfileURLKey(raw string) (key string, kind LinkKind, ok bool) {
	if k := LinkedInKey(raw); k != "" {
		return k, LinkLinkedIn, true
	}
	u := asciiLower(strings.TrimSpace(raw))
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	for _, cut := range []byte{'?', '#'} {
		if i := strings.IndexByte(u, cut); i >= 0 {
			u = u[:i]
		}
	}
	host, path, _ := strings.Cut(u, "/")
	if host != "github.com" && host != "www.github.com" {
		return "", "", false
	}
	user, _, _ := strings.Cut(path, "/")
	if user == "" || len(user) > 39 || strings.Trim(user, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return "", "", false
	}
	switch user {
	case "orgs", "topics", "search", "settings", "marketplace", "explore", "login", "about", "features", "pricing", "sponsors":
		return "", "", false
	}
	return "github.com/" + user, LinkGitHub, true
}

// Candidate turns a prospect into a candidate input: the profile as a link,
// source "Sourced (LinkedIn)" or "Sourced (GitHub)", owned by ownerID.
func (p ProspectInput) Candidate(ownerID string) (CandidateInput, error) {
	var v Validation
	name := strings.Join(strings.Fields(p.Name), " ")
	if name == "" || utf8.RuneCountInString(name) > 200 {
		v.Add("name", "is required (at most 200 characters)")
	}
	url := strings.TrimSpace(p.URL)
	_, kind, ok := ProfileURLKey(url)
	if !ok || len(url) > 2000 {
		v.Add("url", "must be a LinkedIn or GitHub profile URL")
	}
	if err := v.Err(); err != nil {
		return CandidateInput{}, err
	}
	if !strings.Contains(url, "://") {
		url = "https://" + url
	}
	first, last := name, ""
	if i := strings.LastIndexByte(name, ' '); i > 0 {
		first, last = name[:i], name[i+1:]
	}
	source := "Sourced (LinkedIn)"
	if kind == LinkGitHub {
		source = "Sourced (GitHub)"
	}
	in := CandidateInput{FirstName: first, LastName: last, Links: []Link{{Kind: kind, URL: url}}, CurrentTitle: p.Title,
		CurrentCompany: p.Company, Location: p.Location, Source: source, OwnerID: ownerID}
	if e := strings.TrimSpace(p.Email); e != "" {
		in.Emails = []string{e}
	}
	return in, nil
}
