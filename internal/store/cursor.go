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

// decodeTimeCursor decodes a (time, id) cursor. The time must have the
// store's own layout: PostgreSQL compares it as a timestamp and would fail
// (a 500) on anything else, where SQLite would quietly compare text.
func decodeTimeCursor(c string) ([]string, error) {
	keys, err := decodeCursor(c, 2)
	if err != nil || keys == nil {
		return keys, err
	}
	if _, ok := parseTimeLayout(keys[0]); !ok {
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
