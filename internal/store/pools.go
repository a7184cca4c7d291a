package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/search"
)

// Talent pools (hiring.PoolService): admins and recruiters only; see
// hiring/pool.go for why.

func poolActor(ctx context.Context) (hiring.Actor, error) {
	a, err := actor(ctx)
	if err != nil {
		return a, err
	}
	if !a.CanManageRecords() {
		return a, forbidden("Talent pools are for recruiters and admins.")
	}
	return a, nil
}

const poolCols = `p.id, p.name, p.notes, COALESCE(p.owner_id, ''), COALESCE(u.name, ''), p.smart, p.query, p.version, p.created_at, p.updated_at`

func scanPool(row interface{ Scan(...any) error }) (hiring.Pool, error) {
	var p hiring.Pool
	err := row.Scan(&p.ID, &p.Name, &p.Notes, &p.OwnerID, &p.OwnerName, &p.Smart, &p.Query, &p.Version, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	return p, err
}

// Pools lists every pool by name, with stages, counts and sizes.
func (db *DB) Pools(ctx context.Context) ([]hiring.Pool, error) {
	if _, err := poolActor(ctx); err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+poolCols+" FROM talent_pools p LEFT JOIN users u ON u.id = p.owner_id ORDER BY lower(p.name), p.id")
	if err != nil {
		return nil, dbErr("pools", err)
	}
	out := []hiring.Pool{}
	for rows.Next() {
		p, err := scanPool(rows)
		if err != nil {
			rows.Close()
			return nil, dbErr("pools", err)
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("pools", err)
	}
	for i := range out {
		if err := db.fillPool(ctx, db.rd, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Pool reads one pool.
func (db *DB) Pool(ctx context.Context, id string) (hiring.Pool, error) {
	if _, err := poolActor(ctx); err != nil {
		return hiring.Pool{}, err
	}
	p, err := db.loadPool(ctx, db.rd, id)
	if err != nil {
		return p, err
	}
	return p, db.fillPool(ctx, db.rd, &p)
}

func (db *DB) loadPool(ctx context.Context, q querier, id string) (hiring.Pool, error) {
	p, err := scanPool(q.QueryRowContext(ctx, "SELECT "+poolCols+" FROM talent_pools p LEFT JOIN users u ON u.id = p.owner_id WHERE p.id = $1", id))
	return p, notFound("pool", err)
}

func poolStages(ctx context.Context, q querier, poolID string) ([]hiring.PoolStage, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, name, position FROM pool_stages WHERE pool_id = $1 ORDER BY position, id", poolID)
	if err != nil {
		return nil, dbErr("pool stages", err)
	}
	defer rows.Close()
	var out []hiring.PoolStage
	for rows.Next() {
		var s hiring.PoolStage
		if err := rows.Scan(&s.ID, &s.Name, &s.Position); err != nil {
			return nil, dbErr("pool stages", err)
		}
		out = append(out, s)
	}
	return out, dbErr("pool stages", rows.Err())
}

// fillPool adds stages with their counts and the size. A static pool counts
// its rows; a smart pool asks its query, as the viewer, and places the found
// members in the stages they were moved to (the first stage otherwise).
func (db *DB) fillPool(ctx context.Context, q querier, p *hiring.Pool) error {
	var err error
	if p.Stages, err = poolStages(ctx, q, p.ID); err != nil {
		return err
	}
	if p.Smart {
		members, total, approx, err := db.smartMembers(ctx, q, *p, hiring.MaxSmartPoolBoard)
		if err != nil {
			return err
		}
		p.Size, p.SizeApprox = total, approx
		for _, m := range members {
			for i := range p.Stages {
				if p.Stages[i].ID == m.StageID {
					p.Stages[i].Count++
				}
			}
		}
		return nil
	}
	rows, err := q.QueryContext(ctx, "SELECT stage_id, COUNT(*) FROM pool_members WHERE pool_id = $1 GROUP BY stage_id", p.ID)
	if err != nil {
		return dbErr("pool counts", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return dbErr("pool counts", err)
		}
		p.Size += n
		for i := range p.Stages {
			if p.Stages[i].ID == id {
				p.Stages[i].Count = n
			}
		}
	}
	return dbErr("pool counts", rows.Err())
}

// smartMembers runs a smart pool's query as the viewer (newest first, at
// most limit) and places each found candidate in their remembered stage.
// A query the language no longer accepts finds nobody.
func (db *DB) smartMembers(ctx context.Context, qr querier, p hiring.Pool, limit int) ([]hiring.PoolMember, int, bool, error) {
	var hits []hiring.SearchHit
	total, approx := 0, false
	cursor := ""
	for len(hits) < limit {
		res, err := db.SearchCandidates(ctx, p.Query, hiring.SearchOptions{Sort: hiring.SearchRecent,
			Page: hiring.PageRequest{Cursor: cursor, Limit: min(hiring.MaxLimit, limit-len(hits))}})
		if hiring.ErrorCode(err) == hiring.EInvalid {
			return nil, 0, false, nil
		}
		if err != nil {
			return nil, 0, false, err
		}
		if cursor == "" {
			total, approx = res.Total, res.TotalApprox
		}
		hits = append(hits, res.Hits...)
		if res.NextCursor == "" || len(res.Hits) == 0 {
			break
		}
		cursor = res.NextCursor
	}
	stages, err := poolStages(ctx, qr, p.ID)
	if err != nil || len(stages) == 0 {
		return nil, total, approx, err
	}
	names := map[string]string{}
	for _, s := range stages {
		names[s.ID] = s.Name
	}
	type kept struct {
		stage, by    string
		added, moved time.Time
	}
	have := map[string]kept{}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Candidate.ID
	}
	for start := 0; start < len(ids); start += hiring.MaxBatchIDs {
		chunk := ids[start:min(len(ids), start+hiring.MaxBatchIDs)]
		q := &args{}
		poolArg := q.add(p.ID)
		rows, err := qr.QueryContext(ctx, `SELECT m.candidate_id, m.stage_id, COALESCE(u.name, ''), m.added_at, m.moved_at FROM pool_members m
			LEFT JOIN users u ON u.id = m.added_by WHERE m.pool_id = `+poolArg+` AND m.candidate_id IN (`+q.in(chunk)+`)`, q.list...)
		if err != nil {
			return nil, 0, false, dbErr("smart pool stages", err)
		}
		for rows.Next() {
			var id string
			var k kept
			if err := rows.Scan(&id, &k.stage, &k.by, timeCol{&k.added}, timeCol{&k.moved}); err != nil {
				rows.Close()
				return nil, 0, false, dbErr("smart pool stages", err)
			}
			have[id] = k
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, false, dbErr("smart pool stages", err)
		}
	}
	out := make([]hiring.PoolMember, 0, len(hits))
	for _, h := range hits {
		m := hiring.PoolMember{Candidate: h.Candidate, StageID: stages[0].ID, StageName: stages[0].Name}
		if k, ok := have[h.Candidate.ID]; ok && names[k.stage] != "" {
			m.StageID, m.StageName, m.AddedByName, m.AddedAt, m.MovedAt = k.stage, names[k.stage], k.by, k.added, k.moved
		}
		out = append(out, m)
	}
	return out, total, approx, nil
}

// checkPoolInput validates a pool's fields; stages are checked by savePoolStages.
func checkPoolInput(in *hiring.PoolInput) error {
	in.Name, in.Query, in.Notes = strings.TrimSpace(in.Name), strings.TrimSpace(in.Query), strings.TrimSpace(in.Notes)
	var v hiring.Validation
	switch {
	case in.Name == "":
		v.Add("name", "is required")
	case !hiring.IsText(in.Name) || utf8.RuneCountInString(in.Name) > 80:
		v.Add("name", "must be text of at most 80 characters")
	}
	if !hiring.IsText(in.Notes) || utf8.RuneCountInString(in.Notes) > 10000 {
		v.Add("notes", "must be text of at most 10,000 characters")
	}
	if !hiring.IsText(in.OwnerID) || len(in.OwnerID) > 100 {
		v.Add("owner_id", "no such user")
	}
	switch {
	case !in.Smart && in.Query != "":
		v.Add("query", "only a smart pool has a query")
	case !in.Smart:
	case !hiring.IsText(in.Query):
		v.Add("query", "must be text")
	default:
		q, err := search.Parse(in.Query, now())
		var se *search.Error
		switch {
		case errors.As(err, &se):
			v.Add("query", "%s", se.Error())
		case err != nil:
			v.Add("query", "is not a search")
		case q.Empty() || q.Nothing:
			v.Add("query", "has nothing to search for")
		}
	}
	if in.Stages != nil {
		if len(in.Stages) == 0 || len(in.Stages) > hiring.MaxPoolStages {
			v.Add("stages", "a pool has 1 to %d stages", hiring.MaxPoolStages)
		}
		seen := map[string]bool{}
		for i := range in.Stages {
			s := &in.Stages[i]
			s.Name = strings.TrimSpace(s.Name)
			field := "stages." + strconv.Itoa(i) + ".name"
			switch {
			case s.Name == "":
				v.Add(field, "is required")
			case !hiring.IsText(s.Name) || utf8.RuneCountInString(s.Name) > 60:
				v.Add(field, "must be text of at most 60 characters")
			case seen[strings.ToLower(s.Name)]:
				v.Add(field, "is already a stage of this pool")
			}
			if !hiring.IsText(s.ID) || len(s.ID) > 100 {
				v.Add("stages."+strconv.Itoa(i)+".id", "no such stage")
			}
			seen[strings.ToLower(s.Name)] = true
		}
	}
	return v.Err()
}

func poolNameTaken(err error) error {
	if isUniqueViolation(err) {
		return conflict("name", "A pool with this name exists already.")
	}
	return dbErr("save pool", err)
}

// CreatePool makes a pool with the default stages (or the ones given).
func (db *DB) CreatePool(ctx context.Context, in hiring.PoolInput) (hiring.Pool, error) {
	a, err := poolActor(ctx)
	if err != nil {
		return hiring.Pool{}, err
	}
	if in.OwnerID == "" && !a.System {
		in.OwnerID = a.UserID
	}
	if in.Stages == nil {
		for _, n := range hiring.DefaultPoolStages {
			in.Stages = append(in.Stages, hiring.PoolStageInput{Name: n})
		}
	}
	if err := checkPoolInput(&in); err != nil {
		return hiring.Pool{}, err
	}
	for i := range in.Stages {
		in.Stages[i].ID = "" // a new pool's stages are all new
	}
	id := NewID()
	t := now()
	var out hiring.Pool
	err = db.write(ctx, func(tx *sql.Tx) error {
		if err := checkPoolOwner(ctx, tx, in.OwnerID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM talent_pools").Scan(&n); err != nil {
			return dbErr("create pool", err)
		}
		if n >= hiring.MaxPools {
			return conflict("", "There are as many pools as Candor keeps; delete one first.")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO talent_pools (id, name, notes, owner_id, smart, query, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)`, id, in.Name, in.Notes, nullString(in.OwnerID), in.Smart, in.Query, TimeArg(t)); err != nil {
			return poolNameTaken(err)
		}
		if err := savePoolStages(ctx, tx, id, in.Stages); err != nil {
			return err
		}
		kind := "static"
		if in.Smart {
			kind = "smart"
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "pool.created", SubjectType: "pool", SubjectID: id,
			Summary: "created the " + kind + " talent pool " + in.Name, After: map[string]any{"name": in.Name, "query": in.Query}}, true); err != nil {
			return err
		}
		// Read back in the transaction: a keyed API create has not committed yet.
		if out, err = db.loadPool(ctx, tx, id); err != nil {
			return err
		}
		return db.fillPool(ctx, tx, &out)
	})
	return out, err
}

func checkPoolOwner(ctx context.Context, tx *sql.Tx, id string) error {
	if id == "" {
		return nil
	}
	var role string
	err := tx.QueryRowContext(ctx, "SELECT role FROM users WHERE id = $1 AND disabled = FALSE", id).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !(hiring.Actor{Role: hiring.Role(role)}).CanManageRecords()) {
		return invalid("owner_id", "must be a recruiter or an admin")
	}
	return dbErr("pool owner", err)
}

// savePoolStages replaces a pool's stages: kept ones by id (renamed and
// reordered), new ones added, dropped ones removed while nobody is in them.
func savePoolStages(ctx context.Context, tx *sql.Tx, poolID string, stages []hiring.PoolStageInput) error {
	old, err := poolStages(ctx, tx, poolID)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for i, s := range stages {
		if s.ID == "" {
			continue
		}
		found := false
		for _, o := range old {
			found = found || o.ID == s.ID
		}
		if !found {
			return invalid("stages."+strconv.Itoa(i)+".id", "no such stage of this pool")
		}
		if keep[s.ID] {
			return invalid("stages."+strconv.Itoa(i)+".id", "is listed twice")
		}
		keep[s.ID] = true
	}
	for _, o := range old {
		if keep[o.ID] {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM pool_members WHERE stage_id = $1", o.ID).Scan(&n); err != nil {
			return dbErr("pool stages", err)
		}
		if n > 0 {
			return conflict("stages", "The stage "+o.Name+" still holds "+strconv.Itoa(n)+" member(s); move them first.")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM pool_stages WHERE id = $1", o.ID); err != nil {
			return dbErr("pool stages", err)
		}
	}
	// Positions are moved out of the way first, so a reorder never meets itself.
	if _, err := tx.ExecContext(ctx, "UPDATE pool_stages SET position = position + 1000 WHERE pool_id = $1", poolID); err != nil {
		return dbErr("pool stages", err)
	}
	for i, s := range stages {
		if s.ID == "" {
			if _, err := tx.ExecContext(ctx, "INSERT INTO pool_stages (id, pool_id, name, position) VALUES ($1, $2, $3, $4)", NewID(), poolID, s.Name, i+1); err != nil {
				return dbErr("pool stages", err)
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE pool_stages SET name = $1, position = $2 WHERE id = $3", s.Name, i+1, s.ID); err != nil {
			return dbErr("pool stages", err)
		}
	}
	return nil
}

// UpdatePool saves a pool's name, notes, owner, query and (when given) stages.
func (db *DB) UpdatePool(ctx context.Context, id string, version int, in hiring.PoolInput) (hiring.Pool, error) {
	a, err := poolActor(ctx)
	if err != nil {
		return hiring.Pool{}, err
	}
	if err := checkPoolInput(&in); err != nil {
		return hiring.Pool{}, err
	}
	var out hiring.Pool
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := db.loadPool(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return staleVersion("pool")
		}
		if old.Smart != in.Smart {
			return invalid("smart", "a pool stays static or smart")
		}
		if err := checkPoolOwner(ctx, tx, in.OwnerID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE talent_pools SET name = $1, notes = $2, owner_id = $3, query = $4, version = version + 1, updated_at = $5
			WHERE id = $6`, in.Name, in.Notes, nullString(in.OwnerID), in.Query, TimeArg(now()), id); err != nil {
			return poolNameTaken(err)
		}
		if in.Stages != nil {
			if err := savePoolStages(ctx, tx, id, in.Stages); err != nil {
				return err
			}
		}
		b, af := diff(map[string]any{"name": old.Name, "notes": old.Notes, "owner_id": old.OwnerID, "query": old.Query},
			map[string]any{"name": in.Name, "notes": in.Notes, "owner_id": in.OwnerID, "query": in.Query})
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "pool.updated", SubjectType: "pool", SubjectID: id,
			Summary: "changed the talent pool " + in.Name, Before: b, After: af}, true); err != nil {
			return err
		}
		if out, err = db.loadPool(ctx, tx, id); err != nil {
			return err
		}
		return db.fillPool(ctx, tx, &out)
	})
	return out, err
}

// DeletePool removes a pool, its stages, members and history (the
// candidates stay; their applications keep the pool's name as source).
func (db *DB) DeletePool(ctx context.Context, id string) error {
	a, err := poolActor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		p, err := db.loadPool(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, stmt := range []string{"DELETE FROM pool_events WHERE pool_id = $1", "DELETE FROM pool_members WHERE pool_id = $1",
			"DELETE FROM pool_stages WHERE pool_id = $1", "DELETE FROM talent_pools WHERE id = $1"} {
			if _, err := tx.ExecContext(ctx, stmt, id); err != nil {
				return dbErr("delete pool", err)
			}
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "pool.deleted", SubjectType: "pool", SubjectID: id,
			Summary: "deleted the talent pool " + p.Name, Before: map[string]any{"name": p.Name}}, true)
	})
}

const poolMemberCols = `m.candidate_id, m.stage_id, s.name, COALESCE(au.name, ''), m.added_at, m.moved_at`

// PoolMembers lists a pool's members, most recently moved first.
func (db *DB) PoolMembers(ctx context.Context, poolID string, f hiring.PoolMemberFilter, pr hiring.PageRequest) (hiring.Page[hiring.PoolMember], error) {
	if _, err := poolActor(ctx); err != nil {
		return hiring.Page[hiring.PoolMember]{}, err
	}
	p, err := db.loadPool(ctx, db.rd, poolID)
	if err != nil {
		return hiring.Page[hiring.PoolMember]{}, err
	}
	limit := pr.Clamp()
	if p.Smart {
		// The board's bound; the query's own order (newest first) pages it.
		all, _, _, err := db.smartMembers(ctx, db.rd, p, hiring.MaxSmartPoolBoard)
		if err != nil {
			return hiring.Page[hiring.PoolMember]{}, err
		}
		var kept []hiring.PoolMember
		for _, m := range all {
			if f.StageID == "" || m.StageID == f.StageID {
				kept = append(kept, m)
			}
		}
		cur, err := decodeCursor(pr.Cursor, 1)
		if err != nil {
			return hiring.Page[hiring.PoolMember]{}, err
		}
		start := 0
		if cur != nil {
			start, _ = strconv.Atoi(cur[0])
			start = max(0, min(start, len(kept)))
		}
		page := hiring.Page[hiring.PoolMember]{Items: kept[start:min(len(kept), start+limit)], Total: len(kept)}
		if start+limit < len(kept) {
			page.NextCursor = encodeCursor(strconv.Itoa(start + limit))
		}
		if page.Items == nil {
			page.Items = []hiring.PoolMember{}
		}
		return page, nil
	}
	cur, err := decodeTimeCursor(pr.Cursor)
	if err != nil {
		return hiring.Page[hiring.PoolMember]{}, err
	}
	q := &args{}
	where := []string{"m.pool_id = " + q.add(poolID)}
	if f.StageID != "" {
		where = append(where, "m.stage_id = "+q.add(f.StageID))
	}
	var total int
	if pr.CountTotal {
		if err := db.rd.QueryRowContext(ctx, "SELECT COUNT(*) FROM pool_members m"+whereSQL(where), q.list...).Scan(&total); err != nil {
			return hiring.Page[hiring.PoolMember]{}, dbErr("pool members", err)
		}
	}
	if cur != nil {
		t, id := q.add(cur[0]), q.add(cur[1])
		where = append(where, "(m.moved_at < "+t+" OR (m.moved_at = "+t+" AND m.candidate_id > "+id+"))")
	}
	cols, scan := db.summarySelect()
	rows, err := db.rd.QueryContext(ctx, "SELECT "+poolMemberCols+", "+cols+` FROM pool_members m JOIN pool_stages s ON s.id = m.stage_id
		JOIN candidates c ON c.id = m.candidate_id LEFT JOIN users ou ON ou.id = c.owner_id LEFT JOIN users au ON au.id = m.added_by`+
		whereSQL(where)+" ORDER BY m.moved_at DESC, m.candidate_id LIMIT "+strconv.Itoa(limit+1), q.list...)
	if err != nil {
		return hiring.Page[hiring.PoolMember]{}, dbErr("pool members", err)
	}
	defer rows.Close()
	var items []hiring.PoolMember
	for rows.Next() {
		var m hiring.PoolMember
		var candID string
		sum, err := scan(prefixRow{rows, []any{&candID, &m.StageID, &m.StageName, &m.AddedByName, timeCol{&m.AddedAt}, timeCol{&m.MovedAt}}})
		if err != nil {
			return hiring.Page[hiring.PoolMember]{}, dbErr("pool members", err)
		}
		m.Candidate = sum
		items = append(items, m)
	}
	if err := rows.Err(); err != nil {
		return hiring.Page[hiring.PoolMember]{}, dbErr("pool members", err)
	}
	page := pageOf(items, limit, func(m hiring.PoolMember) []string {
		return []string{TimeArg(m.MovedAt).(string), m.Candidate.ID}
	})
	page.Total = total
	return page, nil
}

// AddToPool adds candidates (or a query's first results) to a static pool.
func (db *DB) AddToPool(ctx context.Context, poolID string, candidateIDs []string, query string) (int, error) {
	a, err := poolActor(ctx)
	if err != nil {
		return 0, err
	}
	query = strings.TrimSpace(query)
	switch {
	case len(candidateIDs) == 0 && query == "":
		return 0, invalid("candidate_ids", "choose at least one candidate")
	case len(candidateIDs) > hiring.MaxPoolAdd:
		return 0, invalid("candidate_ids", "at most "+strconv.Itoa(hiring.MaxPoolAdd)+" at once")
	case len(candidateIDs) > 0 && query != "":
		return 0, invalid("query", "add a selection or a search's results, not both")
	}
	if query != "" {
		// The search applies the actor's access: only people they see join.
		cursor := ""
		for len(candidateIDs) < hiring.MaxPoolAdd {
			res, err := db.SearchCandidates(ctx, query, hiring.SearchOptions{Sort: hiring.SearchRecent,
				Page: hiring.PageRequest{Cursor: cursor, Limit: min(hiring.MaxLimit, hiring.MaxPoolAdd-len(candidateIDs))}})
			if err != nil {
				if he := (*hiring.Error)(nil); errors.As(err, &he) && he.Code == hiring.EInvalid {
					return 0, invalid("query", he.Message+fieldMessages(he))
				}
				return 0, err
			}
			for _, h := range res.Hits {
				candidateIDs = append(candidateIDs, h.Candidate.ID)
			}
			if res.NextCursor == "" || len(res.Hits) == 0 {
				break
			}
			cursor = res.NextCursor
		}
		if len(candidateIDs) == 0 {
			return 0, nil
		}
	}
	added := 0
	err = db.write(ctx, func(tx *sql.Tx) error {
		p, err := db.loadPool(ctx, tx, poolID)
		if err != nil {
			return err
		}
		if p.Smart {
			return conflict("", "A smart pool's members are whoever its query finds; change the query instead.")
		}
		stages, err := poolStages(ctx, tx, poolID)
		if err != nil {
			return err
		}
		if len(stages) == 0 {
			return conflict("", "The pool has no stages.")
		}
		first := stages[0]
		t := now()
		seen := map[string]bool{}
		for i, id := range candidateIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			c, err := db.loadCandidate(ctx, tx, a, id)
			if err != nil {
				if hiring.ErrorCode(err) == hiring.ENotFound {
					return invalid("candidate_ids."+strconv.Itoa(i), "no such candidate")
				}
				return err
			}
			res, err := tx.ExecContext(ctx, db.insertIgnore("pool_members", "(pool_id, candidate_id, stage_id, added_by, added_at, moved_at) VALUES ($1, $2, $3, $4, $5, $5)",
				"pool_id, candidate_id"), poolID, id, first.ID, nullString(a.UserID), TimeArg(t))
			if err != nil {
				return dbErr("add to pool", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // already in the pool: stays in its stage
			}
			added++
			if err := db.poolEvent(ctx, tx, poolID, id, "added", first, t); err != nil {
				return err
			}
			if err := db.record(ctx, tx, a, hiring.Activity{Action: "pool.added", SubjectType: "pool", SubjectID: poolID, CandidateID: id,
				Summary: "added " + c.Name() + " to the talent pool " + p.Name, After: map[string]any{"pool": p.Name, "stage": first.Name}}, true); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

func fieldMessages(e *hiring.Error) string {
	var b strings.Builder
	for _, f := range e.Fields {
		b.WriteString(" ")
		b.WriteString(f.Message)
	}
	return b.String()
}

// insertIgnore is an INSERT that skips a row whose key exists, on either engine.
func (db *DB) insertIgnore(table, rest, key string) string {
	if db.dialect == DialectSQLite {
		return "INSERT OR IGNORE INTO " + table + " " + rest
	}
	return "INSERT INTO " + table + " " + rest + " ON CONFLICT (" + key + ") DO NOTHING"
}

func (db *DB) poolEvent(ctx context.Context, tx *sql.Tx, poolID, candID, kind string, stage hiring.PoolStage, at time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO pool_events (id, pool_id, candidate_id, kind, stage_id, stage_name, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		NewID(), poolID, candID, kind, stage.ID, stage.Name, TimeArg(at))
	return dbErr("pool event", err)
}

// RemoveFromPool takes a candidate out of a static pool.
func (db *DB) RemoveFromPool(ctx context.Context, poolID, candidateID string) error {
	a, err := poolActor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		p, err := db.loadPool(ctx, tx, poolID)
		if err != nil {
			return err
		}
		if p.Smart {
			return conflict("", "A smart pool's members are whoever its query finds; change the query instead.")
		}
		c, err := db.loadCandidate(ctx, tx, a, candidateID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM pool_members WHERE pool_id = $1 AND candidate_id = $2", poolID, candidateID)
		if err != nil {
			return dbErr("remove from pool", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.ErrNotFound("pool member")
		}
		if err := db.poolEvent(ctx, tx, poolID, candidateID, "removed", hiring.PoolStage{}, now()); err != nil {
			return err
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "pool.removed", SubjectType: "pool", SubjectID: poolID, CandidateID: candidateID,
			Summary: "removed " + c.Name() + " from the talent pool " + p.Name, Before: map[string]any{"pool": p.Name}}, true)
	})
}

// MovePoolMember puts a member in another of the pool's stages. A smart
// pool's member must be one its query finds for the actor now.
func (db *DB) MovePoolMember(ctx context.Context, poolID, candidateID, stageID string) (hiring.PoolMember, error) {
	a, err := poolActor(ctx)
	if err != nil {
		return hiring.PoolMember{}, err
	}
	p, err := db.loadPool(ctx, db.rd, poolID)
	if err != nil {
		return hiring.PoolMember{}, err
	}
	if p.Smart {
		if err := db.smartHas(ctx, p, candidateID); err != nil {
			return hiring.PoolMember{}, err
		}
	}
	t := now()
	var out hiring.PoolMember
	err = db.write(ctx, func(tx *sql.Tx) error {
		c, err := db.loadCandidate(ctx, tx, a, candidateID)
		if err != nil {
			return err
		}
		stages, err := poolStages(ctx, tx, poolID)
		if err != nil {
			return err
		}
		var to *hiring.PoolStage
		for i := range stages {
			if stages[i].ID == stageID {
				to = &stages[i]
			}
		}
		if to == nil {
			return invalid("stage_id", "no such stage of this pool")
		}
		var from string
		err = tx.QueryRowContext(ctx, "SELECT s.name FROM pool_members m JOIN pool_stages s ON s.id = m.stage_id WHERE m.pool_id = $1 AND m.candidate_id = $2",
			poolID, candidateID).Scan(&from)
		switch {
		case errors.Is(err, sql.ErrNoRows) && p.Smart:
			from = stages[0].Name
			if _, err := tx.ExecContext(ctx, `INSERT INTO pool_members (pool_id, candidate_id, stage_id, added_by, added_at, moved_at)
				VALUES ($1, $2, $3, $4, $5, $5)`, poolID, candidateID, to.ID, nullString(a.UserID), TimeArg(t)); err != nil {
				return dbErr("move pool member", err)
			}
		case errors.Is(err, sql.ErrNoRows):
			return hiring.ErrNotFound("pool member")
		case err != nil:
			return dbErr("move pool member", err)
		default:
			if _, err := tx.ExecContext(ctx, "UPDATE pool_members SET stage_id = $1, moved_at = $2 WHERE pool_id = $3 AND candidate_id = $4",
				to.ID, TimeArg(t), poolID, candidateID); err != nil {
				return dbErr("move pool member", err)
			}
		}
		if err := db.poolEvent(ctx, tx, poolID, candidateID, "moved", *to, t); err != nil {
			return err
		}
		out = hiring.PoolMember{StageID: to.ID, StageName: to.Name, MovedAt: t}
		return db.record(ctx, tx, a, hiring.Activity{Action: "pool.moved", SubjectType: "pool", SubjectID: poolID, CandidateID: candidateID,
			Summary: "moved " + c.Name() + " from " + from + " to " + to.Name + " in the talent pool " + p.Name,
			Before:  map[string]any{"stage": from}, After: map[string]any{"stage": to.Name, "pool": p.Name}}, true)
	})
	if err != nil {
		return hiring.PoolMember{}, err
	}
	return out, nil
}

// smartHas checks that a smart pool's query finds the candidate for the actor.
func (db *DB) smartHas(ctx context.Context, p hiring.Pool, candidateID string) error {
	members, _, _, err := db.smartMembers(ctx, db.rd, p, hiring.MaxSmartPoolBoard)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.Candidate.ID == candidateID {
			return nil
		}
	}
	return hiring.ErrNotFound("pool member")
}

// CandidatePools lists, per candidate, the pools they are in (static
// pools, and smart pools they were moved in).
func (db *DB) CandidatePools(ctx context.Context, candidateIDs []string) (map[string][]hiring.PoolRef, error) {
	if _, err := poolActor(ctx); err != nil {
		return nil, err
	}
	out := map[string][]hiring.PoolRef{}
	for start := 0; start < len(candidateIDs); start += hiring.MaxBatchIDs {
		chunk := candidateIDs[start:min(len(candidateIDs), start+hiring.MaxBatchIDs)]
		q := &args{}
		rows, err := db.rd.QueryContext(ctx, `SELECT m.candidate_id, p.id, p.name, s.id, s.name FROM pool_members m
			JOIN talent_pools p ON p.id = m.pool_id JOIN pool_stages s ON s.id = m.stage_id
			WHERE m.candidate_id IN (`+q.in(chunk)+`) ORDER BY lower(p.name), p.id`, q.list...)
		if err != nil {
			return nil, dbErr("candidate pools", err)
		}
		for rows.Next() {
			var id string
			var r hiring.PoolRef
			if err := rows.Scan(&id, &r.PoolID, &r.PoolName, &r.StageID, &r.StageName); err != nil {
				rows.Close()
				return nil, dbErr("candidate pools", err)
			}
			out[id] = append(out[id], r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("candidate pools", err)
		}
	}
	return out, nil
}

// ApplyFromPool adds a pool's member to a job, the pool named as source.
func (db *DB) ApplyFromPool(ctx context.Context, poolID, candidateID, jobID string) (hiring.Application, error) {
	a, err := poolActor(ctx)
	if err != nil {
		return hiring.Application{}, err
	}
	p, err := db.loadPool(ctx, db.rd, poolID)
	if err != nil {
		return hiring.Application{}, err
	}
	if p.Smart {
		if err := db.smartHas(ctx, p, candidateID); err != nil {
			return hiring.Application{}, err
		}
	}
	var app hiring.Application
	err = db.write(ctx, func(tx *sql.Tx) error {
		if !p.Smart {
			var one int
			err := tx.QueryRowContext(ctx, "SELECT 1 FROM pool_members WHERE pool_id = $1 AND candidate_id = $2", poolID, candidateID).Scan(&one)
			if err != nil {
				return notFound("pool member", err)
			}
		}
		var err error
		app, err = db.insertApplication(ctx, tx, a, hiring.NewApplication{CandidateID: candidateID, JobID: jobID,
			Source: hiring.PoolSource(p.Name), CreditedToID: a.UserID})
		if err != nil {
			return err
		}
		if err := db.poolEvent(ctx, tx, poolID, candidateID, "applied", hiring.PoolStage{}, app.AppliedAt); err != nil {
			return err
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "pool.applied", SubjectType: "pool", SubjectID: poolID, CandidateID: candidateID,
			JobID: jobID, Summary: "added a member of the talent pool " + p.Name + " to a job", After: map[string]any{"pool": p.Name, "application_id": app.ID}}, true)
	})
	return app, err
}

// ReportPools reads each pool's size and its period's movements.
func (db *DB) ReportPools(ctx context.Context, f hiring.ReportFilter) ([]hiring.PoolFigures, error) {
	a, _, err := reportScope(ctx, f, &args{})
	if err != nil {
		return nil, err
	}
	if !a.CanManageRecords() {
		return []hiring.PoolFigures{}, nil // hiring managers see no pools
	}
	pools, err := db.Pools(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]hiring.PoolFigures, 0, len(pools))
	for _, p := range pools {
		pf := hiring.PoolFigures{PoolID: p.ID, Name: p.Name, Smart: p.Smart, Size: p.Size, SizeApprox: p.SizeApprox}
		counts := map[string]int{}
		var order []string
		for _, s := range p.Stages {
			order = append(order, s.Name)
		}
		rows, err := db.rd.QueryContext(ctx, `SELECT kind, stage_name, COUNT(*) FROM pool_events WHERE pool_id = $1 AND at >= $2 AND at < $3
			GROUP BY kind, stage_name`, p.ID, TimeArg(f.From), TimeArg(f.To))
		if err != nil {
			return nil, dbErr("pools report", err)
		}
		for rows.Next() {
			var kind, stage string
			var n int
			if err := rows.Scan(&kind, &stage, &n); err != nil {
				rows.Close()
				return nil, dbErr("pools report", err)
			}
			switch kind {
			case "added":
				pf.Added += n
				counts[stage] += n
			case "moved":
				counts[stage] += n
			case "applied":
				pf.Applied += n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("pools report", err)
		}
		var gone []string
		for s := range counts {
			found := false
			for _, o := range order {
				found = found || o == s
			}
			if !found {
				gone = append(gone, s)
			}
		}
		sort.Strings(gone)
		for _, s := range append(order, gone...) {
			pf.Entered = append(pf.Entered, hiring.PoolStageCount{Stage: s, Count: counts[s]})
		}
		out = append(out, pf)
	}
	return out, nil
}

// prefixRow scans a row's leading columns into pre and hands the rest to a
// scanner written for a row of its own (the candidate summary's).
type prefixRow struct {
	rows *sql.Rows
	pre  []any
}

func (r prefixRow) Scan(dest ...any) error { return r.rows.Scan(append(r.pre, dest...)...) }
