# TraceReplay: one entry point for people and CI. `make` alone prints this help.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CONFIG ?= Release
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help build test test-data fuzz demo bench bench-smoke regress accuracy format-check pack clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# Everything the published CLI is built from: a second `make demo` with none of these changed builds nothing.
CLI_INPUTS := $(shell find src \( -name bin -o -name obj \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.csv' \) -print) \
	$(wildcard calibration/*/calibration.json) Directory.Build.props Directory.Packages.props global.json

build: ## Build everything and leave a runnable ./bin/tracereplay
	$(DOTNET) build TraceReplay.sln -c $(CONFIG) -nologo -v quiet
	@$(MAKE) --no-print-directory bin/tracereplay
	@echo "built ./bin/tracereplay"

# Native AOT where a C toolchain is present (no JIT at all: BENCHMARKS.md "Cold CLI", 0.37 s for the run that takes
# 1.0 s with ReadyToRun); else ReadyToRun (precompiled IL, ~30% less CPU than plain); else a plain publish. All three
# write byte-identical outputs. Library trim warnings (Parquet.Net, TraceEvent) are not errors in the AOT publish.
bin/tracereplay: $(CLI_INPUTS)
	rm -rf bin/aot bin/app
	if command -v clang >/dev/null || command -v gcc >/dev/null; then \
		$(DOTNET) publish src/TraceReplay.Cli -c $(CONFIG) -o bin/aot -nologo -v quiet --use-current-runtime -p:PublishAot=true \
			-p:TreatWarningsAsErrors=false $$(command -v clang >/dev/null || echo -p:CppCompilerAndLinker=gcc) \
		|| { echo "Native AOT publish failed; publishing ReadyToRun instead" >&2; rm -rf bin/aot; }; fi
	[ -x bin/aot/tracereplay ] || $(DOTNET) publish src/TraceReplay.Cli -c $(CONFIG) -o bin/app -nologo -v quiet --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
		|| { echo "ReadyToRun publish failed; publishing without it" >&2; rm -rf bin/app; $(DOTNET) publish src/TraceReplay.Cli -c $(CONFIG) -o bin/app -nologo -v quiet; }
	@printf '#!/usr/bin/env bash\nd="$$(dirname "$$(readlink -f "$$0")")"\n[ -x "$$d/aot/tracereplay" ] && exec "$$d/aot/tracereplay" "$$@"\nexec dotnet "$$d/app/tracereplay.dll" "$$@"\n' > $@
	@chmod +x $@

test: build ## Run every test project from the repository alone (no ../shared), check the Native AOT CLI, then a benchmark smoke pass
	set -o pipefail; $(DOTNET) test TraceReplay.sln -c $(CONFIG) --no-build -nologo --filter "Category!=SharedData" 2>&1 | tee artifacts.test.log
	@tools/test-summary.sh artifacts.test.log
	CONFIG=$(CONFIG) tools/aot-check.sh
	$(MAKE) --no-print-directory bench-smoke

test-data: build ## Run only the tests that need ../shared/data beside the checkout (tests/README.md; CI runs it)
	set -o pipefail; $(DOTNET) test TraceReplay.sln -c $(CONFIG) --no-build -nologo --filter "Category=SharedData" 2>&1 | tee artifacts.test-data.log
	@tools/test-summary.sh artifacts.test-data.log

FUZZ_CASES ?= 20000
ifndef FUZZ_SEED
FUZZ_SEED := $(shell date +%s)
endif
fuzz: build ## Fuzz every input format: FUZZ_CASES per format (default 20000), seed printed (FUZZ_SEED=N to repeat, FUZZ_FORMATS=a,b to split); docs/robustness.md
	@echo "fuzz: FUZZ_SEED=$(FUZZ_SEED) FUZZ_CASES=$(FUZZ_CASES) per format"
	set -o pipefail; FUZZ_SEED=$(FUZZ_SEED) FUZZ_CASES=$(FUZZ_CASES) FUZZ_FORMATS=$(FUZZ_FORMATS) $(DOTNET) test tests/TraceReplay.Cli.Tests -c $(CONFIG) --no-build -nologo \
		--filter "Category=Fuzz" --logger "console;verbosity=detailed" 2>&1 | tee artifacts.fuzz.log | grep -E "^ fuzz |Passed!|Failed!|case [0-9]+ \("
	@echo "fuzz: FUZZ_SEED=$(FUZZ_SEED) done; full log in artifacts.fuzz.log"

demo: bin/tracereplay ## Run the main job on the shipped sample trace and calibration (rebuilds only what changed)
	./bin/tracereplay replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --tp 2 \
		--scheduler sarathi,layered --slo-ttft-s 5 --slo-tbt-s 0.125 -o out/demo

REGRESS_TRACE ?= traces/azure-2023/AzureLLMInferenceTrace_conv.csv
REGRESS_BASELINE ?= baselines/azure-conv-sarathi
# `make regress COMPARE_FLAGS=--exact`: fail on any point change beyond the policy (docs/reports.md).
COMPARE_FLAGS ?=
regress: bin/tracereplay ## Replay the shipped Azure conv trace (sarathi) and compare with the committed baseline (exit 1 on regression)
	./bin/tracereplay replay --requests $(REGRESS_TRACE) --model qwen3-30b-a3b --gpu h100 --tp 2 \
		--scheduler sarathi --slo-ttft-s 5 --slo-tbt-s 0.125 -o out/regress
	./bin/tracereplay compare $(REGRESS_BASELINE) out/regress --policy baselines/policy.json \
		--junit out/regress/compare.xml --markdown out/regress/compare.md $(COMPARE_FLAGS)

accuracy: bin/tracereplay ## Replay the 959 shipped measured vLLM benchmarks and regenerate docs/accuracy.md (+ docs/accuracy/: csv, plots)
	./bin/tracereplay validate --measured benchmarks/aiconfigurator-silicon/vllm_agg_h200_b200.csv -o docs/accuracy --markdown docs/accuracy.md

bench: ## Benchmarks + RSS/scaling/ingest measurements -> out/bench/results.md (~20 min on 2 cores; see BENCHMARKS.md)
	tools/bench/run.sh

bench-smoke: ## One dry iteration of every benchmark (no timings; small ingest file); exit 1 when any benchmark fails
	TRACEREPLAY_BENCH_INGEST_ROWS=20000 $(DOTNET) run -c Release --project tests/TraceReplay.Benchmarks -- --filter '*' --job dry --artifacts out/bench-smoke

format-check: ## Fail when `dotnet format` would change any file (whitespace, style, analyzers); CI runs it
	$(DOTNET) format TraceReplay.sln --verify-no-changes -v quiet

pack: ## Build the .NET tool package (TraceReplay.<version>.nupkg) into ./artifacts (install: README.md)
	$(DOTNET) pack src/TraceReplay.Cli -c $(CONFIG) -o artifacts -nologo -v quiet

clean: ## Remove build outputs
	rm -rf bin artifacts artifacts.test.log artifacts.test-data.log artifacts.fuzz.log
	$(DOTNET) clean TraceReplay.sln -nologo -v quiet
