import datetime
import warnings
from typing import Any, Dict, Optional, Sequence

from optuna import distributions as _dists
from optuna.distributions import BaseDistribution, CategoricalChoiceType
from optuna.trial._base import BaseTrial


class FixedTrial(BaseTrial):
    """A trial that returns predetermined parameter values, to re-run an objective.

    Example: ``objective(optuna.trial.FixedTrial({"x": 1.0}))`` evaluates ``objective`` with
    ``x = 1.0`` outside of any study.

    Args:
        params: Parameter values to return from the ``suggest_*`` methods.
        number: The trial number to report.
    """

    def __init__(self, params: Dict[str, Any], number: int = 0) -> None:
        if not isinstance(params, dict):
            raise TypeError(f"params must be a dict of parameter values, got {params!r}.")
        self._params = params
        self._suggested_params: Dict[str, Any] = {}
        self._distributions: Dict[str, BaseDistribution] = {}
        self._user_attrs: Dict[str, Any] = {}
        self._system_attrs: Dict[str, Any] = {}
        self._datetime_start = datetime.datetime.now()
        self._number = number

    def suggest_float(
        self,
        name: str,
        low: float,
        high: float,
        *,
        step: Optional[float] = None,
        log: bool = False,
    ) -> float:
        dist = _dists.FloatDistribution.__new__(_dists.FloatDistribution)
        dist._init(low, high, log, step, name)
        return float(self._suggest(name, dist))

    def suggest_int(self, name: str, low: int, high: int, step: int = 1, log: bool = False) -> int:
        dist = _dists.IntDistribution.__new__(_dists.IntDistribution)
        dist._init(low, high, log, step, name)
        return int(self._suggest(name, dist))

    def suggest_categorical(
        self, name: str, choices: Sequence[CategoricalChoiceType]
    ) -> CategoricalChoiceType:
        return self._suggest(name, _dists.CategoricalDistribution(choices=choices))

    def _suggest(self, name: str, distribution: BaseDistribution) -> Any:
        if name not in self._params:
            raise ValueError(
                f"The value of the parameter '{name}' is not found. Please set it at the "
                "construction of the FixedTrial object."
            )
        value = self._params[name]
        internal = distribution.to_internal_repr(value)
        if not distribution._contains(internal):
            warnings.warn(
                f"The value {value!r} of the parameter '{name}' is out of the range of the "
                f"distribution {distribution!r}.",
                stacklevel=3,
            )
        if name in self._distributions:
            _dists.check_distribution_compatibility(self._distributions[name], distribution)
        self._suggested_params[name] = value
        self._distributions[name] = distribution
        return value

    def report(self, value: float, step: int) -> None:
        """Do nothing: a fixed trial keeps no intermediate values."""

    def should_prune(self) -> bool:
        """Return ``False``: a fixed trial is never pruned."""
        return False

    def set_user_attr(self, key: str, value: Any) -> None:
        self._user_attrs[key] = value

    def set_system_attr(self, key: str, value: Any) -> None:
        self._system_attrs[key] = value

    @property
    def params(self) -> Dict[str, Any]:
        return self._suggested_params

    @property
    def distributions(self) -> Dict[str, BaseDistribution]:
        return self._distributions

    @property
    def user_attrs(self) -> Dict[str, Any]:
        return self._user_attrs

    @property
    def system_attrs(self) -> Dict[str, Any]:
        return self._system_attrs

    @property
    def datetime_start(self) -> Optional[datetime.datetime]:
        return self._datetime_start

    @property
    def number(self) -> int:
        return self._number
