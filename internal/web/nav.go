package web

import (
	"html/template"
	"strings"
	"sync"

	"github.com/candor-ats/candor/internal/hiring"
)

// navEntry is one top-level destination of the header's navigation. A new
// capability adds its page here (one line), with the roles that may use it.
type navEntry struct {
	key   string // the view's Nav value that marks it current
	href  string
	icon  string
	label string
	shown func(role hiring.Role) bool // nil: every signed-in user
}

func managers(role hiring.Role) bool { return role == hiring.RoleAdmin || role == hiring.RoleRecruiter }

func readsReports(role hiring.Role) bool { return hiring.Actor{Role: role}.CanReadReports() }

func admins(role hiring.Role) bool { return role == hiring.RoleAdmin }

// navEntries is the main navigation, in order.
var navEntries = []navEntry{
	{key: "home", href: "/", icon: "layout-dashboard", label: "Dashboard"},
	{key: "jobs", href: "/jobs", icon: "briefcase", label: "Jobs"},
	{key: "candidates", href: "/candidates", icon: "users", label: "Candidates"},
	{key: "interviews", href: "/interviews", icon: "calendar", label: "Interviews"},
	{key: "pools", href: "/pools", icon: "star", label: "Pools", shown: managers},
	{key: "reports", href: "/reports", icon: "activity", label: "Reports", shown: readsReports},
	{key: "inbox", href: "/inbox", icon: "mail", label: "Inbox", shown: managers},
	{key: "imports", href: "/imports", icon: "upload", label: "Imports", shown: managers},
	{key: "admin", href: "/admin", icon: "settings", label: "Admin", shown: admins},
}

// navLinks is the navigation's list for a role with the current entry
// marked. It sits on every page and depends only on the two strings, so each
// combination is built once (it used to cost a dozen template calls a page).
func navLinks(current string, role hiring.Role) template.HTML {
	key := current + "\x00" + string(role)
	if h, ok := navCache.Load(key); ok {
		return h.(template.HTML)
	}
	var b strings.Builder
	b.WriteString("<ul>\n")
	for _, e := range navEntries {
		if e.shown != nil && !e.shown(role) {
			continue
		}
		b.WriteString(`      <li><a href="`)
		b.WriteString(template.HTMLEscapeString(e.href))
		b.WriteString(`"`)
		if e.key == current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(`>`)
		b.WriteString(string(icon(e.icon)))
		b.WriteString(template.HTMLEscapeString(e.label))
		b.WriteString("</a></li>\n")
	}
	b.WriteString("    </ul>")
	h := template.HTML(b.String())
	navCache.Store(key, h)
	return h
}

// navCache holds navLinks' markup: a few pages' keys × five roles.
var navCache sync.Map

// NavLinks is the layout's navigation list for this viewer.
func (v view) NavLinks() template.HTML {
	if !v.SignedIn {
		return ""
	}
	return navLinks(v.Nav, v.User.Role)
}
