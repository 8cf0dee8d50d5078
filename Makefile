# Two commands matter: `make demo` (audit the bundled demo sites) and `make test`.
# Both start with an idempotent setup that installs everything on a fresh machine.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system demo test bench evaluate serve clean

setup: system $(STAMP) node_modules/.package-lock.json

system:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }
	@test -x /usr/lib/postgresql/15/bin/initdb || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get install -y -qq postgresql; }
	@command -v redis-server >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq redis-server; }

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# A worktree may share another checkout's node_modules through a symlink: `npm ci` would empty
# the target folder through the link, so it only runs on a real folder.
node_modules/.package-lock.json: package.json package-lock.json
	@if [ -L node_modules ]; then echo "node_modules est un lien symbolique : npm ci non lancé"; \
	else npm ci --no-audit --no-fund --loglevel=error; fi

demo: setup
	$(BIN)/audit demo

test: setup
	$(BIN)/pytest -q

serve: setup
	$(BIN)/audit serve

# A short run of the issue-11 benchmarks; the README's figures: make bench BENCH_ARGS="--pages 2000 --rss-pages 20000"
BENCH_ARGS ?= --pages 300 --rss-pages 1200 --sites 14 --site-pages 30 --profile-pages 100
bench: setup
	$(BIN)/python benchmarks/speed.py $(BENCH_ARGS)

evaluate: setup
	$(BIN)/python -m audit.evaluate crawl reports/evaluation

clean:
	rm -rf $(VENV) node_modules reports/demo
