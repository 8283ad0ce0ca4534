"""Autoverifica del passo di discesa del gradiente (capitolo 1)."""

import numpy as np

from ..landscapes import quadratic
from ._core import SIGN, show, verify


def _cases():
    """Casi di prova ``(w, grad, eta)``: la quadratica degli appunti in 2-D, C(w) = w² in 1-D."""
    rng = np.random.default_rng(0)
    cases = [(np.array([-5.0, -2.0]), quadratic.grad, 0.4)]
    cases += [(rng.uniform(-5, 5, size=2), quadratic.grad, eta) for eta in (0.01, 0.1, 0.45, 2.0)]
    cases.append((np.array(3.0), lambda w: 2 * w, 0.25))
    for w, grad, eta in cases:
        yield (w, grad, eta), f"Con w = {show(w)}, η = {eta}"


def check_gd_step(step):
    r"""Verifica ``step(w, grad, eta)``, che deve restituire :math:`w - \eta\,\nabla C(w)`.

    Per una risposta sbagliata riconosce gli errori più comuni: il segno, il
    learning rate dimenticato, il punto al posto del gradiente, il passo al
    posto del nuovo punto.
    """

    def mistakes(w, grad, eta):
        g = grad(w)
        return {
            SIGN: w + eta * g,
            "Manca il learning rate η: il passo è w − η ∇C(w), non w − ∇C(w).": w - g,
            "Avete usato w al posto del gradiente ∇C(w): chiamate grad(w).": w - eta * w,
            "La vostra funzione restituisce il passo η ∇C(w) invece del nuovo punto w − η ∇C(w).": eta * g,
        }

    return verify(step, _cases(), lambda w, grad, eta: w - eta * grad(w), mistakes,
                  "Il vostro passo coincide con w − η ∇C(w) in tutti i casi di prova.")
