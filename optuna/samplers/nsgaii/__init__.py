"""NSGA-II sampler and the crossover operators it can use."""

from optuna.samplers.nsgaii._crossovers._base import BaseCrossover
from optuna.samplers.nsgaii._crossovers._blxalpha import BLXAlphaCrossover
from optuna.samplers.nsgaii._crossovers._sbx import SBXCrossover
from optuna.samplers.nsgaii._crossovers._spx import SPXCrossover
from optuna.samplers.nsgaii._crossovers._undx import UNDXCrossover
from optuna.samplers.nsgaii._crossovers._uniform import UniformCrossover
from optuna.samplers.nsgaii._crossovers._vsbx import VSBXCrossover

__all__ = [
    "BLXAlphaCrossover",
    "BaseCrossover",
    "SBXCrossover",
    "SPXCrossover",
    "UNDXCrossover",
    "UniformCrossover",
    "VSBXCrossover",
]
