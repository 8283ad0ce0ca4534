r"""Autoverifica dell'esercizio di regolazione (capitolo 5): battere un costo obiettivo in pochi passi.

Lo studente sceglie gli iperparametri di ogni ottimizzatore dell'arena; la
verifica li esegue sulla quadratica degli appunti,
:math:`f = 0.1\,w_1^2 + 2\,w_2^2` da :math:`(-5, -2)`, per :data:`STEPS` passi
e controlla che :math:`f(w_{50}) - f^* <` :data:`TARGET`. Per chi non ci
riesce dice perché: divergenza, costo che sale, oscillazioni o lentezza.
"""

import numpy as np

from ..arena import OPTIMIZERS, make_optimizer
from ..landscapes import quadratic
from ..plots import loss_gap
from ..run import run
from ._core import Verdict

#: passi concessi a ogni ottimizzatore
STEPS = 50
#: il costo da battere, :math:`f(w_{50}) - f^*`
TARGET = 1e-3
#: oltre questa frazione di passi in cui il costo sale, il cammino «oscilla»
OSCILLATION = 0.25
#: i valori di partenza dell'esercizio, piccoli e prudenti (quasi tutti i predefiniti di PyTorch):
#: non bastano a nessuno dei sei
STARTING = {
    "GD": {"eta": 0.01},
    "Momentum": {"eta": 0.01, "beta": 0.9},
    "Adagrad": {"eta": 0.01},
    "RMSProp": {"eta": 0.01, "gamma": 0.9},
    "Adadelta": {"gamma": 0.9, "eps": 1e-6},
    "Adam": {"eta": 0.001, "beta1": 0.9, "beta2": 0.999},
}


def _judge(name, params):
    """Il giudizio su un ottimizzatore: ``(riuscito, riga di messaggio)``."""
    allowed = ", ".join(OPTIMIZERS[name][1])
    if not isinstance(params, dict):
        return False, f"{name}: servono gli iperparametri in un dizionario, per esempio {{'eta': 0.1}}."
    unknown = sorted(set(params) - set(OPTIMIZERS[name][1]))
    if unknown:
        return False, f"{name}: iperparametro sconosciuto {', '.join(unknown)}; quelli ammessi sono {allowed}."
    try:
        opt = make_optimizer(name, params)
    except ValueError as error:
        return False, f"{name}: valore non ammesso: {error}."
    traj = run(opt, quadratic.grad, quadratic.start, STEPS)
    if traj.diverged:
        return False, f"{name}: diverge al passo {len(traj)}: il passo è troppo lungo, riducete η."
    gaps = loss_gap(quadratic, traj)
    if gaps[-1] < TARGET:
        return True, f"{name}: f − f* = {gaps[-1]:.1e} dopo {STEPS} passi."
    if gaps[-1] > gaps[0]:
        hint = "il costo finale è più alto di quello iniziale: il passo è troppo lungo, riducete η"
    elif np.mean(np.diff(gaps) > 0) > OSCILLATION:
        hint = "il costo oscilla (sale in molti passi): riducete η, o il coefficiente del momento"
    else:
        hint = f"il costo scende, ma troppo piano: aumentate {'ε' if name == 'Adadelta' else 'η'}"
    return False, f"{name}: f − f* = {gaps[-1]:.1e}, serve meno di {TARGET:g}; {hint}."


def check_tuning(choices):
    r"""Verifica ``choices``: ottimizzatore → iperparametri, per tutti e sei gli ottimizzatori dell'arena.

    Ognuno deve portare :math:`f(w) - f^*` sotto :data:`TARGET` in
    :data:`STEPS` passi sulla quadratica degli appunti. Il messaggio ha una
    riga per ottimizzatore, con l'esito o la diagnosi.
    """
    if not isinstance(choices, dict):
        return Verdict(False, "La variabile choices deve essere un dizionario: nome dell'ottimizzatore → iperparametri.")
    unknown = sorted(set(choices) - set(OPTIMIZERS))
    if unknown:
        return Verdict(False, f"Ottimizzatore sconosciuto {', '.join(map(repr, unknown))}: "
                              f"i nomi ammessi sono {', '.join(OPTIMIZERS)}.")
    missing = [name for name in OPTIMIZERS if name not in choices]
    if missing:
        return Verdict(False, f"Mancano {', '.join(missing)}: regolateli tutti e sei.")
    results = [_judge(name, choices[name]) for name in OPTIMIZERS]
    lines = "\n".join(("  ✓ " if ok else "  ✗ ") + line for ok, line in results)
    if all(ok for ok, _ in results):
        return Verdict(True, f"Tutti sotto {TARGET:g} in {STEPS} passi:\n{lines}")
    failed = sum(not ok for ok, _ in results)
    return Verdict(False, f"Non arrivano sotto {TARGET:g} in {STEPS} passi: {failed} su {len(results)}.\n{lines}")
