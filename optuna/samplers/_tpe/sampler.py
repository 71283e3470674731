# Temporary placeholder until the TPE implementation lands: delegates to random sampling.
from optuna.samplers._random import RandomSampler


class TPESampler(RandomSampler):
    def __init__(self, *args, seed=None, **kwargs):
        super().__init__(seed=seed)
