// Package calendar is Candor's availability arithmetic: time zones, working
// hours, free/busy intervals, slot suggestions for one interviewer, a panel or
// a loop, iCalendar invitations and feeds (RFC 5545/5546) and the parsing of
// subscribed feeds with their recurrences expanded under bounds.
//
// It is a leaf: it imports no other Candor package. Every instant it answers
// is a time.Time in UTC; local clocks (working hours, recurrences) are
// computed in the zone they belong to, so DST days and half-hour zones come
// out right.
package calendar
