package api

import (
	"net/http"
	"strconv"
	"strings"
)

// version returns the version an update is based on: the If-Match ETag
// (W/"3" or "3") or the body's "version" field. With neither, required
// updates answer 428 and optional ones (application actions) return 0,
// which the services take as "skip the check".
func version(r *http.Request, body *int, required bool) (int, error) {
	hv, hasHeader, err := ifMatch(r)
	if err != nil {
		return 0, err
	}
	switch {
	case hasHeader && body != nil && *body != hv:
		return 0, fieldError(http.StatusBadRequest, "If-Match and version disagree.", "version", "differs from the If-Match header")
	case hasHeader:
		return hv, nil
	case body != nil:
		if *body < 1 {
			return 0, fieldError(http.StatusBadRequest, "The version is invalid.", "version", "must be a positive integer")
		}
		return *body, nil
	case required:
		return 0, statusError(http.StatusPreconditionRequired, "Send If-Match with the record's ETag, or its version in the body.")
	}
	return 0, nil
}

func ifMatch(r *http.Request) (int, bool, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, false, nil
	}
	s := strings.TrimPrefix(h, "W/")
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, false, fieldError(http.StatusBadRequest, "The If-Match header is invalid.", "If-Match", `must be one ETag from a previous response, such as W/"3"`)
	}
	return n, true, nil
}
