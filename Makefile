# TraceReplay: one entry point for people and CI. `make` alone prints this help.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CONFIG ?= Release
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help build test demo bench bench-smoke regress accuracy format-check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

build: ## Build everything and leave a runnable ./bin/tracereplay
	$(DOTNET) build TraceReplay.sln -c $(CONFIG) -nologo -v quiet
	$(DOTNET) publish src/TraceReplay.Cli -c $(CONFIG) -o bin/app -nologo -v quiet --no-restore
	@printf '#!/usr/bin/env bash\nexec dotnet "$$(dirname "$$(readlink -f "$$0")")/app/tracereplay.dll" "$$@"\n' > bin/tracereplay
	@chmod +x bin/tracereplay
	@echo "built ./bin/tracereplay"

test: build ## Run every test project (unit + integration), then a benchmark smoke pass
	set -o pipefail; $(DOTNET) test TraceReplay.sln -c $(CONFIG) --no-build -nologo 2>&1 | tee artifacts.test.log
	@tools/test-summary.sh artifacts.test.log
	$(MAKE) --no-print-directory bench-smoke

demo: build ## Run the main job on the shipped sample trace and calibration
	./bin/tracereplay replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv --model qwen3-30b-a3b --gpu h100 --tp 2 \
		--scheduler sarathi,layered --slo-ttft-s 5 --slo-tbt-s 0.125 -o out/demo

REGRESS_TRACE ?= traces/azure-2023/AzureLLMInferenceTrace_conv.csv
REGRESS_BASELINE ?= baselines/azure-conv-sarathi
regress: build ## Replay the shipped Azure conv trace (sarathi) and compare with the committed baseline (exit 1 on regression)
	./bin/tracereplay replay --requests $(REGRESS_TRACE) --model qwen3-30b-a3b --gpu h100 --tp 2 \
		--scheduler sarathi --slo-ttft-s 5 --slo-tbt-s 0.125 -o out/regress
	./bin/tracereplay compare $(REGRESS_BASELINE) out/regress --policy baselines/policy.json \
		--junit out/regress/compare.xml --markdown out/regress/compare.md

accuracy: build ## Replay the 959 shipped measured vLLM benchmarks and regenerate docs/accuracy.md (+ docs/accuracy/: csv, plots)
	./bin/tracereplay validate --measured benchmarks/aiconfigurator-silicon/vllm_agg_h200_b200.csv -o docs/accuracy --markdown docs/accuracy.md

bench: ## Benchmarks + RSS/scaling/ingest measurements -> out/bench/results.md (~20 min on 2 cores; see BENCHMARKS.md)
	tools/bench/run.sh

bench-smoke: ## One dry iteration of every benchmark (no timings; small ingest file)
	TRACEREPLAY_BENCH_INGEST_ROWS=20000 $(DOTNET) run -c Release --project tests/TraceReplay.Benchmarks -- --filter '*' --job dry --artifacts out/bench-smoke

clean: ## Remove build outputs
	rm -rf bin artifacts.test.log
	$(DOTNET) clean TraceReplay.sln -nologo -v quiet
