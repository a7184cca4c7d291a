//go:build !linux

package blob

import "errors"

// haveSyncfs: elsewhere Bulk.Sync fsyncs file by file.
const haveSyncfs = false

func syncfs(string) error { return errors.New("blob: syncfs is Linux only") }
