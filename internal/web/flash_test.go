package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// A redirected error says what is wrong: the field's reason when there is
// one (the page it lands on highlights nothing), else the message.
func TestRedirectErrorSaysTheReason(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&hiring.Error{Code: hiring.EInvalid, Message: "Please correct the highlighted fields.",
			Fields: []hiring.FieldError{{Field: "reason_id", Message: "choose a reason or write one"}}}, "Reason: choose a reason or write one."},
		{&hiring.Error{Code: hiring.EConflict, Message: "x", Fields: []hiring.FieldError{{Field: "", Message: "already moved."}}}, "Already moved."},
		{hiring.Errorf(hiring.EConflict, "This stage still holds applications."), "This stage still holds applications."},
	} {
		rec := httptest.NewRecorder()
		redirectError(rec, httptest.NewRequest(http.MethodPost, "/x", nil), "/back", tc.err)
		c := rec.Result().Cookies()
		if len(c) != 1 {
			t.Fatalf("cookies %v", c)
		}
		got, _ := url.QueryUnescape(c[0].Value)
		if got != flashError+tc.want {
			t.Errorf("flash %q, want %q", got, flashError+tc.want)
		}
	}
}
