import subprocess
import sys

import optuna
from optuna import cli


def test_version_flag_prints_package_version(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"optuna {optuna.__version__}"


def test_unavailable_subcommand_fails_with_a_clear_message(capsys):
    assert cli.main(["create-study"]) == 2
    assert "not available" in capsys.readouterr().err


def test_module_runs_as_a_program():
    result = subprocess.run(
        [sys.executable, "-m", "optuna.cli", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert optuna.__version__ in result.stdout
