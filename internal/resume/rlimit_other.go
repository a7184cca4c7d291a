//go:build !linux

package resume

import (
	"os"
	"syscall"
	"time"
)

// On other systems only the parent's wall clock bounds the child, and no
// per-document memory or CPU figures are available.
func applyChildRlimits(Limits) error { return nil }

func resetPeakRSS()                          {}
func readRSS(string) int64                   { return 0 }
func selfCPU() time.Duration                 { return 0 }
func procCPU(int) time.Duration              { return -1 }
func childSysProcAttr() *syscall.SysProcAttr { return nil }

func killGroup(pid int) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	return p.Kill()
}
