import collections
import copy
import threading
from typing import TYPE_CHECKING, Dict, Optional

from optuna.distributions import BaseDistribution
from optuna.trial import TrialState

if TYPE_CHECKING:
    from optuna.study import Study
    from optuna.study._history import HistorySnapshot

_COMPLETE = TrialState.COMPLETE.value
_PRUNED = TrialState.PRUNED.value


class IntersectionSearchSpace:
    """The parameters (with identical distributions) shared by all finished trials.

    Only COMPLETE trials count (and PRUNED ones with ``include_pruned=True``). The result is
    updated incrementally: each :meth:`calculate` only looks at trials finished since the
    previous call.

    Args:
        include_pruned: Whether PRUNED trials also restrict the search space.
    """

    def __init__(self, include_pruned: bool = False) -> None:
        self._include_pruned = include_pruned
        self._cursor = 0
        self._search_space: Optional[Dict[str, BaseDistribution]] = None
        self._sorted: Dict[str, BaseDistribution] = {}
        self._source: Optional[object] = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.update(_cursor=0, _search_space=None, _sorted={}, _source=None)  # rebuilt on use
        del state["_lock"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def calculate(self, study: "Study", ordered_dict: bool = False) -> Dict[str, BaseDistribution]:
        """Return the intersection search space of ``study``, sorted by parameter name."""
        result = self._shared(study)
        return collections.OrderedDict(result) if ordered_dict else copy.copy(result)

    def _shared(self, study: "Study") -> Dict[str, BaseDistribution]:
        """The search space as a dict that callers must not modify; the same object is
        returned for as long as the search space does not change."""
        snapshot = study._get_history()
        with self._lock:
            self._update(snapshot)
            return self._sorted

    def _update(self, snapshot: "HistorySnapshot") -> None:
        if snapshot.source is not self._source:
            self._source, self._cursor, self._search_space = snapshot.source, 0, None
            self._sorted = {}
        states = snapshot.states
        accepted = (_COMPLETE, _PRUNED) if self._include_pruned else (_COMPLETE,)
        space = self._search_space
        changed = False
        for row in range(self._cursor, snapshot.n):
            if states[row] not in accepted:
                continue
            distributions = snapshot.trials[row].distributions
            if space is None:
                space = dict(distributions)
                changed = True
                continue
            for name, distribution in list(space.items()):
                other = distributions.get(name)
                if other is not distribution and other != distribution:
                    del space[name]
                    changed = True
        self._cursor = snapshot.n
        self._search_space = space
        if changed:
            self._sorted = {name: space[name] for name in sorted(space)} if space else {}


def intersection_search_space(
    study: "Study", ordered_dict: bool = False, include_pruned: bool = False
) -> Dict[str, BaseDistribution]:
    """Return the intersection search space of ``study`` (see :class:`IntersectionSearchSpace`).

    This computes from scratch; samplers should keep an :class:`IntersectionSearchSpace` to
    benefit from incremental updates.
    """
    return IntersectionSearchSpace(include_pruned=include_pruned).calculate(
        study, ordered_dict=ordered_dict
    )
