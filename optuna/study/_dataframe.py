from typing import TYPE_CHECKING, Any, Dict, List, Tuple

if TYPE_CHECKING:
    import pandas as pd

    from optuna.study import Study

# Attributes holding a dict: one column per key, named ``<attr>_<key>``.
_NESTED = ("params", "distributions", "user_attrs", "system_attrs", "intermediate_values")
# Column names of attributes whose FrozenTrial name is private.
_RENAMED = {"_trial_id": "trial_id"}

_Column = Tuple[str, Any]


def _trials_dataframe(study: "Study", attrs: Tuple[str, ...], multi_index: bool) -> "pd.DataFrame":
    import pandas as pd

    trials = study.get_trials(deepcopy=False)
    if not trials:
        return pd.DataFrame()
    multi = study._is_multi_objective()
    if "value" in attrs and multi:
        attrs = tuple("values" if a == "value" else a for a in attrs)
    attrs = tuple(_RENAMED.get(a, a) for a in attrs)
    records: List[Dict[_Column, Any]] = []
    for trial in trials:
        row: Dict[_Column, Any] = {}
        for attr in attrs:
            if attr in _NESTED:
                for key, value in getattr(trial, attr).items():
                    row[(attr, key)] = value
            elif attr == "values":
                values = trial.values
                for i in range(len(study.directions)):
                    row[("values", i)] = None if values is None else values[i]
            elif attr == "state":
                row[("state", "")] = trial.state.name
            elif attr == "trial_id":
                row[("trial_id", "")] = trial._trial_id
            else:
                row[(attr, "")] = getattr(trial, attr)
        records.append(row)

    columns: List[_Column] = []
    seen = set()
    for attr in attrs:
        keys = sorted({k for r in records for k in r if k[0] == attr}, key=_column_order)
        if not keys and attr not in _NESTED:
            keys = [(attr, "")]
        for key in keys:
            if key not in seen:
                seen.add(key)
                columns.append(key)
    if not columns:  # e.g. only user_attrs asked for and no trial has any
        return pd.DataFrame(index=range(len(trials)))
    df = pd.DataFrame(records, columns=pd.MultiIndex.from_tuples(columns))
    if not multi_index:
        df.columns = [f"{a}_{b}" if b != "" else a for a, b in columns]
    return df


def _column_order(key: _Column) -> Tuple[int, Any]:
    # Objective indices and steps are ints (numeric order); names sort as strings.
    second = key[1]
    return (0, second) if isinstance(second, int) else (1, str(second))
