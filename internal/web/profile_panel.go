package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing"
)

// profilePanel is one document beside what parsing made of it, with a
// small form per field (edit in place: <details> without JS, htmx swaps
// the panel with it).
type profilePanel struct {
	View        parsing.View
	DocID       string
	CandidateID string
	CSRF        string
	CanEdit     bool
	CanReparse  bool
	IsPDF       bool
	Pending     bool
	Failed      bool
	NoOCR       bool // image-only: say OCR is out of scope
	Basics      []profileRow
	Work        []profileEntry
	WorkAdd     []profileRow
	Education   []profileEntry
	EduAdd      []profileRow
	Lists       []profileRow
	// Error is a refused correction of ErrorPath, shown at its field.
	Error     string
	ErrorPath string
	Saved     string // path just saved, announced to screen readers
	// Reviewed: a person has corrected or confirmed a field, so the review
	// of parsed fields starts folded.
	Reviewed bool
	// KeepOpen holds the review open after a correction made in it.
	KeepOpen bool
	// ParsedFirst/ParsedLast are the name the resume gives when it differs
	// from the record's (Record, Version): the page asks which to keep.
	ParsedFirst, ParsedLast, ParsedName string
	Record                              string
	RecordVersion                       int
}

// profileRow is one editable field.
type profileRow struct {
	Label   string
	Path    string
	ID      string // DOM id, unique on the page
	Display string
	Value   string
	Long    bool
	Hint    string
	Conf    float64
	Edited  bool
	Error   string
	Open    bool // the <details> starts open (its correction was refused)
}

// ConfText is the parser's confidence as a percentage ("" when unknown).
func (r profileRow) ConfText() string {
	if r.Edited || r.Conf <= 0 {
		return ""
	}
	return strconv.Itoa(int(r.Conf*100+0.5)) + "%"
}

// ConfClass grades the confidence for styling.
func (r profileRow) ConfClass() string {
	switch {
	case r.Conf >= 0.85:
		return "conf-high"
	case r.Conf >= 0.6:
		return "conf-mid"
	}
	return "conf-low"
}

// profileEntry is one position or course of study.
type profileEntry struct {
	Title  string
	Remove string // the path that removes it
	Rows   []profileRow
}

// profilePanels builds the panels of a candidate's resumes (and of any
// other document that was parsed).
func (h *Handler) profilePanels(ctx context.Context, r *http.Request, docs []hiring.Document) ([]*profilePanel, error) {
	if h.parsing == nil {
		return nil, nil
	}
	var out []*profilePanel
	for _, d := range docs {
		if d.Kind != "resume" && d.ParseStatus == hiring.ParsePending {
			continue
		}
		v, err := h.parsing.Profile(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, h.newProfilePanel(r, v))
	}
	return out, nil
}

func (h *Handler) newProfilePanel(r *http.Request, v parsing.View) *profilePanel {
	u, _ := auth.CurrentUser(r.Context())
	d := v.Document
	p := &profilePanel{View: v, DocID: d.ID, CandidateID: d.CandidateID, CSRF: auth.CSRFToken(r),
		CanEdit:    u.Role == hiring.RoleAdmin || u.Role == hiring.RoleRecruiter,
		CanReparse: u.Role == hiring.RoleAdmin || u.Role == hiring.RoleRecruiter || u.Role == hiring.RoleHiringManager,
		IsPDF:      d.ContentType == blob.TypePDF,
		Pending:    v.Status == hiring.ParsePending,
		Failed:     v.Status == hiring.ParseFailed,
	}
	p.NoOCR = p.Failed && (strings.Contains(strings.ToLower(v.Error), "no text layer") || strings.HasPrefix(d.ContentType, "image/"))
	if !v.Parsed {
		return p
	}
	p.Reviewed = len(v.Edits) > 0
	p.compareName(r, h.svc, v)
	pr := v.Profile
	row := func(label, path, display, value, confPath string) profileRow {
		if display == "" {
			display = value
		}
		return profileRow{Label: label, Path: path, ID: "pf-" + d.ID + "-" + strings.ReplaceAll(path, ".", "-"),
			Display: display, Value: value, Conf: v.Confidence(confPath), Edited: v.Edited(path)}
	}
	b := pr.Basics
	p.Basics = []profileRow{
		row("Name", "basics.name", "", b.Name, "basics.name"),
		row("Headline", "basics.label", "", b.Label, "basics.label"),
		row("Email", "basics.email", "", b.Email, "basics.email"),
		row("Phone", "basics.phone", "", b.Phone, "basics.phone"),
		row("Location", "basics.location", "", parsing.LocationText(b.Location), "basics.location"),
		row("Website", "basics.url", "", b.URL, "basics.url"),
	}
	p.Basics[4].Hint = "City, region, country code (Berlin, DE)."
	for i, w := range pr.Work {
		base := "work." + strconv.Itoa(i)
		title := strings.TrimSpace(w.Position + " · " + w.Name)
		title = strings.Trim(title, " ·")
		e := profileEntry{Title: title, Remove: base, Rows: []profileRow{
			row("Title", base+".position", "", w.Position, "work"),
			row("Employer", base+".name", "", w.Name, "work"),
			row("From", base+".startDate", "", w.StartDate, "work"),
			row("To", base+".endDate", dateOrPresent(w.EndDate, w.Current), w.EndDate, "work"),
		}}
		e.Rows[2].Hint, e.Rows[3].Hint = "YYYY or YYYY-MM.", "YYYY or YYYY-MM; empty while current."
		p.Work = append(p.Work, e)
	}
	n := strconv.Itoa(len(pr.Work))
	p.WorkAdd = []profileRow{row("Title", "work."+n+".position", "", "", "")}
	for i, ed := range pr.Education {
		base := "education." + strconv.Itoa(i)
		title := strings.Trim(strings.TrimSpace(ed.StudyType+" "+ed.Area+" · "+ed.Institution), " ·")
		p.Education = append(p.Education, profileEntry{Title: title, Remove: base, Rows: []profileRow{
			row("Institution", base+".institution", "", ed.Institution, "education"),
			row("Degree", base+".studyType", "", ed.StudyType, "education"),
			row("Field", base+".area", "", ed.Area, "education"),
			row("From", base+".startDate", "", ed.StartDate, "education"),
			row("To", base+".endDate", "", ed.EndDate, "education"),
		}})
	}
	n = strconv.Itoa(len(pr.Education))
	p.EduAdd = []profileRow{row("Institution", "education."+n+".institution", "", "", "")}

	var skills, langs, certs []string
	for _, s := range pr.Skills {
		skills = append(skills, s.Name)
	}
	for _, l := range pr.Languages {
		if l.Fluency != "" {
			langs = append(langs, l.Language+" ("+l.Fluency+")")
		} else {
			langs = append(langs, l.Language)
		}
	}
	for _, c := range pr.Certificates {
		certs = append(certs, c.Name)
	}
	years := ""
	if pr.Meta.YearsOfExperience > 0 {
		years = strconv.FormatFloat(pr.Meta.YearsOfExperience, 'f', -1, 64)
	}
	p.Lists = []profileRow{
		row("Skills", "skills", "", strings.Join(skills, ", "), "skills"),
		row("Languages", "languages", "", strings.Join(langs, ", "), "languages"),
		row("Certifications", "certificates", "", strings.Join(certs, ", "), "certificates"),
		row("Years of experience", "meta.yearsOfExperience", "", years, "meta.yearsOfExperience"),
	}
	for i := range p.Lists[:3] {
		p.Lists[i].Long, p.Lists[i].Hint = true, "Separated by commas."
	}
	return p
}

func dateOrPresent(end string, current bool) string {
	if end == "" && current {
		return "present"
	}
	return end
}

// markError shows a refused correction at its field, with its form open.
func (p *profilePanel) markError(path, msg string) {
	p.Error, p.ErrorPath = msg, path
	mark := func(rows []profileRow) {
		for i := range rows {
			if rows[i].Path == path {
				rows[i].Error, rows[i].Open = msg, true
			}
		}
	}
	mark(p.Basics)
	mark(p.Lists)
	mark(p.WorkAdd)
	mark(p.EduAdd)
	for _, e := range p.Work {
		mark(e.Rows)
	}
	for _, e := range p.Education {
		mark(e.Rows)
	}
}

// profilePanelShow serves one panel: the fragment for htmx (which polls a
// pending parse), else the candidate page at the panel.
func (h *Handler) profilePanelShow(w http.ResponseWriter, r *http.Request) {
	if h.parsing == nil {
		h.fail(w, r, hiring.ErrNotFound("Profile"))
		return
	}
	v, err := h.parsing.Profile(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !isHTMX(r) {
		http.Redirect(w, r, fmt.Sprintf("/candidates/%s#profile-%s", v.Document.CandidateID, v.Document.ID), http.StatusSeeOther)
		return
	}
	h.renderTemplate(w, r, http.StatusOK, "candidate", "profile-panel", h.newProfilePanel(r, v))
}

// compareName notes the parsed name when it differs from the record's, so
// the page shows both and lets a person choose rather than keeping either
// silently (the parse never overwrites a name a person gave).
func (p *profilePanel) compareName(r *http.Request, svc hiring.CandidateService, v parsing.View) {
	pc := parsing.ContactOf(v.Profile)
	parsed := strings.TrimSpace(pc.FirstName + " " + pc.LastName)
	if parsed == "" {
		return
	}
	c, err := svc.Candidate(r.Context(), v.Document.CandidateID)
	if err != nil || sameName(c.Name(), parsed) {
		return
	}
	p.ParsedFirst, p.ParsedLast, p.ParsedName = pc.FirstName, pc.LastName, parsed
	p.Record, p.RecordVersion = c.Name(), c.Version
}

// sameName compares names as people read them: case and spacing aside.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}
