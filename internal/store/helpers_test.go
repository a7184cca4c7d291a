package store_test

import (
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

// wantCode fails unless err carries the domain code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := hiring.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// wantField fails unless err is EInvalid/EConflict naming the field.
func wantField(t *testing.T, err error, code, field string) {
	t.Helper()
	wantCode(t, err, code)
	for _, f := range hiring.ErrorFields(err) {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("error %v does not name field %q", err, field)
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// countActivity counts activity rows with the action, straight from SQL.
func countActivity(t *testing.T, db *store.DB, action string) int {
	t.Helper()
	var n int
	ok(t, db.Reader().QueryRow("SELECT COUNT(*) FROM activity WHERE action = $1", action).Scan(&n))
	return n
}
