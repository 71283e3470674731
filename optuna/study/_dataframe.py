from typing import TYPE_CHECKING, Any, Dict, List, Tuple

if TYPE_CHECKING:
    import pandas as pd

    from optuna.study import Study

_NESTED = ("params", "user_attrs", "system_attrs", "intermediate_values")


def _trials_dataframe(study: "Study", attrs: Tuple[str, ...], multi_index: bool) -> "pd.DataFrame":
    import pandas as pd

    trials = study.get_trials(deepcopy=False)
    if not trials:
        return pd.DataFrame()
    multi = study._is_multi_objective()
    if "value" in attrs and multi:
        attrs = tuple("values" if a == "value" else a for a in attrs)
    records: List[Dict[Tuple[str, str], Any]] = []
    for trial in trials:
        row: Dict[Tuple[str, str], Any] = {}
        for attr in attrs:
            if attr in _NESTED:
                for key, value in getattr(trial, attr).items():
                    row[(attr, str(key))] = value
            elif attr == "values":
                values = trial.values
                for i in range(len(study.directions)):
                    row[("values", str(i))] = None if values is None else values[i]
            elif attr == "value":
                row[("value", "")] = trial.value
            elif attr == "state":
                row[("state", "")] = trial.state.name
            else:
                row[(attr, "")] = getattr(trial, attr)
        records.append(row)

    columns: List[Tuple[str, str]] = []
    seen = set()
    for attr in attrs:
        keys = sorted({k for r in records for k in r if k[0] == attr}, key=_column_order)
        if not keys and attr not in _NESTED:
            keys = [(attr, "")]
        for key in keys:
            if key not in seen:
                seen.add(key)
                columns.append(key)
    df = pd.DataFrame(records, columns=pd.MultiIndex.from_tuples(columns))
    if not multi_index:
        df.columns = ["_".join(filter(None, (a, b))) for a, b in columns]
    return df


def _column_order(key: Tuple[str, str]) -> Tuple[int, Any]:
    second = key[1]
    return (0, int(second)) if second.isdigit() else (1, second)
