import abc
import copy
from typing import Any, Container, Dict, List, Optional, Sequence, Tuple, Union

from optuna.distributions import BaseDistribution
from optuna.exceptions import UpdateFinishedTrialError
from optuna.study._frozen import FrozenStudy
from optuna.study._study_direction import StudyDirection
from optuna.trial import FrozenTrial, TrialState

DEFAULT_STUDY_NAME_PREFIX = "no-name-"

_FINISHED_STATES = (TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL)


class BaseStorage(abc.ABC):
    """Where studies and trials live.

    A storage is shared by every :class:`~optuna.study.Study` object (and every worker) that
    works on the same study. Trial numbers are assigned by the storage, are unique per study and
    have no gaps. A finished trial (COMPLETE, PRUNED, FAIL) never changes again: its setters
    raise :class:`~optuna.exceptions.UpdateFinishedTrialError`.

    Besides the public interface, storages offer :meth:`_read_finished_trials`, which returns
    only the trials that finished since the caller's last read; the per-study history that
    samplers and pruners read is built from it, so a worker never re-reads the whole study.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A subclass that overrides set_trial_param must see every parameter write, even if
        # a parent class has a shortcut for them.
        if "set_trial_param" in cls.__dict__ and "_set_trial_param_repr" not in cls.__dict__:
            cls._set_trial_param_repr = BaseStorage._set_trial_param_repr  # type: ignore

    # ------------------------------------------------------------------ studies
    @abc.abstractmethod
    def create_new_study(
        self, study_name: Optional[str] = None, directions: Optional[Sequence[Any]] = None
    ) -> int:
        """Create a study and return its id.

        Raises:
            DuplicatedStudyError: if a study named ``study_name`` exists.
        """
        raise NotImplementedError

    @abc.abstractmethod
    def delete_study(self, study_id: int) -> None:
        """Delete a study and its trials. ``KeyError`` for an unknown id."""
        raise NotImplementedError

    @abc.abstractmethod
    def set_study_user_attr(self, study_id: int, key: str, value: Any) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def set_study_system_attr(self, study_id: int, key: str, value: Any) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def set_study_directions(self, study_id: int, directions: Sequence[StudyDirection]) -> None:
        """Set the directions of a study once; changing them later is a ``ValueError``."""
        raise NotImplementedError

    @abc.abstractmethod
    def get_study_id_from_name(self, study_name: str) -> int:
        """Return the id of the study named ``study_name`` (``KeyError`` if none)."""
        raise NotImplementedError

    @abc.abstractmethod
    def get_study_name_from_id(self, study_id: int) -> str:
        raise NotImplementedError

    @abc.abstractmethod
    def get_study_directions(self, study_id: int) -> List[StudyDirection]:
        raise NotImplementedError

    @abc.abstractmethod
    def get_study_user_attrs(self, study_id: int) -> Dict[str, Any]:
        raise NotImplementedError

    @abc.abstractmethod
    def get_study_system_attrs(self, study_id: int) -> Dict[str, Any]:
        raise NotImplementedError

    @abc.abstractmethod
    def get_all_studies(self) -> List[FrozenStudy]:
        raise NotImplementedError

    # ------------------------------------------------------------------ trials
    @abc.abstractmethod
    def create_new_trial(self, study_id: int, template_trial: Optional[FrozenTrial] = None) -> int:
        """Create a trial (RUNNING, or copied from ``template_trial``) and return its id."""
        raise NotImplementedError

    @abc.abstractmethod
    def set_trial_param(
        self,
        trial_id: int,
        param_name: str,
        param_value_internal: float,
        distribution: BaseDistribution,
    ) -> None:
        """Record a parameter. ``ValueError`` when the distribution is incompatible with the
        one the study already uses for that name."""
        raise NotImplementedError

    def _set_trial_param_repr(
        self,
        trial_id: int,
        param_name: str,
        param_value_internal: float,
        param_value_external: Any,
        distribution: BaseDistribution,
    ) -> None:
        """:meth:`set_trial_param` for a caller that already has the external value too."""
        self.set_trial_param(trial_id, param_name, param_value_internal, distribution)

    def get_trial_id_from_study_id_trial_number(self, study_id: int, trial_number: int) -> int:
        for trial in self.get_all_trials(study_id, deepcopy=False):
            if trial.number == trial_number:
                return trial._trial_id
        raise KeyError(f"No trial with number {trial_number} exists in study {study_id}.")

    def get_trial_number_from_id(self, trial_id: int) -> int:
        return self.get_trial(trial_id).number

    def get_trial_param(self, trial_id: int, param_name: str) -> float:
        trial = self.get_trial(trial_id)
        return trial.distributions[param_name].to_internal_repr(trial.params[param_name])

    @abc.abstractmethod
    def set_trial_state_values(
        self, trial_id: int, state: TrialState, values: Optional[Sequence[float]] = None
    ) -> bool:
        """Change a trial's state (and values).

        Returns ``False`` when asked to move a trial to RUNNING that is not WAITING any more
        (another worker took it); ``True`` otherwise.
        """
        raise NotImplementedError

    @abc.abstractmethod
    def set_trial_intermediate_value(
        self, trial_id: int, step: int, intermediate_value: float
    ) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def set_trial_user_attr(self, trial_id: int, key: str, value: Any) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def set_trial_system_attr(self, trial_id: int, key: str, value: Any) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def get_trial(self, trial_id: int) -> FrozenTrial:
        raise NotImplementedError

    @abc.abstractmethod
    def get_all_trials(
        self,
        study_id: int,
        deepcopy: bool = True,
        states: Optional[Container[TrialState]] = None,
    ) -> List[FrozenTrial]:
        raise NotImplementedError

    def get_n_trials(
        self, study_id: int, state: Union[Tuple[TrialState, ...], TrialState, None] = None
    ) -> int:
        if isinstance(state, TrialState):
            state = (state,)
        return len(self.get_all_trials(study_id, deepcopy=False, states=state))

    def get_best_trial(self, study_id: int) -> FrozenTrial:
        """Return the best COMPLETE trial of a single-objective study.

        Raises:
            RuntimeError: for a multi-objective study.
            ValueError: when no trial is COMPLETE.
        """
        directions = self.get_study_directions(study_id)
        if len(directions) > 1:
            raise RuntimeError(
                "Best trial can be obtained only for single-objective optimization; "
                "use `best_trials` for multi-objective studies."
            )
        complete = self.get_all_trials(study_id, deepcopy=False, states=(TrialState.COMPLETE,))
        if not complete:
            raise ValueError("No trials are completed yet.")
        pick = max if directions[0] == StudyDirection.MAXIMIZE else min
        return copy.deepcopy(pick(complete, key=lambda t: t._values[0]))  # type: ignore[index]

    def get_trial_params(self, trial_id: int) -> Dict[str, Any]:
        return self.get_trial(trial_id).params

    def get_trial_user_attrs(self, trial_id: int) -> Dict[str, Any]:
        return self.get_trial(trial_id).user_attrs

    def get_trial_system_attrs(self, trial_id: int) -> Dict[str, Any]:
        return self.get_trial(trial_id).system_attrs

    def remove_session(self) -> None:
        """Release per-thread resources (a no-op except for database storages)."""

    def check_trial_is_updatable(self, trial_id: int, trial_state: TrialState) -> None:
        """Raise :class:`UpdateFinishedTrialError` when ``trial_state`` is final."""
        if trial_state.is_finished():
            trial = self.get_trial(trial_id)
            raise UpdateFinishedTrialError(
                f"Trial#{trial.number} has already finished and can not be updated."
            )

    # ------------------------------------------------------------------ incremental reads
    def _read_finished_trials(self, study_id: int, cursor: Any) -> Tuple[List[FrozenTrial], Any]:
        """Return the trials that finished since ``cursor``, and the new cursor.

        ``cursor`` is opaque: pass ``None`` the first time and then whatever the previous
        call returned. Returned trials must not be mutated. This generic version scans the
        study; storages override it with a cheaper query.
        """
        seen: frozenset = cursor or frozenset()
        finished = self.get_all_trials(study_id, deepcopy=False, states=_FINISHED_STATES)
        new = [t for t in finished if t._trial_id not in seen]
        new.sort(key=lambda t: (t.datetime_complete is None, t.datetime_complete, t.number))
        return new, seen | {t._trial_id for t in new}

    def _start_trial(self, study_id: int) -> FrozenTrial:
        """Start the next trial of a study and return a private copy of it.

        The oldest WAITING (enqueued) trial becomes RUNNING if there is one; otherwise a new
        RUNNING trial is created.
        """
        trial_id = self._pop_waiting_trial_id(study_id)
        if trial_id is None:
            trial_id = self.create_new_trial(study_id)
        return self.get_trial(trial_id)

    def _pop_waiting_trial_id(self, study_id: int) -> Optional[int]:
        """Move the oldest WAITING trial to RUNNING and return its id (``None`` if none)."""
        for trial in self.get_all_trials(study_id, deepcopy=False, states=(TrialState.WAITING,)):
            if self.set_trial_state_values(trial._trial_id, state=TrialState.RUNNING):
                return trial._trial_id
        return None


def _normalize_create_args(
    study_name: Any, directions: Optional[Sequence[Any]]
) -> Tuple[Optional[str], Optional[List[StudyDirection]]]:
    """Accept both ``create_new_study(study_name)`` and ``create_new_study(directions, name)``."""
    if study_name is not None and not isinstance(study_name, str):
        # Called in the later style: create_new_study(directions, study_name).
        study_name, directions = directions, study_name
    if directions is not None:
        directions = [
            d if isinstance(d, StudyDirection) else StudyDirection[d] for d in directions
        ]
    return study_name, directions
