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

_RUNNING = TrialState.RUNNING
_WAITING = TrialState.WAITING
_COMPLETE = TrialState.COMPLETE
_PRUNED = TrialState.PRUNED
_FAIL = TrialState.FAIL


def _check_values(
    value_or_values: object, n_objectives: int
) -> Tuple[Optional[List[float]], Optional[str]]:
    """Return ``(values, None)`` for a valid objective result, else ``(None, why)``."""
    if isinstance(value_or_values, (int, float)) and not isinstance(value_or_values, bool):
        raw: Sequence[object] = (value_or_values,)
    elif isinstance(value_or_values, Sequence) and not isinstance(
        value_or_values, (str, bytes, bytearray)
    ):
        raw = value_or_values
    elif type(value_or_values).__name__ == "ndarray" and getattr(value_or_values, "ndim", 0) == 1:
        raw = list(value_or_values)  # type: ignore[call-overload]
    else:
        try:
            raw = (float(value_or_values),)  # type: ignore[arg-type]
        except Exception as e:  # a user type's __float__ may raise anything
            return None, (
                f"The value {_short_repr(value_or_values)} could not be cast to float"
                f"{_because(e)}."
                if not hasattr(value_or_values, "__iter__")
                else f"The value {_short_repr(value_or_values)} is not a number or a sequence "
                "of numbers."
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
        except Exception as e:
            return None, f"The value {_short_repr(v)} could not be cast to float{_because(e)}."
        if math.isnan(f):
            return None, f"The value {f} is not acceptable."
        values.append(f)
    return values, None


def _because(error: Exception) -> str:
    """`` (float() raised Type: message)`` for errors other than the usual conversion ones."""
    if isinstance(error, (TypeError, ValueError, OverflowError)):
        return ""
    return f" (float() raised {type(error).__name__}: {error})"


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
    storage = study._storage
    trial_obj: Optional[Trial]
    if isinstance(trial, Trial) and trial.study is study and trial.storage is storage:
        trial_id, trial_obj = trial._trial_id, trial
    else:
        trial_id, trial_obj = _resolve_trial(study, trial)
    if trial_obj is not None:
        frozen = trial_obj._cached_frozen_trial
    else:
        frozen = storage.get_trial(trial_id)
    if frozen.state is _WAITING:
        raise ValueError(
            f"Cannot tell trial {frozen.number}: it is WAITING (enqueued and not started yet). "
            "Only a RUNNING trial can be told; study.ask() starts the next waiting trial."
        )
    if frozen.state is not _RUNNING:
        if suppress_warning:  # from optimize: the objective finished its own trial
            raise UpdateFinishedTrialError(
                f"Trial {frozen.number} was already finished (as {frozen.state.name}) when "
                "the objective returned: do not call study.tell() on the trial inside the "
                "objective; return its value instead."
            )
        return _already_finished(storage, trial_id, skip_if_finished)

    if state is None:
        # Without a state the values decide: valid ones complete the trial, anything else
        # (None included, e.g. an objective that forgot to return) fails it with a warning.
        state = _COMPLETE
    else:
        _check_state(state, value_or_values)

    values: Optional[List[float]] = None
    if state is _COMPLETE:
        v = value_or_values
        if type(v) is float and v == v and len(study._directions) == 1:
            values = [v]  # the common case: one valid float
        else:
            values, why = _check_values(v, len(study._directions))
            if why is not None:
                state = _FAIL
                _record_fail_reason(storage, trial_id, frozen, why, suppress_warning)
    elif state is _PRUNED and len(study._directions) == 1:
        values = _pruned_value(frozen)

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


def _check_state(state: TrialState, value_or_values: object) -> None:
    if not isinstance(state, TrialState):
        raise TypeError(f"`state` must be a TrialState (COMPLETE, PRUNED or FAIL), got {state!r}.")
    if state not in (_COMPLETE, _PRUNED, _FAIL):
        raise ValueError(f"Cannot tell with state {state}: use COMPLETE, PRUNED or FAIL.")
    if state in (_PRUNED, _FAIL) and value_or_values is not None:
        raise ValueError(f"values must be None when state is {state}, got {value_or_values!r}.")
    if state == _COMPLETE and value_or_values is None:
        raise ValueError("No values were told. Values are required when the state is COMPLETE.")


def _record_fail_reason(
    storage: "BaseStorage", trial_id: int, frozen: FrozenTrial, why: str, suppress_warning: bool
) -> None:
    message = f"Trial {frozen.number} failed because of the following error: {why}"
    if suppress_warning:  # from optimize: the log is where its trial outcomes go
        _logger.warning(message)
    else:
        warnings.warn(message, stacklevel=4)
    frozen.system_attrs["fail_reason"] = why
    storage.set_trial_system_attr(trial_id, "fail_reason", why)


def _pruned_value(frozen: FrozenTrial) -> Optional[List[float]]:
    """The last intermediate value of a pruned trial, as its value (``None`` if NaN)."""
    intermediate = frozen.intermediate_values
    if intermediate:
        last = intermediate[max(intermediate)]
        if not math.isnan(last):
            return [last]
    return None


def _already_finished(storage: "BaseStorage", trial_id: int, skip: bool) -> FrozenTrial:
    stored = storage.get_trial(trial_id)
    if skip:
        _logger.info(f"Skipped telling trial {stored.number} because it is already finished.")
        return stored
    raise UpdateFinishedTrialError(
        f"Cannot tell trial {stored.number}: it has already finished with state "
        f"{stored.state.name}. Pass skip_if_finished=True to ignore this."
    )
