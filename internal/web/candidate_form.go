package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type candidateFormPage struct {
	view
	Candidate hiring.Candidate // zero for a new candidate
	Form      *form
	Action    string
	Users     []hiring.User
	LinkRows  []int
	LinkKinds []hiring.LinkKind
}

const extraLinkRows = 2

func (h *Handler) renderCandidateForm(w http.ResponseWriter, r *http.Request, status int, c hiring.Candidate, f *form) {
	users, err := h.svc.ListUsers(r.Context(), false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title, action := "Add candidate", "/candidates"
	if c.ID != "" {
		title, action = "Edit "+c.Name(), "/candidates/"+c.ID+"/edit"
	}
	h.render(w, r, status, "candidate_form", candidateFormPage{
		view:      h.view(w, r, title, "candidates"),
		Candidate: c,
		Form:      f,
		Action:    action,
		Users:     users,
		LinkRows:  rows(countRows(f.Values, "links", ".url") + extraLinkRows),
		LinkKinds: []hiring.LinkKind{hiring.LinkLinkedIn, hiring.LinkGitHub, hiring.LinkPortfolio, hiring.LinkOther},
	})
}

func candidateValues(c hiring.Candidate) url.Values {
	v := url.Values{
		"first_name":      {c.FirstName},
		"last_name":       {c.LastName},
		"emails":          {strings.Join(c.Emails, "\n")},
		"phones":          {strings.Join(c.Phones, "\n")},
		"location":        {c.Location},
		"headline":        {c.Headline},
		"current_title":   {c.CurrentTitle},
		"current_company": {c.CurrentCompany},
		"source":          {c.Source},
		"owner_id":        {c.OwnerID},
		"tags":            {strings.Join(c.Tags, ", ")},
		"version":         {strconv.Itoa(c.Version)},
	}
	for i, l := range c.Links {
		p := "links." + strconv.Itoa(i)
		v.Set(p+".kind", string(l.Kind))
		v.Set(p+".url", l.URL)
	}
	if c.Consent.Processing {
		v.Set("consent.processing", "on")
	}
	if c.Consent.Marketing {
		v.Set("consent.marketing", "on")
	}
	return v
}

// parseCandidateForm reads the form; prev carries consent times forward so
// re-saving doesn't restamp when consent was given.
func parseCandidateForm(v url.Values, prev hiring.Consent, now time.Time) (hiring.CandidateInput, url.Values) {
	in := hiring.CandidateInput{
		FirstName:      v.Get("first_name"),
		LastName:       v.Get("last_name"),
		Emails:         splitList(v.Get("emails")),
		Phones:         splitList(v.Get("phones")),
		Location:       v.Get("location"),
		Headline:       v.Get("headline"),
		CurrentTitle:   v.Get("current_title"),
		CurrentCompany: v.Get("current_company"),
		Source:         v.Get("source"),
		OwnerID:        v.Get("owner_id"),
		Tags:           splitList(v.Get("tags")),
		Consent:        prev,
	}
	in.Consent.Processing = v.Get("consent.processing") == "on"
	in.Consent.Marketing = v.Get("consent.marketing") == "on"
	if in.Consent.Processing && in.Consent.ProcessingAt == nil {
		in.Consent.ProcessingAt = &now
	}
	if in.Consent.Marketing && in.Consent.MarketingAt == nil {
		in.Consent.MarketingAt = &now
	}
	if (in.Consent.Processing || in.Consent.Marketing) && in.Consent.ConsentSource == "" {
		in.Consent.ConsentSource = "recruiter"
	}
	out := url.Values{}
	for k, x := range v {
		if !strings.HasPrefix(k, "links.") {
			out[k] = x
		}
	}
	for i := range countRows(v, "links", ".url") {
		p := "links." + strconv.Itoa(i)
		u := strings.TrimSpace(v.Get(p + ".url"))
		if u == "" {
			continue
		}
		kind := hiring.LinkKind(v.Get(p + ".kind"))
		np := "links." + strconv.Itoa(len(in.Links))
		out.Set(np+".kind", string(kind))
		out.Set(np+".url", u)
		in.Links = append(in.Links, hiring.Link{Kind: kind, URL: u})
	}
	return in, out
}
