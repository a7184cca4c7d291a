package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
)

//go:embed templates
var templateFS embed.FS

// templates holds one parsed set per page: the layout and partials plus that
// page's file, so each page can define its own "content" block.
type templates struct {
	pages map[string]*template.Template
}

func mustParseTemplates() *templates {
	t, err := parseTemplates()
	if err != nil {
		panic(fmt.Sprintf("web: parsing templates: %v", err))
	}
	return t
}

func parseTemplates() (*templates, error) {
	base, err := template.New("").Funcs(templateFuncs()).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: make(map[string]*template.Template, len(names))}
	for _, name := range names {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.ParseFS(templateFS, name); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		t.pages[strings.TrimSuffix(path.Base(name), ".html")] = clone
	}
	return t, nil
}

// render writes a whole page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	h.renderTemplate(w, r, status, page, "layout", data)
}

// renderTemplate executes one named template of a page into a pooled buffer
// first, so a template error becomes a clean 500 instead of half a page.
func (h *Handler) renderTemplate(w http.ResponseWriter, r *http.Request, status int, page, name string, data any) {
	t, ok := h.tpl.pages[page]
	if !ok {
		h.log.ErrorContext(r.Context(), "web: unknown page template", "page", page)
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	buf := h.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		// A rare huge page must not pin its buffer in the pool for ever.
		if buf.Cap() <= 1<<20 {
			h.bufs.Put(buf)
		}
	}()
	if err := t.ExecuteTemplate(buf, name, data); err != nil {
		h.log.ErrorContext(r.Context(), "web: rendering template", "page", page, "template", name, "err", err)
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	// Pages hold personal data: never let a shared cache keep them.
	hd.Set("Cache-Control", "no-store")
	hd.Set("Vary", "HX-Request")
	// A known length spares net/http chunking the page through its 4 KB
	// buffer: the body goes out in one write.
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// isHTMX reports whether htmx sent the request (it wants a fragment).
func isHTMX(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }
