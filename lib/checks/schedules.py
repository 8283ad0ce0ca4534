r"""Autoverifica dello schedule a coseno (capitolo 3).

Lo studente scrive ``cosine_decay(eta0, K)``, che restituisce uno schedule
:math:`\eta(k) = \tfrac{\eta_0}{2}\big(1 + \cos(\pi \min(k, K) / K)\big)`.
"""

import numpy as np

from ._core import StudentError, Verdict, call_student, close, diagnose

#: passi di prova: l'inizio, il mezzo, la fine e oltre la fine
STEPS = np.array([0, 1, 5, 10, 25, 50, 75, 99, 100, 150])


def cosine_reference(eta0, K, k):
    r""":math:`\eta(k) = \tfrac{\eta_0}{2}\big(1 + \cos(\pi \min(k, K) / K)\big)`: da :math:`\eta_0` a 0 in ``K`` passi."""
    return eta0 / 2 * (1 + np.cos(np.pi * np.minimum(k, K) / K))


def check_cosine_decay(cosine_decay):
    r"""Verifica ``cosine_decay(eta0, K)``: deve restituire la funzione :math:`k \mapsto \eta(k)`, anche su array.

    Riconosce gli errori tipici: il fattore 1/2 dimenticato, :math:`\pi`
    dimenticato, il coseno che dopo ``K`` passi risale, il segno sbagliato.
    """
    for eta0, K in ((0.4, 100), (2.0, 50), (1.0, 10)):
        context = f"con η₀ = {eta0}, K = {K} e k = {STEPS.tolist()}"
        try:
            result = call_student(lambda *a: cosine_decay(*a)(STEPS), eta0, K, shapes=(STEPS.shape,), context=context)
        except StudentError as failure:
            return failure.verdict
        expected = cosine_reference(eta0, K, STEPS)
        if close(result, expected):
            continue
        mistakes = {
            "manca il fattore 1/2: η(0) deve valere η₀, non 2η₀.": 2 * expected,
            "manca π dentro il coseno: η(k) = η₀/2 · (1 + cos(π k / K)).": eta0 / 2 * (1 + np.cos(np.minimum(STEPS, K) / K)),
            "dopo K passi il coseno risale: usa min(k, K) (np.minimum) perché η resti 0.":
                eta0 / 2 * (1 + np.cos(np.pi * STEPS / K)),
            "segno sbagliato: lo schedule deve *scendere* da η₀ a 0, non salire.": eta0 - expected,
        }
        fallback = f"{context} mi aspettavo {np.round(expected, 4).tolist()}, ricevo {np.round(result, 4).tolist()}."
        return Verdict(False, diagnose(result, mistakes, fallback))
    return Verdict(True, "corretto: il tuo schedule scende da η₀ a 0 lungo mezzo coseno e poi resta a 0.")
