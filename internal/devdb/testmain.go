package devdb

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// RunTests runs a test package against a fresh database of its own, setting *url to it. Without
// PostgreSQL, the package fails under CI=true and is skipped with a message elsewhere.
func RunTests(m *testing.M, pkg string, url *string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	u, cleanup, err := TestDatabase(ctx, pkg)
	cancel()
	if err != nil {
		if os.Getenv("CI") == "true" {
			fmt.Fprintf(os.Stderr, "%s: tests need PostgreSQL: %v\n", pkg, err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "%s: skipping the tests that need PostgreSQL: %v\n(install the server binaries, e.g. apt-get install postgresql, or set TEST_DATABASE_URL)\n", pkg, err)
		return 0
	}
	defer cleanup()
	*url = u
	return m.Run()
}
