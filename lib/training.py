r"""Piccoli esperimenti di allenamento: un modello, dei dati, un ottimizzatore, una curva di costo.

Un :class:`Task` riunisce un modello di :mod:`lib.models` e i suoi dati;
:meth:`Task.train` lo allena con un ottimizzatore qualunque di
:mod:`lib.optimizers` (il learning rate può essere uno schedule), con il
gradiente pieno o su mini-batch, e :meth:`Task.loss_curve` restituisce il costo
:math:`C(w_k)` su *tutti* i dati a ogni passo. :func:`sharpness` misura la
curvatura massima del costo (l'autovalore più grande dell'hessiana), la
grandezza che decide se un passo è stabile.

>>> task = two_moons_task(n=40)
>>> from lib import GD
>>> curve = task.loss_curve(GD(eta=1.0), steps=5)
>>> curve.shape, bool(curve[-1] < curve[0])
((6,), True)
"""

from dataclasses import dataclass

import numpy as np

from . import _validation as check
from .data import two_moons
from .models import MLP, MinibatchGradient, full_gradient
from .run import run


@dataclass(frozen=True, eq=False)
class Task:
    """Un problema di allenamento: ``model`` (con ``loss``, ``grad``, ``init``) e i dati ``(X, y)``."""

    model: object
    X: np.ndarray
    y: np.ndarray
    #: seme dell'inizializzazione casuale usata quando non si passa ``w0``
    init_seed: int = 0

    def start(self, seed=None, scale=1.0):
        """I pesi iniziali del modello (casuali e con seme, se il modello li vuole casuali)."""
        seed = self.init_seed if seed is None else seed
        if isinstance(self.model, MLP):
            return self.model.init(seed=seed, scale=scale)
        return self.model.init(seed=seed)

    def gradient(self, batch_size=None, seed=0):
        """Il gradiente da dare a :func:`lib.run`: pieno se ``batch_size`` è ``None``, altrimenti su mini-batch."""
        if batch_size is None:
            return full_gradient(self.model, self.X, self.y)
        return MinibatchGradient(self.model, self.X, self.y, batch_size, seed=seed)

    def train(self, opt, steps, w0=None, batch_size=None, seed=0):
        """La traiettoria dei pesi: ``steps`` aggiornamenti di ``opt`` da ``w0`` (per default :meth:`start`)."""
        w0 = self.start() if w0 is None else w0
        return run(opt, self.gradient(batch_size, seed), w0, steps)

    def losses(self, traj):
        r"""Il costo su tutti i dati in ogni punto della traiettoria, :math:`C(w_0), C(w_1), \dots`"""
        return self.model.losses(traj, self.X, self.y)

    def loss_curve(self, opt, steps, w0=None, batch_size=None, seed=0):
        """Allena e restituisce la curva di apprendimento :math:`C(w_k)`, ``k = 0 … steps``.

        Se il run diverge, la curva si ferma all'ultimo punto finito (è più corta).
        """
        return self.losses(self.train(opt, steps, w0, batch_size, seed))


def per_example_gradients(task, w):
    r"""I gradienti dei singoli dati nel punto ``w``: la riga ``i`` è :math:`\nabla C_i(w)`.

    Il costo è la media :math:`C(w) = \frac1n \sum_i C_i(w)`, quindi la media
    delle righe è il gradiente pieno :math:`\nabla C(w)`. Restituisce un array di
    forma ``(n, dimensione di w)``.
    """
    w = np.asarray(w, dtype=np.float64)
    return np.array([task.model.grad(w, task.X[i : i + 1], task.y[i : i + 1]) for i in range(len(task.y))])


def batch_gradients(task, w, batch_size, samples, seed=0):
    r"""I gradienti di ``samples`` mini-batch estratti a caso, tutti nello stesso punto ``w``.

    Ogni mini-batch :math:`B` è un insieme di :math:`b` = ``batch_size`` dati
    estratti senza ripetizione, ogni insieme con la stessa probabilità, e

    .. math:: g_B(w) = \frac1b \sum_{i \in B} \nabla C_i(w).

    Ogni dato entra in :math:`B` con probabilità :math:`b/n`, quindi
    :math:`\mathbb E[g_B(w)] = \frac1b \sum_i \frac bn \nabla C_i(w) = \nabla C(w)`:
    la stima è corretta in media (*non distorta*) in ogni punto ``w`` fissato.
    I gradienti dei singoli dati si calcolano una volta sola
    (:func:`per_example_gradients`); restituisce un array ``(samples, dimensione di w)``.
    """
    samples = check.count("samples", samples, minimum=1)
    n = len(task.y)
    batch_size = check.count("batch_size", batch_size, minimum=1)
    if batch_size > n:
        raise ValueError(f"batch_size deve essere un intero fra 1 e {n}; ricevuto {batch_size!r}")
    rows = per_example_gradients(task, w)
    rng = np.random.default_rng(seed)
    batches = np.array([rng.choice(n, size=batch_size, replace=False) for _ in range(samples)])
    return rows[batches].mean(axis=1)


def two_moons_task(n=200, noise=0.15, data_seed=0, n_hidden=8, init_seed=0):
    """Il problema di riferimento del libro: la rete :class:`~lib.models.MLP` sulle due lune."""
    X, y = two_moons(n=n, noise=noise, seed=data_seed)
    return Task(MLP(n_hidden=n_hidden), X, y, init_seed=init_seed)


def sharpness(task, w, iterations=60, h=1e-5, seed=0):
    r"""La curvatura massima del costo in ``w``: l'autovalore di modulo massimo :math:`\lambda` dell'hessiana.

    Metodo delle potenze, :math:`v \leftarrow Hv / \lVert Hv \rVert`, con il
    prodotto hessiana-vettore stimato dalle differenze finite del gradiente,

    .. math:: H v \approx \frac{\nabla C(w + h v) - \nabla C(w - h v)}{2h},

    e :math:`\lambda = v^\top H v` alla fine. Per la discesa del gradiente su una
    quadratica il passo è stabile se e solo se :math:`\eta\,\lambda < 2`
    (con momentum :math:`\beta`: :math:`\eta\,\lambda < 2(1 + \beta)`).
    """
    iterations = check.count("iterations", iterations, minimum=1)
    h = check.positive("h", h)
    w = np.asarray(w, dtype=np.float64)
    v = np.random.default_rng(seed).normal(size=w.shape)
    v /= np.linalg.norm(v)

    def hessian_times(u):
        return (task.model.grad(w + h * u, task.X, task.y) - task.model.grad(w - h * u, task.X, task.y)) / (2 * h)

    for _ in range(iterations):
        hv = hessian_times(v)
        norm = np.linalg.norm(hv)
        if norm == 0:
            return 0.0
        v = hv / norm
    return float(v @ hessian_times(v))
