package careers

import (
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/markup"
)

// applyMark stands for a fresh form token in cached job pages.
const applyMark = "__CANDOR_APPLY_TOKEN__"

// applyState is the apply form as a page shows it: the job's field modes,
// what the applicant typed (after a refusal), and the errors.
type applyState struct {
	Form     hiring.ApplyForm
	Values   map[string]string
	Errors   map[string]string
	Message  string
	Token    string
	MaxMB    int64
	Tracking [][2]string // hidden attribution fields carried from the page's URL
}

func (a applyState) Mode(f string) string { return string(a.Form.Mode(f)) }
func (a applyState) Shown(f string) bool  { return a.Form.Mode(f) != hiring.FieldHidden }
func (a applyState) Req(f string) bool    { return a.Form.Mode(f) == hiring.FieldRequired }
func (a applyState) Get(f string) string  { return a.Values[f] }
func (a applyState) Err(f string) string  { return a.Errors[f] }

// trackingParams are carried from the job page's URL into the apply form.
var trackingParams = []string{"ch", "utm_source", "utm_medium", "utm_campaign"}

// applyBodyBytes is the largest apply body: the resume's cap and room for
// the text fields.
func (h *Handler) applyBodyBytes() int64 { return h.maxDoc + 512<<10 }

// apply is POST /careers/jobs/{id}/apply.
func (h *Handler) apply(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if h.onApply != nil {
		h.onApply()
	}
	if ok, wait := h.limit.allow(auth.ClientIP(r), h.now()); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		h.refuse(w, r, id, http.StatusTooManyRequests, nil, nil,
			"Too many applications were sent from your network in the last hour. Please try again later; nothing you typed was stored.")
		return
	}
	form, err := auth.ReadMultipartForm(w, r, h.applyBodyBytes())
	if err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			h.refuse(w, r, id, http.StatusRequestEntityTooLarge, nil, map[string]string{"resume": fmt.Sprintf("must be at most %d MB", h.maxDoc>>20)},
				"The application is too large: the resume may be at most "+strconv.FormatInt(h.maxDoc>>20, 10)+" MB.")
		case errors.Is(err, multipart.ErrMessageTooLarge):
			h.refuse(w, r, id, http.StatusRequestEntityTooLarge, nil, nil, "The form has too many parts.")
		default:
			h.refuse(w, r, id, http.StatusBadRequest, nil, nil, "The form could not be read. Please send it again.")
		}
		return
	}
	defer func() { _ = form.RemoveAll() }()
	vals := map[string]string{}
	for k, v := range form.Value {
		if len(v) > 0 && len(k) < 100 && len(vals) < 100 {
			vals[k] = strings.TrimSpace(v[0])
		}
	}
	delete(vals, auth.CSRFField)
	keep := func() map[string]string { // what is echoed back: never the token or the honeypot
		out := map[string]string{}
		for k, v := range vals {
			if k != "token" && k != "website" && hiring.IsText(v) && len(v) <= 20_000 {
				out[k] = v
			}
		}
		return out
	}
	shownAt, ok := h.checkToken(id, vals["token"])
	if !ok {
		h.refuse(w, r, id, http.StatusUnprocessableEntity, keep(), nil,
			"This form has expired. Please check your details and send it again.")
		return
	}
	if vals["website"] != "" {
		h.refuse(w, r, id, http.StatusUnprocessableEntity, keep(), map[string]string{"website": "must be left empty"},
			"Please leave the field “Leave this empty” empty (your browser may have filled it in), then send again.")
		return
	}
	if settings, err := h.settings(r.Context()); err == nil && h.now().Sub(shownAt) < time.Duration(settings.MinFillSeconds)*time.Second {
		h.refuse(w, r, id, http.StatusUnprocessableEntity, keep(), nil,
			"That was quicker than we expected. Please check your application, then send it again.")
		return
	}
	settings, err := h.settings(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	af, err := h.svc.ApplyForm(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	errs := map[string]string{}
	for _, f := range hiring.ApplyFields {
		if f == "resume" {
			continue
		}
		if !hiring.IsText(vals[f]) {
			errs[f] = "is not valid text"
		} else if af.Mode(f) == hiring.FieldRequired && vals[f] == "" {
			errs[f] = "is required"
		}
		if af.Mode(f) == hiring.FieldHidden {
			delete(vals, f)
		}
	}
	if vals["email"] != "" {
		if _, ok := hiring.NormalizeEmail(vals["email"]); !ok {
			errs["email"] = "is not a valid email address"
		}
	}
	if vals["phone"] != "" && !hiring.ValidPhone(vals["phone"]) {
		errs["phone"] = "is not a valid phone number"
	}
	if vals["privacy_ack"] == "" {
		errs["privacy_ack"] = "please confirm you have read the privacy notice"
	}
	var file *multipart.FileHeader
	if fs := form.File["resume"]; len(fs) > 0 && af.Mode("resume") != hiring.FieldHidden {
		file = fs[0]
	}
	if file == nil && af.Mode("resume") == hiring.FieldRequired {
		errs["resume"] = "is required"
	}
	if len(errs) > 0 {
		h.refuse(w, r, id, http.StatusUnprocessableEntity, keep(), errs, "Please correct the highlighted fields.")
		return
	}
	sub := hiring.Submission{JobID: id, Token: vals["token"], FirstName: vals["first_name"], LastName: vals["last_name"],
		Email: vals["email"], Phone: vals["phone"], Location: vals["location"], LinkedIn: vals["linkedin"], Portfolio: vals["portfolio"],
		CoverLetter: vals["cover_letter"], PrivacyVersion: settings.PrivacyVersion, FutureConsent: vals["future_consent"] != "",
		Channel: clip(vals["ch"], 200), UTMSource: clip(vals["utm_source"], 100), UTMMedium: clip(vals["utm_medium"], 100),
		UTMCampaign: clip(vals["utm_campaign"], 200), SubmittedAt: h.now()}
	// The tracking code: the form's, else the one remembered from the
	// visit; only a code made for this job counts.
	sub.Channel = ""
	for _, code := range []string{vals["ch"], h.rememberedChannel(r, id)} {
		if ch, ok := h.channelOf(id, code); ok {
			sub.Channel = ch
			_, sub.Referrer = channelSource(ch)
			break
		}
	}
	sub.Source = h.sourceOf(sub)
	if sub.FutureConsent {
		until := h.now().AddDate(0, futureConsentMonths, 0)
		sub.ConsentUntil = &until
	}
	if settings.EEO {
		e := hiring.EEOAnswers{Race: vals["eeo_race"], Sex: vals["eeo_sex"], Veteran: vals["eeo_veteran"], Disability: vals["eeo_disability"]}
		if !e.Valid() {
			h.refuse(w, r, id, http.StatusUnprocessableEntity, keep(), map[string]string{"eeo_race": "please choose one of the answers"},
				"Please correct the highlighted fields.")
			return
		}
		if e != (hiring.EEOAnswers{}) {
			sub.EEO = &e
		}
	}
	if file != nil {
		f, err := file.Open()
		if err != nil {
			h.fail(w, r, err)
			return
		}
		saved, err := blob.Save(ctx, h.blobs, f, file.Filename, h.maxDoc)
		_ = f.Close()
		var rerr *blob.ReadError
		switch {
		case errors.Is(err, blob.ErrTooLarge):
			h.refuse(w, r, id, http.StatusRequestEntityTooLarge, keep(), map[string]string{"resume": fmt.Sprintf("must be at most %d MB", h.maxDoc>>20)},
				"Please correct the highlighted fields.")
			return
		case hiring.ErrorCode(err) == hiring.EInvalid:
			msg := "must be a PDF, Word, OpenDocument, RTF or text file"
			if fe := hiring.ErrorFields(err); len(fe) > 0 {
				msg = fe[0].Message
			}
			h.refuse(w, r, id, http.StatusUnprocessableEntity, keep(), map[string]string{"resume": msg}, "Please correct the highlighted fields.")
			return
		case errors.As(err, &rerr):
			h.refuse(w, r, id, http.StatusBadRequest, keep(), nil, "The upload was interrupted. Please send it again.")
			return
		case err != nil:
			h.fail(w, r, err)
			return
		}
		sub.Resume = &hiring.NewDocument{Kind: "resume", FileName: saved.FileName, ContentType: saved.ContentType, Size: saved.Size,
			SHA256: saved.SHA256, BlobKey: saved.Key}
	}
	res, err := h.svc.SubmitApplication(ctx, sub)
	switch {
	case hiring.ErrorCode(err) == hiring.ENotFound:
		h.jobPage(w, r, false) // gone or never public: the page says so
		return
	case hiring.ErrorCode(err) == hiring.EInvalid:
		errs := map[string]string{}
		for _, fe := range hiring.ErrorFields(err) {
			errs[formField(fe.Field)] = fe.Message
		}
		h.refuse(w, r, id, http.StatusUnprocessableEntity, keep(), errs, "Please correct the highlighted fields.")
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	to := "/careers/jobs/" + id + "/thanks"
	if res.AlreadyApplied {
		to += "?already=1"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// futureConsentMonths is how long consent for future roles lasts.
const futureConsentMonths = 24

// formField maps a service's field name to the form's.
func formField(f string) string {
	switch {
	case strings.HasPrefix(f, "emails"):
		return "email"
	case strings.HasPrefix(f, "phones"):
		return "phone"
	case f == "links.0.url" || f == "links.0":
		return "linkedin"
	case strings.HasPrefix(f, "links"):
		return "portfolio"
	}
	return f
}

// sourceOf is the application's source: the tracking channel's, else the
// utm_source, else the careers site.
func (h *Handler) sourceOf(s hiring.Submission) string {
	if s.Channel != "" {
		if label, _ := channelSource(s.Channel); label != "" {
			return clip(label, 100)
		}
	}
	if s.UTMSource != "" {
		return clip(s.UTMSource, 100)
	}
	return "Careers site"
}

// refuse answers a submission that cannot be taken, on the job's page
// with the applicant's values and the message (never cached).
func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, jobID string, status int, vals, errs map[string]string, msg string) {
	ctx := r.Context()
	settings, err := h.settings(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	post, err := h.svc.PublicPost(ctx, jobID)
	if err != nil || !post.Live {
		h.jobPage(w, r, false)
		return
	}
	af, err := h.svc.ApplyForm(ctx, jobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if vals == nil {
		vals = map[string]string{}
	}
	st := applyState{Form: af, Values: vals, Errors: errs, Message: msg, Token: h.newToken(jobID), MaxMB: h.maxDoc >> 20}
	for _, p := range trackingParams {
		if v := vals[p]; v != "" {
			st.Tracking = append(st.Tracking, [2]string{p, v})
		}
	}
	lang := langOf(post.Language)
	desc := markup.Render(post.Description)
	w.Header().Set("Cache-Control", "no-store")
	h.renderDirect(w, r, status, "job", page{Lang: lang, Title: post.Title + " · " + settings.CompanyName, Settings: settings,
		Robots: "noindex", Canonical: h.base + JobPath(post.JobID, post.Title),
		Data: jobData{Post: post, Description: desc, Places: placesText(lang, post), Apply: st}})
}

// thanks is GET /careers/jobs/{id}/thanks, where a submission lands (303).
func (h *Handler) thanks(w http.ResponseWriter, r *http.Request) {
	if h.cachedPage(w, r) {
		return
	}
	ctx := r.Context()
	settings, err := h.settings(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	post, err := h.svc.PublicPost(ctx, r.PathValue("id"))
	if err != nil {
		if hiring.ErrorCode(err) == hiring.ENotFound {
			h.missing(w, r, settings, http.StatusNotFound, "")
			return
		}
		h.fail(w, r, err)
		return
	}
	lang := langOf(post.Language)
	h.render(w, r, http.StatusOK, "thanks", page{Lang: lang, Title: msg(lang, "thanks_title") + " · " + settings.CompanyName,
		Settings: settings, Robots: "noindex", Data: struct {
			Post    hiring.PublicPost
			Already bool
		}{post, r.URL.Query().Get("already") != ""}}, map[string]string{"Cache-Control": "no-store"})
}
