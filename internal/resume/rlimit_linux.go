//go:build linux

package resume

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// applyChildRlimits caps the child before it reads any input. RLIMIT_AS is
// set relative to the address space the Go runtime already reserved, so the
// limit measures what parsing may add rather than the runtime's fixed cost.
func applyChildRlimits(l Limits) error {
	cpu := uint64(l.CPUSeconds)
	if err := syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: cpu, Max: cpu + 1}); err != nil {
		return err
	}
	if vm := currentVMBytes(); vm > 0 {
		as := uint64(vm + l.MemoryBytes)
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: as, Max: as}); err != nil {
			return err
		}
	}
	fsize := uint64(l.MaxBytes + 1<<20)
	return syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: fsize, Max: fsize})
}

// currentVMBytes reads VmSize from /proc/self/statm (in pages).
func currentVMBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	pages, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}

// childSysProcAttr puts the child in its own process group (so a converter
// it starts dies with it) and kills it if the parent dies.
func childSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

func killGroup(pid int) error {
	return syscall.Kill(-pid, syscall.SIGKILL)
}
