from typing import TYPE_CHECKING

from optuna.pruners._base import BasePruner
from optuna.trial import FrozenTrial

if TYPE_CHECKING:
    from optuna.study import Study


class NopPruner(BasePruner):
    """A pruner that never prunes."""

    def prune(self, study: "Study", trial: FrozenTrial) -> bool:
        return False
