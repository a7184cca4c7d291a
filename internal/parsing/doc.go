// Package parsing runs Candor's resume pipeline over the hiring records: the
// "parse_document" background job (blob → sandboxed extraction → profile →
// store), the parse-only entry point for integrators, and people's
// corrections of parsed fields. It owns no SQL: results go through
// hiring.ProfileService, which the store implements.
//
// Extraction runs in a resume.Sandbox: this same binary re-executed as a
// child process. Any binary that links this package (candor itself, and the
// test binaries of every package that builds the app) can serve as that
// child; see child.go.
package parsing
