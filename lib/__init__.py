"""Ottimizzazione delle reti neurali: la parte numerica, i grafici e i cursori del libro.

>>> from lib import Momentum, run, quadratic
>>> traj = run(Momentum(eta=0.4, beta=0.5), quadratic.grad, [-5, -2], 20)
>>> traj.shape
(21, 2)
"""

from .landscapes import curve, plateau, quadratic, rosenbrock, rotated_quadratic, saddle, wells
from .optimizers import GD, Adadelta, Adagrad, Adam, AdamW, Momentum, Optimizer, RMSProp
from .run import Trajectory, run
from .schedules import constant, exponential_decay, step_decay, time_decay, warmup

__all__ = [
    "GD", "Momentum", "Adagrad", "RMSProp", "Adadelta", "Adam", "AdamW", "Optimizer",
    "run", "Trajectory",
    "constant", "step_decay", "exponential_decay", "time_decay", "warmup",
    "quadratic", "rotated_quadratic", "curve", "plateau", "saddle", "rosenbrock", "wells",
]
