package api

import (
	_ "embed"
	"net/http"
)

// openapiJSON is written by hand, not generated from the route table, so
// that the test comparing the two can fail.
//
//go:embed openapi.json
var openapiJSON []byte

func (h *handler) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(openapiJSON)
}
