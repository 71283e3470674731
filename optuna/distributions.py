"""Parameter distributions: the search space of a single hyperparameter.

Every distribution maps the user-facing ("external") value of a parameter to a float
("internal" representation) that samplers and storages work with, and back. Integer and float
parameters keep their value (as a float); a categorical parameter is stored as the index of the
chosen value in ``choices``.
"""

import decimal
import json
import math
import numbers
import os
import sys
import warnings
from typing import Any, Dict, Optional, Sequence, Tuple, Type, Union

from optuna._deprecated import deprecated_class

CategoricalChoiceType = Union[None, bool, int, float, str]

__all__ = [
    "BaseDistribution",
    "CategoricalChoiceType",
    "CategoricalDistribution",
    "DISTRIBUTION_CLASSES",
    "DiscreteUniformDistribution",
    "FloatDistribution",
    "IntDistribution",
    "IntLogUniformDistribution",
    "IntUniformDistribution",
    "LogUniformDistribution",
    "UniformDistribution",
    "check_distribution_compatibility",
    "deprecated_class",
    "distribution_to_json",
    "json_to_distribution",
]


class BaseDistribution:
    """Base class of parameter distributions."""

    def to_external_repr(self, param_value_in_internal_repr: float) -> Any:
        """Convert an internal float into the value the user sees."""
        return param_value_in_internal_repr

    def to_internal_repr(self, param_value_in_external_repr: Any) -> float:
        """Convert a user-facing value into the internal float."""
        return param_value_in_external_repr

    def single(self) -> bool:
        """Return whether the distribution contains exactly one value."""
        raise NotImplementedError

    def _contains(self, param_value_in_internal_repr: float) -> bool:
        raise NotImplementedError

    def _asdict(self) -> Dict[str, Any]:
        return dict(self.__dict__)

    def __eq__(self, other: Any) -> bool:
        if self is other:
            return True
        if not isinstance(other, BaseDistribution):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self).__name__,) + tuple(_hashable(v) for v in self.__dict__.values()))

    def __repr__(self) -> str:
        kwargs = ", ".join(f"{k}={v!r}" for k, v in sorted(self._asdict().items()))
        return f"{type(self).__name__}({kwargs})"


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _check_numeric_range(
    low: Any, high: Any, log: bool, step: Optional[Any], name: Optional[str] = None
) -> None:
    where = f" of parameter '{name}'" if name else ""
    if not _is_number(low) or not _is_number(high):
        raise ValueError(f"low and high{where} must be numbers, got low={low!r}, high={high!r}.")
    if math.isnan(low) or math.isnan(high) or math.isinf(low) or math.isinf(high):
        raise ValueError(f"low and high{where} must be finite, got low={low}, high={high}.")
    if low > high:
        raise ValueError(
            f"The value of low{where} must be smaller than or equal to high, "
            f"got low={low}, high={high}."
        )
    if log and low <= 0.0:
        raise ValueError(
            f"The value of low{where} must be larger than 0 for a log distribution, "
            f"got low={low}, high={high}."
        )
    if step is not None:
        if log:
            raise ValueError(
                f"The step{where} cannot be used together with log=True, got step={step}."
            )
        if not _is_number(step) or math.isnan(step) or step <= 0:
            raise ValueError(f"The step{where} must be a positive number, got step={step!r}.")


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _user_stacklevel() -> int:
    """The ``stacklevel`` that makes a warning raised by the caller point at the first frame
    outside this package (the user's line, however the distribution was created)."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def _trimmed_high(low: float, high: float, step: float, name: Optional[str]) -> float:
    """Return the largest value ``low + k * step`` that is <= ``high``, warning if it moved."""
    d_low, d_high, d_step = (decimal.Decimal(str(v)) for v in (low, high, step))
    n_steps = (d_high - d_low) // d_step
    trimmed = d_low + n_steps * d_step
    if trimmed != d_high:
        where = f" of parameter '{name}'" if name else ""
        warnings.warn(
            f"The range{where} [low={low}, high={high}] is not divisible by step={step}; "
            f"high is replaced by {float(trimmed)}.",
            stacklevel=_user_stacklevel(),
        )
    return float(trimmed)


class FloatDistribution(BaseDistribution):
    """A distribution over floats in ``[low, high]``.

    Args:
        low: Lower endpoint, included.
        high: Upper endpoint, included.
        log: Sample in the log domain; needs ``low > 0`` and no ``step``.
        step: Discretization step; values are ``low + k * step``. ``high`` is trimmed (with a
            warning) to the largest reachable value when the range is not a multiple of it.
    """

    def __init__(
        self, low: float, high: float, log: bool = False, step: Optional[float] = None
    ) -> None:
        self._init(low, high, log, step, None)

    def _init(
        self, low: float, high: float, log: bool, step: Optional[float], name: Optional[str]
    ) -> None:
        _check_numeric_range(low, high, log, step, name)
        low, high = float(low), float(high)
        if step is not None:
            step = float(step)
            high = _trimmed_high(low, high, step, name)
        self.step = step
        self.low = low
        self.high = high
        self.log = bool(log)

    def single(self) -> bool:
        if self.step is None:
            return self.low == self.high
        if self.low == self.high:
            return True
        high = decimal.Decimal(str(self.high))
        low = decimal.Decimal(str(self.low))
        return (high - low) < decimal.Decimal(str(self.step))

    def _contains(self, param_value_in_internal_repr: float) -> bool:
        value = param_value_in_internal_repr
        if not (self.low <= value <= self.high):
            return False
        if self.step is None:
            return True
        k = (value - self.low) / self.step
        return abs(k - round(k)) < 1e-8

    def to_internal_repr(self, param_value_in_external_repr: float) -> float:
        try:
            value = float(param_value_in_external_repr)
        except (TypeError, ValueError) as e:
            raise ValueError(
                f"{param_value_in_external_repr!r} is not a valid float value."
            ) from e
        if math.isnan(value):
            raise ValueError("NaN is not a valid float parameter value.")
        return value


class IntDistribution(BaseDistribution):
    """A distribution over integers ``low, low + step, ..., high``.

    Args:
        low: Lower endpoint, included.
        high: Upper endpoint, included (trimmed with a warning when not reachable by ``step``).
        log: Sample in the log domain; needs ``low >= 1`` and ``step == 1``.
        step: Spacing between values.
    """

    def __init__(self, low: int, high: int, log: bool = False, step: int = 1) -> None:
        self._init(low, high, log, step, None)

    def _init(self, low: int, high: int, log: bool, step: int, name: Optional[str]) -> None:
        where = f" of parameter '{name}'" if name else ""
        for label, v in (("low", low), ("high", high), ("step", step)):
            if _is_number(v) and not float(v).is_integer():
                raise ValueError(f"The {label}{where} must be an integer, got {label}={v!r}.")
        _check_numeric_range(low, high, log, None if step == 1 else step, name)
        if not _is_number(step) or step <= 0:
            raise ValueError(f"The step{where} must be a positive integer, got step={step!r}.")
        low, high, step = int(low), int(high), int(step)
        if (high - low) % step != 0:
            new_high = low + (high - low) // step * step
            warnings.warn(
                f"The range{where} [low={low}, high={high}] is not divisible by step={step}; "
                f"high is replaced by {new_high}.",
                stacklevel=_user_stacklevel(),
            )
            high = new_high
        self.log = bool(log)
        self.step = step
        self.low = low
        self.high = high

    def single(self) -> bool:
        return self.low == self.high or (self.high - self.low) < self.step

    def _contains(self, param_value_in_internal_repr: float) -> bool:
        value = param_value_in_internal_repr
        if not (self.low <= value <= self.high):
            return False
        return (value - self.low) % self.step == 0

    def to_external_repr(self, param_value_in_internal_repr: float) -> int:
        return int(param_value_in_internal_repr)

    def to_internal_repr(self, param_value_in_external_repr: int) -> float:
        try:
            value = float(param_value_in_external_repr)
        except (TypeError, ValueError) as e:
            raise ValueError(f"{param_value_in_external_repr!r} is not a valid int value.") from e
        if math.isnan(value):
            raise ValueError("NaN is not a valid int parameter value.")
        return value


@deprecated_class("3.0.0", "6.0.0", text="Use FloatDistribution instead.")
class UniformDistribution(FloatDistribution):
    """Deprecated: a float distribution in ``[low, high]``. Use :class:`FloatDistribution`."""

    def __init__(self, low: float, high: float) -> None:
        super().__init__(low=low, high=high, log=False, step=None)

    def _asdict(self) -> Dict[str, Any]:
        return {"low": self.low, "high": self.high}


@deprecated_class("3.0.0", "6.0.0", text="Use FloatDistribution(low, high, log=True) instead.")
class LogUniformDistribution(FloatDistribution):
    """Deprecated: a log-scaled float distribution. Use ``FloatDistribution(log=True)``."""

    def __init__(self, low: float, high: float) -> None:
        super().__init__(low=low, high=high, log=True, step=None)

    def _asdict(self) -> Dict[str, Any]:
        return {"low": self.low, "high": self.high}


@deprecated_class("3.0.0", "6.0.0", text="Use FloatDistribution(low, high, step=q) instead.")
class DiscreteUniformDistribution(FloatDistribution):
    """Deprecated: a float distribution with step ``q``. Use ``FloatDistribution(step=q)``."""

    def __init__(self, low: float, high: float, q: float) -> None:
        super().__init__(low=low, high=high, step=q)

    @property
    def q(self) -> float:
        assert self.step is not None
        return self.step

    @q.setter
    def q(self, v: float) -> None:
        self.step = v

    def _asdict(self) -> Dict[str, Any]:
        return {"low": self.low, "high": self.high, "q": self.step}


@deprecated_class("3.0.0", "6.0.0", text="Use IntDistribution instead.")
class IntUniformDistribution(IntDistribution):
    """Deprecated: an integer distribution. Use :class:`IntDistribution`."""

    def __init__(self, low: int, high: int, step: int = 1) -> None:
        super().__init__(low=low, high=high, log=False, step=step)

    def _asdict(self) -> Dict[str, Any]:
        return {"low": self.low, "high": self.high, "step": self.step}


@deprecated_class("3.0.0", "6.0.0", text="Use IntDistribution(low, high, log=True) instead.")
class IntLogUniformDistribution(IntDistribution):
    """Deprecated: a log-scaled integer distribution. Use ``IntDistribution(log=True)``."""

    def __init__(self, low: int, high: int, step: int = 1) -> None:
        super().__init__(low=low, high=high, log=True, step=1)
        self.step = step

    def _asdict(self) -> Dict[str, Any]:
        return {"low": self.low, "high": self.high, "step": self.step}


_PRIMITIVE_CHOICE_TYPES = (type(None), bool, int, float, str)


class CategoricalDistribution(BaseDistribution):
    """A distribution over a finite sequence of choices.

    Args:
        choices: Non-empty sequence of candidates. ``None``, ``bool``, ``int``, ``float`` and
            ``str`` are supported everywhere; other types work in memory only and warn.
    """

    def __init__(self, choices: Sequence[CategoricalChoiceType]) -> None:
        if isinstance(choices, (str, bytes)) or not isinstance(choices, Sequence):
            try:
                choices = tuple(choices)
            except TypeError:
                raise ValueError(f"choices must be a sequence, got {choices!r}.") from None
        if len(choices) == 0:
            raise ValueError("The choices of a categorical distribution must not be empty.")
        for choice in choices:
            if not isinstance(choice, _PRIMITIVE_CHOICE_TYPES):
                warnings.warn(
                    f"Choices for a categorical distribution should be a tuple of None, bool, "
                    f"int, float and str; {choice!r} of type {type(choice).__name__} works in "
                    "memory only and cannot be stored in a persistent storage.",
                    stacklevel=3,
                )
                break
        self.choices = tuple(choices)

    def single(self) -> bool:
        return len(self.choices) == 1

    def _contains(self, param_value_in_internal_repr: float) -> bool:
        index = param_value_in_internal_repr
        return 0 <= index < len(self.choices) and float(index).is_integer()

    def to_external_repr(self, param_value_in_internal_repr: float) -> CategoricalChoiceType:
        return self.choices[int(param_value_in_internal_repr)]

    def to_internal_repr(self, param_value_in_external_repr: CategoricalChoiceType) -> float:
        value = param_value_in_external_repr
        try:
            index = self._index_of()[(type(value), value)]
            if index is not None:
                return index
        except (KeyError, TypeError):  # unhashable or absent: fall back to a scan
            pass
        for i, choice in enumerate(self.choices):
            if _same_choice(choice, value):
                return float(i)
        raise ValueError(f"{value!r} is not one of the choices {self.choices!r}.")

    def _index_of(self) -> Dict[Any, Optional[float]]:
        """Map ``(type, choice)`` to its index (``None`` marks choices needing a scan)."""
        index = self.__dict__.get("_index_cache")
        if index is None:
            index = {}
            for i, choice in enumerate(self.choices):
                try:
                    index.setdefault((type(choice), choice), float(i))
                except TypeError:
                    continue
            self.__dict__["_index_cache"] = index
        return index

    def _asdict(self) -> Dict[str, Any]:
        return {"choices": self.choices}

    def __getstate__(self) -> Dict[str, Any]:
        return {"choices": self.choices}

    def __hash__(self) -> int:
        return hash(("CategoricalDistribution",) + tuple(_hashable(c) for c in self.choices))

    def __eq__(self, other: Any) -> bool:
        if self is other:
            return True
        if not isinstance(other, BaseDistribution):
            return NotImplemented
        if not isinstance(other, CategoricalDistribution):
            return False
        if len(self.choices) != len(other.choices):
            return False
        return all(_same_choice(a, b) for a, b in zip(self.choices, other.choices))


def _same_choice(a: Any, b: Any) -> bool:
    if a is b:
        return True
    # ``True == 1`` and ``1 == 1.0`` must not make different choices collide.
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    try:
        return bool(a == b) and (type(a) is type(b) or (_is_number(a) and _is_number(b)))
    except Exception:
        return False


DISTRIBUTION_CLASSES: Tuple[Type[BaseDistribution], ...] = (
    IntDistribution,
    IntLogUniformDistribution,
    IntUniformDistribution,
    FloatDistribution,
    UniformDistribution,
    LogUniformDistribution,
    DiscreteUniformDistribution,
    CategoricalDistribution,
)
_CLASS_BY_NAME = {cls.__name__: cls for cls in DISTRIBUTION_CLASSES}


def distribution_to_json(dist: BaseDistribution) -> str:
    """Serialize a distribution to a JSON string (the format storages persist)."""
    attributes = dist._asdict()
    if isinstance(dist, CategoricalDistribution):
        attributes = {"choices": list(dist.choices)}
    return json.dumps({"name": type(dist).__name__, "attributes": attributes})


def json_to_distribution(json_str: str) -> BaseDistribution:
    """Deserialize a distribution written by :func:`distribution_to_json`."""
    try:
        loaded = json.loads(json_str)
        name = loaded["name"]
        attributes = loaded["attributes"]
    except (ValueError, KeyError, TypeError) as e:
        raise ValueError(f"Malformed distribution JSON: {json_str!r}.") from e
    cls = _CLASS_BY_NAME.get(name)
    if cls is None:
        raise ValueError(f"Unknown distribution class: {name!r}.")
    try:
        if cls is CategoricalDistribution:
            return CategoricalDistribution(choices=tuple(attributes["choices"]))
        with warnings.catch_warnings():
            # Loading a stored deprecated distribution is not the user's use of a deprecated API.
            warnings.simplefilter("ignore", FutureWarning)
            return cls(**attributes)
    except (KeyError, TypeError) as e:
        raise ValueError(f"Malformed attributes for {name}: {json_str!r} ({e}).") from e


def _kind(dist: BaseDistribution) -> str:
    if isinstance(dist, CategoricalDistribution):
        return "categorical"
    if isinstance(dist, IntDistribution):
        return "int"
    if isinstance(dist, FloatDistribution):
        return "float"
    return type(dist).__name__


def check_distribution_compatibility(
    dist_old: BaseDistribution, dist_new: BaseDistribution
) -> None:
    """Raise ValueError when two distributions cannot describe the same parameter.

    Distributions of different kinds (float, int, categorical) are incompatible, as are
    numeric distributions that differ in ``log``, and categorical distributions with
    different choices. Different ranges are compatible (dynamic search spaces).
    """
    kind_old, kind_new = _kind(dist_old), _kind(dist_new)
    if kind_old != kind_new:
        raise ValueError(
            f"Cannot set different distribution kind to the same parameter name: "
            f"{dist_old!r} is {kind_old} but {dist_new!r} is {kind_new}."
        )
    if kind_old == "categorical":
        if dist_old != dist_new:
            raise ValueError(
                "CategoricalDistribution does not support dynamic value space: "
                f"{dist_old!r} != {dist_new!r}."
            )
        return
    if getattr(dist_old, "log") != getattr(dist_new, "log"):
        raise ValueError(
            f"Cannot set different log configuration to the same parameter name: "
            f"{dist_old!r} vs {dist_new!r}."
        )


def _get_single_value(distribution: BaseDistribution) -> Union[int, float, CategoricalChoiceType]:
    assert distribution.single()
    if isinstance(distribution, (FloatDistribution, IntDistribution)):
        return distribution.low
    assert isinstance(distribution, CategoricalDistribution)
    return distribution.choices[0]


def _convert_old_distribution_to_new_distribution(
    distribution: BaseDistribution,
) -> BaseDistribution:
    """Map a deprecated distribution to its Float/Int equivalent (others pass through)."""
    if isinstance(distribution, (UniformDistribution, LogUniformDistribution)):
        return FloatDistribution(distribution.low, distribution.high, log=distribution.log)
    if isinstance(distribution, DiscreteUniformDistribution):
        return FloatDistribution(distribution.low, distribution.high, step=distribution.step)
    if isinstance(distribution, (IntUniformDistribution, IntLogUniformDistribution)):
        return IntDistribution(
            distribution.low,
            distribution.high,
            log=distribution.log,
            step=1 if distribution.log else distribution.step,
        )
    return distribution
