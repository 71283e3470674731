#!/usr/bin/env bash
# Format and lint the code base.
#   ./formats.sh      rewrite files with black and isort, then run flake8 and mypy
#   ./formats.sh -n   check only: change nothing, exit non-zero if anything would change
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

check_only=false
while getopts "n" opt; do
    case "$opt" in
        n) check_only=true ;;
        *) echo "usage: $0 [-n]" >&2; exit 2 ;;
    esac
done

targets=(optuna tests examples tutorial docs/source/conf.py)
existing=()
for t in "${targets[@]}"; do
    [ -e "$t" ] && existing+=("$t")
done

missing=()
for tool in black isort flake8 mypy; do
    python -m "$tool" --version >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Missing tools: ${missing[*]}. Install them with: python -m pip install -e \".[checking]\"" >&2
    exit 1
fi

status=0
run() {
    echo "+ $*"
    "$@" || status=1
}

if $check_only; then
    run python -m black --check --diff "${existing[@]}"
    run python -m isort --check --diff "${existing[@]}"
else
    run python -m black "${existing[@]}"
    run python -m isort "${existing[@]}"
fi
run python -m flake8 "${existing[@]}"
run python -m mypy optuna

if [ $status -ne 0 ]; then
    echo "formats.sh: some checks failed" >&2
fi
exit $status
