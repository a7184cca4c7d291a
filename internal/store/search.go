package store

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/search"
)

// Candidate search (migration 00030). A parsed query (internal/search) runs
// as one SQL query per engine:
//   - its "core" — the top-level words and phrases (and their AND / OR /
//     NOT among themselves) — is one full-text expression: an FTS5 MATCH
//     string on SQLite, a tsquery on PostgreSQL. Every word goes in as a
//     quoted FTS5 string or through phraseto_tsquery with a bound
//     parameter, so no text of the query is ever engine syntax. The core
//     also matches notes the actor may read, and ranks the result (bm25 /
//     ts_rank_cd);
//   - everything else (qualifiers, text under an OR with a qualifier) is a
//     SQL condition per candidate;
//   - the actor's access is a condition of the same query, so counts,
//     facets and pages hold only candidates the actor may see.

// searchQuery is a compiled search.
type searchQuery struct {
	// from is the page's (and facets') FROM; countFrom the count's, which
	// differs when the core is windowed (see searchWindow).
	from, countFrom, where, order string
	// pageSQL and countSQL, when set, replace the page's FROM … ORDER BY
	// and the count's query: a windowed search with no other condition
	// ranks and pages inside the full-text query before any join, and
	// counts the engine's matches alone.
	pageSQL, countSQL string
	p                 *args
	core              bool
}

func searchInvalid(e *search.Error) error {
	return &hiring.Error{Code: hiring.EInvalid, Message: "The search query has a problem " + e.Error() + ".",
		Fields: []hiring.FieldError{{Field: "q", Message: e.Error()}}, Err: e}
}

// SearchCandidates runs a query of the search language.
func (db *DB) SearchCandidates(ctx context.Context, query string, o hiring.SearchOptions) (hiring.SearchResult, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.SearchResult{}, err
	}
	if !hiring.IsText(query) {
		return hiring.SearchResult{}, invalid("q", "must be text")
	}
	q, err := search.Parse(query, now())
	if err != nil {
		var se *search.Error
		if errors.As(err, &se) {
			return hiring.SearchResult{}, searchInvalid(se)
		}
		return hiring.SearchResult{}, err
	}
	if q.Nothing {
		return hiring.SearchResult{Hits: []hiring.SearchHit{}}, nil
	}
	offset := 0
	if o.Page.Cursor != "" {
		keys, err := decodeCursor(o.Page.Cursor, 1)
		if err == nil {
			offset, err = strconv.Atoi(keys[0])
		}
		if err != nil || offset < 0 || offset > hiring.SearchMaxOffset {
			return hiring.SearchResult{}, invalid("cursor", "is not a cursor of this search")
		}
	}
	limit := o.Page.Clamp()
	win := 0
	if o.CreatedAfter.IsZero() && o.CreatedBefore.IsZero() {
		win = searchWindow
	}
	typo := ""
	if db.dialect == DialectSQLite {
		if typo, err = db.sqliteNameTypos(ctx, q); err != nil {
			return hiring.SearchResult{}, err
		}
	}
	sq := db.compileSearch(a, q, o.Sort, o.Filter, typo, win, limit+1, offset)
	if !o.CreatedAfter.IsZero() || !o.CreatedBefore.IsZero() {
		var conds []string
		if !o.CreatedAfter.IsZero() {
			conds = append(conds, "c.created_at > "+sq.p.add(TimeArg(o.CreatedAfter)))
		}
		if !o.CreatedBefore.IsZero() {
			conds = append(conds, "c.created_at <= "+sq.p.add(TimeArg(o.CreatedBefore)))
		}
		if sq.where == "" {
			sq.where = " WHERE " + strings.Join(conds, " AND ")
		} else {
			sq.where += " AND " + strings.Join(conds, " AND ")
		}
	}
	var res hiring.SearchResult

	// The page.
	cols, scan := db.summarySelect()
	fullCols, scanFull := db.candSelect()
	if o.Full {
		cols = fullCols
	}
	pageQuery := "SELECT " + cols + sq.from + sq.where + " ORDER BY " + sq.order + " LIMIT " + strconv.Itoa(limit+1) + " OFFSET " + strconv.Itoa(offset)
	if sq.pageSQL != "" {
		pageQuery = "SELECT " + cols + sq.pageSQL
	}
	rows, err := db.rd.QueryContext(ctx, pageQuery, sq.p.list...)
	if err != nil {
		return res, dbErr("search candidates", err)
	}
	defer rows.Close()
	res.Hits = []hiring.SearchHit{}
	for rows.Next() {
		if o.Full {
			c, err := scanFull(rows)
			if err != nil {
				return res, dbErr("search candidates", err)
			}
			res.Hits = append(res.Hits, hiring.SearchHit{Full: &c, Candidate: hiring.CandidateSummary{ID: c.ID, FirstName: c.FirstName,
				LastName: c.LastName, Email: c.PrimaryEmail(), CurrentTitle: c.CurrentTitle, CurrentCompany: c.CurrentCompany,
				Source: c.Source, OwnerID: c.OwnerID, OwnerName: c.OwnerName, Tags: c.Tags, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}})
			continue
		}
		c, err := scan(rows)
		if err != nil {
			return res, dbErr("search candidates", err)
		}
		res.Hits = append(res.Hits, hiring.SearchHit{Candidate: c})
	}
	if err := rows.Err(); err != nil {
		return res, dbErr("search candidates", err)
	}
	rows.Close()
	if len(res.Hits) > limit {
		res.Hits = res.Hits[:limit]
		if offset+limit <= hiring.SearchMaxOffset {
			res.NextCursor = encodeCursor(strconv.Itoa(offset + limit))
		}
	}

	// The total, bounded.
	switch {
	case offset == 0 && res.NextCursor == "":
		res.Total = len(res.Hits)
	default:
		countQuery := "SELECT COUNT(*) FROM (SELECT 1" + sq.countFrom + sq.where + " LIMIT " + strconv.Itoa(hiring.SearchCountBound+1) + ") b"
		if sq.countSQL != "" {
			countQuery = sq.countSQL
		}
		if err := db.rd.QueryRowContext(ctx, countQuery, sq.p.list...).Scan(&res.Total); err != nil {
			return res, dbErr("count search", err)
		}
		if res.Total > hiring.SearchCountBound {
			res.Total, res.TotalApprox = hiring.SearchCountBound, true
		}
	}
	if o.Facets {
		if err := db.searchFacets(ctx, sq, &res); err != nil {
			return res, err
		}
	}
	if o.Highlight && len(res.Hits) > 0 {
		if err := db.searchSnippets(ctx, a, q, &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// compileSearch turns a plan into FROM, WHERE and ORDER BY for the actor.
// searchWindow bounds how many full-text matches a plain ranked search
// scores: a word in a third of a million resumes would otherwise be scored
// (bm25, ts_rank_cd) in every one of them for a page of 50. Relevance paging
// stops at SearchMaxOffset anyway, so the window is that deep: past it the
// ranking considers the most recently indexed matches (SQLite: rowid order;
// PostgreSQL: the index scan's order), always the same ones, so pages stay
// consistent. Counts are never windowed. Only a search without other
// conditions is windowed (an actor restricted to some candidates, a
// qualifier or a filter could leave a window empty while matches exist past
// it).
const searchWindow = hiring.SearchMaxOffset + hiring.MaxLimit + 1

func (db *DB) compileSearch(a hiring.Actor, q *search.Query, sortBy hiring.SearchSort, f hiring.CandidateFilter, typo string, win, pageLimit, offset int) searchQuery {
	p := &args{}
	sq := searchQuery{p: p}
	var where []string
	var top []*search.Node
	if !q.Empty() {
		top = []*search.Node{q.Root}
		if q.Root.Kind == search.KindAnd {
			top = q.Root.Children
		}
	}
	// The core: top-level text subtrees, positive ones and negated ones.
	// On SQLite the top-level text qualifiers (title:, company:, skill:,
	// location:, name:) join it as column filters of the same FTS5
	// expression (qual, negQual), so a qualified search is one pass over the
	// index, not one per qualifier.
	var pos, neg, qual, negQual, other []*search.Node
	for _, n := range top {
		switch {
		case coreText(n):
			pos = append(pos, n)
		case n.Kind == search.KindNot && coreText(n.Children[0]):
			neg = append(neg, n.Children[0])
		case db.dialect == DialectSQLite && ftsQualifier(n):
			qual = append(qual, n)
		case db.dialect == DialectSQLite && n.Kind == search.KindNot && ftsQualifier(n.Children[0]):
			negQual = append(negQual, n.Children[0])
		default:
			other = append(other, n)
		}
	}
	if len(pos) == 0 && len(qual) == 0 {
		other = append(other, notAll(neg)...)
		other = append(other, notAll(negQual)...)
		neg, negQual = nil, nil
	}
	windowed := win > 0 && len(other) == 0 && !restricted(a) && sortBy != hiring.SearchRecent &&
		f.Tag == "" && f.Source == "" && f.OwnerID == "" && f.JobID == "" && f.StageID == ""
	var pre []string
	if db.dialect == DialectPostgres {
		pre = pgPrefilter(p, other)
	}
	if len(pos) > 0 || len(qual) > 0 || len(pre) > 0 {
		sq.core = true
		if db.dialect == DialectSQLite {
			m := p.add(ftsAnd(append(slices.Clone(pos), qual...), append(slices.Clone(neg), negQual...)))
			// Notes match the free text only; the candidate must still
			// pass the qualifiers (checked for the note's candidate alone:
			// FTS5 seeks the rowid in each term's list).
			notes := ""
			if len(pos) > 0 {
				nm := p.add(ftsAnd(pos, neg))
				nv := noteVisible(a, p)
				qualCond := ""
				switch {
				case len(qual) > 0:
					qualCond = " AND EXISTS (SELECT 1 FROM candidate_fts q WHERE q.candidate_fts MATCH " + p.add(ftsAnd(qual, negQual)) + " AND q.rowid = s2.rid)"
				case len(negQual) > 0:
					qualCond = " AND NOT EXISTS (SELECT 1 FROM candidate_fts q WHERE q.candidate_fts MATCH " + p.add(ftsOr(negQual)) + " AND q.rowid = s2.rid)"
				}
				notes = `SELECT s2.rid, 0.0 FROM note_fts JOIN note_search ns ON ns.rid = note_fts.rowid JOIN notes n ON n.id = ns.note_id
					JOIN candidate_search s2 ON s2.candidate_id = n.candidate_id WHERE note_fts MATCH ` + nm + ` AND ` + nv + qualCond
			}
			inner := func(lim string) string {
				q := `SELECT * FROM (SELECT rowid AS rid, bm25(candidate_fts, 10.0, 8.0, 4.0, 5.0, 4.0, 3.0, 4.0, 1.0) AS score FROM candidate_fts WHERE candidate_fts MATCH ` + m + lim + `)`
				if notes == "" {
					// No notes to match: an empty branch keeps the compound
					// select, which SQLite does not flatten into the outer
					// query (flattened, bm25 loses its full-text cursor).
					notes = "SELECT 0, 0.0 WHERE 0"
				}
				q += ` UNION ALL SELECT * FROM (` + notes + lim + `)`
				if typo != "" {
					// Names typed with a typo, ranked after the text matches.
					q += ` UNION ALL SELECT * FROM (SELECT rowid, 1.0 FROM candidate_fts WHERE candidate_fts MATCH ` + p.add(typo) + lim + `)`
				}
				return q
			}
			core := func(lim, tail string) string {
				return ` FROM (SELECT rid, MIN(score) AS score FROM (` + inner(lim) + `) GROUP BY rid` + tail +
					`) r JOIN candidate_search s ON s.rid = r.rid JOIN candidates c ON c.id = s.candidate_id LEFT JOIN users ou ON ou.id = c.owner_id`
			}
			sq.from, sq.countFrom = core("", ""), core("", "")
			if windowed {
				w := " ORDER BY 1 DESC LIMIT " + strconv.Itoa(win)
				sq.from = core(w, "")
				sq.pageSQL = core(w, " ORDER BY score, rid LIMIT "+strconv.Itoa(pageLimit)+" OFFSET "+strconv.Itoa(offset)) + " ORDER BY r.score, r.rid"
				sq.countSQL = "SELECT COUNT(*) FROM (SELECT DISTINCT rid FROM (" + inner("") + ") LIMIT " + strconv.Itoa(hiring.SearchCountBound+1) + ")"
			}
		} else {
			// tq is the words (candidates and notes); tq1 adds the
			// qualifiers' weighted prefilter for the candidates' index.
			tq, tq1 := "", ""
			if len(pos) > 0 {
				tq = db.tsAnd(p, pos, neg)
				tq1 = tq
			}
			if len(pre) > 0 {
				all := pre
				if tq != "" {
					all = append(slices.Clone(pre), tq)
				}
				tq1 = "(" + strings.Join(all, " && ") + ")"
			}
			union := ""
			if name := nameGuess(pos, neg); name != "" {
				// Names typed with a typo: trigram similarity (pg_trgm's %
				// operator, GIN-indexed), ranked after the text matches.
				np := p.add(name)
				union = " UNION ALL SELECT c3.id, 2.0 - similarity(c3.sort_name, " + np + ") FROM candidates c3 WHERE c3.sort_name % " + np
			}
			nv := ""
			if tq != "" {
				nv = noteVisible(a, p)
			}
			inner := func(lim string) string {
				rank := tq
				if rank == "" {
					rank = tq1
				}
				q := `SELECT * FROM (SELECT s0.candidate_id, -ts_rank_cd(s0.doc, ` + rank + `) AS score FROM candidate_search s0 WHERE s0.doc @@ ` + tq1 + lim + `) w1`
				if tq == "" { // qualifiers only: notes hold no qualifier
					return q
				}
				return q + `
				UNION ALL SELECT * FROM (SELECT n.candidate_id, 0.0 FROM notes n WHERE to_tsvector('simple', n.body) @@ ` + tq + ` AND ` + nv + lim + `) w2` + union
			}
			core := func(lim, tail string) string {
				return ` FROM (SELECT candidate_id, MIN(score) AS score FROM (` + inner(lim) + `) m GROUP BY candidate_id` + tail +
					`) r JOIN candidate_search s ON s.candidate_id = r.candidate_id JOIN candidates c ON c.id = s.candidate_id LEFT JOIN users ou ON ou.id = c.owner_id`
			}
			sq.from, sq.countFrom = core("", ""), core("", "")
			if windowed {
				w := " LIMIT " + strconv.Itoa(win)
				sq.from = core(w, "")
				sq.pageSQL = core(w, " ORDER BY score, candidate_id LIMIT "+strconv.Itoa(pageLimit)+" OFFSET "+strconv.Itoa(offset)) + " ORDER BY r.score, r.candidate_id"
				// The count reads no rank: only the index's matches.
				cnt := `SELECT s0.candidate_id FROM candidate_search s0 WHERE s0.doc @@ ` + tq + `
				UNION SELECT n.candidate_id FROM notes n WHERE to_tsvector('simple', n.body) @@ ` + tq + ` AND ` + nv
				if union != "" {
					cnt = `SELECT candidate_id FROM (` + inner("") + `) u`
				}
				sq.countSQL = "SELECT COUNT(*) FROM (SELECT DISTINCT candidate_id FROM (" + cnt + ") d LIMIT " + strconv.Itoa(hiring.SearchCountBound+1) + ") b"
			}
		}
	} else {
		sq.from = " FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id LEFT JOIN users ou ON ou.id = c.owner_id"
		sq.countFrom = sq.from
	}
	if restricted(a) {
		where = append(where, candidateVisible(a, "c.id", p))
	}
	for _, n := range other {
		where = append(where, db.searchCond(a, p, n))
	}
	// The list's filters (ids the language has no words for).
	if f.Tag != "" {
		where = append(where, "EXISTS (SELECT 1 FROM candidate_tags ft WHERE ft.candidate_id = c.id AND ft.tag = "+p.add(hiring.NormalizeTag(f.Tag))+")")
	}
	if f.Source != "" {
		where = append(where, db.foldSource("c.source")+" = "+p.add(hiring.SourceKey(f.Source)))
	}
	if f.OwnerID != "" {
		where = append(where, "c.owner_id = "+p.add(f.OwnerID))
	}
	if f.JobID != "" {
		where = append(where, "EXISTS (SELECT 1 FROM applications fa WHERE fa.candidate_id = c.id AND fa.job_id = "+p.add(f.JobID)+
			" AND "+jobIDVisible(a, "fa.job_id", p)+")")
	}
	if f.StageID != "" {
		where = append(where, "EXISTS (SELECT 1 FROM applications fs WHERE fs.candidate_id = c.id AND fs.stage_id = "+p.add(f.StageID)+
			" AND (fs.status = 'active' OR (fs.status = 'hired' AND EXISTS (SELECT 1 FROM stages fk WHERE fk.id = fs.stage_id AND fk.kind = 'hired')))"+
			" AND "+jobIDVisible(a, "fs.job_id", p)+")")
	}
	sq.where = whereSQL(where)
	sq.order = "c.updated_at DESC, c.id DESC"
	if sq.core && sortBy != hiring.SearchRecent {
		sq.order = "r.score, c.updated_at DESC, c.id DESC"
	}
	return sq
}

// ftsQualifier reports whether n is a qualifier an FTS5 column filter can
// hold (SQLite).
func ftsQualifier(n *search.Node) bool {
	return n.Kind == search.KindTerm && n.Field != search.FieldText && ftsColumns[n.Field] != ""
}

func ftsOr(ns []*search.Node) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = ftsExpr(n)
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// pgWeights are the weights of candidate_search.doc (migration 00030) that
// hold each qualifier's text: B headline, current title and company; C
// skills and location. name: is left out (its typo tolerance matches
// names the index does not hold).
var pgWeights = map[search.Field]string{search.FieldTitle: "B", search.FieldCompany: "B", search.FieldSkill: "C", search.FieldLocation: "C"}

// pgPrefilter returns, for the top-level positive text qualifiers, a
// tsquery of their words limited to the weight that holds that field: a
// superset of the qualifier's exact condition (which still applies) that
// the GIN index can answer with the words, so a qualified search reads the
// index once instead of computing each candidate's title. The words are the
// engine's own phraseto_tsquery output, labelled by a regular expression
// over its text form — no text of the query becomes tsquery syntax.
func pgPrefilter(p *args, other []*search.Node) []string {
	var out []string
	for _, n := range other {
		w := pgWeights[n.Field]
		if n.Kind != search.KindTerm || w == "" {
			continue
		}
		out = append(out, "(regexp_replace(phraseto_tsquery('simple', "+p.add(n.Text)+`)::text, '''(?:[^'']|'''')*''', '\&:`+w+`', 'g'))::tsquery`)
	}
	return out
}

func notAll(ns []*search.Node) []*search.Node {
	out := make([]*search.Node, len(ns))
	for i, n := range ns {
		out[i] = &search.Node{Kind: search.KindNot, Children: []*search.Node{n}}
	}
	return out
}

// coreText reports whether n is words and phrases alone, combined so that a
// full-text expression can hold it: AND and OR of them, NOT only beside a
// positive term of the same AND.
func coreText(n *search.Node) bool {
	switch n.Kind {
	case search.KindTerm:
		return n.Field == search.FieldText
	case search.KindOr:
		for _, c := range n.Children {
			if !coreText(c) {
				return false
			}
		}
		return true
	case search.KindAnd:
		positive := false
		for _, c := range n.Children {
			switch {
			case coreText(c):
				positive = true
			case c.Kind == search.KindNot && coreText(c.Children[0]):
			default:
				return false
			}
		}
		return positive
	}
	return false
}

// nameGuess returns the words of a query that may be a name typed with a
// typo: one to three plain words and nothing else.
func nameGuess(pos, neg []*search.Node) string {
	if len(neg) > 0 || len(pos) > 3 {
		return ""
	}
	var words []string
	for _, n := range pos {
		if n.Kind != search.KindTerm || n.Phrase {
			return ""
		}
		words = append(words, search.Words(n.Text)...)
	}
	if len(words) == 0 || len(words) > 3 {
		return ""
	}
	return strings.ToLower(strings.Join(words, " "))
}

// ftsString quotes text as one FTS5 string (a phrase of its tokens): inside
// quotes nothing is syntax but the doubled quote.
func ftsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func ftsAnd(pos, neg []*search.Node) string {
	parts := make([]string, len(pos))
	for i, n := range pos {
		parts[i] = ftsExpr(n)
	}
	e := "(" + strings.Join(parts, " AND ") + ")"
	for _, n := range neg {
		e = "(" + e + " NOT " + ftsExpr(n) + ")"
	}
	return e
}

func ftsExpr(n *search.Node) string {
	switch n.Kind {
	case search.KindTerm:
		if col := ftsColumns[n.Field]; col != "" {
			return "({" + col + "} : " + ftsString(n.Text) + ")"
		}
		return ftsString(n.Text)
	case search.KindOr:
		parts := make([]string, len(n.Children))
		for i, c := range n.Children {
			parts[i] = ftsExpr(c)
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	default: // KindAnd (coreText checked the shape)
		var pos, neg []*search.Node
		for _, c := range n.Children {
			if c.Kind == search.KindNot {
				neg = append(neg, c.Children[0])
			} else {
				pos = append(pos, c)
			}
		}
		return ftsAnd(pos, neg)
	}
}

func (db *DB) tsAnd(p *args, pos, neg []*search.Node) string {
	parts := make([]string, 0, len(pos)+len(neg))
	for _, n := range pos {
		parts = append(parts, db.tsExpr(p, n))
	}
	for _, n := range neg {
		parts = append(parts, "!!"+db.tsExpr(p, n))
	}
	return "(" + strings.Join(parts, " && ") + ")"
}

func (db *DB) tsExpr(p *args, n *search.Node) string {
	switch n.Kind {
	case search.KindTerm:
		return "phraseto_tsquery('simple', " + p.add(n.Text) + ")"
	case search.KindOr:
		parts := make([]string, len(n.Children))
		for i, c := range n.Children {
			parts[i] = db.tsExpr(p, c)
		}
		return "(" + strings.Join(parts, " || ") + ")"
	default:
		var pos, neg []*search.Node
		for _, c := range n.Children {
			if c.Kind == search.KindNot {
				neg = append(neg, c.Children[0])
			} else {
				pos = append(pos, c)
			}
		}
		return db.tsAnd(p, pos, neg)
	}
}

// ftsColumns name the FTS5 columns (SQLite) and the expressions
// (PostgreSQL) of the text qualifiers.
var ftsColumns = map[search.Field]string{search.FieldText: "", search.FieldName: "name", search.FieldTitle: "title",
	search.FieldCompany: "company", search.FieldLocation: "location", search.FieldSkill: "skills"}

var pgColumns = map[search.Field]string{search.FieldName: "c.first_name || ' ' || c.last_name", search.FieldTitle: "c.current_title",
	search.FieldCompany: "c.current_company", search.FieldLocation: "c.location", search.FieldSkill: "s.skills"}

// searchCond is the SQL condition of a node outside the core.
func (db *DB) searchCond(a hiring.Actor, p *args, n *search.Node) string {
	switch n.Kind {
	case search.KindNot:
		return "NOT (" + db.searchCond(a, p, n.Children[0]) + ")"
	case search.KindAnd, search.KindOr:
		op := " AND "
		if n.Kind == search.KindOr {
			op = " OR "
		}
		parts := make([]string, len(n.Children))
		for i, c := range n.Children {
			parts[i] = db.searchCond(a, p, c)
		}
		return "(" + strings.Join(parts, op) + ")"
	}
	switch n.Field {
	case search.FieldText, search.FieldName, search.FieldTitle, search.FieldCompany, search.FieldLocation, search.FieldSkill:
		if db.dialect == DialectSQLite {
			m := ftsString(n.Text)
			if col := ftsColumns[n.Field]; col != "" {
				m = "{" + col + "} : " + m
			}
			return "s.rid IN (SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH " + p.add(m) + ")"
		}
		t := p.add(n.Text)
		if n.Field == search.FieldText {
			return "s.doc @@ phraseto_tsquery('simple', " + t + ")"
		}
		cond := "to_tsvector('simple', " + pgColumns[n.Field] + ") @@ phraseto_tsquery('simple', " + t + ")"
		if n.Field == search.FieldName && !n.Phrase {
			cond = "(" + cond + " OR c.sort_name % lower(" + t + "))"
		}
		return cond
	case search.FieldEmail:
		return "EXISTS (SELECT 1 FROM candidate_emails fe WHERE fe.candidate_id = c.id AND fe.email LIKE " + p.add(likePattern(n.Text)) + " ESCAPE '\\')"
	case search.FieldPhone:
		if len(n.Text) >= 9 {
			return "EXISTS (SELECT 1 FROM candidate_phones fp WHERE fp.candidate_id = c.id AND fp.phone_key = " + p.add(n.Text[len(n.Text)-9:]) + ")"
		}
		return "c.phones LIKE " + p.add("%"+n.Text+"%")
	case search.FieldTag:
		return "EXISTS (SELECT 1 FROM candidate_tags ft WHERE ft.candidate_id = c.id AND ft.tag = " + p.add(hiring.NormalizeTag(n.Text)) + ")"
	case search.FieldSource:
		return db.foldSource("c.source") + " = " + p.add(hiring.SourceKey(n.Text))
	case search.FieldJob:
		return "EXISTS (SELECT 1 FROM applications fa JOIN jobs fj ON fj.id = fa.job_id WHERE fa.candidate_id = c.id AND LOWER(fj.title) LIKE " +
			p.add(likePattern(n.Text)) + " ESCAPE '\\' AND " + jobRowVisible(a, "fj", p) + ")"
	case search.FieldStage:
		return "EXISTS (SELECT 1 FROM applications fa JOIN stages fs ON fs.id = fa.stage_id WHERE fa.candidate_id = c.id AND fa.status = 'active' AND LOWER(fs.name) LIKE " +
			p.add(likePattern(n.Text)) + " ESCAPE '\\' AND " + jobIDVisible(a, "fa.job_id", p) + ")"
	case search.FieldStatus:
		return "EXISTS (SELECT 1 FROM applications fa WHERE fa.candidate_id = c.id AND fa.status = " + p.add(n.Text) + " AND " + jobIDVisible(a, "fa.job_id", p) + ")"
	case search.FieldHas:
		switch n.Text {
		case "email":
			return "c.emails <> '[]'"
		case "phone":
			return "c.phones <> '[]'"
		}
		return "EXISTS (SELECT 1 FROM documents fd WHERE fd.candidate_id = c.id AND fd.kind = 'resume')"
	case search.FieldUpdated:
		return dateRange("c.updated_at", p, n)
	case search.FieldApplied:
		return "EXISTS (SELECT 1 FROM applications fa WHERE fa.candidate_id = c.id AND " + dateRange("fa.applied_at", p, n) + " AND " + jobIDVisible(a, "fa.job_id", p) + ")"
	}
	return "1=0"
}

func dateRange(col string, p *args, n *search.Node) string {
	var conds []string
	if !n.Since.IsZero() {
		conds = append(conds, col+" >= "+p.add(TimeArg(n.Since)))
	}
	if !n.Before.IsZero() {
		conds = append(conds, col+" < "+p.add(TimeArg(n.Before)))
	}
	if len(conds) == 0 {
		return "1=1"
	}
	return "(" + strings.Join(conds, " AND ") + ")"
}

// searchFacets counts tags, sources, locations and skills over the first
// SearchFacetBound matches, scaled to the total when there are more.
func (db *DB) searchFacets(ctx context.Context, sq searchQuery, res *hiring.SearchResult) error {
	skills := "json_each(s2.skills) j"
	if db.dialect == DialectPostgres {
		skills = "jsonb_array_elements_text(s2.skills::jsonb) j(value)"
	}
	q := "WITH ids AS (SELECT c.id AS id" + sq.from + sq.where + " LIMIT " + strconv.Itoa(hiring.SearchFacetBound) + `)
		SELECT CAST('tag' AS TEXT), ft.tag, COUNT(*) FROM ids JOIN candidate_tags ft ON ft.candidate_id = ids.id GROUP BY ft.tag
		UNION ALL SELECT CAST('source' AS TEXT), c2.source, COUNT(*) FROM ids JOIN candidates c2 ON c2.id = ids.id WHERE c2.source <> '' GROUP BY c2.source
		UNION ALL SELECT CAST('location' AS TEXT), c2.location, COUNT(*) FROM ids JOIN candidates c2 ON c2.id = ids.id WHERE c2.location <> '' GROUP BY c2.location
		UNION ALL SELECT CAST('skill' AS TEXT), j.value, COUNT(*) FROM ids JOIN candidate_search s2 ON s2.candidate_id = ids.id, ` + skills + ` GROUP BY j.value`
	rows, err := db.rd.QueryContext(ctx, q, sq.p.list...)
	if err != nil {
		return dbErr("search facets", err)
	}
	defer rows.Close()
	res.Facets = map[string][]hiring.FacetCount{"tag": {}, "source": {}, "location": {}, "skill": {}}
	for rows.Next() {
		var kind, value string
		var n int
		if err := rows.Scan(&kind, &value, &n); err != nil {
			return dbErr("search facets", err)
		}
		res.Facets[kind] = append(res.Facets[kind], hiring.FacetCount{Value: value, Count: n})
	}
	if err := rows.Err(); err != nil {
		return dbErr("search facets", err)
	}
	scale := res.Total > hiring.SearchFacetBound
	res.FacetsApprox = scale
	for k, fs := range res.Facets {
		sort.Slice(fs, func(i, j int) bool {
			if fs[i].Count != fs[j].Count {
				return fs[i].Count > fs[j].Count
			}
			return fs[i].Value < fs[j].Value
		})
		if len(fs) > 10 {
			fs = fs[:10]
		}
		if scale {
			for i := range fs {
				fs[i].Count = fs[i].Count * res.Total / hiring.SearchFacetBound
			}
		}
		res.Facets[k] = fs
	}
	return nil
}

// searchSnippets adds, per hit, a piece of the latest resume and of one note
// the actor may read around the query's words.
func (db *DB) searchSnippets(ctx context.Context, a hiring.Actor, q *search.Query, res *hiring.SearchResult) error {
	words := q.Highlight()
	if len(words) == 0 {
		return nil
	}
	ids := make([]string, len(res.Hits))
	at := map[string]int{}
	for i, h := range res.Hits {
		ids[i] = h.Candidate.ID
		at[h.Candidate.ID] = i
	}
	p := &args{}
	rows, err := db.rd.QueryContext(ctx, `SELECT d.candidate_id, dp.text FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
		WHERE d.candidate_id IN (`+p.in(ids)+`) AND d.kind = 'resume' ORDER BY d.candidate_id, d.created_at DESC, d.id DESC`, p.list...)
	if err != nil {
		return dbErr("search snippets", err)
	}
	seen := map[string]bool{}
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			rows.Close()
			return dbErr("search snippets", err)
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		if s, ok := search.Snippet(text, words, 200); ok {
			res.Hits[at[id]].Snippets = append(res.Hits[at[id]].Snippets, hiring.Snippet{Source: "resume", HTML: s})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return dbErr("search snippets", err)
	}
	p = &args{}
	rows, err = db.rd.QueryContext(ctx, "SELECT n.candidate_id, n.body FROM notes n WHERE n.candidate_id IN ("+p.in(ids)+") AND "+
		noteVisible(a, p)+" AND "+candidateVisible(a, "n.candidate_id", p)+" ORDER BY n.candidate_id, n.id DESC", p.list...)
	if err != nil {
		return dbErr("search snippets", err)
	}
	defer rows.Close()
	noted := map[string]bool{}
	for rows.Next() {
		var id, body string
		if err := rows.Scan(&id, &body); err != nil {
			return dbErr("search snippets", err)
		}
		if noted[id] {
			continue
		}
		if s, ok := search.Snippet(body, words, 200); ok {
			noted[id] = true
			res.Hits[at[id]].Snippets = append(res.Hits[at[id]].Snippets, hiring.Snippet{Source: "note", HTML: s})
		}
	}
	return dbErr("search snippets", rows.Err())
}

// sqliteNameTypos returns, for a query that may be a name typed with a typo
// (nameGuess), an FTS5 expression over the name column that accepts, for
// each word typed, the name words on file within a small edit distance of
// it (migration 00032's trigram index of name words finds them) — or "" when
// no word has a near miss. SQLite only; PostgreSQL uses pg_trgm.
func (db *DB) sqliteNameTypos(ctx context.Context, q *search.Query) (string, error) {
	if q.Empty() {
		return "", nil
	}
	top := []*search.Node{q.Root}
	if q.Root.Kind == search.KindAnd {
		top = q.Root.Children
	}
	for _, n := range top {
		if n.Kind != search.KindTerm || n.Field != search.FieldText {
			return "", nil
		}
	}
	name := nameGuess(top, nil)
	if name == "" {
		return "", nil
	}
	var parts []string
	found := false
	for _, w := range strings.Fields(name) {
		alts := []string{w}
		r := []rune(w)
		if len(r) >= 4 {
			var tris []string
			for i := 0; i+3 <= len(r); i++ {
				tris = append(tris, ftsString(string(r[i:i+3])))
			}
			rows, err := db.rd.QueryContext(ctx, "SELECT word FROM search_name_trgm WHERE search_name_trgm MATCH $1 ORDER BY rank LIMIT 40",
				strings.Join(tris, " OR "))
			if err != nil {
				return "", dbErr("name typos", err)
			}
			for rows.Next() {
				var cand string
				if err := rows.Scan(&cand); err != nil {
					rows.Close()
					return "", dbErr("name typos", err)
				}
				if cand != w && nearWord(w, cand) {
					alts = append(alts, cand)
					found = true
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return "", dbErr("name typos", err)
			}
		}
		for i, a := range alts {
			alts[i] = ftsString(a)
		}
		parts = append(parts, "("+strings.Join(alts, " OR ")+")")
	}
	if !found {
		return "", nil
	}
	return "{name} : (" + strings.Join(parts, " AND ") + ")", nil
}

// nearWord reports whether b is a plausible typo of a: at most one edit in
// four characters, two at most (Levenshtein distance over runes).
func nearWord(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	limit := min(2, max(1, len(ra)/4))
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return false
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)] <= limit
}
