package api

import (
	"encoding/json"
	"net/http"
	"strconv"
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeRecord answers with one versioned record and its ETag.
func writeRecord(w http.ResponseWriter, status int, version int, v any) {
	w.Header().Set("ETag", etag(version))
	writeJSON(w, status, v)
}

// writeCreated answers 201 with the new record's location.
func writeCreated(w http.ResponseWriter, location string, version int, v any) {
	w.Header().Set("Location", Prefix+location)
	if version > 0 {
		w.Header().Set("ETag", etag(version))
	}
	writeJSON(w, http.StatusCreated, v)
}

// list is the envelope of every collection; NextCursor is null on the last page.
type list[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

func newList[T any](items []T, next string) list[T] {
	if items == nil {
		items = []T{}
	}
	l := list[T]{Data: items}
	if next != "" {
		l.NextCursor = &next
	}
	return l
}

func mapList[S, T any](items []S, f func(S) T) []T {
	out := make([]T, len(items))
	for i, x := range items {
		out[i] = f(x)
	}
	return out
}

func etag(version int) string { return `W/"` + strconv.Itoa(version) + `"` }
