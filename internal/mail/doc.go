// Package mail is Candor's email: building MIME messages (multipart HTML and
// plain text, a stable Message-ID, a Reply-To carrying the thread's token,
// List-Unsubscribe where the mail is not about an application in progress),
// sending them over SMTP (wneessen/go-mail) with connection reuse and a
// per-recipient-domain rate limit, and the outbox worker that delivers the
// store's queued messages (or, until SMTP is configured, puts them in the
// dev mailbox). It knows the domain (hiring) but never the store.
package mail
