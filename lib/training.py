r"""Piccoli esperimenti di allenamento: un modello, dei dati, un ottimizzatore, una curva di costo.

Un :class:`Task` riunisce un modello di :mod:`lib.models` e i suoi dati;
:meth:`Task.train` lo allena con un ottimizzatore qualunque di
:mod:`lib.optimizers` (il learning rate può essere uno schedule), con il
gradiente pieno o su mini-batch, e :meth:`Task.loss_curve` restituisce il costo
:math:`C(w_k)` su *tutti* i dati a ogni passo. :meth:`Task.epoch_curve` allena per
epoche e conta le valutazioni del gradiente (:class:`LearningCurve`);
:meth:`Task.split` separa i dati di validazione, :func:`early_stopping` sceglie
dove fermarsi, :func:`grid_search` regola un iperparametro con lo stesso numero
di prove e gli stessi semi per tutti. :func:`sharpness` misura la curvatura
massima del costo (l'autovalore più grande dell'hessiana), la grandezza che
decide se un passo è stabile.

>>> task = two_moons_task(n=40)
>>> from lib import GD
>>> curve = task.loss_curve(GD(eta=1.0), steps=5)
>>> curve.shape, bool(curve[-1] < curve[0])
((6,), True)
"""

import math
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

    @property
    def n(self):
        """Il numero di dati."""
        return len(self.y)

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

        Se l'allenamento diverge, la curva si ferma all'ultimo punto finito (è più corta).
        """
        return self.losses(self.train(opt, steps, w0, batch_size, seed))

    def epoch_curve(self, opt, batch_size, epochs, seed=0, w0=None):
        r"""Allena con ``opt`` su mini-batch di ``batch_size`` dati per ``epochs`` epoche: una :class:`LearningCurve`.

        Un'epoca sono :math:`\lceil n/b \rceil` passi (:func:`batch_sizes_in_epoch`);
        a ogni passo si registra il costo su *tutti* i dati e quante valutazioni
        del gradiente (gradienti di singoli dati) sono costate fin lì.
        ``batch_size = n`` è la discesa del gradiente piena, ``batch_size = 1``
        lo SGD; ``seed`` fissa l'ordine dei mini-batch.
        """
        epochs = check.count("epochs", epochs, minimum=1)
        sizes = batch_sizes_in_epoch(self.n, batch_size)
        traj = self.train(opt, epochs * len(sizes), w0, batch_size, seed)
        evaluations = np.concatenate([[0], np.cumsum(np.tile(sizes, epochs))])[: len(traj)]
        return LearningCurve(self.losses(traj), evaluations, self.n, batch_size, traj.diverged)

    def split(self, n_validation, seed=0):
        r"""Separa ``n_validation`` dati a caso (seme ``seed``): restituisce ``(allenamento, validazione)``.

        I due :class:`Task` hanno lo stesso modello e lo stesso seme
        dell'inizializzazione, quindi gli stessi pesi iniziali: il costo di
        validazione di una traiettoria allenata sul primo è
        ``validazione.losses(traj)``.
        """
        n_validation = check.count("n_validation", n_validation, minimum=1)
        if n_validation >= self.n:
            raise ValueError(f"n_validation deve essere un intero fra 1 e {self.n - 1}; ricevuto {n_validation!r}")
        order = np.random.default_rng(seed).permutation(self.n)
        held, kept = order[:n_validation], order[n_validation:]
        return (Task(self.model, self.X[kept], self.y[kept], self.init_seed),
                Task(self.model, self.X[held], self.y[held], self.init_seed))


def batch_sizes_in_epoch(n, batch_size):
    r"""I mini-batch di un'epoca: :math:`\lfloor n/b \rfloor` blocchi di ``b`` dati, più il resto se :math:`b \nmid n`."""
    n = check.count("n", n, minimum=1)
    batch_size = check.count("batch_size", batch_size, minimum=1)
    if batch_size > n:
        raise ValueError(f"batch_size deve essere un intero fra 1 e {n}; ricevuto {batch_size!r}")
    sizes = [batch_size] * (n // batch_size)
    return sizes + [n % batch_size] if n % batch_size else sizes


@dataclass(frozen=True)
class LearningCurve:
    """Il costo su tutti i dati dopo ogni passo, e quante valutazioni del gradiente è costato arrivarci."""

    losses: np.ndarray
    evaluations: np.ndarray
    n: int
    batch_size: int
    diverged: bool

    @property
    def epochs(self):
        r"""Le epoche trascorse a ogni passo: valutazioni / :math:`n`."""
        return self.evaluations / self.n

    def last_epoch(self):
        """Il costo medio sui passi dell'ultima epoca (``inf`` se l'allenamento è divergito).

        Un solo valore finale di un allenamento su mini-batch dipende dal caso
        dell'ultimo blocco; la media su un'epoca intera lo attenua.
        """
        if self.diverged:
            return math.inf
        return float(np.mean(self.losses[-math.ceil(self.n / self.batch_size):]))


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


def early_stopping(validation_losses, patience):
    r"""Dove fermarsi: il passo del costo di validazione più basso visto quando la pazienza finisce.

    Si scorre la curva di validazione :math:`C_{\text{val}}(w_k)` e si ricorda
    il passo migliore; se per ``patience`` passi di fila il costo non scende
    sotto il migliore, ci si ferma e si tengono i pesi di quel passo.
    Restituisce ``(migliore, fermata)``: il passo dei pesi tenuti e quello in
    cui ci si è fermati (l'ultimo, se la pazienza non finisce mai).
    """
    losses = np.asarray(validation_losses, dtype=np.float64)
    patience = check.count("patience", patience, minimum=1)
    if losses.ndim != 1 or len(losses) == 0 or not np.all(np.isfinite(losses)):
        raise ValueError(f"validation_losses deve essere una curva di costi finiti; ricevuto {validation_losses!r}")
    best = 0
    for k in range(1, len(losses)):
        if losses[k] < losses[best]:
            best = k
        elif k - best >= patience:
            return best, k
    return best, len(losses) - 1


@dataclass(frozen=True)
class Search:
    """L'esito di :func:`grid_search`: i valori provati e, per ciascuno, il punteggio con ogni seme."""

    values: tuple
    seeds: tuple
    #: ``scores[i, j]``: costo medio dell'ultima epoca con ``values[i]`` e ``seeds[j]``
    scores: np.ndarray

    @property
    def mean_scores(self):
        """Il punteggio di ogni valore: la media sui semi (``inf`` se con un seme diverge)."""
        return self.scores.mean(axis=1)

    @property
    def best(self):
        """Il valore con il punteggio medio più basso."""
        return self.values[int(np.argmin(self.mean_scores))]

    @property
    def best_score(self):
        return float(self.mean_scores.min())


def grid_search(task, make_optimizer, values, batch_size, epochs, seeds=(0, 1, 2)):
    r"""Regola un iperparametro provando ogni valore di ``values`` con gli stessi semi.

    Per ogni valore :math:`v` e ogni seme :math:`s` allena
    ``make_optimizer(v)`` per ``epochs`` epoche su mini-batch di ``batch_size``
    dati (l'ordine dei blocchi fissato da :math:`s`) e misura il costo medio
    dell'ultima epoca (:meth:`LearningCurve.last_epoch`); il punteggio di
    :math:`v` è la media sui semi. Con griglie della stessa lunghezza e gli
    stessi semi, ogni ottimizzatore ha lo stesso bilancio: ``len(values)``
    prove di ``len(seeds)`` allenamenti ciascuna.
    """
    values, seeds = tuple(values), tuple(seeds)
    if not values or not seeds:
        raise ValueError(f"values e seeds non devono essere vuoti; ricevuti {values!r} e {seeds!r}")
    scores = np.array([[task.epoch_curve(make_optimizer(v), batch_size, epochs, seed=s).last_epoch() for s in seeds]
                       for v in values])
    return Search(values, seeds, scores)


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
