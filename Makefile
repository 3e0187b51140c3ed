# The README's two commands: `make run` and `make test`. Each makes its own venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test wheel-check bench fuzz render-samples docs mutate clean verb-forms

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Open the editor on a copy of a sample course (the shipped sample is never touched).
run: $(STAMP)
	mkdir -p build/run
	test -f build/run/my-course.yaml || $(BIN)/designer new build/run/my-course.yaml --from sustainable-public-procurement --no-edit
	$(BIN)/designer edit build/run/my-course.yaml

## The whole test suite, the import-layer contracts, code checks and the installed-wheel check.
test: $(STAMP)
	$(BIN)/pytest
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(MAKE) wheel-check

## Build the wheel, install it into a fresh venv (not editable) and lint a sample with it.
wheel-check: $(STAMP)
	rm -rf build/wheel-check && mkdir -p build/wheel-check
	$(BIN)/python -m build --wheel --outdir build/wheel-check --no-isolation . >/dev/null
	$(PYTHON) -m venv build/wheel-check/venv
	build/wheel-check/venv/bin/python -m pip install --quiet build/wheel-check/*.whl
	cd build/wheel-check && venv/bin/designer lint ../../sample_courses
	cd build/wheel-check && venv/bin/designer rules >/dev/null

bench: $(STAMP)
	$(BIN)/python bench/bench_lint.py 400
	$(BIN)/python bench/bench_catalogue_lint.py
	$(BIN)/python bench/bench_startup.py
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_catalogue.py 1000
	$(BIN)/python bench/bench_site.py 1000
	$(BIN)/python bench/bench_editor.py
	$(BIN)/python bench/bench_wording.py

## A longer fuzz campaign than the suite's: FUZZ_SECONDS of mutated designs through the linter and the CLI.
FUZZ_SECONDS ?= 300
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz_campaign.py --seconds $(FUZZ_SECONDS)

## Render every sample design into build/specs/ (HTML and Markdown); catalogue.yaml is not a design.
render-samples: $(STAMP)
	mkdir -p build/specs
	for f in sample_courses/*.yaml; do n=$$(basename $$f .yaml); [ "$$n" = catalogue ] && continue; \
	  $(BIN)/designer render $$f -o build/specs/$$n.html && $(BIN)/designer render $$f --format md -o build/specs/$$n.md; done

## Mutation testing of the rules and the loader (config: [tool.mutmut] in pyproject.toml), then
## the kill score per module. A full run starts afresh (mutmut keeps old verdicts otherwise);
## MUTANTS re-runs only matching mutants, e.g. MUTANTS='designer.rules.level*'.
## CHILDREN sets the worker count (keep it low on a shared machine).
MUTANTS ?=
CHILDREN ?= 2
mutate: $(STAMP)
	$(if $(MUTANTS),,rm -rf mutants)
	$(BIN)/mutmut run --max-children $(CHILDREN) $(MUTANTS)
	$(BIN)/python bench/mutation_score.py --survivors

# The inflected forms of every listed verb, from lemminflect (en) and simplemma (others), ahead of time.
verb-forms: $(STAMP)
	$(BIN)/python tools/build_verb_forms.py

docs: $(STAMP)
	$(BIN)/designer rules --format md > docs/rules.md
	$(BIN)/designer schema -o docs/design.schema.json

clean:
	rm -rf $(VENV) build dist bench/out mutants .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .hypothesis
