package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type adminSourceCostsPage struct {
	view
	Costs []hiring.SourceCost
	Form  *form
}

// adminSourceCosts lists what each source cost per month (the sources
// report's cost per hire) with a form to record one (GET /admin/source-costs).
func (h *Handler) adminSourceCosts(w http.ResponseWriter, r *http.Request) {
	h.renderAdminSourceCosts(w, r, http.StatusOK, newForm(nil))
}

func (h *Handler) renderAdminSourceCosts(w http.ResponseWriter, r *http.Request, status int, f *form) {
	costs, err := h.svc.SourceCosts(r.Context(), time.Time{}, time.Time{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "admin_source_costs", adminSourceCostsPage{view: h.view(w, r, "Source costs", "admin"), Costs: costs, Form: f})
}

// adminSourceCostSave records a month's cost (POST /admin/source-costs);
// the amount is in currency units ("1250.50"), 0 removes it.
func (h *Handler) adminSourceCostSave(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	c := hiring.SourceCost{Source: r.PostForm.Get("source"), Month: strings.TrimSpace(r.PostForm.Get("month")),
		Currency: r.PostForm.Get("currency"), AmountCents: -1}
	amount := strings.TrimSpace(r.PostForm.Get("amount"))
	if x, err := strconv.ParseFloat(amount, 64); err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) && x >= 0 && x <= 1e11 {
		c.AmountCents = int64(math.Round(x * 100))
	}
	var err error
	if c.AmountCents < 0 {
		var v hiring.Validation
		v.Add("amount", "must be an amount like 1250.50 (0 removes the cost)")
		err = v.Err()
	} else {
		err = h.svc.SetSourceCost(r.Context(), c)
	}
	switch {
	case err == nil:
		redirect(w, r, "/admin/source-costs", "Cost recorded.")
	case isFormError(err) || hiring.ErrorCode(err) == hiring.EConflict:
		h.renderAdminSourceCosts(w, r, httperr.Status(err), newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}

// Money writes cents as an amount.
func (p adminSourceCostsPage) Money(cents int64) string {
	return strconv.FormatFloat(float64(cents)/100, 'f', 2, 64)
}
