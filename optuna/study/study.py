import copy
import threading
import warnings
from typing import (
    TYPE_CHECKING,
    Any,
    Container,
    Dict,
    Iterable,
    List,
    Optional,
    Sequence,
    Tuple,
    Type,
    Union,
)

from optuna import logging as _logging
from optuna import storages
from optuna.distributions import BaseDistribution
from optuna.exceptions import DuplicatedStudyError
from optuna.study._history import HistorySnapshot, TrialHistory
from optuna.study._multi_objective import _get_pareto_front_trials
from optuna.study._optimize import CallbackType, ObjectiveFuncType, _optimize
from optuna.study._study_direction import StudyDirection
from optuna.study._study_summary import StudySummary
from optuna.study._tell import _tell_with_warning
from optuna.trial import FrozenTrial, Trial, TrialState
from optuna.trial._trial import _FIXED_PARAMS_KEY

if TYPE_CHECKING:
    import pandas as pd

    from optuna.pruners import BasePruner
    from optuna.samplers import BaseSampler

_logger = _logging.get_logger(__name__)
_COMPLETE = TrialState.COMPLETE


# Trial attributes that trials_dataframe can turn into columns.
_DATAFRAME_ATTRS = frozenset(
    (
        "number",
        "value",
        "values",
        "datetime_start",
        "datetime_complete",
        "duration",
        "params",
        "user_attrs",
        "system_attrs",
        "intermediate_values",
        "distributions",
        "last_step",
        "state",
        "trial_id",
        "_trial_id",
    )
)


class Study:
    """An optimization task: a set of trials and the sampler and pruner that drive them.

    Create one with :func:`create_study` or :func:`load_study` rather than with this
    constructor.

    Args:
        study_name: Name of an existing study in ``storage``.
        storage: A storage object or URL.
        sampler: The sampler; TPE (or NSGA-II for multi-objective studies) when ``None``.
        pruner: The pruner; :class:`~optuna.pruners.MedianPruner` when ``None``.
    """

    def __init__(
        self,
        study_name: str,
        storage: Union[str, storages.BaseStorage],
        sampler: Optional["BaseSampler"] = None,
        pruner: Optional["BasePruner"] = None,
    ) -> None:
        self.study_name = study_name
        storage = storages.get_storage(storage)
        study_id = storage.get_study_id_from_name(study_name)
        self._study_id = study_id
        self._storage = storage
        self._directions = storage.get_study_directions(study_id)
        _check_instance("sampler", sampler, "sample_independent", "sampler")
        _check_instance("pruner", pruner, "prune", "pruner")
        self.sampler = sampler or _default_sampler(len(self._directions) > 1)
        if pruner is None:
            from optuna.pruners import MedianPruner

            pruner = MedianPruner()
        self.pruner = pruner
        self._optimize_lock = threading.Lock()
        self._stop_flag = False
        self._history: Optional[TrialHistory] = None
        self._history_lock = threading.Lock()

    def __getstate__(self) -> Dict[Any, Any]:
        state = self.__dict__.copy()
        for key in ("_optimize_lock", "_history_lock", "_history"):
            del state[key]
        return state

    def __setstate__(self, state: Dict[Any, Any]) -> None:
        self.__dict__.update(state)
        self._optimize_lock = threading.Lock()
        self._history_lock = threading.Lock()
        self._history = None

    # ------------------------------------------------------------------ history
    def _get_history(self) -> HistorySnapshot:
        """Return the finished trials as arrays (only newly finished ones are read)."""
        history = self._history
        if history is None:
            with self._history_lock:
                if self._history is None:
                    self._history = TrialHistory(
                        self._storage, self._study_id, len(self._directions)
                    )
                history = self._history
        return history.refresh()

    def _is_multi_objective(self) -> bool:
        return len(self._directions) > 1

    # ------------------------------------------------------------------ properties
    @property
    def best_params(self) -> Dict[str, Any]:
        """Parameters of the best trial (single-objective studies only)."""
        return self.best_trial.params

    @property
    def best_value(self) -> float:
        """Objective value of the best trial (single-objective studies only)."""
        best_value = self.best_trial.value
        assert best_value is not None
        return best_value

    @property
    def best_trial(self) -> FrozenTrial:
        """The best COMPLETE trial.

        Raises:
            RuntimeError: for a multi-objective study (use :attr:`best_trials`).
            ValueError: when no trial has completed.
        """
        if self._is_multi_objective():
            raise RuntimeError(
                "A single best trial cannot be retrieved from a multi-objective study. "
                "Consider using Study.best_trials to retrieve a list containing the best trials."
            )
        return self._storage.get_best_trial(self._study_id)

    @property
    def best_trials(self) -> List[FrozenTrial]:
        """The COMPLETE trials on the Pareto front (for one objective: all best trials)."""
        return [copy.deepcopy(t) for t in _get_pareto_front_trials(self)]

    @property
    def direction(self) -> StudyDirection:
        """The direction of a single-objective study (``RuntimeError`` otherwise)."""
        if self._is_multi_objective():
            raise RuntimeError(
                "A single direction cannot be retrieved from a multi-objective study. "
                "Consider using Study.directions to retrieve a list containing all directions."
            )
        return self._directions[0]

    @property
    def directions(self) -> List[StudyDirection]:
        """The directions of all objectives."""
        return list(self._directions)

    @property
    def trials(self) -> List[FrozenTrial]:
        """Deep copies of all trials, in the order of their numbers."""
        return self.get_trials(deepcopy=True, states=None)

    def get_trials(
        self, deepcopy: bool = True, states: Optional[Container[TrialState]] = None
    ) -> List[FrozenTrial]:
        """Return the trials of the study, optionally only those in ``states``.

        Args:
            deepcopy: Return copies (``False`` is faster but the trials must not be modified).
            states: States to keep, e.g. ``(TrialState.COMPLETE,)``; ``None`` keeps all.
        """
        if isinstance(states, TrialState):
            raise TypeError(
                f"`states` must be a container of TrialState, e.g. ({states},), got {states!r}."
            )
        return self._storage.get_all_trials(self._study_id, deepcopy=deepcopy, states=states)

    @property
    def user_attrs(self) -> Dict[str, Any]:
        """User attributes of the study."""
        return self._storage.get_study_user_attrs(self._study_id)

    @property
    def system_attrs(self) -> Dict[str, Any]:
        """System attributes of the study."""
        return self._storage.get_study_system_attrs(self._study_id)

    def set_user_attr(self, key: str, value: Any) -> None:
        """Set a (JSON-serializable) user attribute of the study."""
        self._storage.set_study_user_attr(self._study_id, key, value)

    def set_system_attr(self, key: str, value: Any) -> None:
        """Set a system attribute of the study."""
        self._storage.set_study_system_attr(self._study_id, key, value)

    # ------------------------------------------------------------------ optimize
    def optimize(
        self,
        func: ObjectiveFuncType,
        n_trials: Optional[int] = None,
        timeout: Optional[float] = None,
        n_jobs: int = 1,
        catch: Tuple[Type[Exception], ...] = (),
        callbacks: Optional[List[CallbackType]] = None,
        gc_after_trial: bool = False,
        show_progress_bar: bool = False,
    ) -> None:
        """Run trials of ``func`` until ``n_trials`` or ``timeout`` is reached, or ``stop()``.

        Args:
            func: The objective: takes a :class:`~optuna.trial.Trial`, returns a float (or a
                sequence of floats for a multi-objective study).
            n_trials: Number of trials to run; ``None`` means no limit.
            timeout: Stop starting trials after this many seconds; ``None`` means no limit.
            n_jobs: Number of threads running trials in parallel; ``-1`` means one per CPU.
            catch: Exception types that mark a trial FAIL without stopping the study.
            callbacks: Functions called as ``callback(study, frozen_trial)`` after each trial.
            gc_after_trial: Run the garbage collector after each trial.
            show_progress_bar: Show a tqdm progress bar with the best value so far.

        Raises:
            RuntimeError: when called from inside a running ``optimize`` of this study.
            ValueError, TypeError: for invalid arguments.
        """
        _optimize(
            self,
            func,
            n_trials,
            timeout,
            n_jobs,
            catch,
            callbacks,
            gc_after_trial,
            show_progress_bar,
        )

    def stop(self) -> None:
        """Stop ``optimize`` after the running trial(s) finish.

        Raises:
            RuntimeError: when ``optimize`` is not running.
        """
        if not self._optimize_lock.locked():
            raise RuntimeError(
                "`Study.stop` is supposed to be invoked inside an objective function or a "
                "callback."
            )
        self._stop_flag = True

    def ask(self, fixed_distributions: Optional[Dict[str, BaseDistribution]] = None) -> Trial:
        """Start a new trial (or take the next enqueued one) for the ask-and-tell interface.

        Args:
            fixed_distributions: Parameters to sample right away, by name.
        """
        if fixed_distributions is not None:
            _check_fixed_distributions(fixed_distributions)
        frozen = self._storage._start_trial(self._study_id)
        try:
            trial = Trial(self, frozen._trial_id, _frozen=frozen)
            if fixed_distributions:
                for name, distribution in fixed_distributions.items():
                    trial._suggest(name, distribution)
        except BaseException as error:
            # The sampler (or a fixed distribution) failed: the trial must not stay RUNNING.
            reason = f"The trial could not start: {error!r}"
            self._storage.set_trial_system_attr(frozen._trial_id, "fail_reason", reason)
            self._storage.set_trial_state_values(frozen._trial_id, TrialState.FAIL)
            raise
        return trial

    def tell(
        self,
        trial: Union[Trial, int],
        values: Optional[Union[float, Sequence[float]]] = None,
        state: Optional[TrialState] = None,
        skip_if_finished: bool = False,
    ) -> FrozenTrial:
        """Finish a trial started with :meth:`ask`.

        Args:
            trial: The :class:`~optuna.trial.Trial` or its number.
            values: The objective value(s); required for COMPLETE, forbidden for PRUNED and
                FAIL.
            state: COMPLETE, PRUNED or FAIL. When None, the trial is COMPLETE if ``values``
                are valid and FAIL (with a warning) otherwise, e.g. when they are missing.
            skip_if_finished: Return quietly instead of raising when the trial has finished.

        Returns:
            The finished trial. Invalid values (None, NaN, wrong count, not numbers) store
            it as FAIL with a warning.

        Raises:
            ValueError: for values missing with ``state=COMPLETE`` or given with PRUNED/FAIL,
                a WAITING trial or an unknown trial number.
            UpdateFinishedTrialError: when the trial has finished and not
                ``skip_if_finished``.
        """
        frozen = _tell_with_warning(self, trial, values, state, skip_if_finished)
        if frozen.state is _COMPLETE and _logger.isEnabledFor(_logging.INFO):
            self._log_completed_trial(frozen)
        return frozen

    def enqueue_trial(
        self,
        params: Dict[str, Any],
        user_attrs: Optional[Dict[str, Any]] = None,
        skip_if_exists: bool = False,
    ) -> None:
        """Queue a trial whose parameters named in ``params`` take the given values.

        The next trial asked uses them (values outside the suggested range are used with a
        warning) and samples its other parameters as usual.

        Args:
            params: Parameter values by name.
            user_attrs: User attributes for the queued trial.
            skip_if_exists: Do nothing when a trial with the same ``params`` already exists.
        """
        if not isinstance(params, dict):
            raise TypeError(f"params must be a dict, got {type(params).__name__}.")
        if user_attrs is not None and not isinstance(user_attrs, dict):
            raise TypeError(f"user_attrs must be a dict or None, got {type(user_attrs).__name__}.")
        if skip_if_exists and self._has_trial_with_params(params):
            _logger.info(f"Trial with params {params} already exists. Skipping enqueue.")
            return
        self.add_trial(
            _make_waiting_trial(params, user_attrs or {}),
        )

    def _has_trial_with_params(self, params: Dict[str, Any]) -> bool:
        """Whether a trial (queued or run) has exactly ``params``: the values it was enqueued
        with, or, for a trial that was not enqueued, its parameters."""
        for trial in self.get_trials(deepcopy=False):
            known = trial.system_attrs.get(_FIXED_PARAMS_KEY, trial.params)
            if known.keys() == params.keys() and all(
                known[name] == value for name, value in params.items()
            ):
                return True
        return False

    def add_trial(self, trial: FrozenTrial) -> None:
        """Insert a finished (or waiting) trial, e.g. one made with :func:`create_trial`.

        Raises:
            ValueError: when the trial is inconsistent (e.g. COMPLETE without values,
                parameters outside their distributions, wrong number of values).
        """
        self._validate_added_trial(trial)
        self._storage.create_new_trial(self._study_id, template_trial=trial)

    def _validate_added_trial(self, trial: FrozenTrial) -> None:
        if not isinstance(trial, FrozenTrial):
            raise TypeError(f"add_trial takes a FrozenTrial, got {type(trial).__name__}.")
        trial._validate()
        if trial.values is not None and len(trial.values) != len(self._directions):
            raise ValueError(
                f"The added trial has {len(trial.values)} values but the study has "
                f"{len(self._directions)} objectives."
            )

    def add_trials(self, trials: Iterable[FrozenTrial]) -> None:
        """Insert several trials with :meth:`add_trial` (all are validated first)."""
        trials = list(trials)
        for trial in trials:
            self._validate_added_trial(trial)
        for trial in trials:
            self._storage.create_new_trial(self._study_id, template_trial=trial)

    def trials_dataframe(
        self,
        attrs: Tuple[str, ...] = (
            "number",
            "value",
            "datetime_start",
            "datetime_complete",
            "duration",
            "params",
            "user_attrs",
            "system_attrs",
            "state",
        ),
        multi_index: bool = False,
    ) -> "pd.DataFrame":
        """Return the trials as a pandas DataFrame (one row per trial; requires pandas).

        Args:
            attrs: Which trial attributes become columns.
            multi_index: Use two-level column names, e.g. ``("params", "x")``.
        """
        from optuna.study._dataframe import _trials_dataframe

        if isinstance(attrs, str) or not all(isinstance(a, str) for a in attrs):
            raise TypeError(f"attrs must be a tuple of attribute names, got {attrs!r}.")
        unknown = [a for a in attrs if a not in _DATAFRAME_ATTRS]
        if unknown:
            raise ValueError(
                f"Unknown trial attributes {unknown} in attrs; choose from "
                f"{sorted(_DATAFRAME_ATTRS)}."
            )
        if not attrs:
            raise ValueError("attrs must name at least one trial attribute.")
        return _trials_dataframe(self, tuple(attrs), multi_index)

    # ------------------------------------------------------------------ logging
    def _log_completed_trial(self, trial: FrozenTrial) -> None:
        if not _logger.isEnabledFor(_logging.INFO):
            return
        if self._is_multi_objective():
            _logger.info(
                f"Trial {trial.number} finished with values: {trial.values} and parameters: "
                f"{trial.params}."
            )
            return
        try:
            best = self._storage.get_best_trial(self._study_id)
            best_text = f" Best is trial {best.number} with value: {best.value}."
        except ValueError:
            best_text = ""
        _logger.info(
            f"Trial {trial.number} finished with value: {trial.value} and parameters: "
            f"{trial.params}.{best_text}"
        )


def _check_fixed_distributions(fixed_distributions: Any) -> None:
    if not isinstance(fixed_distributions, dict):
        raise TypeError(
            "`fixed_distributions` must be a dict of parameter names to distributions, got "
            f"{fixed_distributions!r}."
        )
    for name, distribution in fixed_distributions.items():
        if not isinstance(distribution, BaseDistribution):
            raise TypeError(
                f"The distribution of '{name}' in `fixed_distributions` must be a "
                f"BaseDistribution, got {distribution!r}."
            )


def _make_waiting_trial(params: Dict[str, Any], user_attrs: Dict[str, Any]) -> FrozenTrial:
    return FrozenTrial(
        number=-1,
        state=TrialState.WAITING,
        value=None,
        datetime_start=None,
        datetime_complete=None,
        params={},
        distributions={},
        user_attrs=dict(user_attrs),
        system_attrs={_FIXED_PARAMS_KEY: dict(params)},
        intermediate_values={},
        trial_id=-1,
    )


def _check_instance(argument: str, value: Any, method: str, kind: str) -> None:
    """Reject a class passed instead of an instance, or an object that cannot do the job."""
    if value is None:
        return
    if isinstance(value, type) or not callable(getattr(value, method, None)):
        hint = " (pass an instance, not the class)" if isinstance(value, type) else ""
        raise TypeError(f"`{argument}` must be a {kind} instance, got {value!r}{hint}.")


def _default_sampler(multi_objective: bool) -> "BaseSampler":
    from optuna import samplers

    if multi_objective and hasattr(samplers, "NSGAIISampler"):
        return samplers.NSGAIISampler()
    return samplers.TPESampler()


def _parse_direction(direction: Union[str, StudyDirection]) -> StudyDirection:
    if isinstance(direction, StudyDirection) and direction != StudyDirection.NOT_SET:
        return direction
    if isinstance(direction, str) and direction.lower() in ("minimize", "maximize"):
        return StudyDirection[direction.upper()]
    raise ValueError(
        f"Please set either 'minimize' or 'maximize' to direction, got {direction!r}."
    )


def create_study(
    *,
    storage: Union[str, storages.BaseStorage, None] = None,
    sampler: Optional["BaseSampler"] = None,
    pruner: Optional["BasePruner"] = None,
    study_name: Optional[str] = None,
    direction: Union[str, StudyDirection, None] = None,
    load_if_exists: bool = False,
    directions: Optional[Sequence[Union[str, StudyDirection]]] = None,
) -> Study:
    """Create a new study.

    Args:
        storage: ``None`` (in memory), a URL such as ``sqlite:///example.db``, or a storage.
        sampler: The sampler; TPE for one objective, NSGA-II for several, when ``None``.
        pruner: The pruner; :class:`~optuna.pruners.MedianPruner` when ``None``.
        study_name: A unique name; generated when ``None``.
        direction: ``"minimize"`` (default) or ``"maximize"``.
        load_if_exists: Load the study if one with ``study_name`` exists instead of raising.
        directions: Directions of several objectives (multi-objective optimization).

    Raises:
        ValueError: when both ``direction`` and ``directions`` are given, or a direction is
            unknown.
        DuplicatedStudyError: when the name exists and ``load_if_exists`` is ``False``.
    """
    if direction is not None and directions is not None:
        raise ValueError("Specify only one of `direction` and `directions`.")
    if study_name is not None and not isinstance(study_name, str):
        raise TypeError(f"`study_name` must be a string or None, got {study_name!r}.")
    explicit_directions = direction is not None or directions is not None
    if directions is None:
        directions = ["minimize" if direction is None else direction]
    elif isinstance(directions, (str, StudyDirection)) or not isinstance(directions, Sequence):
        raise ValueError(
            f"`directions` must be a list of directions, got {directions!r}; use `direction` "
            "for a single objective."
        )
    elif len(directions) == 0:
        raise ValueError("`directions` must not be empty.")
    parsed = [_parse_direction(d) for d in directions]

    storage_obj = storages.get_storage(storage)
    try:
        study_id = storage_obj.create_new_study(study_name)
    except DuplicatedStudyError:
        if load_if_exists:
            assert study_name is not None
            _logger.info(
                f"Using an existing study with name '{study_name}' instead of creating a new one."
            )
            loaded = load_study(
                study_name=study_name, storage=storage_obj, sampler=sampler, pruner=pruner
            )
            if explicit_directions and loaded.directions != parsed:
                warnings.warn(
                    f"The existing study '{study_name}' has directions "
                    f"{[d.name.lower() for d in loaded.directions]}, not the requested "
                    f"{[d.name.lower() for d in parsed]}; it keeps its own.",
                    stacklevel=2,
                )
            return loaded
        raise
    storage_obj.set_study_directions(study_id, parsed)
    name = storage_obj.get_study_name_from_id(study_id)
    where = " in memory" if isinstance(storage_obj, storages.InMemoryStorage) else ""
    _logger.info(f"A new study created{where} with name: {name}")
    return Study(study_name=name, storage=storage_obj, sampler=sampler, pruner=pruner)


def load_study(
    *,
    study_name: Optional[str],
    storage: Union[str, storages.BaseStorage],
    sampler: Optional["BaseSampler"] = None,
    pruner: Optional["BasePruner"] = None,
) -> Study:
    """Load an existing study.

    Args:
        study_name: The study's name; ``None`` works when the storage holds exactly one study.
        storage: A storage object or URL.
        sampler: The sampler to use from now on (default as in :func:`create_study`).
        pruner: The pruner to use from now on.

    Raises:
        KeyError: when no study has that name.
        ValueError: when ``study_name`` is ``None`` and the storage does not hold exactly one
            study.
    """
    storage_obj = storages.get_storage(storage)
    if study_name is None:
        names = get_all_study_names(storage_obj)
        if len(names) != 1:
            raise ValueError(
                f"Could not determine the study name since the storage holds {len(names)} "
                "studies; pass study_name."
            )
        study_name = names[0]
        _logger.info(f"Study name was omitted but trying to load '{study_name}'.")
    return Study(study_name=study_name, storage=storage_obj, sampler=sampler, pruner=pruner)


def delete_study(*, study_name: str, storage: Union[str, storages.BaseStorage]) -> None:
    """Delete a study and all its trials.

    Raises:
        KeyError: when no study has that name.
    """
    storage_obj = storages.get_storage(storage)
    storage_obj.delete_study(storage_obj.get_study_id_from_name(study_name))


def copy_study(
    *,
    from_study_name: str,
    from_storage: Union[str, storages.BaseStorage],
    to_storage: Union[str, storages.BaseStorage],
    to_study_name: Optional[str] = None,
) -> None:
    """Copy a study, with its attributes and all its trials, to another storage.

    Trials are copied as stored, including values that were enqueued outside their
    distribution. If copying fails midway, the partial destination study is deleted.

    Raises:
        KeyError: when the source study does not exist.
        DuplicatedStudyError: when the destination name exists.
    """
    source = load_study(study_name=from_study_name, storage=from_storage)
    target = create_study(
        study_name=to_study_name or from_study_name,
        storage=to_storage,
        directions=source.directions,
        load_if_exists=False,
    )
    try:
        for key, value in source.system_attrs.items():
            target.set_system_attr(key, value)
        for key, value in source.user_attrs.items():
            target.set_user_attr(key, value)
        # The source's own records: not re-validated like user-made trials in add_trials.
        for trial in source.get_trials(deepcopy=False):
            target._storage.create_new_trial(target._study_id, template_trial=trial)
    except BaseException:
        target._storage.delete_study(target._study_id)
        raise


def get_all_study_summaries(
    storage: Union[str, storages.BaseStorage], include_best_trial: bool = True
) -> List[StudySummary]:
    """Return a :class:`StudySummary` of each study in ``storage``."""
    storage_obj = storages.get_storage(storage)
    summaries = []
    for frozen in storage_obj.get_all_studies():
        study_id = frozen._study_id
        trials = storage_obj.get_all_trials(study_id, deepcopy=False)
        best = None
        if include_best_trial and len(frozen.directions) == 1:
            try:
                best = storage_obj.get_best_trial(study_id)
            except ValueError:
                best = None
        starts = [t.datetime_start for t in trials if t.datetime_start is not None]
        summaries.append(
            StudySummary(
                study_name=frozen.study_name,
                direction=None,
                directions=frozen.directions,
                best_trial=best,
                user_attrs=frozen.user_attrs,
                system_attrs=frozen.system_attrs,
                n_trials=len(trials),
                datetime_start=min(starts) if starts else None,
                study_id=study_id,
            )
        )
    return summaries


def get_all_study_names(storage: Union[str, storages.BaseStorage]) -> List[str]:
    """Return the names of all studies in ``storage``."""
    storage_obj = storages.get_storage(storage)
    return [s.study_name for s in storage_obj.get_all_studies()]
