import abc
from typing import Any, Optional, Sequence

from optuna._deprecated import deprecated_func
from optuna.distributions import CategoricalChoiceType


class BaseTrial(abc.ABC):
    """The interface shared by :class:`Trial`, :class:`FixedTrial` and :class:`FrozenTrial`.

    Every implementation also exposes ``params``, ``distributions``, ``user_attrs``,
    ``system_attrs``, ``datetime_start`` and ``number``.
    """

    @abc.abstractmethod
    def suggest_float(
        self,
        name: str,
        low: float,
        high: float,
        *,
        step: Optional[float] = None,
        log: bool = False,
    ) -> float:
        raise NotImplementedError

    @deprecated_func("3.0.0", "6.0.0", text="Use suggest_float(name, low, high) instead.")
    def suggest_uniform(self, name: str, low: float, high: float) -> float:
        """Deprecated alias of ``suggest_float(name, low, high)``."""
        return self.suggest_float(name, low, high)

    @deprecated_func("3.0.0", "6.0.0", text="Use suggest_float(name, low, high, log=True).")
    def suggest_loguniform(self, name: str, low: float, high: float) -> float:
        """Deprecated alias of ``suggest_float(name, low, high, log=True)``."""
        return self.suggest_float(name, low, high, log=True)

    @deprecated_func("3.0.0", "6.0.0", text="Use suggest_float(name, low, high, step=q).")
    def suggest_discrete_uniform(self, name: str, low: float, high: float, q: float) -> float:
        """Deprecated alias of ``suggest_float(name, low, high, step=q)``."""
        return self.suggest_float(name, low, high, step=q)

    @abc.abstractmethod
    def suggest_int(self, name: str, low: int, high: int, step: int = 1, log: bool = False) -> int:
        raise NotImplementedError

    @abc.abstractmethod
    def suggest_categorical(
        self, name: str, choices: Sequence[CategoricalChoiceType]
    ) -> CategoricalChoiceType:
        raise NotImplementedError

    @abc.abstractmethod
    def report(self, value: float, step: int) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def should_prune(self) -> bool:
        raise NotImplementedError

    @abc.abstractmethod
    def set_user_attr(self, key: str, value: Any) -> None:
        raise NotImplementedError

    @abc.abstractmethod
    def set_system_attr(self, key: str, value: Any) -> None:
        raise NotImplementedError
