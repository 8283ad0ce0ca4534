r"""Autoverifiche dei cicli completi (capitoli 2 e 4): lo stato parte da zero e passa da un passo all'altro.

Lo studente scrive una funzione che esegue ``steps`` passi da ``w0`` e
restituisce i punti :math:`w_0, w_1, \dots` (``steps + 1`` righe). È lo
studente a creare lo stato iniziale e a contare i passi: la verifica
riconosce gli errori che nei passi singoli non si vedono (lo stato che non
parte da zero o che riparte da zero a ogni passo, il contatore di Adam
sbagliato).
"""

import numpy as np

from ..landscapes import quadratic
from ..optimizers import Adam, Momentum
from ._core import show, verify

HINT = " Servono i punti w_0, …, w_steps, uno per riga: steps + 1 righe, compreso il punto di partenza."
RESET = "Lo stato riparte da zero a ogni passo: va creato una volta sola, prima del ciclo, e poi aggiornato."


def walk(opt, grad, w0, steps, state=None, counter=None, reset=False):
    """I punti del cammino di ``opt`` da ``w0``; per le diagnosi si possono falsare stato iniziale e contatore.

    ``state`` sostituisce lo stato iniziale nullo, ``counter(k)`` il numero del
    passo ``k`` passato a ``opt.step``; con ``reset`` lo stato riparte da zero a
    ogni passo.
    """
    w = np.asarray(w0, dtype=np.float64)
    state = opt.init(w) if state is None else state
    points = [w]
    for k in range(steps):
        if reset:
            state = opt.init(w)
        w, state = opt.step(w, grad(w), state, k if counter is None else counter(k))
        points.append(w)
    return np.array(points)


def _cases(hyperparameters):
    """Casi di prova ``(w0, grad, *iperparametri, steps)``: la quadratica degli appunti e C(w) = w² in 1-D."""
    starts = [(np.array(quadratic.start, dtype=np.float64), quadratic.grad, 20),
              (np.array([3.0, -1.0]), quadratic.grad, 7), (np.array([1.5]), lambda w: 2 * w, 5)]
    for (w0, grad, steps), params in zip(starts, hyperparameters):
        described = ", ".join(f"{name} = {value}" for name, value in params.items())
        yield (w0, grad, *params.values(), steps), f"Con w0 = {show(w0)}, {described}, steps = {steps}"


def check_momentum_run(momentum_run):
    r"""Verifica ``momentum_run(w0, grad, eta, beta, steps)``: i ``steps + 1`` punti del momentum da ``w0``.

    La velocità parte da :math:`v^{(0)} = 0`, come negli appunti.
    """

    def reference(w0, grad, eta, beta, steps):
        return walk(Momentum(eta, beta), grad, w0, steps)

    def mistakes(w0, grad, eta, beta, steps):
        opt = Momentum(eta, beta)
        return {
            "La velocità deve partire da zero, v = 0 prima del primo passo: voi partite dal gradiente "
            "nel punto di partenza.":
                walk(opt, grad, w0, steps, state={"v": grad(w0)}),
            "La velocità deve partire da zero, v = 0 prima del primo passo (np.zeros_like(w0)), non da 1.":
                walk(opt, grad, w0, steps, state={"v": np.ones_like(w0)}),
            RESET + " Così il momentum diventa la discesa del gradiente.": walk(opt, grad, w0, steps, reset=True),
        }

    params = [{"η": 0.4, "β": 0.5}, {"η": 0.1, "β": 0.9}, {"η": 0.2, "β": 0.3}]
    return verify(momentum_run, _cases(params), reference, mistakes,
                  "Il vostro ciclo parte da v = 0 e coincide con il momentum della libreria in tutti i casi.",
                  hint=HINT)


def check_adam_run(adam_run):
    r"""Verifica ``adam_run(w0, grad, eta, beta1, beta2, eps, steps)``: i ``steps + 1`` punti di Adam da ``w0``.

    Forma degli appunti (:math:`\epsilon` dentro la radice), con
    :math:`v^{(0)} = s^{(0)} = 0` e gli aggiornamenti contati da :math:`k = 1`.
    """

    def reference(w0, grad, eta, beta1, beta2, eps, steps):
        return walk(Adam(eta, beta1, beta2, eps), grad, w0, steps)

    def mistakes(w0, grad, eta, beta1, beta2, eps, steps):
        opt, g0 = Adam(eta, beta1, beta2, eps), grad(w0)
        zero = np.zeros_like(w0)
        return {
            "I momenti devono partire da zero, v⁽⁰⁾ = s⁽⁰⁾ = 0: voi partite dal primo gradiente, v⁽⁰⁾ = g, s⁽⁰⁾ = g².":
                walk(opt, grad, w0, steps, state={"v": g0, "s": g0**2}),
            "Il momento v deve partire da zero, v⁽⁰⁾ = 0: voi partite da v⁽⁰⁾ = g.":
                walk(opt, grad, w0, steps, state={"v": g0, "s": zero}),
            "Il momento s deve partire da zero, s⁽⁰⁾ = 0: voi partite da s⁽⁰⁾ = g².":
                walk(opt, grad, w0, steps, state={"v": zero, "s": g0**2}),
            "Il momento s deve partire da zero, s⁽⁰⁾ = 0 (np.zeros_like(w0)), non da 1.":
                walk(opt, grad, w0, steps, state={"v": zero, "s": np.ones_like(w0)}),
            RESET: walk(opt, grad, w0, steps, reset=True),
            "Il primo passo è k = 1, non k = 0: con k = 0 la correzione divide per 1 − β⁰ = 0.":
                walk(opt, grad, w0, steps, counter=lambda k: k - 1),
            "Il numero del passo k deve crescere a ogni passo (1, 2, 3, …): voi usate sempre k = 1.":
                walk(opt, grad, w0, steps, counter=lambda k: 0),
        }

    params = [{"η": 0.1, "β₁": 0.9, "β₂": 0.999, "ε": 1e-8},
              {"η": 0.3, "β₁": 0.5, "β₂": 0.99, "ε": 1e-3},
              {"η": 0.05, "β₁": 0.8, "β₂": 0.9, "ε": 0.1}]
    return verify(adam_run, _cases(params), reference, mistakes,
                  "Il vostro ciclo parte da v⁽⁰⁾ = s⁽⁰⁾ = 0, conta i passi da k = 1 e coincide con Adam "
                  "della libreria in tutti i casi.", hint=HINT)
