// Package migrations holds the goose SQL migrations, embedded so the binary migrates itself.
package migrations

import "embed"

// FS holds every numbered SQL migration.
//
//go:embed *.sql
var FS embed.FS
