r"""Le figure del capitolo 1, «La discesa del gradiente», oltre ai piccoli multipli di :mod:`lib.plots`.

Ogni funzione risponde a una domanda:

- :func:`descent_lemma_figure`: perché un passo con :math:`\eta < 2/L` fa sempre scendere il costo?
- :func:`clipping_figure`: che cosa fa un dirupo alla discesa del gradiente, e che cosa cambia tagliando il gradiente?
- :func:`minibatch_figure`: il gradiente di un mini-batch sbaglia direzione, ma è giusto in media?
"""

import numpy as np

from ..clipping import clip_by_norm
from ..optimizers import GD
from ..plots import LossView, PathsView
from ..run import run
from ..style import CYCLE, COLORS, book_style, new_figure
from ..training import batch_gradients


@book_style()
def descent_lemma_figure(landscape, w, etas):
    r"""La curva, la parabola che la maggiora nel punto ``w`` e i passi con i learning rate ``etas``.

    La parabola è :math:`q(y) = C(w) + C'(w)\,(y - w) + \tfrac L2 (y - w)^2`, con
    :math:`L` = ``landscape.lipschitz``: sta sopra la curva ovunque (lemma di
    discesa). Il passo :math:`w - \eta\,C'(w)` scende sotto :math:`C(w)` per ogni
    :math:`\eta` fra 0 e :math:`2/L`, dove la parabola torna al livello di partenza;
    il passo più lungo garantito, :math:`\eta = 1/L`, porta nel vertice.
    """
    fig, axes = new_figure(width=6.0, height=3.6)
    ax = axes[0, 0]
    grid, values = landscape.plot_grid
    L, c, g = landscape.lipschitz, float(landscape(w)), float(landscape.grad(w))
    parabola = c + g * (grid - w) + L / 2 * (grid - w) ** 2
    ax.plot(grid, values, color="black", linewidth=1.6, label=landscape.name)
    ax.plot(grid, parabola, color=COLORS["celeste"], linewidth=1.4, linestyle="--",
            label="parabola di curvatura $L$ che la maggiora")
    ax.axhline(c, color="0.6", linewidth=0.8, linestyle=":")
    ax.plot(w, c, "s", color="black", markersize=6, zorder=5)
    ax.annotate("$w$", (w, c), xytext=(6, 6), textcoords="offset points", fontsize=11)
    for eta, color in zip(etas, CYCLE[1:]):
        new = w - eta * g
        ax.plot([new, new], [float(landscape(new)), c + g * (new - w) + L / 2 * (new - w) ** 2],
                color=color, linewidth=1.0, alpha=0.7)
        ax.plot(new, float(landscape(new)), "o", color=color, markersize=6, zorder=5,
                label=f"$w - \\eta\\,C'(w)$, $\\eta$ = {eta:g}")
    span = values.max() - values.min()
    ax.set_ylim(values.min() - 0.08 * span, values.max() + 0.1 * span)
    ax.set_xlim(landscape.bounds)
    ax.set_xlabel("$w$")
    ax.set_ylabel("$C(w)$")
    fig.legend(loc="outside lower center", ncols=2, fontsize=8)
    ax.set_title(f"Lemma di discesa, $L$ = {L:g}")
    return fig


@book_style()
def clipping_figure(landscape, eta, max_norm, steps):
    r"""La discesa del gradiente sul dirupo con il gradiente intero e con il gradiente tagliato.

    Le due traiettorie partono dallo stesso punto con lo stesso :math:`\eta`; la
    seconda usa :func:`lib.clipping.clip_by_norm` con :math:`c` = ``max_norm``.
    A destra il costo lungo i due cammini.
    """
    fig, axes = new_figure(2, width=4.2, height=3.3)
    labels = ("gradiente intero", f"tagliato a norma {max_norm:g}")
    colors = (CYCLE[1], CYCLE[0])
    trajectories = [run(GD(eta), landscape.grad, landscape.start, steps),
                    run(GD(eta), clip_by_norm(landscape.grad, max_norm), landscape.start, steps)]
    PathsView(axes[0, 0], landscape, colors, labels).show(*trajectories)
    axes[0, 0].set_title(f"{landscape.name}, $\\eta$ = {eta:g}")
    LossView(axes[0, 1], landscape, steps, colors, labels).show(*trajectories)
    axes[0, 1].set_title("Costo lungo il cammino")
    return fig


@book_style()
def minibatch_figure(task, w, batch_sizes, samples=300, seed=0):
    r"""A sinistra i dati delle due lune; a destra i gradienti di molti mini-batch nello stesso punto ``w``.

    I gradienti (vettori con tanti elementi quanti i pesi) sono proiettati su due
    direzioni: quella del gradiente pieno :math:`\nabla C(w)` e, perpendicolare a
    questa, quella in cui i gradienti del mini-batch più piccolo variano di più.
    Per ogni :math:`b` in ``batch_sizes``: la nuvola di ``samples`` mini-batch e
    la sua media (croce); il cerchio è il gradiente pieno.
    """
    fig, axes = new_figure(2, width=3.6, height=3.3)
    data, cloud = axes[0, 0], axes[0, 1]
    for label, marker, color in ((0, "o", CYCLE[0]), (1, "^", CYCLE[1])):
        points = task.X[task.y == label]
        data.scatter(points[:, 0], points[:, 1], s=12, marker=marker, color=color, alpha=0.8,
                     label=f"classe {label}")
    data.set_xlabel("$x_1$")
    data.set_ylabel("$x_2$")
    data.legend(loc="upper right")
    data.set_title(f"Le due lune: {len(task.y)} dati")

    full = task.model.grad(np.asarray(w, dtype=np.float64), task.X, task.y)
    along = full / np.linalg.norm(full)
    clouds = {b: batch_gradients(task, w, b, samples, seed) for b in batch_sizes}
    spread = clouds[min(batch_sizes)] - full
    spread -= np.outer(spread @ along, along)  # solo la parte perpendicolare a ∇C
    across = np.linalg.svd(spread, full_matrices=False)[2][0]
    for (b, grads), color in zip(clouds.items(), CYCLE[2:]):
        cloud.scatter(grads @ along, grads @ across, s=6, color=color, alpha=0.35, linewidths=0,
                      label=f"$b$ = {b}")
    for (b, grads), color in zip(clouds.items(), CYCLE[2:]):
        mean = grads.mean(axis=0)
        cloud.plot(mean @ along, mean @ across, "X", color=color, markersize=8, markeredgecolor="black",
                   markeredgewidth=0.6, zorder=5, label=f"media dei $b$ = {b}")
    cloud.plot(full @ along, full @ across, "o", markerfacecolor="none", markeredgecolor="black",
               markersize=15, markeredgewidth=1.4, zorder=6, label="$\\nabla C(w)$")
    cloud.axhline(0, color="0.7", linewidth=0.6)
    cloud.axvline(0, color="0.7", linewidth=0.6)
    cloud.set_xlabel("componente lungo $\\nabla C(w)$")
    cloud.set_ylabel("una componente perpendicolare")
    cloud.legend(loc="upper left", fontsize=7.5)
    cloud.set_title("Gradienti di mini-batch in $w^{(0)}$")
    return fig
