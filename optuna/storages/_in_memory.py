import copy
import datetime
import threading
import uuid
from typing import Any, Container, Dict, List, Optional, Sequence, Tuple

from optuna.distributions import BaseDistribution, check_distribution_compatibility
from optuna.exceptions import DuplicatedStudyError, UpdateFinishedTrialError
from optuna.storages._base import (
    DEFAULT_STUDY_NAME_PREFIX,
    BaseStorage,
    _normalize_create_args,
)
from optuna.study._frozen import FrozenStudy
from optuna.study._study_direction import StudyDirection
from optuna.trial import FrozenTrial, TrialState

_RUNNING = TrialState.RUNNING
_WAITING = TrialState.WAITING
_COMPLETE = TrialState.COMPLETE
_MAXIMIZE = StudyDirection.MAXIMIZE
_UPDATABLE = (_RUNNING, _WAITING)
# Marks a parameter write whose external value is still to be derived from the internal one.
_FROM_INTERNAL = object()


class _StudyRecord:
    __slots__ = (
        "name",
        "directions",
        "user_attrs",
        "system_attrs",
        "trials",
        "finished",
        "n_waiting",
        "param_distribution",
        "best_trial",
    )

    def __init__(self, name: str, directions: List[StudyDirection]) -> None:
        self.name = name
        self.directions = directions
        self.user_attrs: Dict[str, Any] = {}
        self.system_attrs: Dict[str, Any] = {}
        self.trials: List[FrozenTrial] = []  # indexed by trial number
        self.finished: List[FrozenTrial] = []  # in the order the trials finished
        self.n_waiting = 0
        self.param_distribution: Dict[str, BaseDistribution] = {}
        self.best_trial: Optional[FrozenTrial] = None


class InMemoryStorage(BaseStorage):
    """A storage that keeps everything in this process's memory (the default).

    It is thread-safe, so ``optimize(n_jobs=...)`` can share it, but it is lost when the
    process ends and cannot be shared between processes.
    """

    def __init__(self) -> None:
        self._studies: Dict[int, _StudyRecord] = {}
        self._name_to_id: Dict[str, int] = {}
        # trial_id -> (study record, trial record); trial ids are never reused.
        self._trials: Dict[int, Tuple[_StudyRecord, FrozenTrial]] = {}
        self._next_study_id = 0
        self._next_trial_id = 0
        self._lock = threading.Lock()

    def __getstate__(self) -> Dict[str, Any]:
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ studies
    def create_new_study(
        self, study_name: Optional[str] = None, directions: Optional[Sequence[Any]] = None
    ) -> int:
        study_name, directions = _normalize_create_args(study_name, directions)
        with self._lock:
            if study_name is None:
                study_name = DEFAULT_STUDY_NAME_PREFIX + str(uuid.uuid4())
            if study_name in self._name_to_id:
                raise DuplicatedStudyError(
                    f"Another study with name '{study_name}' already exists."
                )
            study_id = self._next_study_id
            self._next_study_id += 1
            self._studies[study_id] = _StudyRecord(
                study_name, list(directions or [StudyDirection.NOT_SET])
            )
            self._name_to_id[study_name] = study_id
            return study_id

    def delete_study(self, study_id: int) -> None:
        with self._lock:
            record = self._study(study_id)
            for trial in record.trials:
                del self._trials[trial._trial_id]
            del self._name_to_id[record.name]
            del self._studies[study_id]

    def set_study_user_attr(self, study_id: int, key: str, value: Any) -> None:
        with self._lock:
            self._study(study_id).user_attrs[key] = value

    def set_study_system_attr(self, study_id: int, key: str, value: Any) -> None:
        with self._lock:
            self._study(study_id).system_attrs[key] = value

    def set_study_directions(self, study_id: int, directions: Sequence[StudyDirection]) -> None:
        with self._lock:
            record = self._study(study_id)
            current = record.directions
            if current != [StudyDirection.NOT_SET] and current != list(directions):
                raise ValueError(
                    f"Cannot overwrite study direction from {current} to {list(directions)}."
                )
            record.directions = list(directions)

    def get_study_id_from_name(self, study_name: str) -> int:
        with self._lock:
            if study_name not in self._name_to_id:
                raise KeyError(f"No such study: '{study_name}'.")
            return self._name_to_id[study_name]

    def get_study_name_from_id(self, study_id: int) -> str:
        with self._lock:
            return self._study(study_id).name

    def get_study_directions(self, study_id: int) -> List[StudyDirection]:
        with self._lock:
            return list(self._study(study_id).directions)

    def get_study_user_attrs(self, study_id: int) -> Dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._study(study_id).user_attrs)

    def get_study_system_attrs(self, study_id: int) -> Dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._study(study_id).system_attrs)

    def get_all_studies(self) -> List[FrozenStudy]:
        with self._lock:
            return [
                FrozenStudy(
                    study_name=r.name,
                    direction=None,
                    directions=list(r.directions),
                    user_attrs=copy.deepcopy(r.user_attrs),
                    system_attrs=copy.deepcopy(r.system_attrs),
                    study_id=study_id,
                )
                for study_id, r in self._studies.items()
            ]

    def _study(self, study_id: int) -> _StudyRecord:
        record = self._studies.get(study_id)
        if record is None:
            raise KeyError(f"No study with study_id {study_id} exists.")
        return record

    # ------------------------------------------------------------------ trials
    def create_new_trial(self, study_id: int, template_trial: Optional[FrozenTrial] = None) -> int:
        with self._lock:
            record = self._study(study_id)
            trial_id = self._next_trial_id
            self._next_trial_id += 1
            number = len(record.trials)
            if template_trial is None:
                trial = FrozenTrial._new_running(number, trial_id, datetime.datetime.now())
            else:
                trial = copy.deepcopy(template_trial)
                trial.number = number
                trial._trial_id = trial_id
                # Check every parameter before registering any, so that a rejected trial
                # leaves no distribution behind.
                for name, dist in trial.distributions.items():
                    known = record.param_distribution.get(name)
                    if known is not None and known is not dist and known != dist:
                        check_distribution_compatibility(known, dist)
                for name, dist in trial.distributions.items():
                    self._check_and_register_distribution(record, name, dist)
            record.trials.append(trial)
            self._trials[trial_id] = (record, trial)
            if trial.state == _WAITING:
                record.n_waiting += 1
            elif trial.state.is_finished():
                self._on_finished(record, trial)
            return trial_id

    def _start_trial(self, study_id: int) -> FrozenTrial:
        # The running record itself is handed out: the Trial that owns it only reads it and
        # repeats, into the same dicts, the writes it sends through this storage.
        lock = self._lock
        lock.acquire()  # per-trial methods: acquire/release is half the cost of `with`
        try:
            record = self._studies.get(study_id) or self._study(study_id)
            if record.n_waiting:
                return self._pop_waiting(record)
            trial_id = self._next_trial_id
            self._next_trial_id = trial_id + 1
            trial = FrozenTrial._new_running(len(record.trials), trial_id, datetime.datetime.now())
            record.trials.append(trial)
            self._trials[trial_id] = (record, trial)
            return trial
        finally:
            lock.release()

    def _pop_waiting_trial_id(self, study_id: int) -> Optional[int]:
        with self._lock:
            record = self._study(study_id)
            if record.n_waiting == 0:
                return None
            return self._pop_waiting(record)._trial_id

    def _pop_waiting(self, record: _StudyRecord) -> FrozenTrial:
        """Turn the oldest WAITING trial of ``record`` (there must be one) into RUNNING."""
        for trial in record.trials:
            if trial.state is _WAITING:
                self._set_state(record, trial, _RUNNING, None)
                return trial
        raise AssertionError("n_waiting is out of sync with the trials.")

    def _check_and_register_distribution(
        self, record: _StudyRecord, name: str, distribution: BaseDistribution
    ) -> None:
        known = record.param_distribution.get(name)
        if known is None:
            record.param_distribution[name] = distribution
        elif known is not distribution and known != distribution:
            check_distribution_compatibility(known, distribution)

    def _running_trial(self, trial_id: int) -> Tuple[_StudyRecord, FrozenTrial]:
        entry = self._trials.get(trial_id)
        if entry is None:
            raise KeyError(f"No trial with trial_id {trial_id} exists.")
        trial = entry[1]
        if trial.state not in _UPDATABLE:
            raise UpdateFinishedTrialError(
                f"Trial#{trial.number} has already finished and can not be updated."
            )
        return entry

    def set_trial_param(
        self,
        trial_id: int,
        param_name: str,
        param_value_internal: float,
        distribution: BaseDistribution,
    ) -> None:
        # Not self._set_trial_param_repr: a subclass overriding set_trial_param gets a
        # version of that method which calls back into set_trial_param.
        InMemoryStorage._set_trial_param_repr(
            self, trial_id, param_name, param_value_internal, _FROM_INTERNAL, distribution
        )

    def _set_trial_param_repr(
        self,
        trial_id: int,
        param_name: str,
        param_value_internal: float,
        param_value_external: Any,
        distribution: BaseDistribution,
    ) -> None:
        lock = self._lock
        lock.acquire()
        try:
            entry = self._trials.get(trial_id)
            if entry is None or entry[1].state not in _UPDATABLE:
                self._running_trial(trial_id)  # raises the appropriate error
            record, trial = entry  # type: ignore[misc]
            if record.param_distribution.get(param_name) is not distribution:
                self._check_and_register_distribution(record, param_name, distribution)
            if param_value_external is _FROM_INTERNAL:
                param_value_external = distribution.to_external_repr(param_value_internal)
            trial.params[param_name] = param_value_external
            trial.distributions[param_name] = distribution
        finally:
            lock.release()

    def get_trial_id_from_study_id_trial_number(self, study_id: int, trial_number: int) -> int:
        with self._lock:
            trials = self._study(study_id).trials
            if not 0 <= trial_number < len(trials):
                raise KeyError(f"No trial with number {trial_number} exists in the study.")
            return trials[trial_number]._trial_id

    def get_trial_number_from_id(self, trial_id: int) -> int:
        with self._lock:
            return self._get(trial_id).number

    def get_trial_param(self, trial_id: int, param_name: str) -> float:
        with self._lock:
            trial = self._get(trial_id)
            return trial.distributions[param_name].to_internal_repr(trial.params[param_name])

    def set_trial_state_values(
        self, trial_id: int, state: TrialState, values: Optional[Sequence[float]] = None
    ) -> bool:
        lock = self._lock
        lock.acquire()
        try:
            entry = self._trials.get(trial_id)
            if entry is None or entry[1].state not in _UPDATABLE:
                self._running_trial(trial_id)  # raises the appropriate error
            return self._set_state(entry[0], entry[1], state, values)  # type: ignore[index]
        finally:
            lock.release()

    def _set_state(
        self,
        record: _StudyRecord,
        trial: FrozenTrial,
        state: TrialState,
        values: Optional[Sequence[float]],
    ) -> bool:
        if state is _RUNNING:
            if trial.state is not _WAITING:
                return False
            record.n_waiting -= 1
            trial.datetime_start = datetime.datetime.now()
        elif trial.state is _WAITING:
            record.n_waiting -= 1
        trial.state = state
        if values is not None:
            trial._values = list(values)
        if state is not _RUNNING and state is not _WAITING:
            trial.datetime_complete = datetime.datetime.now()
            self._on_finished(record, trial)
        return True

    def _on_finished(self, record: _StudyRecord, trial: FrozenTrial) -> None:
        record.finished.append(trial)
        values = trial._values
        if trial.state is not _COMPLETE or values is None or len(record.directions) != 1:
            return
        best = record.best_trial
        if best is None:
            record.best_trial = trial
        elif record.directions[0] == _MAXIMIZE:
            if values[0] > best._values[0]:  # type: ignore[index]
                record.best_trial = trial
        elif values[0] < best._values[0]:  # type: ignore[index]
            record.best_trial = trial

    def set_trial_intermediate_value(
        self, trial_id: int, step: int, intermediate_value: float
    ) -> None:
        with self._lock:
            _, trial = self._running_trial(trial_id)
            trial.intermediate_values[step] = intermediate_value

    def set_trial_user_attr(self, trial_id: int, key: str, value: Any) -> None:
        with self._lock:
            _, trial = self._running_trial(trial_id)
            trial.user_attrs[key] = value

    def set_trial_system_attr(self, trial_id: int, key: str, value: Any) -> None:
        with self._lock:
            _, trial = self._running_trial(trial_id)
            trial.system_attrs[key] = value

    def _get(self, trial_id: int) -> FrozenTrial:
        entry = self._trials.get(trial_id)
        if entry is None:
            raise KeyError(f"No trial with trial_id {trial_id} exists.")
        return entry[1]

    def get_trial(self, trial_id: int) -> FrozenTrial:
        lock = self._lock
        lock.acquire()
        try:
            entry = self._trials.get(trial_id)
            if entry is None:
                raise KeyError(f"No trial with trial_id {trial_id} exists.")
            return entry[1].__deepcopy__()
        finally:
            lock.release()

    def get_all_trials(
        self,
        study_id: int,
        deepcopy: bool = True,
        states: Optional[Container[TrialState]] = None,
    ) -> List[FrozenTrial]:
        with self._lock:
            trials = self._study(study_id).trials
            if states is not None:
                trials = [t for t in trials if t.state in states]
            else:
                trials = list(trials)
            if deepcopy:
                return [t.__deepcopy__() for t in trials]
            return trials

    def get_n_trials(self, study_id: int, state: Any = None) -> int:
        with self._lock:
            record = self._study(study_id)
            if state is None:
                return len(record.trials)
            if isinstance(state, TrialState):
                state = (state,)
            return sum(1 for t in record.trials if t.state in state)

    def get_best_trial(self, study_id: int) -> FrozenTrial:
        with self._lock:
            record = self._study(study_id)
            if len(record.directions) > 1:
                raise RuntimeError(
                    "Best trial can be obtained only for single-objective optimization; "
                    "use `best_trials` for multi-objective studies."
                )
            if record.best_trial is None:
                raise ValueError("No trials are completed yet.")
            return record.best_trial.__deepcopy__()

    def _read_finished_trials(self, study_id: int, cursor: Any) -> Tuple[List[FrozenTrial], Any]:
        with self._lock:
            finished = self._study(study_id).finished
            start = cursor or 0
            return finished[start:], len(finished)
