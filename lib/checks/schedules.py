r"""Autoverifica dello schedule a coseno (capitolo 3).

Lo studente scrive ``cosine_decay(eta0, K)``, che restituisce uno schedule
:math:`\eta(k) = \tfrac{\eta_0}{2}\big(1 + \cos(\pi \min(k, K) / K)\big)`.
"""

import numpy as np

from ..schedules import cosine_decay
from ._core import verify

#: passi di prova: l'inizio, il mezzo, la fine e oltre la fine
STEPS = np.array([0, 1, 5, 10, 25, 50, 75, 99, 100, 150])


def cosine_reference(eta0, K, k):
    r""":math:`\eta(k) = \tfrac{\eta_0}{2}\big(1 + \cos(\pi \min(k, K) / K)\big)`: lo schedule di :func:`lib.schedules.cosine_decay`."""
    return cosine_decay(eta0, K)(k)


def _cases():
    for eta0, K in ((0.4, 100), (2.0, 50), (1.0, 10)):
        yield (eta0, K), f"Con η₀ = {eta0}, K = {K} e k = {STEPS.tolist()}"


def _mistakes(eta0, K):
    def cosine(position, period=K):
        return eta0 / 2 * (1 + np.cos(np.pi * np.minimum(position, period) / period))

    expected = cosine_reference(eta0, K, STEPS)
    return {
        "Manca il fattore 1/2: η(0) deve valere η₀, non 2η₀.": 2 * expected,
        "Manca π dentro il coseno: η(k) = η₀/2 · (1 + cos(π k / K)).":
            eta0 / 2 * (1 + np.cos(np.minimum(STEPS, K) / K)),
        "Dopo K passi il coseno risale: usate min(k, K) (np.minimum) perché η resti 0.":
            eta0 / 2 * (1 + np.cos(np.pi * STEPS / K)),
        "Segno sbagliato: lo schedule deve *scendere* da η₀ a 0, non salire.": eta0 - expected,
        "Lo schedule è avanti di un passo: usate k, non k + 1 (al primo passo, k = 0, deve valere η₀).":
            cosine(STEPS + 1),
        "Lo schedule è indietro di un passo: usate k, non k − 1 (i passi si contano da k = 0, "
        "e η(0) = η₀).": cosine(STEPS - 1),
        "Lo schedule arriva a 0 un passo prima, al passo K − 1: dividete per K, non per K − 1.":
            cosine(STEPS, K - 1),
        "Lo schedule arriva a 0 un passo dopo, al passo K + 1: dividete per K, non per K + 1.":
            cosine(STEPS, K + 1),
    }


def check_cosine_decay(cosine_decay):
    r"""Verifica ``cosine_decay(eta0, K)``: deve restituire la funzione :math:`k \mapsto \eta(k)`, anche su array.

    Riconosce gli errori tipici: il fattore 1/2 dimenticato, :math:`\pi`
    dimenticato, il coseno che dopo ``K`` passi risale, il segno sbagliato,
    lo schedule spostato di un passo (avanti, indietro, o che arriva a 0 al
    passo :math:`K \pm 1`).
    """
    return verify(lambda eta0, K: cosine_decay(eta0, K)(STEPS), _cases(),
                  lambda eta0, K: cosine_reference(eta0, K, STEPS), _mistakes,
                  "Il vostro schedule scende da η₀ a 0 lungo mezzo coseno e poi resta a 0.")
