"""The README's main job (examples/sklearn_simple.py) and the tutorial scripts run."""

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_main_example_tunes_and_prints_the_best_trial() -> None:
    pytest.importorskip("sklearn")
    done = _run("examples/sklearn_simple.py", "--n-trials", "3", "--seed", "0")
    assert done.returncode == 0, done.stderr
    assert "Finished 3 trials." in done.stdout
    assert "Best trial: #" in done.stdout and "classifier:" in done.stdout
    assert done.stderr.count("finished with value") == 3  # one log line per trial


def test_main_example_rejects_a_non_positive_trial_count() -> None:
    done = _run("examples/sklearn_simple.py", "--n-trials", "0")
    assert done.returncode == 2
    assert "--n-trials must be at least 1" in done.stderr


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "tutorial").glob("*.py")))
def test_tutorial_script_runs(script: str) -> None:
    done = _run(f"tutorial/{script}")
    assert done.returncode == 0, done.stderr
