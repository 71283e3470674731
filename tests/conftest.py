from typing import Iterator

import pytest

import optuna


@pytest.fixture
def quiet_logs() -> Iterator[None]:
    """Silence optuna's per-trial INFO lines for one test, restoring the verbosity after."""
    verbosity = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    yield
    optuna.logging.set_verbosity(verbosity)
