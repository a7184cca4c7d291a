package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestTimesInViewerZone(t *testing.T) {
	t.Parallel()
	h := &Handler{}
	at := time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC)
	for zone, want := range map[string]string{
		"":                 "1 Mar 2026, 23:30",
		"Asia/Tokyo":       "2 Mar 2026, 08:30",
		"America/New_York": "1 Mar 2026, 18:30",
		"Not/AZone":        "1 Mar 2026, 23:30",
	} {
		v := view{loc: h.location(zone)}
		if got := v.Time(at); got != want {
			t.Errorf("%q: %s, want %s", zone, got, want)
		}
	}
	if (view{loc: time.UTC}).Time(time.Time{}) != "" {
		t.Error("zero time not blank")
	}
}

func TestEscapeHTML(t *testing.T) {
	t.Parallel()
	b := new(bytes.Buffer)
	escapeHTML(b, `<a href="x">'Tom' & Jerry</a>`+"\x00")
	if got, want := b.String(), "&lt;a href=&#34;x&#34;&gt;&#39;Tom&#39; &amp; Jerry&lt;/a&gt;\uFFFD"; got != want {
		t.Fatalf("%s, want %s", got, want)
	}
}

func TestFlashLongMessageIsCut(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	setFlash(rec, strings.Repeat("é", 400))
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	for _, c := range rec.Result().Cookies() {
		req.AddCookie(c)
	}
	got := takeFlash(httptest.NewRecorder(), req)
	if got == "" || len(got) > maxFlash || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Fatalf("flash %q (%d bytes)", got, len(got))
	}
}

func TestLabelNamesDomainEnums(t *testing.T) {
	t.Parallel()
	for in, want := range map[any]string{
		hiring.JobOpen: "Open", hiring.OnSite: "On site", hiring.FieldFirstName: "First name", hiring.RoleHiringManager: hiring.RoleHiringManager.Label(), 42: "",
	} {
		if got := label(in); got != want {
			t.Errorf("label(%v) = %q, want %q", in, got, want)
		}
	}
}
