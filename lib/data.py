"""Dati di esempio, generati con un seme: sempre gli stessi a ogni esecuzione."""

import numpy as np

from . import _validation as check


def two_moons(n=200, noise=0.15, seed=0):
    r"""Le «due lune»: due classi a forma di mezzaluna, intrecciate, in due dimensioni.

    Restituisce ``X`` di forma ``(n, 2)`` e le etichette ``y`` in {0, 1}, metà
    per classe. La classe 0 sta sulla mezzaluna :math:`(\cos t, \sin t)`, la
    classe 1 su :math:`(1 - \cos t, \tfrac12 - \sin t)`, con :math:`t` uniforme
    in :math:`[0, \pi]` e rumore gaussiano di deviazione standard ``noise``.
    Nessuna retta le separa: serve uno strato nascosto.
    """
    n = check.count("n", n, minimum=2)
    noise = check.non_negative("noise", noise)
    rng = np.random.default_rng(seed)
    half = n // 2
    t = rng.uniform(0, np.pi, size=n)
    upper = np.column_stack([np.cos(t[:half]), np.sin(t[:half])])
    lower = np.column_stack([1 - np.cos(t[half:]), 0.5 - np.sin(t[half:])])
    X = np.vstack([upper, lower]) + rng.normal(scale=noise, size=(n, 2))
    y = np.concatenate([np.zeros(half), np.ones(n - half)])
    return X, y
