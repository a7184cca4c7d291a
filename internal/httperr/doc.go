// Package httperr maps domain errors to HTTP: the one place where a
// hiring.Error code becomes a status, and where RFC 9457 problem documents
// are written.
package httperr
