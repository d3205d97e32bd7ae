# mskg task runner. `make run` builds the graph from corpus/ and serves it; `make test` tests it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run load serve test lint format docs bench bench-quick bench-load test-neo4j clean lock

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install mskg with its pinned dependencies

load: install ## Load corpus/ into the embedded stores (data/)
	$(BIN)/mskg load corpus/
	$(BIN)/mskg check

run: load ## Load corpus/ and serve the API on http://127.0.0.1:8000
	$(BIN)/mskg serve

serve: install
	$(BIN)/mskg serve

test: install ## Lint and run the test suite against real stores
	$(BIN)/ruff check mskg tests bench corpus
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check mskg tests bench corpus
	$(BIN)/ruff format --check mskg tests bench corpus

format: install
	$(BIN)/ruff format mskg tests bench corpus
	$(BIN)/ruff check --fix mskg tests bench corpus

docs: install ## Regenerate docs/model.md and the generated SHACL shapes from the ontology
	$(BIN)/python -m mskg.ontology.shacl --write
	$(BIN)/python -m mskg.ontology.docs > docs/model.md

bench: install ## Full benchmarks: load at 1,000 / 10,000 / 100,000, API at 10,000 (long)
	$(BIN)/python -m bench.run

bench-quick: install ## Benchmarks on 200 documents (a minute or two; asserts no timing) -> bench/results/quick/
	$(BIN)/python -m bench.run --quick --out bench/results/quick

bench-load: install ## Load benchmark at 1,000 and 10,000 documents next to the raw stores
	$(BIN)/python -m bench.run --load-only

# The backend contract against Neo4j, in its own compose project (own volume: the suite wipes
# the database it is given). Needs .env with NEO4J_PASSWORD and port 7687 free.
test-neo4j: install ## Run the backend contract suite against the compose Neo4j
	docker compose -p mskg-test up -d --wait neo4j
	MSKG_TEST_NEO4J_URL=bolt://localhost:7687 MSKG_TEST_NEO4J_USER=neo4j \
	MSKG_TEST_NEO4J_PASSWORD="$$(sed -n 's/^NEO4J_PASSWORD=//p' .env)" \
	$(BIN)/pytest -q -ra tests/test_contract_load.py tests/test_contract_queries.py tests/test_search.py

lock: ## Re-pin dependencies after changing pyproject.toml
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^mskg' > requirements.lock

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
