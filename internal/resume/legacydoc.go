package resume

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// extractLegacyDoc converts Word 97–2003 files with antiword or catdoc
// (Debian packages) when one is installed. It runs inside the sandbox child,
// so the converter inherits the child's CPU and memory limits; the context
// bounds its wall time.
func extractLegacyDoc(ctx context.Context, data []byte, limits Limits) (Document, error) {
	tool, args := legacyDocTool()
	if tool == "" {
		return Document{}, errLegacyDoc
	}
	tmp, err := os.CreateTemp("", "candor-doc-*.doc")
	if err != nil {
		return Document{}, fmt.Errorf("legacy .doc: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return Document{}, fmt.Errorf("legacy .doc: %w", err)
	}
	tmp.Close()
	ctx, cancel := context.WithTimeout(ctx, limits.WallClock)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, append(args, tmp.Name())...)
	var stdout, stderr limitedBuffer
	stdout.max, stderr.max = limits.MaxTextBytes, 4096
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = []string{"LANG=C.UTF-8", "PATH=/usr/bin:/bin"}
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return Document{}, fmt.Errorf("%w: .doc conversion timed out", ErrLimitExceeded)
		}
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(strings.ToLower(msg), "encrypt") || strings.Contains(strings.ToLower(msg), "password") {
			return Document{}, ErrEncrypted
		}
		return Document{}, &reasonError{kind: ErrUnsupported, msg: "unsupported legacy .doc (" + firstLine(msg) + "), please upload PDF or DOCX"}
	}
	return Document{Text: cleanText(stdout.String())}, nil
}

// legacyDocTool prefers antiword (better layout) over catdoc.
func legacyDocTool() (string, []string) {
	if p, err := exec.LookPath("antiword"); err == nil {
		return p, []string{"-w", "0", "-m", "UTF-8.txt"}
	}
	if p, err := exec.LookPath("catdoc"); err == nil {
		return p, []string{"-w", "-d", "utf-8"}
	}
	return "", nil
}

// limitedBuffer keeps at most max bytes and drops the rest, so a chatty or
// hostile child cannot fill our memory.
type limitedBuffer struct {
	bytes.Buffer
	max       int
	truncated bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	room := b.max - b.Len()
	if room <= 0 {
		b.truncated = true
		return len(p), nil
	}
	if len(p) > room {
		b.truncated = true
		b.Buffer.Write(p[:room])
		return len(p), nil
	}
	return b.Buffer.Write(p)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		s = "conversion failed"
	}
	return truncateUTF8(s, 120)
}
