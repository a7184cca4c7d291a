package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

type interviewPage struct {
	view
	Interview hiring.Interview
	Form      *form // the reschedule form (failed, or fresh)
	Local     string
	// Feedback: the viewer's own scorecard form when they are on the
	// interview, and the application's scorecards they may read.
	CanScore  bool
	MyCard    *hiring.Scorecard
	ScoreForm *form
	Cards     []hiring.Scorecard
	Rows      []int
	Ratings   []hiring.Rating
	// Kit: the plan's template the interview was booked from (nil when ad
	// hoc); its attributes are the scorecard's fixed rows.
	Kit *hiring.InterviewTemplate
}

func (h *Handler) interviewShow(w http.ResponseWriter, r *http.Request) {
	h.renderInterviewWith(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderInterview(w http.ResponseWriter, r *http.Request, status int, f *form) {
	h.renderInterviewWith(w, r, status, f, nil)
}

func (h *Handler) renderInterviewWith(w http.ResponseWriter, r *http.Request, status int, f, sf *form) {
	ctx := r.Context()
	iv, err := h.svc.Interview(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.view(w, r, iv.Title+" — "+iv.CandidateName, "interviews")
	local := iv.StartsAt.In(v.loc).Format(localInputLayout)
	if f == nil {
		f = newForm(url.Values{"starts_at_local": {local}, "duration_minutes": {strconv.Itoa(iv.DurationMinutes)},
			"title": {iv.Title}, "location": {iv.Location}, "version": {strconv.Itoa(iv.Version)}})
	}
	p := interviewPage{view: v, Interview: iv, Form: f, Local: local, Ratings: hiring.Ratings,
		CanScore: iv.HasInterviewer(v.User.ID) && iv.Status == hiring.InterviewScheduled}
	cards, err := h.svc.Scorecards(ctx, iv.ApplicationID)
	if err != nil && hiring.ErrorCode(err) != hiring.ENotFound {
		h.fail(w, r, err)
		return
	}
	for i := range cards {
		if cards[i].InterviewID == iv.ID && cards[i].AuthorID == v.User.ID {
			p.MyCard = &cards[i]
		}
	}
	p.Cards = cards
	if sf == nil {
		vals := url.Values{}
		if p.MyCard != nil {
			vals.Set("recommendation", string(p.MyCard.Recommendation))
			vals.Set("notes", p.MyCard.Notes)
			for i, x := range p.MyCard.Ratings {
				vals.Set("attribute_"+strconv.Itoa(i), x.Attribute)
				vals.Set("rating_"+strconv.Itoa(i), string(x.Rating))
			}
		}
		sf = newForm(vals)
	}
	if iv.TemplateID != "" {
		if t, err := h.svc.InterviewKitOf(ctx, iv.ID); err == nil {
			p.Kit = &t
		}
	}
	if p.Kit != nil && len(p.Kit.Kit.Attributes) > 0 {
		// The template's attributes, each row rated or left out; an
		// earlier card's ratings find their rows by name.
		vals := url.Values{}
		for k, v := range sf.Values {
			vals[k] = v
		}
		old := map[string]string{}
		for i := 0; i < hiring.MaxScorecardAttributes; i++ {
			if a := sf.Get("attribute_" + strconv.Itoa(i)); a != "" {
				old[strings.ToLower(a)] = sf.Get("rating_" + strconv.Itoa(i))
			}
			vals.Del("attribute_" + strconv.Itoa(i))
			vals.Del("rating_" + strconv.Itoa(i))
		}
		for i, a := range p.Kit.Kit.Attributes {
			vals.Set("attribute_"+strconv.Itoa(i), a)
			vals.Set("rating_"+strconv.Itoa(i), old[strings.ToLower(a)])
			p.Rows = append(p.Rows, i)
		}
		sf.Values = vals
		p.ScoreForm = sf
		h.render(w, r, status, "interview", p)
		return
	}
	p.ScoreForm = sf
	n := scorecardRows
	if p.MyCard != nil && len(p.MyCard.Ratings)+2 > n {
		n = len(p.MyCard.Ratings) + 2
	}
	for i := 0; i < n && i < hiring.MaxScorecardAttributes; i++ {
		p.Rows = append(p.Rows, i)
	}
	h.render(w, r, status, "interview", p)
}

// Attr and Rate read row i of the scorecard form.
func (p interviewPage) Attr(i int) string { return p.ScoreForm.Get("attribute_" + strconv.Itoa(i)) }

func (p interviewPage) Rate(i int) string { return p.ScoreForm.Get("rating_" + strconv.Itoa(i)) }

// FixedRows reports whether the scorecard rows are the kit's attributes.
func (p interviewPage) FixedRows() bool { return p.Kit != nil && len(p.Kit.Kit.Attributes) > 0 }
