package web

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
	"github.com/candor-ats/candor/internal/offers"
)

type offerPage struct {
	view
	App       hiring.Application
	Offer     *hiring.Offer
	Form      *form
	Periods   []string
	Approvers []hiring.User // the chain in force
	Users     []hiring.User // who may be put in the chain
	IsNext    bool
	Custom    string // custom fields as "name: value" lines
	Steps     []int  // the chain's selects
}

// offerShow is the application's offer: write it, take it through the
// approval chain, send it; the chain of the job is set here too.
func (h *Handler) offerShow(w http.ResponseWriter, r *http.Request) {
	h.renderOffer(w, r, http.StatusOK, nil)
}

func (h *Handler) renderOffer(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx := r.Context()
	app, err := h.svc.Application(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := offerPage{view: h.view(w, r, "Offer — "+app.CandidateName, ""), App: app, Form: f, Periods: hiring.OfferPeriods, Steps: []int{0, 1, 2}}
	o, err := h.svc.ApplicationOffer(ctx, app.ID)
	switch {
	case err == nil:
		p.Offer = &o
		u, _ := auth.CurrentUser(r.Context())
		p.IsNext = o.NextApproverID != "" && o.NextApproverID == u.ID
		var lines []string
		for k, v := range o.CustomFields {
			lines = append(lines, k+": "+v)
		}
		sort.Strings(lines)
		p.Custom = strings.Join(lines, "\n")
	case hiring.ErrorCode(err) == hiring.ENotFound:
	default:
		h.fail(w, r, err)
		return
	}
	// Approvers answers not found to those who may not handle offers.
	if p.Approvers, err = h.svc.OfferApprovers(ctx, app.JobID); err != nil {
		h.fail(w, r, err)
		return
	}
	if users, err := h.svc.ListUsers(ctx, false); err == nil {
		for _, u := range users {
			if u.Role != hiring.RoleInterviewer {
				p.Users = append(p.Users, u)
			}
		}
	}
	if p.Form == nil {
		v := url.Values{"currency": {"EUR"}, "period": {"year"}, "title": {app.JobTitle}}
		if p.Offer != nil {
			v = url.Values{"title": {o.Title}, "salary": {strconv.FormatInt(o.Salary, 10)}, "currency": {o.Currency}, "period": {o.Period},
				"start_date": {o.StartDate}, "bonus": {o.Bonus}, "equity": {o.Equity}, "custom_fields": {p.Custom}, "version": {strconv.Itoa(o.Version)}}
		}
		p.Form = newForm(v)
	}
	h.render(w, r, status, "offer", p)
}

// parseCustom reads "name: value" lines.
func parseCustom(s string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(s, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if k = strings.TrimSpace(k); ok && k != "" {
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}

// offerSave creates or changes the offer.
func (h *Handler) offerSave(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	salary, _ := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(f.Get("salary")), ",", ""), 10, 64)
	version, _ := strconv.Atoi(f.Get("version"))
	in := hiring.OfferInput{Title: f.Get("title"), Salary: salary, Currency: f.Get("currency"), Period: f.Get("period"),
		StartDate: f.Get("start_date"), Bonus: f.Get("bonus"), Equity: f.Get("equity"), CustomFields: parseCustom(f.Get("custom_fields"))}
	if _, err := h.svc.SaveOffer(r.Context(), r.PathValue("id"), in, version); err != nil {
		if isFormError(err) || hiring.ErrorCode(err) == hiring.EConflict || hiring.ErrorCode(err) == hiring.EPrecondition {
			h.renderOffer(w, r, httperr.Status(err), newForm(f).withError(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	setFlash(w, "Offer saved.")
	http.Redirect(w, r, "/applications/"+r.PathValue("id")+"/offer", http.StatusSeeOther)
}

// offerStep runs one step on an offer and goes back to its page.
func (h *Handler) offerStep(step func(h *Handler, r *http.Request, id string) (hiring.Offer, error), done string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !h.parseActionForm(w, r) {
			return
		}
		o, err := step(h, r, r.PathValue("id"))
		if err != nil {
			code := hiring.ErrorCode(err)
			if code == hiring.EConflict || code == hiring.EForbidden || code == hiring.EInvalid {
				if cur, err2 := h.svc.Offer(r.Context(), r.PathValue("id")); err2 == nil {
					redirectError(w, r, "/applications/"+cur.ApplicationID+"/offer", err)
					return
				}
			}
			h.fail(w, r, err)
			return
		}
		setFlash(w, done)
		http.Redirect(w, r, "/applications/"+o.ApplicationID+"/offer", http.StatusSeeOther)
	}
}

func requestApproval(h *Handler, r *http.Request, id string) (hiring.Offer, error) {
	return h.svc.RequestOfferApproval(r.Context(), id)
}

func approveOffer(h *Handler, r *http.Request, id string) (hiring.Offer, error) {
	return h.svc.ApproveOffer(r.Context(), id)
}

// sendOffer renders the letter from the company's template, keeps it as a
// PDF and sends the offer.
func sendOffer(h *Handler, r *http.Request, id string) (hiring.Offer, error) {
	ctx := r.Context()
	o, err := h.svc.Offer(ctx, id)
	if err != nil {
		return o, err
	}
	if o.Status != hiring.OfferApproved {
		return o, hiring.Errorf(hiring.EConflict, "Only an approved offer is sent.")
	}
	tpl, err := h.svc.OfferLetterTemplate(ctx)
	if err != nil {
		return o, err
	}
	if strings.TrimSpace(tpl) == "" {
		tpl = offers.DefaultTemplate
	}
	company := h.svc.CompanyName(ctx)
	pdf, err := offers.PDF("Offer — "+o.CandidateName, offers.Fill(tpl, offers.Values(o, company, time.Now())))
	if err != nil {
		return o, err
	}
	file, err := blob.Save(ctx, h.blobs, bytes.NewReader(pdf), "offer.pdf", 20<<20)
	if err != nil {
		return o, err
	}
	return h.svc.SendOffer(ctx, id, file.Key)
}

// offerLetter downloads the kept letter.
func (h *Handler) offerLetter(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := h.svc.Offer(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if o.LetterBlobKey == "" {
		h.fail(w, r, hiring.ErrNotFound("offer letter"))
		return
	}
	rc, err := h.blobs.Open(ctx, o.LetterBlobKey)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer rc.Close()
	blob.SetDownloadHeaders(w.Header(), "Offer "+o.CandidateName+".pdf", "application/pdf", -1)
	_, _ = io.Copy(w, rc)
}

// offerApprovers sets the job's approval chain (ordered selects).
func (h *Handler) offerApprovers(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	var ids []string
	for i := range 5 {
		if id := r.PostForm.Get("approver_" + strconv.Itoa(i)); id != "" {
			ids = append(ids, id)
		}
	}
	back := localPath(r.PostForm.Get("back"), "/jobs/"+r.PathValue("id"))
	if err := h.svc.SetOfferApprovers(r.Context(), r.PathValue("id"), ids); err != nil {
		if isFormError(err) {
			redirectError(w, r, back, err)
			return
		}
		h.fail(w, r, err)
		return
	}
	setFlash(w, "Approvers saved.")
	http.Redirect(w, r, back, http.StatusSeeOther)
}
