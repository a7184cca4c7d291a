package store

import (
	"context"
	"database/sql"
	"strings"
)

// resolveMentions maps handles to active user IDs: a full email matches that
// user; a local part matches when exactly one user has it.
func resolveMentions(ctx context.Context, tx *sql.Tx, handles []string) ([]string, error) {
	out := []string{}
	seen := map[string]bool{}
	for _, h := range handles {
		var ids []string
		var rows *sql.Rows
		var err error
		if strings.Contains(h, "@") {
			rows, err = tx.QueryContext(ctx, "SELECT id FROM users WHERE email = $1 AND disabled = FALSE", h)
		} else {
			rows, err = tx.QueryContext(ctx, "SELECT id FROM users WHERE email LIKE $1 ESCAPE '\\' AND disabled = FALSE LIMIT 2",
				escapeLike(h)+"@%")
		}
		if err != nil {
			return nil, dbErr("resolve mentions", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, dbErr("resolve mentions", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("resolve mentions", err)
		}
		if len(ids) == 1 && !seen[ids[0]] {
			seen[ids[0]] = true
			out = append(out, ids[0])
		}
	}
	return out, nil
}
