package store

import (
	"encoding/base64"
	"encoding/json"

	"github.com/candor-ats/candor/internal/hiring"
)

// Cursors are opaque to callers: the sort key values of the last row of a
// page, as base64url JSON.
func encodeCursor(keys ...string) string {
	b, _ := json.Marshal(keys)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(c string, n int) ([]string, error) {
	if c == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	var keys []string
	if err == nil {
		err = json.Unmarshal(b, &keys)
	}
	if err != nil || len(keys) != n {
		return nil, invalid("cursor", "is not a valid page cursor")
	}
	return keys, nil
}

// pageOf trims the extra row fetched to learn whether more follow.
func pageOf[T any](items []T, limit int, key func(T) []string) hiring.Page[T] {
	p := hiring.Page[T]{Items: items}
	if len(items) > limit {
		p.Items = items[:limit]
		p.NextCursor = encodeCursor(key(items[limit-1])...)
	}
	if p.Items == nil {
		p.Items = []T{}
	}
	return p
}
