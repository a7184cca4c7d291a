// Package hiring is Candor's domain: the records a hiring team works with,
// their validation rules, error codes and the service interfaces that the
// store implements and the web, API and worker layers call. It imports no
// SQL and no HTTP.
package hiring

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. They are mapped to HTTP statuses in one place (internal/httperr).
const (
	EInvalid      = "invalid"      // the input fails validation (field errors say where)
	ENotFound     = "not_found"    // no such record, or one the actor may not see
	EConflict     = "conflict"     // a uniqueness or state rule forbids it
	EPrecondition = "precondition" // the record changed since the caller read it
	EUnauthorized = "unauthorized" // no valid credentials
	EForbidden    = "forbidden"    // the actor sees the record but may not do this
	ERateLimited  = "rate_limited" // too many attempts
	EInternal     = "internal"     // a bug or an outage; never for bad input
)

// FieldError names one invalid field. Field is a JSON-pointer-like dotted path
// in snake_case ("salary.max", "hiring_team.0.user_id") shared by forms and API.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the domain error: a code, a message safe to show to the user, and
// optionally the fields at fault.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	Err     error // underlying cause, never shown to users
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Message)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted user-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrNotFound is the answer for a missing record and for one the actor may not see:
// the two must be indistinguishable.
func ErrNotFound(what string) *Error {
	return &Error{Code: ENotFound, Message: what + " not found"}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal otherwise.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return "Something went wrong on our side. It has been logged."
}

// ErrorFields returns the field errors of err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Validation collects field errors while a value is checked.
type Validation struct{ Fields []FieldError }

// Add records a field error.
func (v *Validation) Add(field, format string, args ...any) {
	v.Fields = append(v.Fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when nothing was added, else an EInvalid *Error.
func (v *Validation) Err() error {
	if len(v.Fields) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Message: "Please correct the highlighted fields.", Fields: v.Fields}
}

// Has reports whether field has an error already.
func (v *Validation) Has(field string) bool {
	for _, f := range v.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}
