package auth

import (
	"strings"
	"testing"
)

// BenchmarkPasswordPolicy sets the strength estimate beside today's rules and
// beside the argon2id hash every accepted password goes on to cost, the
// reference the estimate's cost is judged against (docs/benchmarks.md).
func BenchmarkPasswordPolicy(b *testing.B) {
	const email, name = "ada.lovelace@example.com", "Ada Lovelace"
	passwords := map[string]string{
		"passphrase": "violet tugboat sings at noon",
		"short":      "Tr1cky-Lantern-88",
		// The longest accepted: zxcvbn's matching grows with length.
		"max-random":   GeneratePassword() + GeneratePassword() + GeneratePassword() + GeneratePassword() + GeneratePassword() + GeneratePassword()[:8],
		"max-repeated": strings.Repeat("ab1", 42) + "xy",
		"max-words":    strings.Repeat("violet tugboat sings at noon ", 5)[:128],
	}
	for _, k := range []string{"passphrase", "short", "max-random", "max-repeated", "max-words"} {
		pw := passwords[k]
		b.Run("rules/"+k, func(b *testing.B) {
			for b.Loop() {
				weakReason(pw, email, name)
			}
		})
		b.Run("estimate/"+k, func(b *testing.B) {
			for b.Loop() {
				guessableReason(pw, email, name)
			}
		})
	}
	b.Run("argon2id-hash", func(b *testing.B) {
		a := &Auth{}
		for b.Loop() {
			_, _ = a.HashPassword(passwords["passphrase"])
		}
	})
}
