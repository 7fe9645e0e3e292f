# Broadsheet's two commands (see README.md). Both install whatever is missing first.
.PHONY: run test setup

run:  ## build the app in release mode and serve it with the demo backend on :8080
	./scripts/run.sh

test: ## install the test dependencies and run every test layer
	./scripts/test.sh

setup: ## only install the build and test tools
	./scripts/setup.sh all
