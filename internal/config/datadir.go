package config

import (
	"fmt"
	"io/fs"
	"log/slog"
	"os"
)

// DataDirMode is the data folder's mode: it holds the secret key, the
// SQLite database and the documents, none of which other local users may read.
const DataDirMode fs.FileMode = 0o700

// PrepareDataDir creates the data folder (0700) or, when it exists with a
// wider mode, narrows it to 0700 and logs a warning: a folder an earlier
// version or an operator made 0755 would otherwise keep exposing the files
// inside to every local user.
func PrepareDataDir(dir string, logger *slog.Logger) error {
	if dir == "" {
		return nil // tests and tools that name no folder: the store works in "."
	}
	if err := os.MkdirAll(dir, DataDirMode); err != nil {
		return fmt.Errorf("config: data folder: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("config: data folder: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("config: data folder %s is not a folder", dir)
	}
	if mode := fi.Mode().Perm(); mode&^DataDirMode != 0 {
		if err := os.Chmod(dir, DataDirMode); err != nil {
			return fmt.Errorf("config: narrowing the data folder's mode %#o to 0700: %w", mode, err)
		}
		if logger != nil {
			logger.Warn("the data folder was readable by other users; its mode is now 0700",
				"folder", dir, "was", fmt.Sprintf("%#o", mode))
		}
	}
	return nil
}
