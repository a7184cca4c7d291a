package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// timeLayout is how times are written: fixed width and UTC, so that on SQLite
// text order is time order; PostgreSQL parses it into timestamptz.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// NewID returns a new UUIDv7 string: sortable by creation, not guessable.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// TimeArg converts t into a query argument that fits both engines.
func TimeArg(t time.Time) any { return t.UTC().Format(timeLayout) }

// nullTimeArg is TimeArg for optional times.
func nullTimeArg(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return TimeArg(*t)
}

// now is the current time at the precision both engines keep.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// timeCol scans a time column: time.Time from pgx, text from SQLite.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	t, err := parseTimeValue(src)
	if err != nil {
		return err
	}
	if t != nil {
		*c.t = *t
	} else {
		*c.t = time.Time{}
	}
	return nil
}

// nullTimeCol scans an optional time column.
type nullTimeCol struct{ t **time.Time }

func (c nullTimeCol) Scan(src any) error {
	t, err := parseTimeValue(src)
	if err != nil {
		return err
	}
	*c.t = t
	return nil
}

func parseTimeValue(src any) (*time.Time, error) {
	var t time.Time
	switch v := src.(type) {
	case nil:
		return nil, nil
	case time.Time:
		t = v
	case string:
		return parseTimeText(v)
	case []byte:
		return parseTimeText(string(v))
	default:
		return nil, fmt.Errorf("store: cannot scan %T into a time", src)
	}
	t = t.UTC()
	return &t, nil
}

func parseTimeText(s string) (*time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t, err = time.Parse("2006-01-02 15:04:05.999999999-07:00", s)
		if err != nil {
			return nil, fmt.Errorf("store: bad time %q: %w", s, err)
		}
	}
	t = t.UTC()
	return &t, nil
}

// jsonCol scans a JSON text column into a Go value.
type jsonCol struct{ v any }

func (c jsonCol) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("store: cannot scan %T as JSON", src)
	}
	if len(b) == 0 || string(b) == "[]" {
		// Most list columns are empty: skip the decoder; callers turn nil into [].
		return nil
	}
	return json.Unmarshal(b, c.v)
}

// jsonArg encodes v as JSON text; nil slices become "[]".
func jsonArg(v any) any {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return "[]"
	}
	return string(b)
}

// nullJSON encodes a map as JSON text, NULL when empty.
func nullJSON(m map[string]any) any {
	if len(m) == 0 {
		return nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	return string(b)
}

// strCol scans a nullable text column into a string ("" for NULL).
type strCol struct{ s *string }

func (c strCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.s = ""
	case string:
		*c.s = v
	case []byte:
		*c.s = string(v)
	default:
		return fmt.Errorf("store: cannot scan %T into a string", src)
	}
	return nil
}
