"""Autoverifica del passo del momentum (capitolo 2)."""

import numpy as np

from ..landscapes import quadratic
from ._core import show, verify


def _cases():
    """Casi di prova ``(w, v, grad, eta, beta)``: velocità non nulle, in 2-D sulla quadratica e in 1-D su w²."""
    rng = np.random.default_rng(0)
    cases = [(np.array([-4.6, 1.2]), np.array([-1.0, -8.0]), quadratic.grad, 0.4, 0.5)]  # il 2° passo degli appunti
    cases += [(rng.uniform(-5, 5, size=2), rng.uniform(-5, 5, size=2), quadratic.grad, eta, beta)
              for eta, beta in ((0.01, 0.9), (0.1, 0.8), (0.45, 0.3), (1.5, 0.99))]
    cases.append((np.array(3.0), np.array(-2.0), lambda w: 2 * w, 0.25, 0.7))
    for w, v, grad, eta, beta in cases:
        yield (w, v, grad, eta, beta), f"Con w = {show(w)}, v = {show(v)}, η = {eta}, β = {beta}"


def momentum_reference(w, v, grad, eta, beta):
    r"""Il passo degli appunti: :math:`v^{(k)} = \beta v^{(k-1)} + \nabla C(w^{(k-1)})`, :math:`w^{(k)} = w^{(k-1)} - \eta v^{(k)}`."""
    v_new = beta * v + grad(w)
    return w - eta * v_new, v_new


def check_momentum_step(step):
    r"""Verifica ``step(w, v, grad, eta, beta)``, che deve restituire ``(w_nuovo, v_nuovo)``.

    .. math:: v^{(k)} = \beta\, v^{(k-1)} + \nabla C(w^{(k-1)}), \qquad w^{(k)} = w^{(k-1)} - \eta\, v^{(k)}

    Per una risposta sbagliata riconosce gli errori più comuni: la velocità
    precedente nel passo, il segno, β dimenticato, la media mobile
    :math:`(1 - \beta)\,\nabla C`, η dentro la velocità, la discesa del
    gradiente semplice, i due risultati scambiati.
    """

    def mistakes(w, v, grad, eta, beta):
        g = grad(w)
        w_new, v_new = momentum_reference(w, v, grad, eta, beta)
        ema = beta * v + (1 - beta) * g
        scaled = beta * v + eta * g
        return {
            "Nel passo avete usato la velocità precedente: prima si aggiorna v, poi w − η v con la "
            "v nuova.": (w - eta * v, v_new),
            "Segno sbagliato: la velocità accumula gradienti, che puntano in salita; va *sottratta*: w − η v.":
                (w + eta * v_new, v_new),
            "Manca β: v = β v + ∇C(w), non v + ∇C(w) (così la memoria non svanisce mai).":
                (w - eta * (v + g), v + g),
            "Avete scritto una media mobile, v = β v + (1 − β) ∇C(w): negli appunti il gradiente non è "
            "moltiplicato per (1 − β).": (w - eta * ema, ema),
            "Avete messo η dentro la velocità, v = β v + η ∇C(w) e w − v: è la forma di Keras; qui, come "
            "negli appunti, v somma i gradienti e η moltiplica solo nel passo.": (w - scaled, scaled),
            "Questa è la discesa del gradiente: la velocità v non entra nel passo.": (w - eta * g, v_new),
            "Avete restituito (v, w) invece di (w, v): prima il nuovo punto, poi la nuova velocità.":
                (v_new, w_new),
        }

    return verify(step, _cases(), momentum_reference, mistakes,
                  "Il vostro passo coincide con v = β v + ∇C(w), w − η v in tutti i casi di prova.")
