"""Autoverifica del passo di discesa del gradiente (capitolo 1)."""

import numpy as np

from ..landscapes import quadratic
from ._core import StudentError, Verdict, call_student, close, diagnose


def _cases(rng):
    """Casi di prova ``(w, grad, eta)``: la quadratica degli appunti in 2-D, C(w) = w² in 1-D."""
    yield np.array([-5.0, -2.0]), quadratic.grad, 0.4
    for eta in (0.01, 0.1, 0.45, 2.0):
        yield rng.uniform(-5, 5, size=2), quadratic.grad, eta
    yield np.array(3.0), lambda w: 2 * w, 0.25


def check_gd_step(step):
    r"""Verifica ``step(w, grad, eta)``, che deve restituire :math:`w - \eta\,\nabla C(w)`.

    Per una risposta sbagliata riconosce gli errori più comuni: il segno, il
    learning rate dimenticato, il punto al posto del gradiente, il passo al
    posto del nuovo punto.
    """
    for w, grad, eta in _cases(np.random.default_rng(0)):
        context = f"con w = {w}, η = {eta}"
        try:
            result = call_student(step, w.copy(), grad, eta, shapes=(w.shape,), context=context)
        except StudentError as failure:
            return failure.verdict
        g = grad(w)
        if close(result, w - eta * g):
            continue
        mistakes = {
            "segno sbagliato: il gradiente punta in salita, quindi va *sottratto*: w − η ∇C(w).": w + eta * g,
            "manca il learning rate η: il passo è w − η ∇C(w), non w − ∇C(w).": w - g,
            "hai usato w al posto del gradiente ∇C(w): chiama grad(w).": w - eta * w,
            "la funzione restituisce il passo η ∇C(w) invece del nuovo punto w − η ∇C(w).": eta * g,
        }
        fallback = f"{context} mi aspettavo {w - eta * g}, la funzione restituisce {result}."
        return Verdict(False, diagnose(result, mistakes, fallback))
    return Verdict(True, "corretto: il tuo passo coincide con w − η ∇C(w) in tutti i casi di prova.")
