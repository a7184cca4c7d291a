package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// The one-click unsubscribe link (RFC 8058) in every mail that is not about
// an application in progress. The link's token is an HMAC of the message
// id: it alone authorizes the change, so the POST needs no session and no
// form token (mail providers send it from their servers), while a GET —
// which link scanners and previews fetch — only shows a page with a button
// and never changes anything.
type unsubscribePage struct {
	view
	Action  string
	Address string // masked: the page is reachable by whoever has the link
	Done    bool
	Invalid bool
}

// unsubscribeMessage is the message a link token names ("" when forged).
func (h *Handler) unsubscribeMessage(r *http.Request) string {
	if h.unsub == nil {
		return ""
	}
	id, ok := h.unsub.Thread(r.PathValue("token"))
	if !ok {
		return ""
	}
	return id
}

func (h *Handler) unsubscribeForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Robots-Tag", "noindex")
	p := unsubscribePage{view: h.view(w, r, "Unsubscribe", ""), Action: r.URL.Path}
	id := h.unsubscribeMessage(r)
	if id == "" {
		p.Invalid = true
		h.render(w, r, http.StatusNotFound, "unsubscribe", p)
		return
	}
	addr, err := h.svc.UnsubscribeAddress(hiring.WithActor(r.Context(), hiring.SystemActor()), id)
	if err != nil {
		// The message is gone (the person was erased): nothing will be
		// sent to them, so say so rather than show an error.
		p.Done = true
		h.render(w, r, http.StatusOK, "unsubscribe", p)
		return
	}
	p.Address = maskEmail(addr)
	h.render(w, r, http.StatusOK, "unsubscribe", p)
}

func (h *Handler) unsubscribe(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	p := unsubscribePage{view: h.view(w, r, "Unsubscribed", ""), Action: r.URL.Path}
	id := h.unsubscribeMessage(r)
	if id == "" {
		p.Invalid = true
		h.render(w, r, http.StatusNotFound, "unsubscribe", p)
		return
	}
	err := h.svc.Unsubscribe(hiring.WithActor(r.Context(), hiring.SystemActor()), id)
	if err != nil && hiring.ErrorCode(err) != hiring.ENotFound {
		h.fail(w, r, err)
		return
	}
	p.Done = true
	h.render(w, r, http.StatusOK, "unsubscribe", p)
}

// maskEmail shows enough of an address to recognize it: g•••@example.org.
func maskEmail(s string) string {
	i := strings.LastIndexByte(s, '@')
	if i < 1 {
		return "your address"
	}
	r := []rune(s[:i])
	return string(r[0]) + "•••" + s[i:]
}
