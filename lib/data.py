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


def rare_feature(n=400, frequency=0.05, weights=(1.0, 2.0), seed=0):
    r"""Due caratteristiche, una sempre presente e una rara (come una parola poco frequente in un testo).

    Restituisce ``X`` di forma ``(n, 2)`` e le etichette ``y`` in {0, 1}. La
    prima colonna è gaussiana standard, :math:`x_1 \sim \mathcal N(0, 1)`; la
    seconda vale 1 con probabilità ``frequency`` e 0 altrimenti. Le etichette
    seguono il modello logistico con pesi ``weights`` :math:`= (a_1, a_2)`:

    .. math:: P(y = 1 \mid x) = \sigma(a_1 x_1 + a_2 x_2) = \frac{1}{1 + e^{-(a_1 x_1 + a_2 x_2)}}.
    """
    n = check.count("n", n, minimum=1)
    frequency = check.fraction("frequency", frequency)
    a1, a2 = _pair("weights", weights)
    rng = np.random.default_rng(seed)
    X = np.column_stack([rng.normal(size=n), (rng.uniform(size=n) < frequency).astype(np.float64)])
    z = a1 * X[:, 0] + a2 * X[:, 1]
    y = (rng.uniform(size=n) < 0.5 * (1 + np.tanh(z / 2))).astype(np.float64)
    return X, y


def _pair(name, value):
    """Una coppia di numeri finiti, come due float."""
    try:
        pair = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        pair = None
    if pair is None or pair.shape != (2,) or not np.all(np.isfinite(pair)):
        raise ValueError(f"{name} deve essere una coppia di numeri finiti; ricevuto {value!r}")
    return float(pair[0]), float(pair[1])
