package export

import (
	"context"

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
