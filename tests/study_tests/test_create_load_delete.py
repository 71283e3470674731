"""create_study / load_study / delete_study / get_all_study_names on in-memory storage."""

import os
import subprocess
import sys
import warnings

import pytest

import optuna
from optuna.exceptions import DuplicatedStudyError
from optuna.storages import InMemoryStorage
from optuna.study import StudyDirection
from optuna.trial import TrialState


def _quadratic(trial: optuna.trial.Trial) -> float:
    x = trial.suggest_float("x", -10, 10)
    return x**2


# --------------------------------------------------------------------------- create_study


def test_create_study_defaults() -> None:
    study = optuna.create_study()

    assert isinstance(study, optuna.Study)
    assert isinstance(study._storage, InMemoryStorage)
    assert isinstance(study.sampler, optuna.samplers.TPESampler)
    assert isinstance(study.pruner, optuna.pruners.MedianPruner)
    assert study.direction == StudyDirection.MINIMIZE
    assert study.directions == [StudyDirection.MINIMIZE]
    assert isinstance(study.study_name, str) and study.study_name
    assert study.trials == []
    assert study.user_attrs == {}


def test_create_study_generates_unique_names() -> None:
    storage = InMemoryStorage()
    names = {optuna.create_study(storage=storage).study_name for _ in range(5)}
    assert len(names) == 5
    assert sorted(optuna.get_all_study_names(storage)) == sorted(names)


def test_create_study_storage_none_is_a_fresh_in_memory_storage() -> None:
    a = optuna.create_study(storage=None, study_name="same")
    # A second in-memory study with the same name does not clash: each gets its own storage.
    b = optuna.create_study(storage=None, study_name="same")
    assert a._storage is not b._storage
    assert a.study_name == b.study_name == "same"


@pytest.mark.parametrize(
    "direction, expected",
    [
        ("minimize", StudyDirection.MINIMIZE),
        ("maximize", StudyDirection.MAXIMIZE),
        (StudyDirection.MINIMIZE, StudyDirection.MINIMIZE),
        (StudyDirection.MAXIMIZE, StudyDirection.MAXIMIZE),
    ],
)
def test_create_study_direction(direction: object, expected: StudyDirection) -> None:
    study = optuna.create_study(direction=direction)  # type: ignore[arg-type]
    assert study.direction == expected
    assert study.directions == [expected]


def test_create_study_multi_objective_directions() -> None:
    study = optuna.create_study(directions=["minimize", StudyDirection.MAXIMIZE, "maximize"])
    assert study.directions == [
        StudyDirection.MINIMIZE,
        StudyDirection.MAXIMIZE,
        StudyDirection.MAXIMIZE,
    ]
    with pytest.raises(RuntimeError, match="multi-objective"):
        study.direction


def test_create_study_multi_objective_default_sampler_is_nsga2() -> None:
    if not hasattr(optuna.samplers, "NSGAIISampler"):
        pytest.skip("NSGAIISampler is not implemented yet")
    study = optuna.create_study(directions=["minimize", "maximize"])
    assert isinstance(study.sampler, optuna.samplers.NSGAIISampler)


def test_create_study_single_objective_via_directions_uses_tpe() -> None:
    study = optuna.create_study(directions=["maximize"])
    assert study.direction == StudyDirection.MAXIMIZE
    assert isinstance(study.sampler, optuna.samplers.TPESampler)


def test_create_study_uses_given_sampler_and_pruner() -> None:
    sampler = optuna.samplers.RandomSampler(seed=1)
    pruner = optuna.pruners.NopPruner()
    study = optuna.create_study(sampler=sampler, pruner=pruner)
    assert study.sampler is sampler
    assert study.pruner is pruner


def test_create_study_both_direction_and_directions_is_value_error() -> None:
    storage = InMemoryStorage()
    with pytest.raises(ValueError, match="direction.*directions"):
        optuna.create_study(
            storage=storage, study_name="s", direction="minimize", directions=["minimize"]
        )
    # Nothing was created.
    assert optuna.get_all_study_names(storage) == []


@pytest.mark.parametrize("bad", ["minimise", "max", "", "MINIMIZE_ME"])
def test_create_study_unknown_direction_is_value_error(bad: str) -> None:
    storage = InMemoryStorage()
    with pytest.raises(ValueError, match=repr(bad)):
        optuna.create_study(storage=storage, direction=bad)
    assert optuna.get_all_study_names(storage) == []


def test_create_study_unknown_direction_in_directions_is_value_error() -> None:
    storage = InMemoryStorage()
    with pytest.raises(ValueError, match="'sideways'"):
        optuna.create_study(storage=storage, directions=["minimize", "sideways"])
    assert optuna.get_all_study_names(storage) == []


def test_create_study_not_set_direction_is_value_error() -> None:
    with pytest.raises(ValueError, match="NOT_SET"):
        optuna.create_study(direction=StudyDirection.NOT_SET)


def test_create_study_empty_directions_is_value_error() -> None:
    with pytest.raises(ValueError, match="directions"):
        optuna.create_study(directions=[])


def test_create_study_directions_as_plain_string_is_value_error() -> None:
    with pytest.raises(ValueError, match="directions"):
        optuna.create_study(directions="minimize")  # type: ignore[arg-type]


def test_create_study_is_keyword_only() -> None:
    with pytest.raises(TypeError, match="positional"):
        optuna.create_study(None)  # type: ignore[misc]


def test_create_study_unsupported_storage_url_is_value_error() -> None:
    with pytest.raises(ValueError, match="foo://x"):
        optuna.create_study(storage="foo://x")


def test_create_study_storage_of_wrong_type_is_type_error() -> None:
    with pytest.raises(TypeError, match="storage"):
        optuna.create_study(storage=123)  # type: ignore[arg-type]


def test_duplicated_study_name_raises_and_keeps_existing_study() -> None:
    storage = InMemoryStorage()
    study = optuna.create_study(storage=storage, study_name="dup", direction="maximize")
    study.set_user_attr("owner", "me")
    study.optimize(_quadratic, n_trials=3)

    with pytest.raises(DuplicatedStudyError, match="dup"):
        optuna.create_study(storage=storage, study_name="dup")

    # The existing study is untouched.
    again = optuna.load_study(study_name="dup", storage=storage)
    assert again.direction == StudyDirection.MAXIMIZE
    assert len(again.trials) == 3
    assert again.user_attrs == {"owner": "me"}
    assert optuna.get_all_study_names(storage) == ["dup"]


def test_load_if_exists_returns_existing_study() -> None:
    storage = InMemoryStorage()
    first = optuna.create_study(storage=storage, study_name="s", direction="maximize")
    first.optimize(_quadratic, n_trials=2)

    second = optuna.create_study(storage=storage, study_name="s", load_if_exists=True)
    assert second.study_name == "s"
    assert second._study_id == first._study_id
    assert [t.number for t in second.trials] == [0, 1]
    assert second.direction == StudyDirection.MAXIMIZE
    assert optuna.get_all_study_names(storage) == ["s"]


def test_load_if_exists_with_other_directions_warns_and_keeps_the_stored_ones() -> None:
    storage = InMemoryStorage()
    optuna.create_study(storage=storage, study_name="s", direction="maximize").optimize(
        _quadratic, n_trials=2
    )
    with pytest.warns(UserWarning, match=r"'s' has directions \['maximize'\], not .*minimize"):
        again = optuna.create_study(
            storage=storage, study_name="s", direction="minimize", load_if_exists=True
        )
    assert again.direction == StudyDirection.MAXIMIZE
    assert len(again.trials) == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # same direction, or none given: no warning
        optuna.create_study(
            storage=storage, study_name="s", direction="maximize", load_if_exists=True
        )
        optuna.create_study(storage=storage, study_name="s", load_if_exists=True)


def test_load_if_exists_creates_when_missing() -> None:
    storage = InMemoryStorage()
    study = optuna.create_study(storage=storage, study_name="new", load_if_exists=True)
    assert study.study_name == "new"
    assert optuna.get_all_study_names(storage) == ["new"]


# --------------------------------------------------------------------------- load_study


def test_load_study_by_name_shares_trials() -> None:
    storage = InMemoryStorage()
    study = optuna.create_study(storage=storage, study_name="a")
    study.optimize(_quadratic, n_trials=2)

    loaded = optuna.load_study(study_name="a", storage=storage)
    assert loaded.trials == study.trials
    loaded.optimize(_quadratic, n_trials=1)
    assert len(study.trials) == 3


def test_load_study_uses_given_sampler_and_pruner() -> None:
    storage = InMemoryStorage()
    optuna.create_study(storage=storage, study_name="a")
    sampler = optuna.samplers.RandomSampler(seed=0)
    pruner = optuna.pruners.NopPruner()
    loaded = optuna.load_study(study_name="a", storage=storage, sampler=sampler, pruner=pruner)
    assert loaded.sampler is sampler
    assert loaded.pruner is pruner


def test_load_study_without_name_when_exactly_one_study() -> None:
    storage = InMemoryStorage()
    optuna.create_study(storage=storage, study_name="only")
    loaded = optuna.load_study(study_name=None, storage=storage)
    assert loaded.study_name == "only"


def test_load_study_without_name_when_several_studies_is_value_error() -> None:
    storage = InMemoryStorage()
    optuna.create_study(storage=storage, study_name="one")
    optuna.create_study(storage=storage, study_name="two")
    with pytest.raises(ValueError, match="study_name"):
        optuna.load_study(study_name=None, storage=storage)
    assert sorted(optuna.get_all_study_names(storage)) == ["one", "two"]


def test_load_study_without_name_when_no_study_is_value_error() -> None:
    with pytest.raises(ValueError, match="study_name"):
        optuna.load_study(study_name=None, storage=InMemoryStorage())


def test_load_study_unknown_name_is_key_error() -> None:
    storage = InMemoryStorage()
    optuna.create_study(storage=storage, study_name="a")
    with pytest.raises(KeyError, match="nope"):
        optuna.load_study(study_name="nope", storage=storage)


def test_load_study_requires_keyword_arguments() -> None:
    storage = InMemoryStorage()
    optuna.create_study(storage=storage, study_name="a")
    with pytest.raises(TypeError, match="positional"):
        optuna.load_study("a", storage)  # type: ignore[misc]


def test_study_constructor_loads_existing_study() -> None:
    storage = InMemoryStorage()
    optuna.create_study(storage=storage, study_name="a", direction="maximize")
    study = optuna.Study(study_name="a", storage=storage)
    assert study.direction == StudyDirection.MAXIMIZE
    with pytest.raises(KeyError, match="b"):
        optuna.Study(study_name="b", storage=storage)


# --------------------------------------------------------------------------- delete_study


def test_delete_study_removes_only_that_study() -> None:
    storage = InMemoryStorage()
    keep = optuna.create_study(storage=storage, study_name="keep")
    keep.optimize(_quadratic, n_trials=2)
    gone = optuna.create_study(storage=storage, study_name="gone")
    gone.optimize(_quadratic, n_trials=2)

    optuna.delete_study(study_name="gone", storage=storage)

    assert optuna.get_all_study_names(storage) == ["keep"]
    with pytest.raises(KeyError, match="gone"):
        optuna.load_study(study_name="gone", storage=storage)
    assert len(optuna.load_study(study_name="keep", storage=storage).trials) == 2


def test_delete_study_then_recreate_same_name_starts_empty() -> None:
    storage = InMemoryStorage()
    study = optuna.create_study(storage=storage, study_name="s")
    study.optimize(_quadratic, n_trials=2)
    optuna.delete_study(study_name="s", storage=storage)

    fresh = optuna.create_study(storage=storage, study_name="s")
    assert fresh.trials == []
    fresh.optimize(_quadratic, n_trials=1)
    assert [t.number for t in fresh.trials] == [0]


def test_delete_unknown_study_is_key_error_and_keeps_others() -> None:
    storage = InMemoryStorage()
    optuna.create_study(storage=storage, study_name="keep")
    with pytest.raises(KeyError, match="missing"):
        optuna.delete_study(study_name="missing", storage=storage)
    assert optuna.get_all_study_names(storage) == ["keep"]


# --------------------------------------------------------------------------- names


def test_get_all_study_names() -> None:
    storage = InMemoryStorage()
    assert optuna.get_all_study_names(storage) == []
    for name in ["b", "a", "c"]:
        optuna.create_study(storage=storage, study_name=name)
    assert sorted(optuna.get_all_study_names(storage)) == ["a", "b", "c"]
    assert optuna.study.get_all_study_names is optuna.get_all_study_names


def test_get_all_study_names_unsupported_url() -> None:
    with pytest.raises(ValueError, match="foo://x"):
        optuna.get_all_study_names("foo://x")


# --------------------------------------------------------------------------- user/system attrs


def test_study_user_and_system_attrs() -> None:
    study = optuna.create_study()
    assert study.user_attrs == {}
    study.set_user_attr("dataset", "mnist")
    study.set_user_attr("n", [1, 2])
    study.set_system_attr("internal", {"a": 1})
    study.set_user_attr("dataset", "cifar")  # overwrite

    assert study.user_attrs == {"dataset": "cifar", "n": [1, 2]}
    assert study.system_attrs["internal"] == {"a": 1}
    assert "internal" not in study.user_attrs

    # The returned dict is a copy: mutating it does not change the study.
    attrs = study.user_attrs
    attrs["n"].append(3)
    attrs["new"] = 1
    assert study.user_attrs == {"dataset": "cifar", "n": [1, 2]}


def test_study_attrs_visible_from_loaded_study() -> None:
    storage = InMemoryStorage()
    study = optuna.create_study(storage=storage, study_name="s")
    study.set_user_attr("k", 1)
    assert optuna.load_study(study_name="s", storage=storage).user_attrs == {"k": 1}


# --------------------------------------------------------------------------- trials accessors


def test_trials_and_get_trials() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))

    def objective(trial: optuna.trial.Trial) -> float:
        x = trial.suggest_float("x", 0, 1)
        if trial.number == 1:
            raise optuna.TrialPruned()
        if trial.number == 2:
            raise ValueError("boom")
        return x

    study.optimize(objective, n_trials=4, catch=(ValueError,))
    study.ask()  # a RUNNING trial

    states = [t.state for t in study.trials]
    assert states == [
        TrialState.COMPLETE,
        TrialState.PRUNED,
        TrialState.FAIL,
        TrialState.COMPLETE,
        TrialState.RUNNING,
    ]
    assert [t.number for t in study.get_trials()] == [0, 1, 2, 3, 4]
    assert [t.number for t in study.get_trials(states=(TrialState.COMPLETE,))] == [0, 3]
    assert [t.number for t in study.get_trials(states=[TrialState.PRUNED, TrialState.FAIL])] == [
        1,
        2,
    ]
    assert study.get_trials(states=()) == []
    assert study.get_trials(deepcopy=False) == study.get_trials(deepcopy=True)


def test_trials_are_deep_copies() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)

    copied = study.trials[0]
    copied.params["x"] = 100.0
    copied.user_attrs["injected"] = True
    assert study.trials[0].params["x"] != 100.0
    assert study.trials[0].user_attrs == {}

    also_copied = study.get_trials(deepcopy=True)[0]
    also_copied.params["x"] = 100.0
    assert study.trials[0].params["x"] != 100.0


def test_study_is_picklable() -> None:
    import pickle

    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.optimize(_quadratic, n_trials=2)
    restored = pickle.loads(pickle.dumps(study))
    assert restored.trials == study.trials
    restored.optimize(_quadratic, n_trials=1)
    assert len(restored.trials) == 3


# --------------------------------------------------------------------------- import weight


def test_import_optuna_does_not_import_heavy_packages() -> None:
    code = (
        "import sys, optuna\n"
        "heavy = ['plotly', 'matplotlib', 'pandas', 'sklearn', 'sqlalchemy', 'redis', 'scipy']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    repo_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=repo_root,
    )
    assert out.stdout.strip() == ""


def test_sampler_or_pruner_class_instead_of_instance_is_rejected_at_creation() -> None:
    with pytest.raises(TypeError, match="sampler.*instance, not the class"):
        optuna.create_study(sampler=optuna.samplers.RandomSampler)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="pruner.*instance, not the class"):
        optuna.create_study(pruner=optuna.pruners.MedianPruner)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`sampler` must be a sampler"):
        optuna.create_study(sampler="tpe")  # type: ignore[arg-type]


def test_non_string_study_name_is_rejected() -> None:
    storage = optuna.storages.InMemoryStorage()
    with pytest.raises(TypeError, match="study_name"):
        optuna.create_study(study_name=123, storage=storage)  # type: ignore[arg-type]
    assert storage.get_all_studies() == []
