package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// linkList's fast path must agree with encoding/json on what json.Marshal writes.
func TestLinkListMatchesJSON(t *testing.T) {
	cases := [][]hiring.Link{
		{},
		{{Kind: hiring.LinkLinkedIn, URL: "https://www.linkedin.com/in/ada"}},
		{{Kind: hiring.LinkGitHub, URL: "https://github.com/a"}, {Kind: hiring.LinkOther, URL: `https://x.example/?q="a"&b=<c>\d`}},
		{{Kind: hiring.LinkPortfolio, URL: "https://ex.example/é/\u2028"}},
	}
	for _, c := range cases {
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := linkList(string(data))
		if err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Fatalf("%s: got %#v, want %#v", data, got, c)
		}
	}
	for _, bad := range []string{`[{"kind":"x"`, `[`, `x`} {
		if _, err := linkList(bad); err == nil {
			t.Fatalf("%q accepted", bad)
		}
	}
}
