package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// sqliteDSN builds a modernc DSN. Pragmas go in the DSN so that every pooled
// connection gets them, not just the first one.
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	// Statement journals (opened for every write that fires a trigger) live
	// in memory: as temp files they cost a pwrite per page and tripled the
	// time of a 100,000-row import.
	q.Add("_pragma", "temp_store(memory)")
	// No memory map: every page a read touched stayed mapped into the
	// process (64 MB of file pages after the demo's 300 resumes were parsed,
	// taking an idle server from 38 to 85 MB resident), while the list page
	// and board measured the same with each connection's small page cache.
	q.Add("_pragma", "mmap_size(0)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// Writers take the write lock at BEGIN, so two writers never deadlock
		// upgrading read locks (which busy_timeout cannot resolve).
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

func openSQLite(dir string, logger *slog.Logger) (*DB, error) {
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: data folder: %w", err)
	}
	path := filepath.Join(dir, "candor.db")
	if err := privateDBFiles(path, logger); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	// SQLite allows one writer at a time; one connection makes writers queue
	// in Go instead of spinning on SQLITE_BUSY.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// Create the file and switch it to WAL before readers attach.
	if _, err := w.Exec("SELECT 1"); err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("store: open sqlite reader: %w", err)
	}
	n := sqliteReaders()
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxIdleTime(0)
	r.SetConnMaxLifetime(0)
	return &DB{dialect: DialectSQLite, writer: w, reader: r, path: path}, nil
}

// privateDBFiles makes the database file before SQLite does, 0600 like the
// other secrets (SQLite would make it 0644 less the umask), and narrows an
// existing one, and its -wal and -shm, that is wider. SQLite gives the -wal
// and -shm files it creates the database file's mode, so they follow.
func privateDBFiles(path string, logger *slog.Logger) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("store: create %s: %w", path, err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		if mode := fi.Mode().Perm(); mode&^0o600 != 0 {
			if err := os.Chmod(p, 0o600); err != nil {
				return fmt.Errorf("store: narrowing %s's mode %#o to 0600: %w", p, mode, err)
			}
			logger.Warn("a database file was readable by other users; its mode is now 0600", "file", p, "was", fmt.Sprintf("%#o", mode))
		}
	}
	return nil
}

// sqliteReaders is the size of the SQLite reader pool.
func sqliteReaders() int { return max(4, runtime.GOMAXPROCS(0)*2) }
