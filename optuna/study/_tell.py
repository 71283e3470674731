import math
import warnings
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple, Union

from optuna import logging as _logging
from optuna.exceptions import UpdateFinishedTrialError
from optuna.trial import FrozenTrial, Trial, TrialState

if TYPE_CHECKING:
    from optuna.storages import BaseStorage
    from optuna.study import Study

_logger = _logging.get_logger(__name__)

_COMPLETE = TrialState.COMPLETE
_PRUNED = TrialState.PRUNED
_FAIL = TrialState.FAIL


def _check_values(
    value_or_values: object, n_objectives: int
) -> Tuple[Optional[List[float]], Optional[str]]:
    """Return ``(values, None)`` for a valid objective result, else ``(None, why)``."""
    if isinstance(value_or_values, (int, float)) and not isinstance(value_or_values, bool):
        raw: Sequence[object] = (value_or_values,)
    elif isinstance(value_or_values, Sequence) and not isinstance(value_or_values, str):
        raw = value_or_values
    elif type(value_or_values).__name__ == "ndarray" and getattr(value_or_values, "ndim", 0) == 1:
        raw = list(value_or_values)  # type: ignore[call-overload]
    else:
        try:
            raw = (float(value_or_values),)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            return None, (
                f"The value {value_or_values!r} could not be cast to float."
                if not hasattr(value_or_values, "__iter__")
                else f"The value {value_or_values!r} is not a number or a sequence of numbers."
            )
    if len(raw) != n_objectives:
        return None, (
            f"The number of the values {len(raw)} did not match the number of the "
            f"objectives {n_objectives}."
        )
    values = []
    for v in raw:
        try:
            f = float(v)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            return None, f"The value {_short_repr(v)} could not be cast to float."
        if math.isnan(f):
            return None, f"The objective function returned {f}."
        values.append(f)
    return values, None


def _short_repr(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _resolve_trial(study: "Study", trial: Union[Trial, int]) -> Tuple[int, Optional[Trial]]:
    if isinstance(trial, Trial):
        if trial.study._study_id != study._study_id or trial.storage is not study._storage:
            raise ValueError("The trial does not belong to this study.")
        return trial._trial_id, trial
    if isinstance(trial, bool) or not isinstance(trial, int):
        raise TypeError(
            f"The trial must be a Trial object or a trial number, got {type(trial).__name__}."
        )
    try:
        return study._storage.get_trial_id_from_study_id_trial_number(study._study_id, trial), None
    except KeyError:
        raise ValueError(
            f"Cannot tell a trial with number {trial} since it has not been created."
        ) from None


def _tell_with_warning(
    study: "Study",
    trial: Union[Trial, int],
    value_or_values: Union[None, float, Sequence[float]] = None,
    state: Optional[TrialState] = None,
    skip_if_finished: bool = False,
    suppress_warning: bool = False,
    copy_result: bool = True,
) -> FrozenTrial:
    """Finish a trial. Invalid objective values turn the trial into FAIL with a warning.

    Returns the finished trial as stored, or, with ``copy_result=False``, the trial's own
    record (state, values, params and attributes, but possibly no completion time), which
    the caller must not hand out.
    """
    trial_id, trial_obj = _resolve_trial(study, trial)
    storage = study._storage
    if trial_obj is not None:
        frozen = trial_obj._cached_frozen_trial
    else:
        frozen = storage.get_trial(trial_id)
    if frozen.state is not TrialState.RUNNING and frozen.state is not TrialState.WAITING:
        return _already_finished(storage, trial_id, skip_if_finished)

    if state is not None and state not in (_COMPLETE, _PRUNED, _FAIL):
        raise ValueError(f"Cannot tell with state {state}: use COMPLETE, PRUNED or FAIL.")
    if state in (_PRUNED, _FAIL) and value_or_values is not None:
        raise ValueError(f"values must be None when state is {state}, got {value_or_values!r}.")
    if state is None:
        # From optimize (suppress_warning), an objective returning None is an invalid
        # result that fails the trial below, not a usage error.
        if value_or_values is None and not suppress_warning:
            raise ValueError(
                "No values were told. Values are required when the state is COMPLETE."
            )
        state = _COMPLETE
    elif state == _COMPLETE and value_or_values is None:
        raise ValueError("No values were told. Values are required when the state is COMPLETE.")

    n_objectives = len(study._directions)
    values: Optional[List[float]] = None
    if state == _COMPLETE:
        values, why = _check_values(value_or_values, n_objectives)
        if why is not None:
            state = _FAIL
            message = f"Trial {frozen.number} failed because of the following error: {why}"
            if not suppress_warning:
                warnings.warn(message, stacklevel=3)
            _logger.warning(message)
            if trial_obj is not None:
                trial_obj._cached_frozen_trial.system_attrs["fail_reason"] = why
            storage.set_trial_system_attr(trial_id, "fail_reason", why)
    elif state == _PRUNED and n_objectives == 1:
        intermediate = frozen.intermediate_values
        if intermediate:
            last = intermediate[max(intermediate)]
            if not math.isnan(last):
                values = [last]

    try:
        study.sampler.after_trial(study, frozen, state, values)
    except BaseException:
        # The objective's result must not be lost to a failing sampler hook (e.g. a
        # constraints function that raises): store the trial, then report the error.
        storage.set_trial_state_values(trial_id, state, values)
        frozen.state = state
        frozen._values = values
        raise
    try:
        storage.set_trial_state_values(trial_id, state, values)
    except UpdateFinishedTrialError:
        # Finished meanwhile through another handle (e.g. told by number).
        return _already_finished(storage, trial_id, skip_if_finished)
    frozen.state = state
    frozen._values = values
    return storage.get_trial(trial_id) if copy_result else frozen


def _already_finished(storage: "BaseStorage", trial_id: int, skip: bool) -> FrozenTrial:
    stored = storage.get_trial(trial_id)
    if skip:
        _logger.info(f"Skipped telling trial {stored.number} because it is already finished.")
        return stored
    raise UpdateFinishedTrialError(
        f"Cannot tell trial {stored.number}: it has already finished with state "
        f"{stored.state.name}. Pass skip_if_finished=True to ignore this."
    )
