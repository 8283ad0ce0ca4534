r"""Capitolo 5: GD, SGD e mini-batch su un taska vero, la rete delle «due lune».

Il problema è un :class:`lib.training.Task` (di solito
:func:`lib.training.two_moons_task`): i dati, il modello e i pesi iniziali
``task.start()``. Un mini-batch di ``b`` dati costa ``b`` gradienti per singolo
dato (*valutazioni*); un'**epoca** è un passaggio su tutti gli :math:`n` dati,
cioè :math:`\lceil n/b \rceil` passi e :math:`n` valutazioni
(:meth:`lib.training.Task.epoch_curve`). Qui il rumore del gradiente
stocastico, le figure del capitolo e il cursore sul mini-batch.
"""

import math
import time

import numpy as np

from ..models import MinibatchGradient
from ..optimizers import GD
from ..style import CYCLE, book_style, new_figure
from ..training import batch_gradients, per_example_gradients
from ..widgets import slider, slider_panel


def seconds_per_step(task, batch_size, repeats=200):
    """Il tempo medio (in secondi) di un gradiente su un mini-batch di ``batch_size`` dati, nei pesi iniziali."""
    grad, w0 = task.gradient(batch_size, seed=0), task.start()
    start = time.perf_counter()
    for _ in range(repeats):
        grad(w0)
    return (time.perf_counter() - start) / repeats


def gradient_noise(task, w, batch_size):
    r"""L'errore quadratico medio del gradiente di un mini-batch estratto senza ripetizione.

    .. math::

        \mathbb E\,\big\|g_B - \nabla C(w)\big\|^2 = \frac{\sigma^2}{b}\cdot\frac{n - b}{n - 1},
        \qquad \sigma^2 = \frac1n \sum_{i=1}^n \big\|\nabla C_i(w) - \nabla C(w)\big\|^2

    È la varianza della media di un campione senza ripetizione: si annulla per
    :math:`b = n` (la discesa piena) e vale :math:`\sigma^2` per :math:`b = 1`.
    """
    g = per_example_gradients(task, w)
    sigma2 = np.mean(np.sum((g - g.mean(axis=0)) ** 2, axis=1))
    n, b = task.n, batch_size
    return sigma2 / b * (n - b) / (n - 1)


def sampled_gradient_noise(task, w, batch_size, draws=400, seed=0):
    r"""Il rumore misurato: la media di :math:`\|g_B - \nabla C(w)\|^2` su ``draws`` mini-batch."""
    full = task.model.grad(w, task.X, task.y)
    return float(np.mean(np.sum((batch_gradients(task, w, batch_size, draws, seed) - full) ** 2, axis=1)))


@book_style()
def batch_comparison_figure(curves, n):
    """Il costo contro i passi e contro le epoche (e le valutazioni): ``curves`` è etichetta → :class:`LearningCurve`.

    A sinistra l'asse dei passi è logaritmico: un'epoca di SGD sono :math:`n`
    passi, una di GD uno solo. A destra l'asse in alto conta le valutazioni del
    gradiente, :math:`n` per epoca per tutti i metodi. Le curve vengono da
    :meth:`lib.training.Task.epoch_curve`.
    """
    fig, axes = new_figure(2, width=4.4, height=3.4)
    by_step, by_epoch = axes[0]
    for (label, curve), color in zip(curves.items(), CYCLE):
        style = dict(color=color, label=label, linewidth=0.8 if curve.batch_size == 1 else 1.6)
        by_step.plot(np.arange(1, len(curve.losses) + 1), curve.losses, **style)
        by_epoch.plot(curve.epochs, curve.losses, **style)
    by_step.set_xscale("log")
    by_step.set_xlabel("passi $k$ + 1 (scala log)")
    by_step.set_title("Costo per passo")
    by_epoch.set_xlabel("epoche")
    by_epoch.set_title("Costo per epoca")
    top = by_epoch.secondary_xaxis("top", functions=(lambda e: e * n, lambda v: v / n))
    top.set_xlabel("valutazioni del gradiente (per dato)")
    for ax in axes[0]:
        ax.set_ylabel("costo $C(w^{(k)})$ su tutti i dati")
        ax.grid(True, alpha=0.3)
    by_step.legend()
    return fig


@book_style()
def gradient_noise_figure(task, w, batch_sizes):
    r"""Il rumore del gradiente contro la dimensione del mini-batch: formula e misura, in scala log-log."""
    fig, axes = new_figure(width=5.0, height=3.4)
    ax = axes[0, 0]
    sizes = [b for b in batch_sizes if b < task.n]
    ax.plot(sizes, [gradient_noise(task, w, b) for b in sizes], color=CYCLE[0],
            label=r"formula $\frac{\sigma^2}{b}\cdot\frac{n-b}{n-1}$")
    ax.plot(sizes, [sampled_gradient_noise(task, w, b) for b in sizes], "o", color=CYCLE[1],
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
def batch_sweep_figure(curves, eta, ceiling):
    """La controparte statica del cursore: il costo per epoca con mini-batch di varie dimensioni.

    ``curves`` è dimensione del mini-batch → :class:`LearningCurve` (tutte con
    learning rate ``eta``); l'asse del costo si ferma a ``ceiling``. Con
    ``b = n`` è la discesa piena.
    """
    fig, axes = new_figure(width=5.6, height=3.4)
    ax = axes[0, 0]
    for (b, curve), color in zip(curves.items(), CYCLE):
        name = " (SGD)" if b == 1 else " (GD pieno)" if b == curve.n else ""
        ax.plot(curve.epochs, curve.losses, color=color, linewidth=1.0 if b < 8 else 1.6, label=f"b = {b}{name}")
    _label_epochs(ax, curve.epochs[-1])
    ax.set_ylim(0, ceiling)
    ax.set_title(f"Mini-batch di varie dimensioni, $\\eta$ = {eta:g}")
    ax.legend(ncols=2)
    return fig


@book_style()
def batch_figure(task, epochs):
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
        full, mini = (task.epoch_curve(GD(eta), b, epochs) for b in (task.n, batch_size))
        full_line.set_data(full.epochs, full.losses)
        line.set_data(mini.epochs, mini.losses)
        steps = math.ceil(task.n / batch_size)
        end = f"divergenza dopo {mini.epochs[-1]:.2f} epoche" if mini.diverged else f"costo finale {mini.losses[-1]:.3f}"
        caption.set_text(f"b = {batch_size}: {steps} {'passo' if steps == 1 else 'passi'} per epoca\n{end}")
        # il limite sale a mezze unità: cambia di rado, e la figura dei cursori riusa lo sfondo (lib.live)
        ax.set_ylim(0, min(math.ceil(2 * max(1.0, 1.05 * max(full.losses.max(), mini.losses.max()))) / 2, 5.0))

    return fig, update


def batch_explorer(task, epochs=20):
    """Cursori sulla dimensione del mini-batch e sul learning rate; figura di :func:`batch_figure`."""
    fig, update = batch_figure(task, epochs)
    return slider_panel(fig, update, {
        "batch_size": slider("mini-batch b", 1, task.n, 16),
        "eta": slider("η", 0.01, 10.0, 0.5, log=True),
    })


@book_style()
def tuning_figure(searches, symbols, ceiling):
    """Le curve di regolazione: il punteggio di ogni valore provato, per ogni ottimizzatore.

    ``searches``: nome → :class:`lib.training.Search`; ``symbols``: nome → il
    simbolo dell'iperparametro regolato (un pannello per simbolo, asse
    logaritmico). I punteggi sopra ``ceiling`` (o infiniti: divergenza) si
    segnano con una × sul bordo alto; la stella è il valore scelto.
    """
    groups = list(dict.fromkeys(symbols.values()))
    fig, axes = new_figure(len(groups), width=4.4, height=3.4, sharey=True)
    for ax, symbol in zip(axes[0], groups):
        for (name, search), color in zip(searches.items(), CYCLE):
            if symbols[name] != symbol:
                continue
            values, scores = np.array(search.values), search.mean_scores
            above = scores > ceiling
            ax.plot(values, np.where(above, np.nan, scores), "o-", color=color, label=name, markersize=4)
            if above.any():
                ax.plot(values[above], np.full(above.sum(), ceiling), "x", color=color, markersize=6, clip_on=False)
            ax.plot(search.best, search.best_score, "*", color=color, markersize=13, markeredgecolor="black",
                    markeredgewidth=0.6, zorder=5)
        ax.set_xscale("log")
        ax.set_xlabel(f"${symbol}$ (scala log)")
        ax.set_ylim(0, ceiling)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3)
    axes[0, 0].set_ylabel("costo medio nell'ultima epoca")
    fig.suptitle("Regolazione: stesse prove e stessi semi per tutti", fontsize=11)
    return fig


@book_style()
def generalization_figure(train, validation, traj, best):
    """Allenamento contro validazione: le due curve di costo e le frontiere di decisione.

    A sinistra :math:`C(w^{(k)})` sui dati di allenamento ``train`` e su quelli
    di validazione ``validation`` (due :class:`lib.training.Task` con lo stesso
    modello) lungo la traiettoria ``traj``; la linea verticale è il passo
    ``best`` scelto dall'arresto anticipato. A destra la frontiera
    :math:`z(x) = 0` (probabilità 1/2) dei pesi ``traj[best]`` e di quelli
    finali, sui dati di allenamento (pieni) e di validazione (vuoti).
    """
    fig, axes = new_figure(2, width=4.4, height=3.6)
    costs, plane = axes[0]
    steps = np.arange(len(traj))
    costs.plot(steps, train.losses(traj), color=CYCLE[0], label="allenamento")
    costs.plot(steps, validation.losses(traj), color=CYCLE[1], label="validazione")
    costs.axvline(best, color="0.3", linestyle="--", linewidth=1, label=f"arresto anticipato (passo {best})")
    costs.set_xlabel("passo $k$")
    costs.set_ylabel("costo $C(w^{(k)})$")
    costs.set_title("Il costo che si minimizza e quello che conta")
    costs.grid(True, alpha=0.3)
    costs.legend()
    X = np.vstack([train.X, validation.X])
    (x0, y0), (x1, y1) = X.min(axis=0) - 0.3, X.max(axis=0) + 0.3
    g1, g2 = np.meshgrid(np.linspace(x0, x1, 160), np.linspace(y0, y1, 160))
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    for task, style in ((train, dict(s=16)), (validation, dict(s=12, facecolors="none", alpha=0.5))):
        for label, color in ((0, CYCLE[2]), (1, CYCLE[3])):
            points = task.X[task.y == label]
            if "facecolors" in style:
                plane.scatter(points[:, 0], points[:, 1], edgecolors=color, linewidths=0.8, **style)
            else:
                plane.scatter(points[:, 0], points[:, 1], color=color, **style)
    for k, color, label in ((best, "black", f"passo {best}"), (len(traj) - 1, CYCLE[4], f"passo {len(traj) - 1}")):
        z = train.model.logits(traj[k], grid).reshape(g1.shape)
        plane.contour(g1, g2, z, levels=[0], colors=[color], linewidths=1.6)
        plane.plot([], [], color=color, label=f"frontiera al {label}")
    plane.set_xlim(x0, x1)
    plane.set_ylim(y0, y1)
    plane.set_xlabel("$x_1$")
    plane.set_ylabel("$x_2$")
    plane.set_title("Frontiere di decisione")
    plane.legend(loc="lower left", frameon=True, framealpha=0.85, edgecolor="none")
    return fig
