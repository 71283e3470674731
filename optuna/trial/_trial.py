import copy
import datetime
import math
import warnings
from typing import TYPE_CHECKING, Any, Dict, Optional, Sequence, Tuple

from optuna import distributions as _dists
from optuna.distributions import (
    BaseDistribution,
    CategoricalChoiceType,
    CategoricalDistribution,
    FloatDistribution,
    IntDistribution,
)
from optuna.trial._base import BaseTrial
from optuna.trial._frozen import FrozenTrial

if TYPE_CHECKING:
    from optuna.study import Study

_FIXED_PARAMS_KEY = "fixed_params"

# Suggest calls usually repeat the same ranges every trial; sharing the (immutable)
# distribution objects skips re-validating them. Entries are ``(distribution, single)``.
_DIST_CACHE: Dict[tuple, Tuple[BaseDistribution, bool]] = {}
_DIST_CACHE_LIMIT = 4096


def _cache(key: tuple, distribution: BaseDistribution) -> Tuple[BaseDistribution, bool]:
    entry = (distribution, distribution.single())
    # A distribution whose construction warned (high trimmed to the step, non-primitive
    # choices) is not cached, so every suggest call repeats the warning.
    if key[0] == "c":
        if not all(isinstance(c, _dists._PRIMITIVE_CHOICE_TYPES) for c in key[2]):
            return entry
    elif getattr(distribution, "high", None) != key[3]:
        return entry
    if len(_DIST_CACHE) >= _DIST_CACHE_LIMIT:
        _DIST_CACHE.clear()
    _DIST_CACHE[key] = entry
    return entry


class Trial(BaseTrial):
    """A running evaluation of the objective function.

    The objective receives a ``Trial`` and calls its ``suggest_*`` methods to get parameter
    values, :meth:`report` to record intermediate values and :meth:`should_prune` to ask the
    pruner whether to stop early. Users do not construct trials directly: ``Study.optimize``
    and ``Study.ask`` do.

    Args:
        study: The study the trial belongs to.
        trial_id: The storage id of the trial.
    """

    def __init__(
        self, study: "Study", trial_id: int, _frozen: Optional[FrozenTrial] = None
    ) -> None:
        self.study = study
        self._trial_id = trial_id
        self.storage = storage = study._storage
        # A private mirror of the stored trial, kept in sync by this object's setters.
        self._cached_frozen_trial = frozen = _frozen or storage.get_trial(trial_id)
        self._fixed_params: Optional[Dict[str, Any]] = frozen.system_attrs.get(_FIXED_PARAMS_KEY)
        sampler = study.sampler
        sampler.before_trial(study, frozen)
        self.relative_search_space = sampler.infer_relative_search_space(study, frozen)
        self._relative_params: Optional[Dict[str, Any]] = None
        # Whether every parameter that is not single-valued goes to sample_independent.
        self._independent_only = self._fixed_params is None and not self.relative_search_space

    @property
    def relative_params(self) -> Dict[str, Any]:
        """Parameters sampled jointly by the sampler's ``sample_relative`` (computed lazily)."""
        if self._relative_params is None:
            if self.relative_search_space:
                self._relative_params = self.study.sampler.sample_relative(
                    self.study, self._cached_frozen_trial, self.relative_search_space
                )
            else:
                self._relative_params = {}
        return self._relative_params

    # ------------------------------------------------------------------ suggest API
    def suggest_float(
        self,
        name: str,
        low: float,
        high: float,
        *,
        step: Optional[float] = None,
        log: bool = False,
    ) -> float:
        """Suggest a float in ``[low, high]``.

        Args:
            name: Parameter name.
            low: Lower endpoint (included).
            high: Upper endpoint (included).
            step: Optional discretization step (values ``low + k * step``).
            log: Sample in log scale (needs ``low > 0``; not combinable with ``step``).

        Raises:
            ValueError: for an invalid range, or when ``name`` was suggested before with an
                incompatible distribution.
        """
        key = ("f", name, low, high, step, log)
        entry = _DIST_CACHE.get(key)
        if entry is None:
            entry = _cache(key, _build(FloatDistribution, name, low, high, log, step))
        return float(self._suggest(name, entry[0], entry[1]))

    def suggest_int(self, name: str, low: int, high: int, step: int = 1, log: bool = False) -> int:
        """Suggest an integer in ``[low, high]`` (spaced by ``step``, or in log scale).

        Raises:
            ValueError: for an invalid range, or when ``name`` was suggested before with an
                incompatible distribution.
        """
        key = ("i", name, low, high, step, log)
        entry = _DIST_CACHE.get(key)
        if entry is None:
            entry = _cache(key, _build(IntDistribution, name, low, high, log, step))
        return int(self._suggest(name, entry[0], entry[1]))

    def suggest_categorical(
        self, name: str, choices: Sequence[CategoricalChoiceType]
    ) -> CategoricalChoiceType:
        """Suggest one of ``choices`` (None, bool, int, float or str values).

        Raises:
            ValueError: when ``choices`` is empty, or differs from an earlier suggestion of
                ``name``.
        """
        if not isinstance(choices, Sequence):
            if isinstance(choices, (str, bytes)) or not hasattr(choices, "__iter__"):
                raise TypeError(
                    f"The choices of parameter '{name}' must be a sequence of values (e.g. a "
                    f"list), got {choices!r}."
                )
            choices = list(choices)  # a generator would be spent by the cache key
        try:
            key = ("c", name, tuple(choices), tuple(map(type, choices)))
            entry = _DIST_CACHE.get(key)
        except TypeError:  # unhashable choices: no caching
            return self._suggest(name, CategoricalDistribution(choices=choices))
        if entry is None:
            entry = _cache(key, CategoricalDistribution(choices))
        return self._suggest(name, entry[0], entry[1])

    def _suggest(
        self, name: str, distribution: BaseDistribution, single: Optional[bool] = None
    ) -> Any:
        """Return the value of ``name``, sampling and recording it on its first request.

        ``single`` is ``distribution.single()`` when the caller knows it already.
        """
        frozen = self._cached_frozen_trial
        if name in frozen.distributions:
            known = frozen.distributions[name]
            if known is not distribution:
                _dists.check_distribution_compatibility(known, distribution)
                if known != distribution:
                    _warn_changed_distribution(name, known, distribution, frozen.params[name])
            return frozen.params[name]

        if single is False and self._independent_only:
            internal, value = _sample_independent(self.study, frozen, name, distribution)
        else:
            internal, value = self._draw(name, distribution)
        storage = self.storage
        if "set_trial_param" in storage.__dict__:  # replaced on this object (e.g. mocked)
            storage.set_trial_param(self._trial_id, name, internal, distribution)
        else:
            storage._set_trial_param_repr(self._trial_id, name, internal, value, distribution)
        frozen.params[name] = value
        frozen.distributions[name] = distribution
        return value

    def _draw(self, name: str, distribution: BaseDistribution) -> Tuple[float, Any]:
        """Pick the value of a new parameter, as ``(internal, external)``."""
        fixed = self._fixed_params
        if fixed is not None and name in fixed:
            internal = self._fixed_internal(name, fixed[name], distribution)
        elif distribution.single():
            internal = distribution.to_internal_repr(_dists._get_single_value(distribution))
        elif self.relative_search_space and self._is_relative_param(name, distribution):
            internal = distribution.to_internal_repr(self.relative_params[name])
        else:
            return _sample_independent(self.study, self._cached_frozen_trial, name, distribution)
        return internal, distribution.to_external_repr(internal)

    @staticmethod
    def _fixed_internal(name: str, value: Any, distribution: BaseDistribution) -> float:
        internal = distribution.to_internal_repr(value)
        if (
            isinstance(distribution, IntDistribution)
            and math.isfinite(internal)
            and not float(internal).is_integer()
        ):
            internal = float(int(internal))
            warnings.warn(
                f"Fixed parameter '{name}' with value {value!r} is not an integer; "
                f"{int(internal)} is used instead.",
                stacklevel=_dists._user_stacklevel(),
            )
        if not distribution._contains(internal):
            warnings.warn(
                f"Fixed parameter '{name}' with value {value!r} is out of range "
                f"for distribution {distribution!r}.",
                stacklevel=_dists._user_stacklevel(),
            )
        return internal

    def _is_relative_param(self, name: str, distribution: BaseDistribution) -> bool:
        relative_distribution = self.relative_search_space.get(name)
        if relative_distribution is None or name not in self.relative_params:
            return False
        if relative_distribution != distribution:
            _dists.check_distribution_compatibility(relative_distribution, distribution)
            return False
        return True

    # ------------------------------------------------------------------ pruning
    def report(self, value: float, step: int) -> None:
        """Record an intermediate objective value at ``step`` (for pruning and plots).

        Reporting the same step twice keeps the first value and warns.

        Raises:
            NotImplementedError: in a multi-objective study.
            TypeError: when ``value`` is not a number or ``step`` is not an integer.
            ValueError: when ``step`` is negative.
        """
        if len(self.study._directions) > 1:
            raise NotImplementedError(
                "Trial.report is not supported for multi-objective optimization."
            )
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise TypeError(
                f"The `value` argument is of type '{type(value).__name__}' but supposed to be "
                "a float."
            ) from None
        if isinstance(step, bool) or not isinstance(step, (int, _np_integer())):
            raise TypeError(
                f"The `step` argument is of type '{type(step).__name__}' but supposed to be "
                "an int."
            )
        step = int(step)
        if step < 0:
            raise ValueError(f"The `step` argument is {step} but cannot be negative.")
        intermediate = self._cached_frozen_trial.intermediate_values
        if step in intermediate:
            warnings.warn(
                f"The reported value is ignored because this `step` {step} is already reported.",
                stacklevel=2,
            )
            return
        self.storage.set_trial_intermediate_value(self._trial_id, step, value)
        intermediate[step] = value

    def should_prune(self) -> bool:
        """Ask the study's pruner whether this trial should stop now.

        Raises:
            NotImplementedError: in a multi-objective study.
        """
        if len(self.study._directions) > 1:
            raise NotImplementedError(
                "Trial.should_prune is not supported for multi-objective optimization."
            )
        return bool(self.study.pruner.prune(self.study, self._cached_frozen_trial))

    # ------------------------------------------------------------------ attributes
    def set_user_attr(self, key: str, value: Any) -> None:
        """Attach a JSON-serializable user attribute to the trial."""
        self.storage.set_trial_user_attr(self._trial_id, key, value)
        self._cached_frozen_trial.user_attrs[key] = value

    def set_system_attr(self, key: str, value: Any) -> None:
        """Attach a system attribute (used internally by optuna components)."""
        self.storage.set_trial_system_attr(self._trial_id, key, value)
        self._cached_frozen_trial.system_attrs[key] = value

    @property
    def number(self) -> int:
        """The trial's number, unique and consecutive within the study."""
        return self._cached_frozen_trial.number

    @property
    def params(self) -> Dict[str, Any]:
        """Parameters suggested so far."""
        return dict(self._cached_frozen_trial.params)

    @property
    def distributions(self) -> Dict[str, BaseDistribution]:
        """Distributions of the parameters suggested so far."""
        return dict(self._cached_frozen_trial.distributions)

    @property
    def user_attrs(self) -> Dict[str, Any]:
        return copy.deepcopy(self._cached_frozen_trial.user_attrs)

    @property
    def system_attrs(self) -> Dict[str, Any]:
        return copy.deepcopy(self._cached_frozen_trial.system_attrs)

    @property
    def datetime_start(self) -> Optional[datetime.datetime]:
        return self._cached_frozen_trial.datetime_start

    def __repr__(self) -> str:
        return f"Trial(number={self.number}, params={self._cached_frozen_trial.params})"


def _build(cls: Any, name: str, low: Any, high: Any, log: bool, step: Any) -> BaseDistribution:
    dist = cls.__new__(cls)
    dist._init(low, high, log, step, name)
    return dist


def _np_integer() -> type:
    import numpy  # numpy is already loaded by then; importing here keeps this module light

    return numpy.integer


def _sample_independent(
    study: "Study", trial: FrozenTrial, name: str, distribution: BaseDistribution
) -> Tuple[float, Any]:
    """Ask the study's sampler for one parameter, as ``(internal, external)`` values."""
    sampler = study.sampler
    if "sample_independent" in sampler.__dict__:  # replaced on this object (e.g. mocked)
        from optuna.samplers._base import BaseSampler

        return BaseSampler._sample_independent_repr(sampler, study, trial, name, distribution)
    return sampler._sample_independent_repr(study, trial, name, distribution)


def _warn_changed_distribution(
    name: str, first: BaseDistribution, again: BaseDistribution, value: Any
) -> None:
    warnings.warn(
        f"Parameter '{name}' was suggested again in this trial with a different "
        f"distribution, {again}, than the first time, {first}. This may be a configuration "
        f"mistake; the value of the first suggestion, {value!r}, is returned.",
        RuntimeWarning,
        stacklevel=_dists._user_stacklevel(),
    )
