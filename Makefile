# ctxbench: what a context switch, a task creation and an idle task cost here,
# OS threads against Swift async tasks.
#
# Targets:
#   make report   install missing packages, build release, measure (PROFILE=quick, BUDGET=...), analyze and
#                 render: report/REPORT.md, report/charts/*.png (an earlier report/ is moved to
#                 report.previous/ first)
#   make test     install missing packages, run the test suite (swift test)
#   make deps     install what is missing of: $(APT_PACKAGES), plus $(RUST_PACKAGES) with
#                 REFERENCE=rust (as root; otherwise print the command)
#   make build    release build of ctxbench, ctxbench-workload and ctxbench-floor (the C floors);
#                 with REFERENCE=rust also the Rust reference (make reference)
#   make reference  build reference/rust offline with Debian's cargo and packaged crates and copy
#                 ctxbench-rust beside ctxbench ($(BIN)/ctxbench-rust)
#   make variance  where the variance of a median lives here: runs x iterations (ctxbench variance)
#   make bench    the brigades side by side: per-hop medians and ratios to one-thread-brigade
#   make readme   rewrite the summary block of README.md (or FILE=...) from report/ (after make report)
#   make clean    remove build output and report/
#
# Settings (override on the command line, e.g. `make report PROFILE=full`):
PROFILE ?= quick
OUT ?= report
FILE ?= README.md
RUN_ARGS ?=
# Measuring time of `make report` (default: the profile's, 185 s quick / 28 min full, 32 with REFERENCE=rust): 10m buys more
# certainty (more process runs where a verdict is still open), 0 runs the first pass alone.
BUDGET ?=
SWIFT ?= swift
APT_PACKAGES ?= libgsl-dev libcairo2-dev liburing-dev pkg-config fonts-dejavu-core strace
# REFERENCE=rust: also build and run the study's designs in Rust (reference/rust), interleaved.
REFERENCE ?=
# Debian's cargo (rustc 1.63) and the crates reference/rust needs, from Debian's registry
# (/usr/share/cargo/registry); librust-tokio-dev enables every Tokio feature used (rt-multi-thread, net, sync, io-util).
# librust-cc-dev builds the io_uring brigade's C file (liburing, from liburing-dev in APT_PACKAGES).
RUST_PACKAGES ?= cargo librust-tokio-dev librust-async-std-dev librust-libc-dev librust-cc-dev
CARGO ?= /usr/bin/cargo

BIN = .build/release
CTXBENCH = $(BIN)/ctxbench
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

ifeq ($(REFERENCE),rust)
DEPS_PACKAGES = $(APT_PACKAGES) $(RUST_PACKAGES)
REFERENCE_BUILD = reference
REFERENCE_ARGS = --reference rust
else ifeq ($(REFERENCE),)
DEPS_PACKAGES = $(APT_PACKAGES)
REFERENCE_BUILD =
REFERENCE_ARGS =
else
$(error REFERENCE=$(REFERENCE): the only reference is rust)
endif

.PHONY: report test deps build reference bench variance readme clean

deps:
	@missing=""; \
	for p in $(DEPS_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all present ($(DEPS_PACKAGES))"; exit 0; fi; \
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
	@if [ -n "$(REFERENCE_BUILD)" ]; then $(MAKE) --no-print-directory reference; fi

# Offline: .cargo/config.toml replaces crates.io with Debian's packaged registry.
reference:
	@command -v $(CARGO) >/dev/null 2>&1 || { echo "reference: $(CARGO) not found; run \`make deps REFERENCE=rust\` (as root) or: apt-get install -y $(RUST_PACKAGES)" >&2; exit 1; }
	@start=$$(date +%s); \
	cd reference/rust && $(CARGO) build --offline --release || { echo "reference: the offline build failed; are $(RUST_PACKAGES) installed? (make deps REFERENCE=rust)" >&2; exit 1; }; \
	echo "reference: built in $$(( $$(date +%s) - start )) s"
	@mkdir -p $(BIN) && cp -f reference/rust/target/release/ctxbench-rust $(BIN)/ctxbench-rust
	@echo "reference: $(BIN)/ctxbench-rust"

report: build
	@if [ -e "$(OUT)/results.json" ]; then rm -rf "$(OUT).previous" && mv "$(OUT)" "$(OUT).previous" && echo "report: moved the earlier $(OUT)/ to $(OUT).previous/"; fi
	CTXBENCH_COMMIT=$(COMMIT) $(CTXBENCH) run --profile $(PROFILE) --out $(OUT) $(REFERENCE_ARGS) $(if $(BUDGET),--budget $(BUDGET)) $(RUN_ARGS)
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

variance: build
	$(CTXBENCH) variance --out .variance $(RUN_ARGS)

readme: build
	$(CTXBENCH) update-readme $(OUT)/analysis.json --file $(FILE)

clean:
	rm -rf .build .bench .variance $(OUT) reference/rust/target
