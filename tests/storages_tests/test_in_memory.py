import datetime
import pickle
import threading
from typing import Any, Callable, List

import pytest

from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.exceptions import DuplicatedStudyError, UpdateFinishedTrialError
from optuna.storages import BaseStorage, InMemoryStorage
from optuna.study import StudyDirection
from optuna.trial import FrozenTrial, TrialState

MIN = StudyDirection.MINIMIZE
MAX = StudyDirection.MAXIMIZE


def _storage_with_study(directions: Any = (MIN,)) -> "tuple[InMemoryStorage, int]":
    storage = InMemoryStorage()
    study_id = storage.create_new_study(study_name="s")
    storage.set_study_directions(study_id, list(directions))
    return storage, study_id


def _template(**overrides: Any) -> FrozenTrial:
    kwargs: dict = dict(
        number=99,
        state=TrialState.COMPLETE,
        value=1.5,
        datetime_start=datetime.datetime(2022, 1, 1),
        datetime_complete=datetime.datetime(2022, 1, 2),
        params={"x": 0.5, "c": "b"},
        distributions={
            "x": FloatDistribution(0.0, 1.0),
            "c": CategoricalDistribution(["a", "b"]),
        },
        user_attrs={"u": 1},
        system_attrs={"s": 2},
        intermediate_values={0: 3.0, 1: 2.0},
        trial_id=1234,
    )
    kwargs.update(overrides)
    return FrozenTrial(**kwargs)


# --------------------------------------------------------------------------- studies


def test_is_base_storage() -> None:
    assert isinstance(InMemoryStorage(), BaseStorage)


def test_create_new_study_names_and_ids() -> None:
    storage = InMemoryStorage()
    a = storage.create_new_study()
    b = storage.create_new_study(study_name="named")
    c = storage.create_new_study()
    assert len({a, b, c}) == 3
    assert storage.get_study_name_from_id(b) == "named"
    assert storage.get_study_id_from_name("named") == b
    name_a, name_c = storage.get_study_name_from_id(a), storage.get_study_name_from_id(c)
    assert name_a.startswith("no-name-") and name_c.startswith("no-name-")
    assert name_a != name_c
    assert storage.get_study_id_from_name(name_a) == a


def test_create_duplicate_study_name() -> None:
    storage = InMemoryStorage()
    study_id = storage.create_new_study(study_name="dup")
    storage.set_study_user_attr(study_id, "k", "v")
    with pytest.raises(DuplicatedStudyError, match="dup"):
        storage.create_new_study(study_name="dup")
    assert storage.get_study_id_from_name("dup") == study_id
    assert storage.get_study_user_attrs(study_id) == {"k": "v"}
    assert len(storage.get_all_studies()) == 1


def test_unknown_study_name_and_id_raise_key_error() -> None:
    storage, study_id = _storage_with_study()
    unknown = study_id + 100
    with pytest.raises(KeyError, match="missing"):
        storage.get_study_id_from_name("missing")
    calls: List[Callable[[], Any]] = [
        lambda: storage.get_study_name_from_id(unknown),
        lambda: storage.get_study_directions(unknown),
        lambda: storage.get_study_user_attrs(unknown),
        lambda: storage.get_study_system_attrs(unknown),
        lambda: storage.set_study_user_attr(unknown, "k", 1),
        lambda: storage.set_study_system_attr(unknown, "k", 1),
        lambda: storage.set_study_directions(unknown, [MIN]),
        lambda: storage.delete_study(unknown),
        lambda: storage.create_new_trial(unknown),
        lambda: storage.get_all_trials(unknown),
        lambda: storage.get_n_trials(unknown),
        lambda: storage.get_best_trial(unknown),
    ]
    for call in calls:
        with pytest.raises(KeyError, match=str(unknown)):
            call()
    assert storage.get_study_name_from_id(study_id) == "s"


def test_delete_study() -> None:
    storage = InMemoryStorage()
    keep = storage.create_new_study(study_name="keep")
    gone = storage.create_new_study(study_name="gone")
    kept_trial = storage.create_new_trial(keep)
    gone_trial = storage.create_new_trial(gone)
    storage.delete_study(gone)
    with pytest.raises(KeyError):
        storage.get_study_id_from_name("gone")
    with pytest.raises(KeyError):
        storage.get_study_name_from_id(gone)
    with pytest.raises(KeyError):
        storage.get_trial(gone_trial)
    assert [s.study_name for s in storage.get_all_studies()] == ["keep"]
    assert storage.get_trial(kept_trial).number == 0
    # The name can be used again.
    again = storage.create_new_study(study_name="gone")
    assert storage.get_n_trials(again) == 0
    with pytest.raises(KeyError):
        storage.delete_study(gone)


def test_study_directions() -> None:
    storage = InMemoryStorage()
    study_id = storage.create_new_study()
    assert storage.get_study_directions(study_id) == [StudyDirection.NOT_SET]
    storage.set_study_directions(study_id, [MIN, MAX])
    assert storage.get_study_directions(study_id) == [MIN, MAX]
    storage.set_study_directions(study_id, [MIN, MAX])  # same again is fine
    with pytest.raises(ValueError, match="direction"):
        storage.set_study_directions(study_id, [MAX])
    assert storage.get_study_directions(study_id) == [MIN, MAX]


def test_study_attrs() -> None:
    storage, study_id = _storage_with_study()
    storage.set_study_user_attr(study_id, "a", [1, 2])
    storage.set_study_user_attr(study_id, "b", {"x": 1})
    storage.set_study_system_attr(study_id, "c", "d")
    storage.set_study_user_attr(study_id, "a", [3])  # overwrite
    user = storage.get_study_user_attrs(study_id)
    assert user == {"a": [3], "b": {"x": 1}}
    assert storage.get_study_system_attrs(study_id) == {"c": "d"}
    user["b"]["x"] = 100
    assert storage.get_study_user_attrs(study_id)["b"] == {"x": 1}


def test_get_all_studies() -> None:
    storage = InMemoryStorage()
    a = storage.create_new_study(study_name="a")
    storage.set_study_directions(a, [MAX])
    storage.set_study_user_attr(a, "u", 1)
    b = storage.create_new_study(study_name="b")
    storage.set_study_directions(b, [MIN, MAX])
    studies = {s.study_name: s for s in storage.get_all_studies()}
    assert set(studies) == {"a", "b"}
    assert studies["a"].direction == MAX
    assert studies["a"].user_attrs == {"u": 1}
    assert studies["a"]._study_id == a
    assert studies["b"].directions == [MIN, MAX]


# --------------------------------------------------------------------------- trials


def test_create_new_trial_defaults() -> None:
    storage, study_id = _storage_with_study()
    before = datetime.datetime.now()
    ids = [storage.create_new_trial(study_id) for _ in range(3)]
    assert len(set(ids)) == 3
    for number, trial_id in enumerate(ids):
        trial = storage.get_trial(trial_id)
        assert trial.number == number
        assert trial.trial_id == trial_id
        assert trial.state == TrialState.RUNNING
        assert trial.values is None
        assert trial.params == {} and trial.distributions == {}
        assert trial.user_attrs == {} and trial.system_attrs == {}
        assert trial.intermediate_values == {}
        assert trial.datetime_start is not None and trial.datetime_start >= before
        assert trial.datetime_complete is None
        assert storage.get_trial_number_from_id(trial_id) == number
        assert storage.get_trial_id_from_study_id_trial_number(study_id, number) == trial_id


def test_trial_numbers_are_per_study_and_ids_are_global() -> None:
    storage = InMemoryStorage()
    a = storage.create_new_study()
    b = storage.create_new_study()
    ta = [storage.create_new_trial(a) for _ in range(2)]
    tb = [storage.create_new_trial(b) for _ in range(2)]
    assert len(set(ta + tb)) == 4
    assert [storage.get_trial(t).number for t in ta] == [0, 1]
    assert [storage.get_trial(t).number for t in tb] == [0, 1]


def test_create_new_trial_from_template() -> None:
    storage, study_id = _storage_with_study()
    storage.create_new_trial(study_id)
    template = _template()
    trial_id = storage.create_new_trial(study_id, template_trial=template)
    trial = storage.get_trial(trial_id)
    assert trial.number == 1
    assert trial.trial_id == trial_id
    assert trial.state == TrialState.COMPLETE
    assert trial.value == 1.5
    assert trial.datetime_start == datetime.datetime(2022, 1, 1)
    assert trial.datetime_complete == datetime.datetime(2022, 1, 2)
    assert trial.params == {"x": 0.5, "c": "b"}
    assert trial.distributions == template.distributions
    assert trial.user_attrs == {"u": 1}
    assert trial.system_attrs == {"s": 2}
    assert trial.intermediate_values == {0: 3.0, 1: 2.0}
    # The template itself is untouched and not shared.
    assert template.number == 99 and template.trial_id == 1234
    template.params["x"] = 0.9
    assert storage.get_trial(trial_id).params["x"] == 0.5
    assert storage.get_best_trial(study_id).trial_id == trial_id


def test_create_new_trial_from_waiting_template() -> None:
    storage, study_id = _storage_with_study()
    template = _template(
        state=TrialState.WAITING,
        value=None,
        datetime_start=None,
        datetime_complete=None,
        params={},
        distributions={},
    )
    trial_id = storage.create_new_trial(study_id, template_trial=template)
    assert storage.get_trial(trial_id).state == TrialState.WAITING
    assert storage.get_n_trials(study_id, TrialState.WAITING) == 1
    assert storage.set_trial_state_values(trial_id, TrialState.RUNNING) is True
    running = storage.get_trial(trial_id)
    assert running.state == TrialState.RUNNING
    assert running.datetime_start is not None
    # A second worker cannot take the same trial.
    assert storage.set_trial_state_values(trial_id, TrialState.RUNNING) is False


def test_template_with_incompatible_distribution_is_rejected() -> None:
    storage, study_id = _storage_with_study()
    first = storage.create_new_trial(study_id)
    storage.set_trial_param(first, "x", 0.5, FloatDistribution(0.0, 1.0))
    template = _template(
        params={"new": 0.5, "x": 1},
        distributions={"new": FloatDistribution(0.0, 1.0), "x": IntDistribution(0, 2)},
    )
    with pytest.raises(ValueError):
        storage.create_new_trial(study_id, template_trial=template)
    assert storage.get_n_trials(study_id) == 1
    assert storage.get_trial(first).params == {"x": 0.5}
    # The rejected trial left nothing behind: "new" is still free to be an int.
    second = storage.create_new_trial(study_id)
    storage.set_trial_param(second, "new", 1.0, IntDistribution(0, 2))
    assert storage.get_trial(second).number == 1
    assert storage.get_trial(second).params == {"new": 1}


def test_set_and_get_params() -> None:
    storage, study_id = _storage_with_study()
    trial_id = storage.create_new_trial(study_id)
    storage.set_trial_param(trial_id, "x", 0.25, FloatDistribution(0.0, 1.0))
    storage.set_trial_param(trial_id, "n", 3.0, IntDistribution(0, 5))
    storage.set_trial_param(trial_id, "c", 1.0, CategoricalDistribution(["a", "b", None]))
    assert storage.get_trial_params(trial_id) == {"x": 0.25, "n": 3, "c": "b"}
    assert type(storage.get_trial_params(trial_id)["n"]) is int
    assert storage.get_trial_param(trial_id, "x") == 0.25
    assert storage.get_trial_param(trial_id, "n") == 3.0
    assert storage.get_trial_param(trial_id, "c") == 1.0
    trial = storage.get_trial(trial_id)
    assert trial.distributions == {
        "x": FloatDistribution(0.0, 1.0),
        "n": IntDistribution(0, 5),
        "c": CategoricalDistribution(["a", "b", None]),
    }
    with pytest.raises(KeyError):
        storage.get_trial_param(trial_id, "missing")


def test_set_param_incompatible_across_trials() -> None:
    storage, study_id = _storage_with_study()
    t0 = storage.create_new_trial(study_id)
    storage.set_trial_param(t0, "x", 0.5, FloatDistribution(0.0, 1.0))
    t1 = storage.create_new_trial(study_id)
    # A changed range is fine (dynamic search space).
    storage.set_trial_param(t1, "x", 5.0, FloatDistribution(0.0, 10.0))
    t2 = storage.create_new_trial(study_id)
    for distribution in (
        IntDistribution(0, 1),
        CategoricalDistribution([0.5]),
        FloatDistribution(0.1, 1.0, log=True),
    ):
        with pytest.raises(ValueError):
            storage.set_trial_param(t2, "x", 0.0, distribution)
    assert storage.get_trial(t2).params == {}
    assert storage.get_trial(t0).params == {"x": 0.5}
    assert storage.get_trial(t1).params == {"x": 5.0}


def test_categorical_choices_change_is_rejected() -> None:
    storage, study_id = _storage_with_study()
    t0 = storage.create_new_trial(study_id)
    storage.set_trial_param(t0, "c", 0.0, CategoricalDistribution(["a", "b"]))
    t1 = storage.create_new_trial(study_id)
    with pytest.raises(ValueError):
        storage.set_trial_param(t1, "c", 0.0, CategoricalDistribution(["a", "z"]))
    assert storage.get_trial(t1).params == {}


def test_same_param_name_in_different_studies_is_independent() -> None:
    storage = InMemoryStorage()
    a, b = storage.create_new_study(), storage.create_new_study()
    storage.set_trial_param(storage.create_new_trial(a), "x", 0.5, FloatDistribution(0, 1))
    tb = storage.create_new_trial(b)
    storage.set_trial_param(tb, "x", 1.0, IntDistribution(0, 2))
    assert storage.get_trial(tb).params == {"x": 1}


def test_set_trial_state_values() -> None:
    storage, study_id = _storage_with_study()
    trial_id = storage.create_new_trial(study_id)
    assert storage.set_trial_state_values(trial_id, TrialState.RUNNING) is False
    assert storage.set_trial_state_values(trial_id, TrialState.COMPLETE, [2.5]) is True
    trial = storage.get_trial(trial_id)
    assert trial.state == TrialState.COMPLETE
    assert trial.values == [2.5]
    assert trial.datetime_complete is not None
    assert trial.datetime_complete >= trial.datetime_start


@pytest.mark.parametrize("state", [TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL])
def test_finished_trial_cannot_be_updated(state: TrialState) -> None:
    storage, study_id = _storage_with_study()
    trial_id = storage.create_new_trial(study_id)
    storage.set_trial_param(trial_id, "x", 0.5, FloatDistribution(0.0, 1.0))
    storage.set_trial_intermediate_value(trial_id, 0, 1.0)
    storage.set_trial_user_attr(trial_id, "u", 1)
    storage.set_trial_system_attr(trial_id, "s", 1)
    values = [0.5] if state == TrialState.COMPLETE else None
    storage.set_trial_state_values(trial_id, state, values)
    before = storage.get_trial(trial_id)

    updates: List[Callable[[], Any]] = [
        lambda: storage.set_trial_param(trial_id, "y", 0.1, FloatDistribution(0.0, 1.0)),
        lambda: storage.set_trial_param(trial_id, "x", 0.9, FloatDistribution(0.0, 1.0)),
        lambda: storage.set_trial_state_values(trial_id, TrialState.COMPLETE, [9.0]),
        lambda: storage.set_trial_state_values(trial_id, TrialState.FAIL),
        lambda: storage.set_trial_state_values(trial_id, TrialState.RUNNING),
        lambda: storage.set_trial_intermediate_value(trial_id, 1, 2.0),
        lambda: storage.set_trial_user_attr(trial_id, "u", 2),
        lambda: storage.set_trial_system_attr(trial_id, "s", 2),
    ]
    for update in updates:
        with pytest.raises(UpdateFinishedTrialError, match="finished"):
            update()
    assert issubclass(UpdateFinishedTrialError, RuntimeError)
    assert storage.get_trial(trial_id) == before


def test_check_trial_is_updatable() -> None:
    storage, study_id = _storage_with_study()
    trial_id = storage.create_new_trial(study_id)
    storage.check_trial_is_updatable(trial_id, TrialState.RUNNING)
    storage.check_trial_is_updatable(trial_id, TrialState.WAITING)
    for state in (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL):
        with pytest.raises(UpdateFinishedTrialError):
            storage.check_trial_is_updatable(trial_id, state)


def test_unknown_trial_id_raises_key_error() -> None:
    storage, study_id = _storage_with_study()
    storage.create_new_trial(study_id)
    unknown = 10_000
    calls: List[Callable[[], Any]] = [
        lambda: storage.get_trial(unknown),
        lambda: storage.get_trial_number_from_id(unknown),
        lambda: storage.get_trial_param(unknown, "x"),
        lambda: storage.get_trial_params(unknown),
        lambda: storage.get_trial_user_attrs(unknown),
        lambda: storage.get_trial_system_attrs(unknown),
        lambda: storage.set_trial_param(unknown, "x", 0.0, FloatDistribution(0, 1)),
        lambda: storage.set_trial_state_values(unknown, TrialState.COMPLETE, [1.0]),
        lambda: storage.set_trial_intermediate_value(unknown, 0, 1.0),
        lambda: storage.set_trial_user_attr(unknown, "k", 1),
        lambda: storage.set_trial_system_attr(unknown, "k", 1),
    ]
    for call in calls:
        with pytest.raises(KeyError):
            call()
    with pytest.raises(KeyError):
        storage.get_trial_id_from_study_id_trial_number(study_id, 5)
    with pytest.raises(KeyError):
        storage.get_trial_id_from_study_id_trial_number(study_id, -1)
    assert storage.get_n_trials(study_id) == 1


def test_trial_attrs_and_intermediate_values() -> None:
    storage, study_id = _storage_with_study()
    trial_id = storage.create_new_trial(study_id)
    storage.set_trial_user_attr(trial_id, "u", {"nested": [1]})
    storage.set_trial_system_attr(trial_id, "s", "v")
    storage.set_trial_intermediate_value(trial_id, 0, 0.5)
    storage.set_trial_intermediate_value(trial_id, 3, float("inf"))
    assert storage.get_trial_user_attrs(trial_id) == {"u": {"nested": [1]}}
    assert storage.get_trial_system_attrs(trial_id) == {"s": "v"}
    assert storage.get_trial(trial_id).intermediate_values == {0: 0.5, 3: float("inf")}


def test_returned_trials_are_copies() -> None:
    storage, study_id = _storage_with_study()
    trial_id = storage.create_new_trial(study_id)
    storage.set_trial_param(trial_id, "x", 0.5, FloatDistribution(0.0, 1.0))
    storage.set_trial_user_attr(trial_id, "u", [1])
    trial = storage.get_trial(trial_id)
    trial.params["x"] = 100.0
    trial.user_attrs["u"].append(2)
    trial.intermediate_values[0] = 1.0
    (listed,) = storage.get_all_trials(study_id, deepcopy=True)
    listed.user_attrs["u"].append(3)
    fresh = storage.get_trial(trial_id)
    assert fresh.params == {"x": 0.5}
    assert fresh.user_attrs == {"u": [1]}
    assert fresh.intermediate_values == {}


def test_get_all_trials_and_n_trials_by_state() -> None:
    storage, study_id = _storage_with_study()
    states = [TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL, TrialState.RUNNING]
    for state in states:
        trial_id = storage.create_new_trial(study_id)
        if state != TrialState.RUNNING:
            values = [1.0] if state == TrialState.COMPLETE else None
            storage.set_trial_state_values(trial_id, state, values)
    all_trials = storage.get_all_trials(study_id)
    assert [t.number for t in all_trials] == [0, 1, 2, 3]
    assert [t.state for t in all_trials] == states
    finished = storage.get_all_trials(
        study_id, states=(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)
    )
    assert [t.number for t in finished] == [0, 1, 2]
    assert storage.get_all_trials(study_id, states=()) == []
    assert storage.get_n_trials(study_id) == 4
    assert storage.get_n_trials(study_id, TrialState.PRUNED) == 1
    assert storage.get_n_trials(study_id, (TrialState.COMPLETE, TrialState.RUNNING)) == 2
    assert storage.get_n_trials(study_id, TrialState.WAITING) == 0


@pytest.mark.parametrize("direction, best", [(MIN, 1), (MAX, 2)])
def test_get_best_trial(direction: StudyDirection, best: int) -> None:
    storage, study_id = _storage_with_study([direction])
    with pytest.raises(ValueError, match="[Nn]o trials"):
        storage.get_best_trial(study_id)
    for value, state in [
        (5.0, TrialState.COMPLETE),
        (-1.0, TrialState.COMPLETE),
        (9.0, TrialState.COMPLETE),
        (None, TrialState.FAIL),
        (None, TrialState.RUNNING),
    ]:
        trial_id = storage.create_new_trial(study_id)
        if state != TrialState.RUNNING:
            storage.set_trial_state_values(trial_id, state, None if value is None else [value])
    assert storage.get_best_trial(study_id).number == best


def test_get_best_trial_ignores_unfinished_and_pruned() -> None:
    storage, study_id = _storage_with_study()
    running = storage.create_new_trial(study_id)
    pruned = storage.create_new_trial(study_id)
    storage.set_trial_state_values(pruned, TrialState.PRUNED, [-100.0])
    with pytest.raises(ValueError):
        storage.get_best_trial(study_id)
    storage.set_trial_state_values(running, TrialState.COMPLETE, [3.0])
    assert storage.get_best_trial(study_id).trial_id == running


def test_get_best_trial_multi_objective() -> None:
    storage, study_id = _storage_with_study([MIN, MAX])
    trial_id = storage.create_new_trial(study_id)
    storage.set_trial_state_values(trial_id, TrialState.COMPLETE, [1.0, 2.0])
    with pytest.raises(RuntimeError, match="multi-objective"):
        storage.get_best_trial(study_id)


def test_pickle_round_trip() -> None:
    storage, study_id = _storage_with_study()
    trial_id = storage.create_new_trial(study_id)
    storage.set_trial_param(trial_id, "x", 0.5, FloatDistribution(0.0, 1.0))
    storage.set_trial_state_values(trial_id, TrialState.COMPLETE, [0.5])
    restored = pickle.loads(pickle.dumps(storage))
    assert restored.get_trial(trial_id) == storage.get_trial(trial_id)
    assert restored.get_study_id_from_name("s") == study_id
    # The restored storage is usable.
    new_id = restored.create_new_trial(study_id)
    assert restored.get_trial(new_id).number == 1


# --------------------------------------------------------------------------- threads


def test_many_threads_create_gapless_unique_trial_numbers() -> None:
    storage, study_id = _storage_with_study()
    n_threads, per_thread = 16, 60
    created: List[List[int]] = [[] for _ in range(n_threads)]
    errors: List[BaseException] = []
    barrier = threading.Barrier(n_threads)

    def worker(index: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                trial_id = storage.create_new_trial(study_id)
                created[index].append(trial_id)
                storage.set_trial_param(trial_id, "x", i / per_thread, FloatDistribution(0, 1))
                storage.set_trial_user_attr(trial_id, "worker", index)
                storage.set_trial_intermediate_value(trial_id, 0, float(i))
                storage.set_trial_state_values(trial_id, TrialState.COMPLETE, [float(i)])
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []

    total = n_threads * per_thread
    all_ids = [trial_id for ids in created for trial_id in ids]
    assert len(set(all_ids)) == total
    trials = storage.get_all_trials(study_id)
    assert sorted(t.number for t in trials) == list(range(total))
    assert all(t.state == TrialState.COMPLETE for t in trials)
    assert storage.get_n_trials(study_id, TrialState.COMPLETE) == total
    for index, ids in enumerate(created):
        numbers = [storage.get_trial_number_from_id(i) for i in ids]
        assert numbers == sorted(numbers)  # each thread sees increasing numbers
        for i, trial_id in enumerate(ids):
            trial = storage.get_trial(trial_id)
            assert trial.user_attrs == {"worker": index}
            assert trial.values == [float(i)]
            assert trial.params == {"x": i / per_thread}
    assert storage.get_best_trial(study_id).value == 0.0


def test_threads_on_different_studies() -> None:
    storage = InMemoryStorage()
    study_ids = [storage.create_new_study() for _ in range(8)]

    def worker(study_id: int) -> None:
        for _ in range(50):
            storage.create_new_trial(study_id)

    threads = [threading.Thread(target=worker, args=(s,)) for s in study_ids for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for study_id in study_ids:
        numbers = [t.number for t in storage.get_all_trials(study_id)]
        assert numbers == list(range(100))


def test_study_ask_tell_from_many_threads() -> None:
    import optuna

    verbosity = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    try:
        storage = InMemoryStorage()
        study = optuna.create_study(storage=storage, sampler=optuna.samplers.RandomSampler(seed=0))
        errors: List[BaseException] = []

        def worker() -> None:
            try:
                for _ in range(40):
                    trial = study.ask()
                    x = trial.suggest_float("x", 0.0, 1.0)
                    trial.suggest_categorical("c", ["a", "b"])
                    trial.report(x, 0)
                    study.tell(trial, x)
                    study.get_trials(deepcopy=True)
            except BaseException as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        trials = study.trials
        assert [t.number for t in trials] == list(range(320))
        assert all(t.state == TrialState.COMPLETE for t in trials)
        assert all(t.value == t.params["x"] == t.intermediate_values[0] for t in trials)
        assert study.best_value == min(t.value for t in trials)
    finally:
        optuna.logging.set_verbosity(verbosity)


def test_optimize_with_n_jobs() -> None:
    import optuna

    verbosity = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    try:
        study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
        study.optimize(lambda t: t.suggest_float("x", 0.0, 1.0), n_trials=100, n_jobs=4)
        trials = study.trials
        assert sorted(t.number for t in trials) == list(range(100))
        assert len({t._trial_id for t in trials}) == 100
        assert all(t.value == t.params["x"] for t in trials)
    finally:
        optuna.logging.set_verbosity(verbosity)


def test_subclass_overriding_set_trial_param_sees_every_suggested_parameter() -> None:
    import optuna

    class RecordingStorage(InMemoryStorage):
        def __init__(self) -> None:
            super().__init__()
            self.written: List[str] = []

        def set_trial_param(self, trial_id: int, name: str, value: float, dist: Any) -> None:
            self.written.append(name)
            super().set_trial_param(trial_id, name, value, dist)

    storage = RecordingStorage()
    study = optuna.create_study(storage=storage, sampler=optuna.samplers.RandomSampler(seed=0))
    trial = study.ask()
    trial.suggest_float("x", 0.0, 1.0)
    trial.suggest_int("n", 0, 3)
    trial.suggest_categorical("c", ["a", "b"])
    study.tell(trial, 1.0)
    assert storage.written == ["x", "n", "c"]
    assert set(study.trials[0].params) == {"x", "n", "c"}
