import pytest

import optuna


def test_motpe_is_deprecated_and_optimizes_several_objectives():
    with pytest.warns(FutureWarning, match="TPESampler"):
        sampler = optuna.samplers.MOTPESampler(seed=0, n_startup_trials=5)
    assert isinstance(sampler, optuna.samplers.TPESampler)
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
    study.optimize(
        lambda t: (t.suggest_float("x", 0, 1), 1 - t.suggest_float("x", 0, 1) ** 0.5),
        n_trials=20,
    )
    assert len(study.best_trials) >= 1
    assert all(0 <= t.params["x"] <= 1 for t in study.trials)


@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_motpe_rejects_positional_arguments() -> None:
    with pytest.raises(TypeError):
        optuna.samplers.MOTPESampler(True)  # type: ignore[misc]


def test_motpe_validates_like_tpe():
    with pytest.warns(FutureWarning):
        with pytest.raises(ValueError, match="n_startup_trials"):
            optuna.samplers.MOTPESampler(n_startup_trials=-1)
