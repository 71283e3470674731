import copy
import datetime
import math
import warnings
from typing import Any, Dict, List, Optional, Sequence

from optuna import distributions as _dists
from optuna.distributions import BaseDistribution, CategoricalChoiceType
from optuna.trial._base import BaseTrial
from optuna.trial._state import TrialState

_PRIMITIVE_TYPES = frozenset((str, int, float, bool, type(None)))


_new_object = object.__new__
_RUNNING = TrialState.RUNNING


def _copy_attrs(attrs: Dict[str, Any]) -> Dict[str, Any]:
    """Deep-copy a dict, cheaply when its values are immutable primitives."""
    for v in attrs.values():
        if type(v) not in _PRIMITIVE_TYPES:
            return copy.deepcopy(attrs)
    return attrs.copy()


class FrozenTrial(BaseTrial):
    """A record of a trial: its state, values, parameters and attributes.

    Objects of this class are what ``Study.trials`` returns and what callbacks receive. The
    ``suggest_*`` methods return the recorded parameter values, so an objective can be
    re-evaluated on a finished trial.

    Args:
        number: Trial number, unique and consecutive within a study (from 0).
        state: A :class:`TrialState`.
        value: Objective value of a single-objective trial. Mutually exclusive with ``values``.
        datetime_start: When the trial started (``None`` for a WAITING trial).
        datetime_complete: When the trial finished (``None`` while unfinished).
        params: Parameter values, in their external representation.
        distributions: The distribution each parameter was sampled from.
        user_attrs: User attributes.
        system_attrs: Attributes used internally by optuna.
        intermediate_values: Values reported with ``Trial.report``, by step.
        trial_id: Storage-wide identifier.
        values: Objective values (for multi-objective trials).
    """

    def __init__(
        self,
        number: int,
        state: TrialState,
        value: Optional[float],
        datetime_start: Optional[datetime.datetime],
        datetime_complete: Optional[datetime.datetime],
        params: Dict[str, Any],
        distributions: Dict[str, BaseDistribution],
        user_attrs: Dict[str, Any],
        system_attrs: Dict[str, Any],
        intermediate_values: Dict[int, float],
        trial_id: int,
        *,
        values: Optional[Sequence[float]] = None,
    ) -> None:
        if value is not None and values is not None:
            raise ValueError("Specify only one of `value` and `values`.")
        self.number = number
        self.state = state
        self._values: Optional[List[float]]
        if value is not None:
            self._values = [value]
        elif values is not None:
            self._values = list(values)
        else:
            self._values = None
        self.datetime_start = datetime_start
        self.datetime_complete = datetime_complete
        self.params = params
        self.distributions = distributions
        self.user_attrs = user_attrs
        self.system_attrs = system_attrs
        self.intermediate_values = intermediate_values
        self._trial_id = trial_id

    @staticmethod
    def _new_running(
        number: int, trial_id: int, datetime_start: Optional[datetime.datetime]
    ) -> "FrozenTrial":
        """Build an empty RUNNING trial without validation (storage hot path)."""
        t = _new_object(FrozenTrial)
        t.number = number
        t.state = _RUNNING
        t._values = None
        t.datetime_start = datetime_start
        t.datetime_complete = None
        t.params = {}
        t.distributions = {}
        t.user_attrs = {}
        t.system_attrs = {}
        t.intermediate_values = {}
        t._trial_id = trial_id
        return t

    # ------------------------------------------------------------------ values
    @property
    def value(self) -> Optional[float]:
        """The objective value; ``RuntimeError`` for a multi-objective trial."""
        if self._values is None:
            return None
        if len(self._values) > 1:
            raise RuntimeError(
                "This attribute is not available for a multi-objective trial; use `values`."
            )
        return self._values[0]

    @value.setter
    def value(self, v: Optional[float]) -> None:
        if self._values is not None and len(self._values) > 1:
            raise RuntimeError(
                "This attribute is not available for a multi-objective trial; use `values`."
            )
        self._values = None if v is None else [v]

    @property
    def values(self) -> Optional[List[float]]:
        """The objective values, or ``None`` when the trial has none."""
        return self._values

    @values.setter
    def values(self, v: Optional[Sequence[float]]) -> None:
        self._values = None if v is None else list(v)

    @property
    def trial_id(self) -> int:
        """Storage-wide identifier of the trial."""
        return self._trial_id

    @property
    def duration(self) -> Optional[datetime.timedelta]:
        """``datetime_complete - datetime_start``, or ``None`` while either is unknown."""
        if self.datetime_start is None or self.datetime_complete is None:
            return None
        return self.datetime_complete - self.datetime_start

    @property
    def last_step(self) -> Optional[int]:
        """The largest step reported, or ``None`` when nothing was reported."""
        if not self.intermediate_values:
            return None
        return max(self.intermediate_values)

    # ------------------------------------------------------------------ BaseTrial
    def suggest_float(
        self,
        name: str,
        low: float,
        high: float,
        *,
        step: Optional[float] = None,
        log: bool = False,
    ) -> float:
        return self._suggest(name, _dists.FloatDistribution(low, high, log=log, step=step))

    def suggest_int(self, name: str, low: int, high: int, step: int = 1, log: bool = False) -> int:
        return int(self._suggest(name, _dists.IntDistribution(low, high, log=log, step=step)))

    def suggest_categorical(
        self, name: str, choices: Sequence[CategoricalChoiceType]
    ) -> CategoricalChoiceType:
        return self._suggest(name, _dists.CategoricalDistribution(choices=choices))

    def _suggest(self, name: str, distribution: BaseDistribution) -> Any:
        if name not in self.params:
            raise ValueError(f"The value of the parameter '{name}' is not found in this trial.")
        value = self.params[name]
        internal = distribution.to_internal_repr(value)
        if not distribution._contains(internal):
            # The recorded value is returned anyway (like FixedTrial): re-running an objective
            # whose ranges changed must still replay the trial.
            _warn_out_of_range(name, value, distribution)
        if name in self.distributions:
            _dists.check_distribution_compatibility(self.distributions[name], distribution)
        return value

    def report(self, value: float, step: int) -> None:
        """Do nothing: a finished trial takes no new reports."""

    def should_prune(self) -> bool:
        """Return ``False``: a finished trial is never pruned."""
        return False

    def set_user_attr(self, key: str, value: Any) -> None:
        self.user_attrs[key] = value

    def set_system_attr(self, key: str, value: Any) -> None:
        self.system_attrs[key] = value

    # ------------------------------------------------------------------ validation
    def _validate(self) -> None:
        """Raise ValueError when the record is inconsistent (used by ``Study.add_trial``)."""
        if self.state != TrialState.WAITING and self.datetime_start is None:
            raise ValueError(
                f"`datetime_start` is required for a trial in state {self.state.name}."
            )
        if self.state.is_finished():
            if self.datetime_complete is None:
                raise ValueError("`datetime_complete` is required for a finished trial.")
        elif self.datetime_complete is not None:
            raise ValueError("`datetime_complete` must be None for an unfinished trial.")
        for step in self.intermediate_values:
            if isinstance(step, bool) or not isinstance(step, int) or step < 0:
                raise ValueError(
                    f"The steps of `intermediate_values` must be non-negative integers, "
                    f"got {step!r}."
                )
        if self.state == TrialState.COMPLETE:
            if self._values is None:
                raise ValueError("A COMPLETE trial needs `value` or `values`.")
            for v in self._values:
                if v is None or math.isnan(float(v)):
                    raise ValueError(f"The values of a COMPLETE trial must not be NaN: {v}.")
        if set(self.params) != set(self.distributions):
            raise ValueError(
                "`params` and `distributions` must have the same keys, got "
                f"{sorted(self.params)} and {sorted(self.distributions)}."
            )
        for name, value in self.params.items():
            distribution = self.distributions[name]
            try:
                internal = distribution.to_internal_repr(value)
            except ValueError as e:
                raise ValueError(
                    f"The value {value!r} of parameter '{name}' is not valid for "
                    f"{distribution!r}: {e}"
                ) from None
            if not distribution._contains(internal):
                raise ValueError(
                    f"The value {value!r} of parameter '{name}' is not contained in "
                    f"{distribution!r}."
                )

    # ------------------------------------------------------------------ object protocol
    def _fields(self) -> tuple:
        return (
            self.number,
            self.state,
            self._values,
            self.datetime_start,
            self.datetime_complete,
            self.params,
            self.distributions,
            self.user_attrs,
            self.system_attrs,
            self.intermediate_values,
            self._trial_id,
        )

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, FrozenTrial):
            return NotImplemented
        return self._fields() == other._fields()

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, FrozenTrial):
            return NotImplemented
        return self.number < other.number

    def __le__(self, other: Any) -> bool:
        if not isinstance(other, FrozenTrial):
            return NotImplemented
        return self.number <= other.number

    def __hash__(self) -> int:
        return hash((self.number, self._trial_id))

    def __repr__(self) -> str:
        return (
            f"FrozenTrial(number={self.number}, state={self.state}, values={self._values}, "
            f"datetime_start={self.datetime_start!r}, "
            f"datetime_complete={self.datetime_complete!r}, params={self.params}, "
            f"user_attrs={self.user_attrs}, system_attrs={self.system_attrs}, "
            f"intermediate_values={self.intermediate_values}, "
            f"distributions={self.distributions}, trial_id={self._trial_id}, "
            f"value={None if self._values is None or len(self._values) > 1 else self._values[0]})"
        )

    def __copy__(self) -> "FrozenTrial":
        t = FrozenTrial.__new__(FrozenTrial)
        t.__dict__.update(self.__dict__)
        return t

    def __deepcopy__(self, memo: Optional[Dict[int, Any]] = None) -> "FrozenTrial":
        # Hot path (every trial handed to a user is a copy): copy the containers by hand and
        # share the immutable parts (numbers, datetimes, states, distributions).
        t = _new_object(FrozenTrial)
        t.number = self.number
        t.state = self.state
        values = self._values
        t._values = None if values is None else values[:]
        t.datetime_start = self.datetime_start
        t.datetime_complete = self.datetime_complete
        attrs = self.params
        t.params = _copy_attrs(attrs) if attrs else {}
        t.distributions = self.distributions.copy()
        attrs = self.user_attrs
        t.user_attrs = _copy_attrs(attrs) if attrs else {}
        attrs = self.system_attrs
        t.system_attrs = _copy_attrs(attrs) if attrs else {}
        t.intermediate_values = self.intermediate_values.copy()
        t._trial_id = self._trial_id
        return t


def create_trial(
    *,
    state: TrialState = TrialState.COMPLETE,
    value: Optional[float] = None,
    values: Optional[Sequence[float]] = None,
    params: Optional[Dict[str, Any]] = None,
    distributions: Optional[Dict[str, BaseDistribution]] = None,
    user_attrs: Optional[Dict[str, Any]] = None,
    system_attrs: Optional[Dict[str, Any]] = None,
    intermediate_values: Optional[Dict[int, float]] = None,
) -> FrozenTrial:
    """Build a validated :class:`FrozenTrial`, typically for :meth:`Study.add_trial`.

    Start and completion times are set to now (no completion time for unfinished states).

    Raises:
        ValueError: if the trial is inconsistent, e.g. COMPLETE without a value or a
            parameter outside its distribution.
    """
    if not isinstance(state, TrialState):
        raise TypeError(f"`state` must be a TrialState, got {state!r}.")
    now = datetime.datetime.now()
    trial = FrozenTrial(
        number=-1,
        state=state,
        value=value,
        values=values,
        datetime_start=None if state == TrialState.WAITING else now,
        datetime_complete=now if state.is_finished() else None,
        params=dict(params or {}),
        distributions=dict(distributions or {}),
        user_attrs=dict(user_attrs or {}),
        system_attrs=dict(system_attrs or {}),
        intermediate_values=dict(intermediate_values or {}),
        trial_id=-1,
    )
    trial._validate()
    return trial


def _warn_out_of_range(name: str, value: Any, distribution: BaseDistribution) -> None:
    warnings.warn(
        f"The value {value!r} of the parameter '{name}' is out of the range of "
        f"the distribution {distribution!r}.",
        stacklevel=4,
    )
