import abc
from typing import TYPE_CHECKING

from optuna.trial import FrozenTrial

if TYPE_CHECKING:
    from optuna.study import Study


class BasePruner(abc.ABC):
    """Decides whether a running trial should stop early, from its intermediate values."""

    @abc.abstractmethod
    def prune(self, study: "Study", trial: FrozenTrial) -> bool:
        """Return ``True`` when ``trial`` should be pruned at its last reported step."""
        raise NotImplementedError
