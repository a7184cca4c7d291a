package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed static
var staticFS embed.FS

type asset struct {
	data        []byte
	hash        string // first 12 hex digits of the content's SHA-256
	contentType string
}

// assets is computed once from the embedded files, which never change while
// the program runs.
var assets = sync.OnceValue(func() map[string]asset {
	m := map[string]asset{}
	_ = fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ct := mime.TypeByExtension(path.Ext(p))
		if path.Ext(p) == ".ico" { // not in Go's built-in table; the system's may lack it
			ct = "image/x-icon"
		}
		if ct == "" || strings.HasSuffix(p, "LICENSE") || strings.HasSuffix(p, ".md") {
			ct = "text/plain; charset=utf-8"
		}
		m[strings.TrimPrefix(p, "static/")] = asset{data: data, hash: hex.EncodeToString(sum[:6]), contentType: ct}
		return nil
	})
	return m
})

// staticURL is the fingerprinted URL of an embedded file ("app.css" →
// "/static/app.css?v=1a2b3c4d5e6f"), so it can be cached for a year.
func staticURL(name string) string {
	a, ok := assets()[name]
	if !ok {
		return "/static/" + name
	}
	return "/static/" + name + "?v=" + a.hash
}

// Static serves the embedded CSS, JavaScript and vendored libraries under
// /static/ (the full request path, prefix included). Requests carrying the
// current fingerprint are cacheable for a year; others must revalidate.
func Static() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/static"), "/")
		a, ok := assets()[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		hd := w.Header()
		hd.Set("ETag", `"`+a.hash+`"`)
		hd.Set("Content-Type", a.contentType)
		hd.Set("X-Content-Type-Options", "nosniff")
		if r.URL.Query().Get("v") == a.hash {
			hd.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			hd.Set("Cache-Control", "no-cache")
		}
		// ServeContent answers If-None-Match against the ETag, HEAD and ranges.
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.data))
	})
}

// headAssets is the layout's stylesheet, scripts and icon links. Every page
// carries them, so the markup is made once rather than escaped URL by URL
// on each request (five template calls and their escapers were a fifth of
// the candidates list's template time).
var headAssets = sync.OnceValue(func() template.HTML {
	return template.HTML(`<link rel="icon" href="` + staticURL("favicon.svg") + `" type="image/svg+xml">
<link rel="stylesheet" href="` + staticURL("app.css") + `">
<script src="` + staticURL("vendor/htmx.min.js") + `" defer></script>
<script src="` + staticURL("vendor/Sortable.min.js") + `" defer></script>
<script src="` + staticURL("app.js") + `" defer></script>
`)
})

// brandMark is the header's logo image, made once like headAssets.
var brandMark = sync.OnceValue(func() template.HTML {
	return template.HTML(`<img src="` + staticURL("favicon.svg") + `" alt="" width="24" height="24">`)
})
