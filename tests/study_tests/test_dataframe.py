"""Study.trials_dataframe."""

import datetime
from typing import Tuple

import pytest

import optuna
from optuna.distributions import FloatDistribution
from optuna.trial import TrialState, create_trial

pd = pytest.importorskip("pandas")


def _study(**kwargs: object) -> optuna.Study:
    kwargs.setdefault("sampler", optuna.samplers.RandomSampler(seed=0))
    return optuna.create_study(**kwargs)  # type: ignore[arg-type]


def _populated_study() -> optuna.Study:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        x = trial.suggest_float("x", 0, 1)
        if trial.number == 1:
            trial.suggest_int("y", 0, 5)
            trial.set_user_attr("k", "v")
            trial.set_system_attr("sk", 3)
            trial.report(0.5, 0)
            raise optuna.TrialPruned()
        return x

    study.optimize(objective, n_trials=3)
    return study


def test_default_columns_and_values() -> None:
    study = _populated_study()
    df = study.trials_dataframe()

    assert len(df) == 3
    assert list(df.columns) == [
        "number",
        "value",
        "datetime_start",
        "datetime_complete",
        "duration",
        "params_x",
        "params_y",
        "user_attrs_k",
        "system_attrs_sk",
        "state",
    ]
    trials = study.trials
    assert list(df["number"]) == [0, 1, 2]
    assert df["value"][0] == trials[0].value
    assert df["value"][1] == 0.5  # pruned: last intermediate value
    assert df["value"][2] == trials[2].value
    assert list(df["params_x"]) == [t.params["x"] for t in trials]
    assert df["params_y"][1] == trials[1].params["y"]
    assert pd.isna(df["params_y"][0]) and pd.isna(df["params_y"][2])
    assert df["user_attrs_k"][1] == "v"
    assert pd.isna(df["user_attrs_k"][0])
    assert df["system_attrs_sk"][1] == 3
    assert list(df["state"]) == ["COMPLETE", "PRUNED", "COMPLETE"]
    for i, t in enumerate(trials):
        assert df["datetime_start"][i] == t.datetime_start
        assert df["datetime_complete"][i] == t.datetime_complete
        assert df["duration"][i] == t.duration
        assert df["duration"][i] >= datetime.timedelta(0)


def test_running_and_waiting_trials_have_empty_times() -> None:
    study = _study()
    study.ask()
    study.enqueue_trial({"x": 0.5})
    df = study.trials_dataframe()
    assert list(df["state"]) == ["RUNNING", "WAITING"]
    assert pd.isna(df["datetime_complete"][0])
    assert pd.isna(df["duration"][0])
    assert pd.isna(df["datetime_start"][1])
    assert pd.isna(df["value"][0])
    # The enqueue's fixed params live in the system attrs, not in params.
    assert not any(c.startswith("params_") for c in df.columns)


def test_selected_attrs() -> None:
    study = _populated_study()
    df = study.trials_dataframe(attrs=("number", "state", "params"))
    assert list(df.columns) == ["number", "state", "params_x", "params_y"]


def test_intermediate_values_attr() -> None:
    study = _populated_study()
    df = study.trials_dataframe(attrs=("number", "intermediate_values"))
    assert list(df.columns) == ["number", "intermediate_values_0"]
    assert df["intermediate_values_0"][1] == 0.5


def test_multi_objective_values_columns() -> None:
    study = _study(directions=["minimize", "maximize"])
    study.add_trial(create_trial(values=[1.0, 2.0]))
    study.add_trial(create_trial(values=[3.0, 4.0]))
    study.add_trial(create_trial(state=TrialState.FAIL))
    df = study.trials_dataframe()
    assert "value" not in df.columns
    assert "values_0" in df.columns and "values_1" in df.columns
    cols = list(df.columns)
    assert cols.index("values_0") + 1 == cols.index("values_1")
    assert list(df["values_0"][:2]) == [1.0, 3.0]
    assert list(df["values_1"][:2]) == [2.0, 4.0]
    assert pd.isna(df["values_0"][2]) and pd.isna(df["values_1"][2])


def test_multi_index_columns() -> None:
    study = _populated_study()
    df = study.trials_dataframe(multi_index=True)
    assert isinstance(df.columns, pd.MultiIndex)
    assert df.columns.nlevels == 2
    assert list(df.columns) == [
        ("number", ""),
        ("value", ""),
        ("datetime_start", ""),
        ("datetime_complete", ""),
        ("duration", ""),
        ("params", "x"),
        ("params", "y"),
        ("user_attrs", "k"),
        ("system_attrs", "sk"),
        ("state", ""),
    ]
    assert list(df[("params", "x")]) == [t.params["x"] for t in study.trials]
    assert list(df["params"].columns) == ["x", "y"]


def test_multi_index_multi_objective() -> None:
    study = _study(directions=["minimize", "maximize"])
    study.add_trial(create_trial(values=[1.0, 2.0]))
    df = study.trials_dataframe(attrs=("number", "value"), multi_index=True)
    assert list(df.columns) == [("number", ""), ("values", 0), ("values", 1)]
    assert df[("values", 1)][0] == 2.0


def test_multi_index_intermediate_values_are_keyed_by_step() -> None:
    study = _study()
    study.add_trial(create_trial(value=1.0, intermediate_values={10: 0.5, 2: 0.7}))
    df = study.trials_dataframe(attrs=("intermediate_values",), multi_index=True)
    assert list(df.columns) == [("intermediate_values", 2), ("intermediate_values", 10)]
    flat = study.trials_dataframe(attrs=("intermediate_values",))
    assert list(flat.columns) == ["intermediate_values_2", "intermediate_values_10"]


def test_distributions_and_trial_id_columns() -> None:
    study = _study()
    distribution = FloatDistribution(0, 1)
    study.add_trial(create_trial(value=1.0, params={"x": 0.5}, distributions={"x": distribution}))
    df = study.trials_dataframe(attrs=("number", "trial_id", "distributions"))
    assert list(df.columns) == ["number", "trial_id", "distributions_x"]
    assert df["distributions_x"][0] == distribution
    assert df["trial_id"][0] == study.trials[0]._trial_id
    private = study.trials_dataframe(attrs=("_trial_id",))
    assert list(private.columns) == ["trial_id"]


def test_empty_study_gives_empty_dataframe() -> None:
    df = _study().trials_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert len(df) == 0


def test_param_name_with_numeric_suffix_is_kept() -> None:
    study = _study()
    study.add_trial(
        create_trial(
            value=1.0,
            params={"lr": 0.1, "layer_10": 0.2, "layer_2": 0.3},
            distributions={
                "lr": FloatDistribution(0, 1),
                "layer_10": FloatDistribution(0, 1),
                "layer_2": FloatDistribution(0, 1),
            },
        )
    )
    df = study.trials_dataframe(attrs=("params",))
    assert set(df.columns) == {"params_lr", "params_layer_10", "params_layer_2"}
    assert df["params_layer_10"][0] == 0.2


@pytest.mark.parametrize("attrs", [("user_attrs",), ("system_attrs",), ("intermediate_values",)])
@pytest.mark.parametrize("multi_index", [False, True])
def test_attrs_without_any_column_give_one_empty_row_per_trial(
    attrs: Tuple[str, ...], multi_index: bool
) -> None:
    study = _study()
    study.add_trial(create_trial(value=1.0))
    study.add_trial(create_trial(value=2.0))
    df = study.trials_dataframe(attrs=attrs, multi_index=multi_index)
    assert len(df) == 2 and len(df.columns) == 0


def test_last_step_column() -> None:
    study = _study()
    study.add_trial(create_trial(value=1.0, intermediate_values={0: 3.0, 4: 2.0}))
    study.add_trial(create_trial(value=2.0))
    df = study.trials_dataframe(attrs=("number", "last_step"))
    assert df["last_step"][0] == 4 and pd.isna(df["last_step"][1])
