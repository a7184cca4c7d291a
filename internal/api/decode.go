package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// MaxBodyBytes caps every request body.
const MaxBodyBytes = 1 << 20

// readBody returns the request body, at most MaxBodyBytes; a body over the
// limit is 413 and a non-JSON content type 415.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, statusError(http.StatusRequestEntityTooLarge, "The request body is larger than 1 MB.")
		}
		return nil, statusError(http.StatusBadRequest, "The request body could not be read.")
	}
	if len(bytes.TrimSpace(body)) > 0 {
		if err := checkContentType(r); err != nil {
			return nil, err
		}
	}
	return body, nil
}

func checkContentType(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || (mt != "application/json" && mt != "application/merge-patch+json") {
		return statusError(http.StatusUnsupportedMediaType, "The request body must be application/json.")
	}
	return nil
}

// decode reads a JSON object into dst (a pointer to a request struct).
// Unknown fields and wrong types are 400 with the field path named. An
// empty body is allowed when optional, and leaves dst as it is.
func decode(w http.ResponseWriter, r *http.Request, dst any, optional bool) error {
	body, err := readBody(w, r)
	if err != nil {
		return err
	}
	return decodeBytes(body, dst, optional)
}

func decodeBytes(body []byte, dst any, optional bool) error {
	if len(bytes.TrimSpace(body)) == 0 {
		if optional {
			return nil
		}
		return statusError(http.StatusBadRequest, "A JSON request body is required.")
	}
	var raw any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return statusError(http.StatusBadRequest, "The request body is not valid JSON.")
	}
	if _, err := dec.Token(); err != io.EOF {
		return statusError(http.StatusBadRequest, "The request body holds more than one JSON value.")
	}
	if fields := nonText(raw, ""); len(fields) > 0 {
		return &httpError{Status: http.StatusUnprocessableEntity, Title: "The request body holds a value that is not text.", Fields: fields}
	}
	if fields := checkShape(raw, dst); len(fields) > 0 {
		return &httpError{Status: http.StatusBadRequest, Title: "The request body does not match the expected shape.", Fields: fields}
	}
	if err := json.Unmarshal(body, dst); err != nil {
		// checkShape should have caught every mismatch; this is the safety net.
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fieldError(http.StatusBadRequest, "The request body does not match the expected shape.", te.Field, "has the wrong type")
		}
		return statusError(http.StatusBadRequest, "The request body could not be decoded.")
	}
	return nil
}

// nonText names every string in a decoded JSON value (object keys too) that
// is not text (hiring.IsText): a \u0000 escape. JSON cannot carry invalid
// UTF-8 past the decoder, which makes it U+FFFD. Checked here, once for
// every body, so no handler passes a NUL on to PostgreSQL.
func nonText(v any, path string) []hiring.FieldError {
	at := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	var out []hiring.FieldError
	switch x := v.(type) {
	case string:
		if !hiring.IsText(x) {
			out = append(out, hiring.FieldError{Field: path, Message: hiring.NotText})
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !hiring.IsText(k) {
				out = append(out, hiring.FieldError{Field: at(hiring.ScrubText(k)), Message: "is not valid text as a field name"})
				continue
			}
			out = append(out, nonText(x[k], at(k))...)
		}
	case []any:
		for i, e := range x {
			out = append(out, nonText(e, at(strconv.Itoa(i)))...)
		}
	}
	return out
}

// partText reads a small text field of a multipart body (at most max
// bytes), trimmed; a value that is not text is a 422 naming the field. A
// failed read is answered as for the upload whose body cap is limit.
func partText(part *multipart.Part, max, limit int64) (string, error) {
	b, err := io.ReadAll(io.LimitReader(part, max))
	if err != nil {
		return "", uploadReadError(err, limit)
	}
	s := strings.TrimSpace(string(b))
	if !hiring.IsText(s) {
		return "", fieldError(http.StatusUnprocessableEntity, "The upload holds a field that is not text.", part.FormName(), hiring.NotText)
	}
	return s, nil
}
