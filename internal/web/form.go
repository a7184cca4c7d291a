package web

import (
	"fmt"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
)

// form carries a form's values (the user's input on re-render, the record's
// on first display) and the field errors from the service, keyed by the
// snake_case paths that double as input names.
type form struct {
	Values  url.Values
	Message string
	Fields  []hiring.FieldError
}

func newForm(v url.Values) *form {
	if v == nil {
		v = url.Values{}
	}
	return &form{Values: v}
}

// withError attaches a service error's message and field errors.
func (f *form) withError(err error) *form {
	f.Message = hiring.ErrorMessage(err)
	f.Fields = hiring.ErrorFields(err)
	return f
}

// Get returns the first value of an input.
func (f *form) Get(name string) string { return f.Values.Get(name) }

// Lines joins a multi-value input one per line (for textareas).
func (f *form) Lines(name string) string { return strings.Join(f.Values[name], "\n") }

// Has reports whether value is among the input's values (selected options, checked boxes).
func (f *form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Checked reports whether a checkbox was on.
func (f *form) Checked(name string) bool {
	v := f.Values.Get(name)
	return v == "on" || v == "true" || v == "1"
}

// Err returns the messages for an input: its own, and those of its indexed
// children ("emails.1" shows at the "emails" textarea as "#2 …").
func (f *form) Err(name string) string {
	var msgs []string
	for _, fe := range f.Fields {
		switch {
		case fe.Field == name:
			msgs = append(msgs, fe.Message)
		case strings.HasPrefix(fe.Field, name+"."):
			rest := fe.Field[len(name)+1:]
			if i, err := strconv.Atoi(rest); err == nil {
				msgs = append(msgs, "#"+strconv.Itoa(i+1)+" "+fe.Message)
			}
		}
	}
	return strings.Join(msgs, "; ")
}

// Invalid is "true" when the input has an error (for aria-invalid).
func (f *form) Invalid(name string) string {
	if f.Err(name) != "" {
		return "true"
	}
	return "false"
}

// splitList reads a comma- or newline-separated input into trimmed, non-empty items.
func splitList(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' })
	out := make([]string, 0, len(fields))
	for _, x := range fields {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// formInt parses an optional integer input; bad numbers become field errors.
func formInt(v *hiring.Validation, values url.Values, name string) int64 {
	s := strings.TrimSpace(values.Get(name))
	if s == "" {
		return 0
	}
	s = strings.NewReplacer(",", "", " ", "", "_", "").Replace(s)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		v.Add(name, "must be a whole number")
	}
	return n
}

// version reads the hidden optimistic-locking field.
func version(values url.Values) int {
	n, _ := strconv.Atoi(values.Get("version"))
	return n
}

// isFormError reports whether err should re-render the form rather than an error page.
func isFormError(err error) bool {
	switch hiring.ErrorCode(err) {
	case hiring.EInvalid, hiring.EConflict, hiring.EPrecondition:
		return true
	}
	return false
}

// renameField moves a service's field error to this form's input name (the
// password policy says "password"; the account form calls it "new_password").
func renameField(err error, from, to string) error {
	fields := hiring.ErrorFields(err)
	if len(fields) == 0 {
		return err
	}
	out := &hiring.Error{Code: hiring.ErrorCode(err), Message: hiring.ErrorMessage(err)}
	for _, f := range fields {
		if f.Field == from {
			f.Field = to
		}
		out.Fields = append(out.Fields, f)
	}
	return out
}

// notText is the field error for a form's values that are not text
// (hiring.IsText: a NUL byte or invalid UTF-8), nil when all are. No browser
// sends one — the HTML parser turns NUL into U+FFFD and forms are sent as
// UTF-8 — so only a crafted request meets it, and it never reaches a
// service: PostgreSQL cannot store NUL, and ID fields are looked up.
func notText(values url.Values) error {
	var v hiring.Validation
	for _, k := range slices.Sorted(maps.Keys(values)) {
		if !hiring.IsText(k) {
			v.Add(hiring.ScrubText(k), "is not valid text as a field name")
			continue
		}
		for _, x := range values[k] {
			if !hiring.IsText(x) && !v.Has(k) {
				v.Add(k, hiring.NotText)
			}
		}
	}
	if len(v.Fields) == 0 {
		return nil
	}
	f := v.Fields[0]
	return &hiring.Error{Code: hiring.EInvalid, Fields: v.Fields, Message: fmt.Sprintf("The form field %q %s.", f.Field, f.Message)}
}

// textForm answers 422 naming the field when a posted form holds a value
// that is not text (notText). Multipart forms are read by their handlers
// (readMultipart holds them to the same rule).
func (h *Handler) textForm(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The CSRF check has parsed a urlencoded form; this is a no-op then.
		_ = r.ParseForm()
		if err := notText(r.PostForm); err != nil {
			h.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// readMultipart reads a multipart form (auth.ReadMultipartForm, capped at
// maxBytes) and holds its values to notText. On a refusal the form's temp
// files are removed and the error is the field error; the caller defers
// RemoveAll only on success.
func readMultipart(w http.ResponseWriter, r *http.Request, maxBytes int64) (*multipart.Form, error) {
	form, err := auth.ReadMultipartForm(w, r, maxBytes)
	if err != nil {
		return nil, err
	}
	if err := notText(form.Value); err != nil {
		_ = form.RemoveAll()
		for k := range form.Value {
			r.PostForm.Del(k) // the re-rendered form must not echo them
		}
		return nil, err
	}
	return form, nil
}
