package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
	"github.com/candor-ats/candor/internal/importer"
)

type importTarget struct{ Value, Label string }

type importPage struct {
	view
	Import  hiring.Import
	Preview importer.Preview
	Fields  []hiring.ImportField
	Targets []importTarget
	Issues  []hiring.ImportIssue
	More    bool
	Form    *form
	// Created are the people a finished resume import added: the review step.
	Created []hiring.Candidate
}

// FieldLabel names a mapping choice.
func (importPage) FieldLabel(f hiring.ImportField) string { return importer.FieldLabel(f) }

// Chosen is the field selected for column i: the submitted value on a
// re-render, else the saved mapping, else the guess.
func (p importPage) Chosen(i int) hiring.ImportField {
	if p.Form != nil && p.Form.Values.Has("col_"+strconv.Itoa(i)) {
		return hiring.ImportField(p.Form.Get("col_" + strconv.Itoa(i)))
	}
	if i < len(p.Import.Settings.Mapping) {
		return p.Import.Settings.Mapping[i]
	}
	if i < len(p.Preview.Guess) {
		return p.Preview.Guess[i]
	}
	return hiring.FieldIgnore
}

// Running reports whether the page should poll.
func (p importPage) Running() bool {
	return p.Import.Status == hiring.ImportQueued || p.Import.Status == hiring.ImportRunning
}

const shownIssues = 200

func (h *Handler) importShow(w http.ResponseWriter, r *http.Request) {
	h.renderImport(w, r, http.StatusOK, newForm(nil))
}

func (h *Handler) renderImport(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx := r.Context()
	im, err := h.svc.Import(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := importPage{view: h.view(w, r, "Import "+im.FileName, "imports"), Import: im, Fields: append([]hiring.ImportField{hiring.FieldIgnore}, hiring.ImportFields...), Form: f}
	if im.Kind == hiring.ImportCSV && !p.Running() {
		if p.Preview, err = importer.PreviewCSV(ctx, h.blobs, im, 5); err != nil && hiring.ErrorCode(err) != hiring.EInvalid {
			h.fail(w, r, err)
			return
		} else if err != nil && f.Message == "" {
			f.withError(err)
		}
	}
	if im.Status.Finished() {
		err := h.svc.ImportIssues(ctx, im.ID, func(is hiring.ImportIssue) error {
			if len(p.Issues) == shownIssues {
				p.More = true
				return errStop
			}
			p.Issues = append(p.Issues, is)
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			h.fail(w, r, err)
			return
		}
	}
	if im.Kind != hiring.ImportCSV && im.Status == hiring.ImportDone {
		if p.Created, err = h.svc.ImportedCandidates(ctx, im.ID, hiring.MaxLimit); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if !p.Running() && im.Status != hiring.ImportDone {
		p.Targets = h.importTargets(r)
	}
	h.render(w, r, status, "import", p)
}

// errStop ends the issue walk once enough are shown.
var errStop = errors.New("stop")

// importTargets lists "job — stage" choices for "add everyone to a job".
func (h *Handler) importTargets(r *http.Request) []importTarget {
	jobs, err := h.svc.ListJobs(r.Context(), hiring.JobFilter{Statuses: []hiring.JobStatus{hiring.JobOpen, hiring.JobDraft, hiring.JobPaused}},
		hiring.PageRequest{Limit: 50})
	if err != nil {
		return nil
	}
	ids := make([]string, len(jobs.Items))
	for i, j := range jobs.Items {
		ids[i] = j.ID
	}
	stages, err := h.svc.StagesByJob(r.Context(), ids)
	if err != nil {
		return nil
	}
	var out []importTarget
	for _, j := range jobs.Items {
		for _, s := range stages[j.ID] {
			out = append(out, importTarget{Value: j.ID + ":" + s.ID, Label: j.Title + " — " + s.Name})
		}
	}
	return out
}

// importProgress is the fragment htmx polls every second; when the import
// has finished it asks the page to reload to show the outcome.
func (h *Handler) importProgress(w http.ResponseWriter, r *http.Request) {
	im, err := h.svc.Import(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if im.Status.Finished() && isHTMX(r) {
		w.Header().Set("HX-Refresh", "true")
	}
	h.renderTemplate(w, r, http.StatusOK, "import", "import-progress", importPage{view: h.view(w, r, "", ""), Import: im})
}

// importStart saves the mapping and options and queues a dry run or the import.
func (h *Handler) importStart(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, fieldError("mapping", "The form could not be read.", "is malformed"))
		return
	}
	s := hiring.ImportSettings{DryRun: r.PostForm.Get("mode") != "import"}
	n, _ := strconv.Atoi(r.PostForm.Get("columns"))
	for i := 0; i < n && i < 500; i++ {
		s.Mapping = append(s.Mapping, hiring.ImportField(r.PostForm.Get("col_"+strconv.Itoa(i))))
	}
	if t := r.PostForm.Get("target"); t != "" {
		s.JobID, s.StageID, _ = strings.Cut(t, ":")
	}
	im, err := h.svc.StartImport(r.Context(), r.PathValue("id"), s)
	if err != nil {
		if hiring.ErrorCode(err) == hiring.EInvalid || hiring.ErrorCode(err) == hiring.EConflict {
			h.renderImport(w, r, httperr.Status(err), newForm(r.PostForm).withError(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/imports/"+im.ID, http.StatusSeeOther)
}

// importDiscard deletes an import that has added no candidates, and its file.
func (h *Handler) importDiscard(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := importer.Discard(r.Context(), h.svc, h.blobs, id); err != nil {
		h.actionDone(w, r, "/imports/"+id, err, "")
		return
	}
	redirect(w, r, "/imports", "Import discarded.")
}

// importReport downloads the report CSV.
func (h *Handler) importReport(w http.ResponseWriter, r *http.Request) {
	im, err := h.svc.Import(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="import-`+im.ID+`-report.csv"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if err := importer.WriteReport(r.Context(), w, h.svc, im.ID); err != nil {
		h.log.ErrorContext(r.Context(), "web: import report", "err", err)
	}
}
