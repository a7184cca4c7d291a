package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
)

// Batch buffers rows per table and writes them in multi-row INSERT
// statements, prepared once per row count.
type Batch struct {
	ctx    context.Context
	tx     *sql.Tx
	tables map[string]*bulkTable
	order  []*bulkTable // flush parents before children
	sqlite bool
	// triggered holds the SQLite tables with insert triggers.
	triggered map[string]bool
	// quiet: the triggers that maintain candidate_tags' copies and the
	// duplicate keys are off, so the batch writes the rows they would have
	// (see pgQuietTriggers, sqliteQuietTriggers).
	quiet bool

	work    chan bulkWork // to the writer goroutine
	free    chan []any    // row buffers back from the writer
	stopped chan struct{}
	failed  atomic.Pointer[error] // the writer's first error
}

type bulkTable struct {
	name    string
	cols    []string
	rows    []any // flattened
	perStmt int
	parents []*bulkTable // flushed before this table
	stmts   map[int]*sql.Stmt
}

// maxParams stays well under PostgreSQL's limit of 65535 bound parameters.
const maxParams = 30000

func (b *Batch) table(name string, cols ...string) *bulkTable {
	t := b.tables[name]
	if t == nil {
		rows := 500
		if b.sqlite {
			rows = 200
		}
		t = &bulkTable{name: name, cols: cols, perStmt: min(rows, maxParams/len(cols)), stmts: map[int]*sql.Stmt{}}
		if !b.sqlite {
			t.parents = slices.Clone(b.order)
		} else if b.triggered[name] {
			for _, p := range b.order {
				if slices.Contains(sqliteTriggerParents[name], p.name) {
					t.parents = append(t.parents, p)
				}
			}
		}
		b.tables[name] = t
		b.order = append(b.order, t)
	}
	return t
}

// sqliteTriggerParents names, per table, the tables its SQLite insert
// triggers read, which must be flushed before it. Other parents need not be:
// foreign keys are off for the load.
var sqliteTriggerParents = map[string][]string{
	"candidate_tags": {"candidates"}, // candidate_tags_stamp copies updated_at and source
}

// insertSQL is a multi-row INSERT of n rows into t. SQLite gets anonymous ?
// parameters: numbered ones are looked up by name while parsing (quadratic
// in their count) and while binding.
func (b *Batch) insertSQL(t *bulkTable, n int) string {
	verb := "INSERT"
	if b.sqlite && !b.triggered[t.name] {
		// OR FAIL keeps the rows already inserted by a failing statement
		// (the whole load rolls back anyway), so SQLite needs no statement
		// journal. Not with triggers: a statement's conflict clause
		// overrides those inside its triggers (INSERT OR IGNORE of a
		// repeated lookup key would fail the load).
		verb = "INSERT OR FAIL"
	}
	return valuesInsertSQL(verb, t.name, t.cols, n, b.sqlite)
}

func valuesInsertSQL(verb, name string, cols []string, rows int, sqlite bool) string {
	var s strings.Builder
	s.WriteString(verb + " INTO " + name + " (" + strings.Join(cols, ", ") + ") VALUES ")
	n := 1
	for r := 0; r < rows; r++ {
		if r > 0 {
			s.WriteString(", ")
		}
		s.WriteByte('(')
		for c := range cols {
			if c > 0 {
				s.WriteString(", ")
			}
			if sqlite {
				s.WriteByte('?')
			} else {
				s.WriteString("$" + strconv.Itoa(n))
			}
			n++
		}
		s.WriteByte(')')
	}
	return s.String()
}

func (b *Batch) add(name string, cols []string, vals ...any) error {
	t := b.table(name, cols...)
	t.rows = append(t.rows, vals...)
	if len(t.rows)/len(t.cols) >= t.perStmt {
		for _, p := range t.parents {
			if err := b.flush(p); err != nil {
				return err
			}
		}
		return b.flush(t)
	}
	return nil
}

// bulkWork is a table's rows for the writer, or (t nil) a request to report
// when everything before it is written.
type bulkWork struct {
	t    *bulkTable
	rows []any
	done chan struct{}
}

// startWriter starts the goroutine that runs the inserts, so that the
// caller's generation of the next rows overlaps SQLite or PostgreSQL work on
// the previous ones (the load had one core busy and one idle). Work is
// written in the order it was queued, which keeps parents before children.
func (b *Batch) startWriter() {
	b.work = make(chan bulkWork, 16)
	b.free = make(chan []any, 32)
	b.stopped = make(chan struct{})
	go func() {
		defer close(b.stopped)
		for w := range b.work {
			if w.t == nil {
				close(w.done)
				continue
			}
			if b.failed.Load() == nil {
				if err := b.write(w.t, w.rows); err != nil {
					b.failed.Store(&err)
				}
			}
			clear(w.rows)
			select {
			case b.free <- w.rows[:0]:
			default:
			}
		}
	}()
}

// stopWriter waits for the queued work and returns the first write error.
func (b *Batch) stopWriter() error {
	if b.work != nil {
		close(b.work)
		<-b.stopped
		b.work = nil
	}
	return b.writeErr()
}

func (b *Batch) writeErr() error {
	if p := b.failed.Load(); p != nil {
		return *p
	}
	return nil
}

// wait returns once everything queued so far is written.
func (b *Batch) wait() error {
	if b.work == nil {
		return b.writeErr()
	}
	w := bulkWork{done: make(chan struct{})}
	b.work <- w
	<-w.done
	return b.writeErr()
}

// flush queues t's rows for the writer.
func (b *Batch) flush(t *bulkTable) error {
	if len(t.rows) == 0 {
		return nil
	}
	if err := b.writeErr(); err != nil {
		return err
	}
	b.work <- bulkWork{t: t, rows: t.rows}
	select {
	case t.rows = <-b.free:
	default:
		t.rows = make([]any, 0, t.perStmt*len(t.cols))
	}
	return nil
}

// write inserts rows into t; only the writer goroutine calls it.
func (b *Batch) write(t *bulkTable, rows []any) error {
	n := len(rows) / len(t.cols)
	// Statements are prepared once per row count: parsing a statement of
	// thousands of parameters for every batch cost seconds over a large load.
	// PostgreSQL keeps only the full batch's: a server-side statement for
	// every odd count would cost as much as it saves.
	var err error
	stmt := t.stmts[n]
	switch {
	case stmt != nil:
		_, err = stmt.ExecContext(b.ctx, rows...)
	case b.sqlite || n == t.perStmt:
		stmt, err = b.tx.PrepareContext(b.ctx, b.insertSQL(t, n))
		if err == nil {
			t.stmts[n] = stmt
			_, err = stmt.ExecContext(b.ctx, rows...)
		}
	default:
		_, err = b.tx.ExecContext(b.ctx, b.insertSQL(t, n), rows...)
	}
	if err != nil {
		return fmt.Errorf("store: bulk insert %s: %w", t.name, err)
	}
	return nil
}

func (b *Batch) flushAll() error {
	for _, t := range b.order {
		if err := b.flush(t); err != nil {
			return err
		}
	}
	return nil
}
