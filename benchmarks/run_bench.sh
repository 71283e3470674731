#!/usr/bin/env bash
# Run the shared benchmark on this checkout; results go to benchmarks/results/latest.json.
# Extra arguments are passed to hpo_bench.py (e.g. --repeat 5).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p benchmarks/results
python ../shared/bench/hpo_bench.py --case all --json benchmarks/results/latest.json "$@"
