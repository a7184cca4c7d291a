package web

import (
	"net/url"
)

// pager builds Previous/Next links for cursor pagination. Cursors only go
// forward, so the links carry the trail of earlier cursors ("back") to step
// back without the service having to page backwards.
type pager struct {
	Prev string // URL of the previous page, "" on the first
	Next string // URL of the next page, "" on the last
}

const maxBack = 40

func newPager(path string, q url.Values, next string) pager {
	var p pager
	cursor := q.Get("cursor")
	back := q["back"]
	if next != "" {
		nq := cloneValues(q)
		nq.Set("cursor", next)
		nb := append(append([]string(nil), back...), cursor)
		if len(nb) > maxBack {
			nb = nb[len(nb)-maxBack:]
		}
		nq["back"] = nb
		p.Next = path + "?" + nq.Encode()
	}
	if len(back) > 0 {
		pq := cloneValues(q)
		prev := back[len(back)-1]
		if prev == "" {
			pq.Del("cursor")
		} else {
			pq.Set("cursor", prev)
		}
		if len(back) > 1 {
			pq["back"] = back[:len(back)-1]
		} else {
			pq.Del("back")
		}
		p.Prev = path + "?" + pq.Encode()
	} else if cursor != "" {
		// Trail lost (a shared link): the best step back is the first page.
		pq := cloneValues(q)
		pq.Del("cursor")
		p.Prev = path + "?" + pq.Encode()
	}
	return p
}

func cloneValues(q url.Values) url.Values {
	c := make(url.Values, len(q)+2)
	for k, v := range q {
		if v0 := v; len(v0) > 0 {
			c[k] = v0
		}
	}
	return c
}
