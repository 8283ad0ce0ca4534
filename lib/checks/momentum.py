"""Autoverifica del passo del momentum (capitolo 2)."""

import numpy as np

from ..landscapes import quadratic
from ._core import StudentError, Verdict, call_student, close, diagnose


def _cases(rng):
    """Casi di prova ``(w, v, grad, eta, beta)``: velocità non nulle, in 2-D sulla quadratica e in 1-D su w²."""
    yield np.array([-4.6, 1.2]), np.array([-1.0, -8.0]), quadratic.grad, 0.4, 0.5  # il 2° passo degli appunti
    for eta, beta in ((0.01, 0.9), (0.1, 0.8), (0.45, 0.3), (1.5, 0.99)):
        yield rng.uniform(-5, 5, size=2), rng.uniform(-5, 5, size=2), quadratic.grad, eta, beta
    yield np.array(3.0), np.array(-2.0), lambda w: 2 * w, 0.25, 0.7


def check_momentum_step(step):
    r"""Verifica ``step(w, v, grad, eta, beta)``, che deve restituire ``(w_nuovo, v_nuovo)``.

    .. math:: v_k = \beta\, v_{k-1} + \nabla C(w_k), \qquad w_{k+1} = w_k - \eta\, v_k

    Per una risposta sbagliata riconosce gli errori più comuni: la velocità
    vecchia nel passo, il segno, β dimenticato, la media mobile
    :math:`(1 - \beta)\,\nabla C`, η dentro la velocità, la discesa del
    gradiente semplice, i due risultati scambiati.
    """
    for w, v, grad, eta, beta in _cases(np.random.default_rng(0)):
        context = f"con w = {w}, v = {v}, η = {eta}, β = {beta}"
        try:
            result = call_student(step, w.copy(), v.copy(), grad, eta, beta, shapes=(w.shape, w.shape),
                                  context=context)
        except StudentError as failure:
            return failure.verdict
        g = grad(w)
        v_new = beta * v + g
        expected = (w - eta * v_new, v_new)
        if close(result, expected):
            continue
        ema = beta * v + (1 - beta) * g
        scaled = beta * v + eta * g
        mistakes = {
            "nel passo hai usato la velocità vecchia v_{k−1}: prima si aggiorna v, poi w − η v con la v nuova.":
                (w - eta * v, v_new),
            "segno sbagliato: la velocità accumula gradienti, che puntano in salita; va *sottratta*: w − η v.":
                (w + eta * v_new, v_new),
            "manca β: v = β v + ∇C(w), non v + ∇C(w) (così la memoria non svanisce mai).":
                (w - eta * (v + g), v + g),
            "hai scritto una media mobile, v = β v + (1 − β) ∇C(w): negli appunti il gradiente non è moltiplicato "
            "per (1 − β).": (w - eta * ema, ema),
            "hai messo η dentro la velocità, v = β v + η ∇C(w) e w − v: è un'altra convenzione; qui v somma i "
            "gradienti e η moltiplica solo nel passo.": (w - scaled, scaled),
            "questa è la discesa del gradiente: la velocità v non entra nel passo.": (w - eta * g, v_new),
            "hai restituito (v, w) invece di (w, v): prima il nuovo punto, poi la nuova velocità.":
                (v_new, w - eta * v_new),
        }
        fallback = f"{context} mi aspettavo (w, v) = {expected}, la funzione restituisce {result}."
        return Verdict(False, diagnose(result, mistakes, fallback))
    return Verdict(True, "corretto: il tuo passo coincide con v = β v + ∇C(w), w − η v in tutti i casi di prova.")
