"""get_all_study_summaries and copy_study (in-memory storages)."""

import pytest

import optuna
from optuna.distributions import FloatDistribution
from optuna.exceptions import DuplicatedStudyError
from optuna.storages import InMemoryStorage
from optuna.study import StudyDirection, StudySummary
from optuna.trial import TrialState, create_trial


def _objective(trial: optuna.trial.Trial) -> float:
    x = trial.suggest_float("x", -1, 1)
    trial.set_user_attr("double", 2 * x)
    trial.report(x, 0)
    return x


def _make(storage: InMemoryStorage, name: str, **kwargs: object) -> optuna.Study:
    return optuna.create_study(
        storage=storage,
        study_name=name,
        sampler=optuna.samplers.RandomSampler(seed=0),
        **kwargs,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- summaries


def test_get_all_study_summaries_with_best_trial() -> None:
    storage = InMemoryStorage()
    a = _make(storage, "a", direction="maximize")
    a.set_user_attr("team", "x")
    a.optimize(_objective, n_trials=4)
    a.tell(a.ask(), state=TrialState.FAIL)
    _make(storage, "empty")
    m = _make(storage, "multi", directions=["minimize", "maximize"])
    m.optimize(lambda t: (1.0, 2.0), n_trials=2)

    summaries = {s.study_name: s for s in optuna.get_all_study_summaries(storage)}
    assert set(summaries) == {"a", "empty", "multi"}
    assert all(isinstance(s, StudySummary) for s in summaries.values())

    sa = summaries["a"]
    assert sa.n_trials == 5
    assert sa.direction == StudyDirection.MAXIMIZE
    assert sa.directions == [StudyDirection.MAXIMIZE]
    assert sa.user_attrs == {"team": "x"}
    assert sa.best_trial is not None
    assert sa.best_trial == a.best_trial
    assert sa.datetime_start == min(t.datetime_start for t in a.trials)  # type: ignore[type-var]

    se = summaries["empty"]
    assert se.n_trials == 0
    assert se.best_trial is None
    assert se.datetime_start is None
    assert se.direction == StudyDirection.MINIMIZE

    sm = summaries["multi"]
    assert sm.n_trials == 2
    assert sm.best_trial is None
    assert sm.directions == [StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE]
    with pytest.raises(RuntimeError, match="multi-objective"):
        sm.direction


def test_get_all_study_summaries_without_best_trial() -> None:
    storage = InMemoryStorage()
    a = _make(storage, "a")
    a.optimize(_objective, n_trials=3)
    (summary,) = optuna.get_all_study_summaries(storage, include_best_trial=False)
    assert summary.study_name == "a"
    assert summary.best_trial is None
    assert summary.n_trials == 3


def test_get_all_study_summaries_no_complete_trial() -> None:
    storage = InMemoryStorage()
    a = _make(storage, "a")
    a.tell(a.ask(), state=TrialState.FAIL)
    (summary,) = optuna.get_all_study_summaries(storage)
    assert summary.best_trial is None
    assert summary.n_trials == 1
    assert summary.datetime_start is not None


def test_get_all_study_summaries_empty_storage() -> None:
    assert optuna.get_all_study_summaries(InMemoryStorage()) == []


def test_get_all_study_summaries_unsupported_url() -> None:
    with pytest.raises(ValueError, match="foo://x"):
        optuna.get_all_study_summaries("foo://x")


# --------------------------------------------------------------------------- copy_study


def _source() -> InMemoryStorage:
    storage = InMemoryStorage()
    study = _make(storage, "src", direction="maximize")
    study.set_user_attr("owner", "alice")
    study.set_system_attr("sys", [1, 2])
    study.optimize(_objective, n_trials=3)
    study.tell(study.ask(), state=TrialState.FAIL)
    study.add_trial(create_trial(state=TrialState.PRUNED, value=0.1, intermediate_values={2: 0.1}))
    return storage


def _comparable(trials: list) -> list:
    return [
        (
            t.number,
            t.state,
            t.values,
            t.params,
            t.distributions,
            t.user_attrs,
            t.system_attrs,
            t.intermediate_values,
            t.datetime_start,
            t.datetime_complete,
        )
        for t in trials
    ]


def test_copy_study_to_other_storage() -> None:
    src_storage = _source()
    dst_storage = InMemoryStorage()
    optuna.copy_study(from_study_name="src", from_storage=src_storage, to_storage=dst_storage)

    src = optuna.load_study(study_name="src", storage=src_storage)
    dst = optuna.load_study(study_name="src", storage=dst_storage)
    assert dst.direction == StudyDirection.MAXIMIZE
    assert dst.user_attrs == {"owner": "alice"}
    assert dst.system_attrs["sys"] == [1, 2]
    assert _comparable(dst.trials) == _comparable(src.trials)
    assert dst.best_trial.number == src.best_trial.number
    # The source is unchanged and the two are independent.
    dst.optimize(_objective, n_trials=1)
    assert len(src.trials) == 5
    assert len(dst.trials) == 6


def test_copy_study_with_new_name_in_same_storage() -> None:
    storage = _source()
    optuna.copy_study(
        from_study_name="src", from_storage=storage, to_storage=storage, to_study_name="dst"
    )
    assert sorted(optuna.get_all_study_names(storage)) == ["dst", "src"]
    src = optuna.load_study(study_name="src", storage=storage)
    dst = optuna.load_study(study_name="dst", storage=storage)
    assert _comparable(dst.trials) == _comparable(src.trials)
    assert dst.user_attrs == src.user_attrs


def test_copy_study_multi_objective() -> None:
    storage = InMemoryStorage()
    study = _make(storage, "mo", directions=["minimize", "maximize"])
    study.add_trial(
        create_trial(
            values=[1.0, 2.0], params={"x": 0.5}, distributions={"x": FloatDistribution(0, 1)}
        )
    )
    to = InMemoryStorage()
    optuna.copy_study(from_study_name="mo", from_storage=storage, to_storage=to)
    copied = optuna.load_study(study_name="mo", storage=to)
    assert copied.directions == [StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE]
    assert copied.trials[0].values == [1.0, 2.0]
    assert copied.trials[0].params == {"x": 0.5}


def test_copy_study_duplicate_name_is_error_and_keeps_destination() -> None:
    storage = _source()
    dst_storage = InMemoryStorage()
    existing = _make(dst_storage, "src")
    existing.set_user_attr("mine", True)
    existing.optimize(_objective, n_trials=1)

    with pytest.raises(DuplicatedStudyError, match="src"):
        optuna.copy_study(from_study_name="src", from_storage=storage, to_storage=dst_storage)

    kept = optuna.load_study(study_name="src", storage=dst_storage)
    assert kept.user_attrs == {"mine": True}
    assert len(kept.trials) == 1
    assert kept.direction == StudyDirection.MINIMIZE


def test_copy_study_same_storage_without_new_name_is_duplicate_error() -> None:
    storage = _source()
    with pytest.raises(DuplicatedStudyError, match="src"):
        optuna.copy_study(from_study_name="src", from_storage=storage, to_storage=storage)
    assert optuna.get_all_study_names(storage) == ["src"]
    assert len(optuna.load_study(study_name="src", storage=storage).trials) == 5


def test_copy_unknown_study_is_key_error() -> None:
    dst = InMemoryStorage()
    with pytest.raises(KeyError, match="missing"):
        optuna.copy_study(
            from_study_name="missing", from_storage=InMemoryStorage(), to_storage=dst
        )
    assert optuna.get_all_study_names(dst) == []


def test_copy_study_is_keyword_only() -> None:
    storage = _source()
    with pytest.raises(TypeError, match="positional"):
        optuna.copy_study("src", storage, InMemoryStorage())  # type: ignore[misc]


def test_copy_study_keeps_values_enqueued_outside_their_range() -> None:
    storage = InMemoryStorage()
    study = _make(storage, "queued")
    study.enqueue_trial({"x": 20.0})
    with pytest.warns(UserWarning, match="20"):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    to = InMemoryStorage()
    optuna.copy_study(from_study_name="queued", from_storage=storage, to_storage=to)
    (copied,) = optuna.load_study(study_name="queued", storage=to).trials
    assert copied.params == {"x": 20.0} and copied.value == 20.0


def test_copy_study_failing_midway_leaves_no_partial_destination() -> None:
    class BrokenStorage(InMemoryStorage):
        def create_new_trial(self, study_id, template_trial=None):  # type: ignore[no-untyped-def]
            if template_trial is not None and template_trial.number == 3:
                raise RuntimeError("disk full")
            return super().create_new_trial(study_id, template_trial)

    to = BrokenStorage()
    with pytest.raises(RuntimeError, match="disk full"):
        optuna.copy_study(from_study_name="src", from_storage=_source(), to_storage=to)
    assert optuna.get_all_study_names(to) == []
    # A retry into a working storage is not blocked by a leftover study.
    retry = InMemoryStorage()
    optuna.copy_study(from_study_name="src", from_storage=_source(), to_storage=retry)
    assert len(optuna.load_study(study_name="src", storage=retry).trials) == 5
