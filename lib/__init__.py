"""Ottimizzazione delle reti neurali: la parte numerica, i grafici e i cursori del libro.

>>> from lib import Momentum, run, quadratic
>>> traj = run(Momentum(eta=0.4, beta=0.5), quadratic.grad, [-5, -2], 20)
>>> traj.shape
(21, 2)
"""

from .landscapes import curve, plateau, quadratic, rosenbrock, rotated_quadratic, saddle, wells
from .optimizers import GD, Adadelta, Adagrad, Adam, AdamW, Momentum, Optimizer, RMSProp
from .run import Trajectory, run
from .schedules import constant, cosine_decay, exponential_decay, step_decay, time_decay, warmup
from .display import install as _install_display

__all__ = [
    "GD", "Momentum", "Adagrad", "RMSProp", "Adadelta", "Adam", "AdamW", "Optimizer",
    "run", "Trajectory",
    "constant", "step_decay", "exponential_decay", "time_decay", "warmup", "cosine_decay",
    "quadratic", "rotated_quadratic", "curve", "plateau", "saddle", "rosenbrock", "wells",
]

# Durante la costruzione del libro le figure diventano immagini per il sito o PDF per la stampa
# (lib.display); nel kernel di chi legge non cambia nulla.
_install_display()
