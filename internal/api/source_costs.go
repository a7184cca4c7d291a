package api

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// sourceCostJSON is one source's cost for a month (the sources report's cost per hire).
type sourceCostJSON struct {
	Source      string `json:"source"`
	Month       string `json:"month"`
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`
}

func toSourceCostJSON(c hiring.SourceCost) sourceCostJSON {
	return sourceCostJSON{Source: c.Source, Month: c.Month, AmountCents: c.AmountCents, Currency: c.Currency}
}

func (h *handler) listSourceCosts(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	cs, err := h.svc.SourceCosts(r.Context(), zeroTime, zeroTime)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(cs, toSourceCostJSON), ""))
}

// putSourceCost records a source's cost for a month (admins); 0 removes it.
func (h *handler) putSourceCost(w http.ResponseWriter, r *http.Request) {
	var in sourceCostJSON
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	c := hiring.SourceCost{Source: in.Source, Month: in.Month, AmountCents: in.AmountCents, Currency: in.Currency}
	if err := h.svc.SetSourceCost(r.Context(), c); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toSourceCostJSON(c))
}
