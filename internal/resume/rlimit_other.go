//go:build !linux

package resume

import (
	"os"
	"syscall"
)

// On other systems only the parent's wall clock bounds the child.
func applyChildRlimits(Limits) error { return nil }

func childSysProcAttr() *syscall.SysProcAttr { return nil }

func killGroup(pid int) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	return p.Kill()
}
