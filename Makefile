# kursk: `make run` starts everything on a private PostgreSQL; `make test` runs every test.
SHELL := /bin/bash
GO ?= go
BIN := bin/kursk
PG_PACKAGE := postgresql

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

build: generate ## build bin/kursk
	$(GO) build -o $(BIN) ./cmd/kursk

generate: ## regenerate the templ components
	$(GO) tool templ generate -path web >/dev/null

run: build postgres ## start PostgreSQL, migrate, load the samples, serve on :8080
	./$(BIN) up

test: postgres chromium check-generated ## run every test against a real PostgreSQL and Chromium
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 12m ./...
	$(GO) test -count=1 -race -run 'Reused|Background|Settl' ./internal/extract/ ./internal/store/
	./.ci/extractor-score

bench: build postgres ## benchmarks: extractor throughput, timeline and API latency (see README)
	$(GO) test -run '^$$' -bench . -benchmem ./internal/extract/
	$(GO) test -run '^$$' -bench QueueIngest -benchtime 1x ./internal/ingest/
	./.ci/bench.sh

faults: build postgres ## fault scenarios at full size, as a table
	./.ci/faults.sh

loadtest: build postgres ## 60 s of mixed traffic over 1,000,000 claims while ingesting
	./.ci/loadtest.sh

fuzz: ## run each fuzz test for a minute
	$(GO) test -run '^$$' -fuzz FuzzExtract -fuzztime 60s ./internal/extract/
	$(GO) test -run '^$$' -fuzz FuzzParseText -fuzztime 60s ./internal/article/
	$(GO) test -run '^$$' -fuzz FuzzParseFilter -fuzztime 60s ./internal/web/
	$(GO) test -run '^$$' -fuzz FuzzParseHTML -fuzztime 60s ./internal/ingest/
	$(GO) test -run '^$$' -fuzz FuzzParseFeed -fuzztime 60s ./internal/ingest/

lint: ## go vet and staticcheck
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@2025.1.1 ./...

check-generated: ## fail when the generated templ files are stale
	@tmp=$$(mktemp -d) && cp web/*.templ web/*_templ.go $$tmp/ && \
	$(GO) tool templ generate -path $$tmp >/dev/null 2>&1 && \
	for f in $$tmp/*_templ.go; do cmp -s $$f web/$$(basename $$f) || { echo "web/$$(basename $$f) is stale: run 'make generate'"; rm -rf $$tmp; exit 1; }; done; rm -rf $$tmp

postgres: ## find PostgreSQL server binaries, installing Debian's package when possible
	@if command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing PostgreSQL ($(PG_PACKAGE)) with apt-get"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PG_PACKAGE) >/dev/null) || exit 1; \
	else \
		echo "PostgreSQL server binaries are missing: install them (Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql) or set DATABASE_URL"; exit 1; \
	fi

chromium: ## find Chromium for the browser tests, installing Debian's package when possible
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Chromium with apt-get"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || exit 1; \
	else \
		echo "Chromium is missing: browser tests will skip (install it: sudo apt-get install chromium)"; \
	fi

clean: ## remove the binary, the private cluster and test output
	rm -rf bin .data testout

.PHONY: help build generate run test bench faults loadtest fuzz lint check-generated postgres chromium clean
