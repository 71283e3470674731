"""Decomposition of a conditional search space into groups of co-occurring parameters."""

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Set, Tuple

from optuna.distributions import BaseDistribution
from optuna.trial import TrialState

if TYPE_CHECKING:
    from optuna.study import Study

_OBSERVED_STATES = (TrialState.COMPLETE.value, TrialState.PRUNED.value)


class GroupDecomposedSearchSpace:
    """Splits the parameters of finished trials into groups that always appear together.

    Each finished (COMPLETE or PRUNED) trial refines the groups: a group is cut into the part
    the trial used and the part it did not, and the trial's parameters that no group holds
    yet form a new group. The update is incremental over the study history. A parameter seen
    with two different distributions is left out (it is sampled independently).
    """

    def __init__(self) -> None:
        self._cursor = 0
        self._study_key: Optional[Tuple[Any, int]] = None
        self._groups: List[Set[str]] = []
        self._distributions: Dict[str, BaseDistribution] = {}
        self._inconsistent: Set[str] = set()

    def __getstate__(self) -> Dict[str, Any]:
        return {}  # rebuilt from the study's history on the next calculate()

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def calculate(self, study: "Study") -> List[Dict[str, BaseDistribution]]:
        """Return the groups as search spaces (sorted by name, single values left out)."""
        key = (study._storage, study._study_id)
        if key != self._study_key:
            self.__init__()  # type: ignore[misc]
            self._study_key = key
        snapshot = study._get_history()
        for row in range(self._cursor, snapshot.n):
            if snapshot.states[row] in _OBSERVED_STATES:
                self._add(snapshot.trials[row].distributions)
        self._cursor = snapshot.n
        spaces = []
        for group in self._groups:
            names = sorted(
                name
                for name in group
                if name not in self._inconsistent and not self._distributions[name].single()
            )
            if names:
                spaces.append({name: self._distributions[name] for name in names})
        return spaces

    def _add(self, distributions: Dict[str, BaseDistribution]) -> None:
        names = set(distributions)
        for name, distribution in distributions.items():
            known = self._distributions.setdefault(name, distribution)
            if known != distribution:
                self._inconsistent.add(name)
        refined: List[Set[str]] = []
        covered: Set[str] = set()
        for group in self._groups:
            covered |= group
            for part in (group & names, group - names):
                if part:
                    refined.append(part)
        if names - covered:
            refined.append(names - covered)
        self._groups = refined
