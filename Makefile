# ctxbench: what a context switch, a task creation and an idle task cost here,
# OS threads against Swift async tasks.
#
# Targets:
#   make report   install missing packages, build release, measure (PROFILE=quick), analyze and
#                 render: report/REPORT.md, report/charts/*.png (an earlier report/ is moved to
#                 report.previous/ first)
#   make test     install missing packages, run the test suite (swift test)
#   make deps     install what is missing of: $(APT_PACKAGES) (as root; otherwise print the command)
#   make build    release build of ctxbench, ctxbench-workload and ctxbench-floor (the C floors)
#   make bench    the brigades side by side: per-hop medians and ratios to one-thread-brigade
#   make readme   rewrite the summary block of README.md (or FILE=...) from report/ (after make report)
#   make clean    remove build output and report/
#
# Settings (override on the command line, e.g. `make report PROFILE=full`):
PROFILE ?= quick
OUT ?= report
FILE ?= README.md
RUN_ARGS ?=
SWIFT ?= swift
APT_PACKAGES ?= libgsl-dev libcairo2-dev liburing-dev pkg-config fonts-dejavu-core strace

BIN = .build/release
CTXBENCH = $(BIN)/ctxbench
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

.PHONY: report test deps build bench readme clean

deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all present ($(APT_PACKAGES))"; exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "deps: missing:$$missing; this is not a Debian system: install GSL, Cairo, liburing, pkg-config, DejaVu fonts and strace with your package manager" >&2; exit 1; \
	fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "deps: missing:$$missing" >&2; \
	  echo "deps: run as root: apt-get update && apt-get install -y$$missing" >&2; exit 1; \
	fi; \
	echo "deps: installing$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing

build: deps
	$(SWIFT) build -c release

report: build
	@if [ -e "$(OUT)/results.json" ]; then rm -rf "$(OUT).previous" && mv "$(OUT)" "$(OUT).previous" && echo "report: moved the earlier $(OUT)/ to $(OUT).previous/"; fi
	CTXBENCH_COMMIT=$(COMMIT) $(CTXBENCH) run --profile $(PROFILE) --out $(OUT) $(RUN_ARGS)
	$(CTXBENCH) analyze $(OUT)/results.json
	$(CTXBENCH) render $(OUT)/analysis.json
	@echo "report: $(OUT)/REPORT.md"

test: deps
	$(SWIFT) test

bench: build
	CTXBENCH_COMMIT=$(COMMIT) $(CTXBENCH) run --profile quick --force --out .bench --no-syscalls --settle 0 \
	  --kind brigade --tasks 500 --runs 3 $(RUN_ARGS)
	$(CTXBENCH) analyze .bench/results.json
	$(CTXBENCH) table .bench/analysis.json

readme:
	$(CTXBENCH) update-readme $(OUT)/analysis.json --file $(FILE)

clean:
	rm -rf .build .bench $(OUT)
