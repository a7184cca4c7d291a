package api

import (
	"net/http"
	"slices"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestDecodeNamesFieldPaths(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		fields []string
	}{
		{"unknown top-level field", `{"title":"x","colour":"red"}`, []string{"colour"}},
		{"unknown nested field", `{"hiring_team":[{"user_id":"u","role":"recruiter"},{"user_id":"v","rol":"x"}]}`, []string{"hiring_team.1.rol"}},
		{"wrong type in array element", `{"hiring_team":[{"user_id":7,"role":"recruiter"}]}`, []string{"hiring_team.0.user_id"}},
		{"string for integer", `{"openings":"3"}`, []string{"openings"}},
		{"fraction for integer", `{"openings":1.5}`, []string{"openings"}},
		{"overflowing integer", `{"openings":99999999999999999999}`, []string{"openings"}},
		{"object for array", `{"location_ids":{"a":1}}`, []string{"location_ids"}},
		{"nested salary", `{"salary":{"min":"a","max":1,"currency":"EUR","period":"year","x":1}}`, []string{"salary.min", "salary.x"}},
		{"case-folded name is unknown", `{"Title":"x"}`, []string{"Title"}},
		{"array body", `[1,2]`, []string{"(body)"}},
		{"several at once", `{"a":1,"b":2}`, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in jobInput
			err := decodeBytes([]byte(tt.body), &in, false)
			he, ok := err.(*httpError)
			if !ok || he.Status != http.StatusBadRequest {
				t.Fatalf("err = %v, want a 400 httpError", err)
			}
			var got []string
			for _, f := range he.Fields {
				got = append(got, f.Field)
			}
			if !slices.Equal(got, tt.fields) {
				t.Errorf("fields = %v, want %v", got, tt.fields)
			}
		})
	}
}

func TestDecodeAcceptsValidBodies(t *testing.T) {
	var in candidateInput
	body := `{"first_name":"Ada","emails":["ada@example.com"],"links":[{"kind":"github","url":"https://github.com/ada"}],
		"consent":{"processing":true,"processing_at":"2025-01-02T03:04:05Z","retain_until":null},"owner_id":null}`
	if err := decodeBytes([]byte(body), &in, false); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if in.FirstName != "Ada" || len(in.Links) != 1 || in.Links[0].Kind != hiring.LinkGitHub || !in.Consent.Processing || in.Consent.ProcessingAt == nil {
		t.Errorf("decoded %+v", in)
	}
}

func TestDecodeMalformed(t *testing.T) {
	for _, body := range []string{`{"title":`, `{"title":"a"} {"title":"b"}`, `nope`, ``} {
		var in jobInput
		err := decodeBytes([]byte(body), &in, false)
		if he, ok := err.(*httpError); !ok || he.Status != http.StatusBadRequest {
			t.Errorf("body %q: err = %v, want 400", body, err)
		}
	}
	var in versionInput
	if err := decodeBytes(nil, &in, true); err != nil {
		t.Errorf("optional empty body: %v", err)
	}
}

func TestDecodeBadTime(t *testing.T) {
	var in applicationInput
	err := decodeBytes([]byte(`{"applied_at":"yesterday"}`), &in, false)
	he, ok := err.(*httpError)
	if !ok || len(he.Fields) != 1 || he.Fields[0].Field != "applied_at" {
		t.Fatalf("err = %#v, want a field error on applied_at", err)
	}
}

// FuzzDecode: whatever the body, decoding answers nil or a 400/413 httpError
// and never panics.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"title":"x","hiring_team":[{"user_id":"u","role":"r"}]}`, `{"salary":{"min":1e400}}`, `[]`, `null`, `{"openings":-0}`, `{"a":{"b":[1,{"c":null}]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in jobInput
		err := decodeBytes(body, &in, false)
		if err == nil {
			return
		}
		he, ok := err.(*httpError)
		if !ok || he.Status != http.StatusBadRequest {
			t.Fatalf("body %q: err %v", body, err)
		}
	})
}

// TestDecodeRefusesNUL: a \u0000 anywhere in a body is a 422 naming each
// field (PostgreSQL cannot store it, and IDs with it would be looked up).
func TestDecodeRefusesNUL(t *testing.T) {
	var in jobInput
	err := decodeBytes([]byte(`{"title":"ok","description":"a\u0000b","hiring_team":[{"user_id":"\u0000","role":"recruiter"}]}`), &in, false)
	he, ok := err.(*httpError)
	if !ok || he.Status != http.StatusUnprocessableEntity {
		t.Fatalf("err = %v, want a 422 httpError", err)
	}
	var got []string
	for _, f := range he.Fields {
		got = append(got, f.Field)
	}
	if want := []string{"description", "hiring_team.0.user_id"}; !slices.Equal(got, want) {
		t.Errorf("fields = %v, want %v", got, want)
	}
	// Invalid UTF-8 never gets this far: the JSON decoder makes it U+FFFD.
	if err := decodeBytes([]byte("{\"title\":\"a\xffb\"}"), &in, false); err != nil || in.Title != "a\uFFFDb" {
		t.Errorf("invalid UTF-8: %v, title %q", err, in.Title)
	}
}
