# Broadsheet's two commands (see README.md). Both install whatever is missing first.
.PHONY: run backend test test-engines setup bench sizes prerender

run:  ## build the app in release mode and serve it with the demo backend on :8080 (HOST, PORT)
	./scripts/run.sh

backend: ## only the reference backend on :8080, as the API for `trunk serve` during development
	./scripts/run.sh backend

test: ## install the test dependencies and run every test layer
	./scripts/test.sh

test-engines: ## only the journeys in Firefox and WebKit against the build in dist/ (ENGINE=firefox or webkit for one)
	node tests/engines/run.mjs

setup: ## only install the build and test tools
	./scripts/setup.sh all

bench: ## build the release app, measure it (sizes, Lighthouse, LCP, navigation, comments) into BENCHMARKS.md
	./scripts/bench.sh

sizes: ## check the size budgets of the built app in dist/ (exits 1 when over)
	node scripts/check-sizes.mjs dist

prerender: ## write article pages, the sitemap and feeds into dist/ for a static host (SITE_URL=https://news.example/)
	cargo run --profile server -p broadsheet-prerender -- --dist dist --site-url "$(SITE_URL)"
	node scripts/static-host.mjs dist
