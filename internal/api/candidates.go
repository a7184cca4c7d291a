package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type consentJSON struct {
	Processing    bool       `json:"processing"`
	ProcessingAt  *time.Time `json:"processing_at"`
	Marketing     bool       `json:"marketing"`
	MarketingAt   *time.Time `json:"marketing_at"`
	RetainUntil   *time.Time `json:"retain_until"`
	ConsentSource string     `json:"consent_source"`
}

type candidateJSON struct {
	ID             string        `json:"id"`
	Name           string        `json:"name"`
	FirstName      string        `json:"first_name"`
	LastName       string        `json:"last_name"`
	Emails         []string      `json:"emails"`
	Phones         []string      `json:"phones"`
	Location       string        `json:"location"`
	Links          []hiring.Link `json:"links"`
	Headline       string        `json:"headline"`
	CurrentTitle   string        `json:"current_title"`
	CurrentCompany string        `json:"current_company"`
	Source         string        `json:"source"`
	OwnerID        string        `json:"owner_id"`
	OwnerName      string        `json:"owner_name"`
	Tags           []string      `json:"tags"`
	Consent        consentJSON   `json:"consent"`
	Version        int           `json:"version"`
	CreatedAt      time.Time     `json:"created_at"`
	UpdatedAt      time.Time     `json:"updated_at"`
}

// candidateInput is the writable part of a candidate; a PATCH lays the sent
// fields over the current record.
type candidateInput struct {
	FirstName      string        `json:"first_name"`
	LastName       string        `json:"last_name"`
	Emails         []string      `json:"emails"`
	Phones         []string      `json:"phones"`
	Location       string        `json:"location"`
	Links          []hiring.Link `json:"links"`
	Headline       string        `json:"headline"`
	CurrentTitle   string        `json:"current_title"`
	CurrentCompany string        `json:"current_company"`
	Source         string        `json:"source"`
	OwnerID        string        `json:"owner_id"`
	Tags           []string      `json:"tags"`
	Consent        consentJSON   `json:"consent"`
	Version        *int          `json:"version,omitempty"`
}

func toConsentJSON(c hiring.Consent) consentJSON {
	return consentJSON{Processing: c.Processing, ProcessingAt: c.ProcessingAt, Marketing: c.Marketing,
		MarketingAt: c.MarketingAt, RetainUntil: c.RetainUntil, ConsentSource: c.ConsentSource}
}

func (c consentJSON) domain() hiring.Consent {
	return hiring.Consent{Processing: c.Processing, ProcessingAt: c.ProcessingAt, Marketing: c.Marketing,
		MarketingAt: c.MarketingAt, RetainUntil: c.RetainUntil, ConsentSource: c.ConsentSource}
}

func toCandidateJSON(c hiring.Candidate) candidateJSON {
	return candidateJSON{
		ID: c.ID, Name: c.Name(), FirstName: c.FirstName, LastName: c.LastName, Emails: orEmpty(c.Emails),
		Phones: orEmpty(c.Phones), Location: c.Location, Links: orEmpty(c.Links), Headline: c.Headline,
		CurrentTitle: c.CurrentTitle, CurrentCompany: c.CurrentCompany, Source: c.Source, OwnerID: c.OwnerID,
		OwnerName: c.OwnerName, Tags: orEmpty(c.Tags), Consent: toConsentJSON(c.Consent), Version: c.Version,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}

func fromCandidate(c hiring.Candidate) candidateInput {
	return candidateInput{
		FirstName: c.FirstName, LastName: c.LastName, Emails: c.Emails, Phones: c.Phones, Location: c.Location,
		Links: c.Links, Headline: c.Headline, CurrentTitle: c.CurrentTitle, CurrentCompany: c.CurrentCompany,
		Source: c.Source, OwnerID: c.OwnerID, Tags: c.Tags, Consent: toConsentJSON(c.Consent),
	}
}

func (in candidateInput) domain() hiring.CandidateInput {
	return hiring.CandidateInput{
		FirstName: in.FirstName, LastName: in.LastName, Emails: in.Emails, Phones: in.Phones, Location: in.Location,
		Links: in.Links, Headline: in.Headline, CurrentTitle: in.CurrentTitle, CurrentCompany: in.CurrentCompany,
		Source: in.Source, OwnerID: in.OwnerID, Tags: in.Tags, Consent: in.Consent.domain(),
	}
}

// candidateQuery reads the candidate list's filters (the list and the CSV export share them).
func candidateQuery(r *http.Request) (*query, hiring.CandidateFilter) {
	q := newQuery(r, "q", "tag", "source", "job_id", "stage_id", "owner_id", "highlight", "facets", "sort")
	// q is the search language: longer than other parameters (the store
	// checks it: search.MaxLen characters).
	return q, hiring.CandidateFilter{Query: strings.TrimSpace(r.URL.Query().Get("q")), Tag: q.str("tag"), Source: q.str("source"),
		JobID: q.str("job_id"), StageID: q.str("stage_id"), OwnerID: q.str("owner_id")}
}

// searchListJSON is GET /candidates with a search (q, highlight, facets or
// sort): the candidates, the bounded total, facet counts and snippets.
type searchListJSON struct {
	Data        []candidateJSON          `json:"data"`
	NextCursor  *string                  `json:"next_cursor"`
	Total       int                      `json:"total"`
	TotalApprox bool                     `json:"total_approx"`
	Facets      map[string][]facetJSON   `json:"facets"`
	Snippets    map[string][]snippetJSON `json:"snippets"`
}

type facetJSON struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

type snippetJSON struct {
	Source string `json:"source"`
	HTML   string `json:"html"`
}

func (h *handler) listCandidates(w http.ResponseWriter, r *http.Request) {
	q, f := candidateQuery(r)
	highlight, facets := q.boolean("highlight"), q.boolean("facets")
	sortBy := q.str("sort")
	if sortBy != "" && sortBy != "relevance" && sortBy != string(hiring.SearchRecent) {
		q.add("sort", "must be relevance or recent")
	}
	p := q.page()
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	if f.Query != "" || highlight || facets || sortBy != "" {
		res, err := h.svc.SearchCandidates(r.Context(), f.Query, hiring.SearchOptions{Sort: hiring.ParseSearchSort(sortBy), Page: p,
			Highlight: highlight, Facets: facets, Full: true, Filter: f})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		out := searchListJSON{Data: make([]candidateJSON, len(res.Hits)), Total: res.Total, TotalApprox: res.TotalApprox}
		if res.NextCursor != "" {
			out.NextCursor = &res.NextCursor
		}
		for i, hit := range res.Hits {
			out.Data[i] = toCandidateJSON(*hit.Full)
		}
		if facets {
			out.Facets = map[string][]facetJSON{}
			for k, fs := range res.Facets {
				out.Facets[k] = mapList(fs, func(c hiring.FacetCount) facetJSON { return facetJSON{Value: c.Value, Count: c.Count} })
			}
		}
		if highlight {
			out.Snippets = map[string][]snippetJSON{}
			for _, hit := range res.Hits {
				if len(hit.Snippets) > 0 {
					out.Snippets[hit.Candidate.ID] = mapList(hit.Snippets, func(s hiring.Snippet) snippetJSON { return snippetJSON{Source: s.Source, HTML: s.HTML} })
				}
			}
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	page, err := h.svc.ListCandidates(r.Context(), f, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(page.Items, toCandidateJSON), page.NextCursor))
}

func (h *handler) createCandidate(w http.ResponseWriter, r *http.Request) {
	var in candidateInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	if in.Version != nil {
		h.fail(w, r, fieldError(http.StatusBadRequest, "A new candidate has no version.", "version", "is not accepted on create"))
		return
	}
	c, err := h.svc.CreateCandidate(r.Context(), in.domain())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/candidates/"+c.ID, c.Version, toCandidateJSON(c))
}

func (h *handler) getCandidate(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.Candidate(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, c.Version, toCandidateJSON(c))
}

func (h *handler) updateCandidate(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cur, err := h.svc.Candidate(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in := fromCandidate(cur)
	if err := decodeBytes(body, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := version(r, in.Version, true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.svc.UpdateCandidate(r.Context(), cur.ID, v, in.domain())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, c.Version, toCandidateJSON(c))
}
