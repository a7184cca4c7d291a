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

// nullString binds "" as NULL (optional references).
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

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
	if t, ok := parseTimeLayout(s); ok {
		return &t, nil
	}
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

// parseTimeLayout reads timeLayout ("2006-01-02T15:04:05.000000Z") without
// the general parser: list pages parse two times per row.
func parseTimeLayout(s string) (time.Time, bool) {
	if len(s) != len(timeLayout) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[26] != 'Z' {
		return time.Time{}, false
	}
	num := func(a, b int) (int, bool) {
		n := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	h, ok4 := num(11, 13)
	mi, ok5 := num(14, 16)
	se, ok6 := num(17, 19)
	us, ok7 := num(20, 26)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, se, us*1000, time.UTC), true
}
