package blob

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// haveSyncfs: Linux flushes a whole filesystem in one call.
const haveSyncfs = true

func syncfs(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("blob: sync: %w", err)
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("blob: syncfs: %w", err)
	}
	return nil
}
