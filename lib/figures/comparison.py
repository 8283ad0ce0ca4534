r"""Capitolo 5: GD, SGD e mini-batch su un problema vero, la rete delle «due lune».

Il problema è sempre lo stesso, generato con un seme: 200 punti delle due lune
(:func:`lib.data.two_moons`) e una rete con uno strato nascosto di 8 neuroni
(:class:`lib.models.MLP`). Un mini-batch di ``b`` dati costa ``b`` gradienti
per singolo dato (*valutazioni*); un'**epoca** è un passaggio su tutti gli
:math:`n` dati, cioè :math:`\lceil n/b \rceil` passi e :math:`n` valutazioni.
"""

import math
import time
from dataclasses import dataclass

import numpy as np

from ..data import two_moons
from ..models import MLP, MinibatchGradient
from ..optimizers import GD
from ..run import run
from ..style import CYCLE, book_style, new_figure
from ..widgets import slider, slider_panel


@dataclass(frozen=True)
class Problem:
    """Un problema di allenamento: il modello, i dati ``(X, y)`` e i pesi iniziali ``w0``."""

    model: object
    X: np.ndarray
    y: np.ndarray
    w0: np.ndarray

    @property
    def n(self):
        return len(self.y)


def moons(n=200, noise=0.15, hidden=8, seed=0):
    """Il problema del capitolo: ``n`` punti delle due lune e una rete con ``hidden`` neuroni nascosti."""
    model = MLP(n_hidden=hidden)
    X, y = two_moons(n, noise, seed)
    return Problem(model, X, y, model.init(seed=seed))


@dataclass(frozen=True)
class LearningCurve:
    """Il costo su tutti i dati dopo ogni passo, e quante valutazioni del gradiente è costato arrivarci."""

    losses: np.ndarray
    evaluations: np.ndarray
    n: int
    diverged: bool

    @property
    def epochs(self):
        r"""Le epoche trascorse a ogni passo: valutazioni / :math:`n`."""
        return self.evaluations / self.n


def batch_sizes_in_epoch(n, batch_size):
    r"""I mini-batch di un'epoca: :math:`\lfloor n/b \rfloor` blocchi di ``b`` dati, più il resto se :math:`b \nmid n`."""
    sizes = [batch_size] * (n // batch_size)
    return sizes + [n % batch_size] if n % batch_size else sizes


def train(problem, opt, batch_size, epochs, seed=0):
    r"""Allena ``problem`` con ``opt`` su mini-batch di ``batch_size`` dati per ``epochs`` epoche.

    I passi sono ``epochs`` × :math:`\lceil n/b \rceil`; a ogni passo
    :math:`w_{k+1}` si calcola col gradiente del mini-batch
    (:class:`lib.models.MinibatchGradient`, seme ``seed``) e si registra il costo
    su *tutti* i dati. ``batch_size = n`` è la discesa del gradiente piena,
    ``batch_size = 1`` lo SGD.
    """
    grad = MinibatchGradient(problem.model, problem.X, problem.y, batch_size, seed)
    sizes = batch_sizes_in_epoch(problem.n, batch_size)
    traj = run(opt, grad, problem.w0, epochs * len(sizes))
    evaluations = np.concatenate([[0], np.cumsum(np.tile(sizes, epochs))])[: len(traj)]
    return LearningCurve(problem.model.losses(traj, problem.X, problem.y), evaluations, problem.n, traj.diverged)


def seconds_per_step(problem, batch_size, repeats=200):
    """Il tempo medio (in secondi) di un gradiente su un mini-batch di ``batch_size`` dati."""
    grad = MinibatchGradient(problem.model, problem.X, problem.y, batch_size, seed=0)
    start = time.perf_counter()
    for _ in range(repeats):
        grad(problem.w0)
    return (time.perf_counter() - start) / repeats


def per_example_gradients(problem, w):
    r"""I gradienti :math:`\nabla C_i(w)` dei singoli dati, uno per riga (la loro media è :math:`\nabla C(w)`)."""
    model, X, y = problem.model, problem.X, problem.y
    return np.array([model.grad(w, X[i : i + 1], y[i : i + 1]) for i in range(problem.n)])


def gradient_noise(problem, w, batch_size):
    r"""L'errore quadratico medio del gradiente di un mini-batch estratto senza ripetizione.

    .. math::

        \mathbb E\,\big\|g_B - \nabla C(w)\big\|^2 = \frac{\sigma^2}{b}\cdot\frac{n - b}{n - 1},
        \qquad \sigma^2 = \frac1n \sum_{i=1}^n \big\|\nabla C_i(w) - \nabla C(w)\big\|^2

    È la varianza della media di un campione senza ripetizione: si annulla per
    :math:`b = n` (la discesa piena) e vale :math:`\sigma^2` per :math:`b = 1`.
    """
    g = per_example_gradients(problem, w)
    sigma2 = np.mean(np.sum((g - g.mean(axis=0)) ** 2, axis=1))
    n, b = problem.n, batch_size
    return sigma2 / b * (n - b) / (n - 1)


def sampled_gradient_noise(problem, w, batch_size, draws=400, seed=0):
    r"""La stessa grandezza misurata: la media di :math:`\|g_B - \nabla C(w)\|^2` su ``draws`` mini-batch."""
    grad = MinibatchGradient(problem.model, problem.X, problem.y, batch_size, seed)
    full = problem.model.grad(w, problem.X, problem.y)
    errors = []
    while len(errors) < draws:
        grad.batches = []  # un mini-batch nuovo, di ``batch_size`` dati, da un rimescolamento nuovo
        errors.append(np.sum((grad(w) - full) ** 2))
    return float(np.mean(errors))


@book_style()
def batch_comparison_figure(problem, runs, epochs):
    """Il costo contro i passi e contro le epoche (e le valutazioni) per ``runs``: etichetta → ``(opt, b)``.

    A sinistra l'asse dei passi è logaritmico: un'epoca di SGD sono :math:`n`
    passi, una di GD uno solo. A destra l'asse in alto conta le valutazioni del
    gradiente, :math:`n` per epoca per tutti i metodi.
    """
    fig, axes = new_figure(2, width=4.4, height=3.4)
    by_step, by_epoch = axes[0]
    for (label, (opt, b)), color in zip(runs.items(), CYCLE):
        curve = train(problem, opt, b, epochs)
        style = dict(color=color, label=label, linewidth=0.8 if b == 1 else 1.6)
        by_step.plot(np.arange(1, len(curve.losses) + 1), curve.losses, **style)
        by_epoch.plot(curve.epochs, curve.losses, **style)
    by_step.set_xscale("log")
    by_step.set_xlabel("passo $k$ + 1 (scala log)")
    by_step.set_title("Costo per passo")
    by_epoch.set_xlabel("epoche")
    by_epoch.set_title("Costo per epoca")
    top = by_epoch.secondary_xaxis("top", functions=(lambda e: e * problem.n, lambda v: v / problem.n))
    top.set_xlabel("valutazioni del gradiente (per dato)")
    for ax in axes[0]:
        ax.set_ylabel("costo $C(w_k)$ su tutti i dati")
        ax.grid(True, alpha=0.3)
    by_step.legend()
    return fig


@book_style()
def gradient_noise_figure(problem, w, batch_sizes):
    r"""Il rumore del gradiente contro la dimensione del mini-batch: formula e misura, in scala log-log."""
    fig, axes = new_figure(width=5.0, height=3.4)
    ax = axes[0, 0]
    sizes = [b for b in batch_sizes if b < problem.n]
    ax.plot(sizes, [gradient_noise(problem, w, b) for b in sizes], color=CYCLE[0],
            label=r"formula $\frac{\sigma^2}{b}\cdot\frac{n-b}{n-1}$")
    ax.plot(sizes, [sampled_gradient_noise(problem, w, b) for b in sizes], "o", color=CYCLE[1],
            label="misura (400 mini-batch)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("dimensione del mini-batch $b$")
    ax.set_ylabel(r"$\mathbb{E}\,\|g_B - \nabla C\|^2$")
    ax.set_title("Il rumore del gradiente stocastico")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    return fig


def _label_epochs(ax, epochs):
    """Assi del costo per epoca."""
    ax.set_xlim(0, epochs)
    ax.set_xlabel("epoche")
    ax.set_ylabel("costo $C(w)$ su tutti i dati")
    ax.grid(True, alpha=0.3)


@book_style()
def batch_sweep_figure(problem, eta, batch_sizes, epochs):
    """La controparte statica del cursore: il costo per epoca di GD con mini-batch di varie dimensioni."""
    fig, axes = new_figure(width=5.6, height=3.4)
    ax = axes[0, 0]
    for b, color in zip(batch_sizes, CYCLE):
        curve = train(problem, GD(eta), b, epochs)
        ax.plot(curve.epochs, curve.losses, color=color, linewidth=1.0 if b < 8 else 1.6,
                label=f"b = {b}" + (" (SGD)" if b == 1 else " (GD pieno)" if b == problem.n else ""))
    _label_epochs(ax, epochs)
    ax.set_ylim(0, 1.2 * problem.model.loss(problem.w0, problem.X, problem.y))
    ax.set_title(f"Mini-batch di varie dimensioni, $\\eta$ = {eta:g}")
    ax.legend(ncols=2)
    return fig


@book_style()
def batch_figure(problem, epochs):
    """La figura del cursore sul mini-batch: restituisce ``(fig, update)``.

    ``update(batch_size, eta)`` allena GD con learning rate ``eta`` su
    mini-batch di ``batch_size`` dati e, come riferimento, sui dati interi
    (stesso ``eta``), e aggiorna solo le linee e la didascalia; la divergenza si
    legge a parole.
    """
    fig, axes = new_figure(width=5.6, height=3.4)
    ax = axes[0, 0]
    (full_line,) = ax.plot([], [], color="0.6", linewidth=2.2, label="GD pieno ($b = n$), stesso $\\eta$")
    (line,) = ax.plot([], [], color=CYCLE[0], linewidth=1.0, label="mini-batch")
    caption = ax.text(0.97, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=9,
                      bbox=dict(boxstyle="round,pad=0.25", facecolor="white", alpha=0.85, linewidth=0))
    _label_epochs(ax, epochs)
    ax.legend(loc="lower left")

    def update(batch_size, eta):
        full, mini = (train(problem, GD(eta), b, epochs) for b in (problem.n, batch_size))
        full_line.set_data(full.epochs, full.losses)
        line.set_data(mini.epochs, mini.losses)
        steps = math.ceil(problem.n / batch_size)
        end = f"divergenza dopo {mini.epochs[-1]:.2f} epoche" if mini.diverged else f"costo finale {mini.losses[-1]:.3f}"
        caption.set_text(f"b = {batch_size}: {steps} passi per epoca\n{end}")
        # il limite sale a mezze unità: cambia di rado, e la figura dei cursori riusa lo sfondo (lib.live)
        ax.set_ylim(0, min(math.ceil(2 * max(1.0, 1.05 * max(full.losses.max(), mini.losses.max()))) / 2, 5.0))

    return fig, update


def batch_explorer(problem, epochs=20):
    """Cursori sulla dimensione del mini-batch e sul learning rate; figura di :func:`batch_figure`."""
    fig, update = batch_figure(problem, epochs)
    return slider_panel(fig, update, {
        "batch_size": slider("mini-batch b", 1, problem.n, 16),
        "eta": slider("η", 0.01, 10.0, 0.5, log=True),
    })
