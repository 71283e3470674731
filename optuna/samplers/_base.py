import abc
import numbers
from typing import TYPE_CHECKING, Any, Dict, Optional, Sequence, Tuple

from optuna.distributions import BaseDistribution
from optuna.trial import FrozenTrial, TrialState

if TYPE_CHECKING:
    from optuna.study import Study


class BaseSampler(abc.ABC):
    """Decides the parameter values of trials.

    A sampler draws parameters in two ways. *Relative* sampling happens once per trial, before
    the objective runs: :meth:`infer_relative_search_space` names the parameters to draw
    jointly and :meth:`sample_relative` draws them. *Independent* sampling,
    :meth:`sample_independent`, draws a single parameter when the objective asks for one that
    relative sampling did not cover (e.g. the first trial, or a conditional parameter).
    """

    def __str__(self) -> str:
        return self.__class__.__name__

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A subclass that draws its own values must be asked through sample_independent,
        # even if a parent class has a shortcut for the internal representation.
        if "sample_independent" in cls.__dict__ and "_sample_independent_repr" not in cls.__dict__:
            cls._sample_independent_repr = BaseSampler._sample_independent_repr  # type: ignore

    def infer_relative_search_space(
        self, study: "Study", trial: FrozenTrial
    ) -> Dict[str, BaseDistribution]:
        """Return the parameters :meth:`sample_relative` should draw for ``trial``."""
        return {}

    def sample_relative(
        self, study: "Study", trial: FrozenTrial, search_space: Dict[str, BaseDistribution]
    ) -> Dict[str, Any]:
        """Jointly draw the parameters of ``search_space`` (external representation)."""
        return {}

    @abc.abstractmethod
    def sample_independent(
        self,
        study: "Study",
        trial: FrozenTrial,
        param_name: str,
        param_distribution: BaseDistribution,
    ) -> Any:
        """Draw one parameter (external representation) from ``param_distribution``."""
        raise NotImplementedError

    def _sample_independent_repr(
        self,
        study: "Study",
        trial: FrozenTrial,
        param_name: str,
        param_distribution: BaseDistribution,
    ) -> Tuple[float, Any]:
        """Draw one parameter as its ``(internal, external)`` values.

        The external value is what a trial records and returns: the draw after a round trip
        through the internal representation. Samplers whose draws are valid by construction
        override this to skip the conversions.
        """
        internal = param_distribution.to_internal_repr(
            self.sample_independent(study, trial, param_name, param_distribution)
        )
        return internal, param_distribution.to_external_repr(internal)

    def before_trial(self, study: "Study", trial: FrozenTrial) -> None:
        """Hook called when a trial starts, before any parameter is sampled."""

    def after_trial(
        self,
        study: "Study",
        trial: FrozenTrial,
        state: TrialState,
        values: Optional[Sequence[float]],
    ) -> None:
        """Hook called after the objective returns, before the trial is stored as finished."""

    def reseed_rng(self) -> None:
        """Reseed the random number generator (used by ``n_jobs`` workers and processes)."""

    def _raise_error_if_multi_objective(self, study: "Study") -> None:
        if study._is_multi_objective():
            raise ValueError(
                f"If the study is being used for multi-objective optimization, "
                f"{type(self).__name__} cannot be used."
            )


_MAX_SEED = 2**32 - 1


def _check_seed(seed: Any) -> None:
    """Raise unless ``seed`` is None or an integer in ``[0, 2**32 - 1]``.

    Raises:
        TypeError: when ``seed`` is not an integer.
        ValueError: when it is out of that range.
    """
    if seed is None:
        return
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"`seed` must be None or an integer, got {seed!r}.")
    if not 0 <= int(seed) <= _MAX_SEED:
        raise ValueError(f"`seed` must be between 0 and 2**32 - 1, got {seed!r}.")
