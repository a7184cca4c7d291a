package export

import (
	"bufio"
	"context"
	"encoding/json"
	"io"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

// Resume is a JSON Resume document (https://jsonresume.org/schema) with
// Candor's identifiers in meta.
type Resume struct {
	Schema string         `json:"$schema"`
	Basics resume.Basics  `json:"basics"`
	Work   []resume.Work  `json:"work,omitempty"`
	Skills []resume.Skill `json:"skills,omitempty"`
	Meta   ResumeMeta     `json:"meta"`
}

// ResumeMeta is the document's meta section.
type ResumeMeta struct {
	CanonicalID  string   `json:"canonical,omitempty"`
	Version      string   `json:"version,omitempty"`
	LastModified string   `json:"lastModified,omitempty"`
	Emails       []string `json:"emails,omitempty"`
	Phones       []string `json:"phones,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	Source       string   `json:"source,omitempty"`
}

// SchemaURL is the JSON Resume schema the document follows.
const SchemaURL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"

// ToResume maps a candidate to JSON Resume: contact → basics, links →
// basics.profiles (the portfolio → basics.url), title and company → work[0].
func ToResume(c hiring.Candidate) Resume {
	r := Resume{Schema: SchemaURL, Basics: resume.Basics{Name: c.Name(), Label: c.Headline, Email: c.PrimaryEmail(),
		Location: resume.Location{Address: c.Location}}}
	if len(c.Phones) > 0 {
		r.Basics.Phone = c.Phones[0]
	}
	for _, l := range c.Links {
		switch l.Kind {
		case hiring.LinkPortfolio:
			if r.Basics.URL == "" {
				r.Basics.URL = l.URL
				continue
			}
		}
		r.Basics.Profiles = append(r.Basics.Profiles, resume.SocialProfile{Network: networkName(l.Kind), URL: l.URL})
	}
	if c.CurrentTitle != "" || c.CurrentCompany != "" {
		r.Work = []resume.Work{{Name: c.CurrentCompany, Position: c.CurrentTitle}}
	}
	r.Meta = ResumeMeta{CanonicalID: c.ID, Version: "v1.0.0", LastModified: c.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z"),
		Emails: c.Emails, Phones: c.Phones, Tags: c.Tags, Source: c.Source}
	return r
}

func networkName(k hiring.LinkKind) string {
	switch k {
	case hiring.LinkLinkedIn:
		return "LinkedIn"
	case hiring.LinkGitHub:
		return "GitHub"
	case hiring.LinkPortfolio:
		return "Portfolio"
	}
	return "Website"
}

// CandidateResume loads a candidate the actor may see (ENotFound otherwise)
// and records a "candidate.exported" activity.
func CandidateResume(ctx context.Context, svc hiring.Services, id string) (Resume, error) {
	c, err := svc.Candidate(ctx, id)
	if err != nil {
		return Resume{}, err
	}
	if err := svc.RecordActivity(ctx, hiring.Activity{Action: "candidate.exported", SubjectType: "candidate", SubjectID: c.ID,
		CandidateID: c.ID, Summary: "exported " + c.Name() + " as JSON Resume", After: map[string]any{"format": "jsonresume"}}); err != nil {
		return Resume{}, err
	}
	return ToResume(c), nil
}

// Resumes streams the candidates matching f that the actor in ctx may see
// as one JSON array of JSON Resume documents (the shape the JSON Resume
// import reads back), a page at a time, and records a "candidates.exported"
// activity with the count (also when the stream breaks off).
func Resumes(ctx context.Context, w io.Writer, svc hiring.Services, f hiring.CandidateFilter) (n int, err error) {
	defer func() {
		rerr := svc.RecordActivity(context.WithoutCancel(ctx), hiring.Activity{Action: "candidates.exported", SubjectType: "candidate",
			Summary: "exported candidates as JSON Resume", After: map[string]any{"count": n, "format": "jsonresume", "filters": filterMap(f)}})
		if err == nil {
			err = rerr
		}
	}()
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("["); err != nil {
		return 0, err
	}
	page := hiring.PageRequest{Limit: hiring.MaxLimit}
	for {
		p, err := svc.ListCandidates(ctx, f, page)
		if err != nil {
			return n, err
		}
		for _, c := range p.Items {
			b, err := json.MarshalIndent(ToResume(c), "  ", "  ")
			if err != nil {
				return n, err
			}
			sep := "\n  "
			if n > 0 {
				sep = ",\n  "
			}
			if _, err := bw.WriteString(sep); err != nil {
				return n, err
			}
			if _, err := bw.Write(b); err != nil {
				return n, err
			}
			n++
		}
		if p.NextCursor == "" {
			break
		}
		page.Cursor = p.NextCursor
	}
	if _, err := bw.WriteString("\n]\n"); err != nil {
		return n, err
	}
	return n, bw.Flush()
}
