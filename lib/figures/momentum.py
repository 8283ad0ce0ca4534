r"""Le figure del capitolo 2, «Il momentum».

Ogni funzione risponde a una domanda:

- :func:`weights_figure`: quanto pesa, in :math:`v^{(k)}`, un gradiente di qualche passo prima?
- :func:`comparison`: momentum e discesa del gradiente sulla stessa quadratica (per i cursori);
- :func:`coordinates`: che cosa succede a :math:`w_1`, :math:`w_2` e :math:`v`, coordinata per coordinata?
- :func:`rate_vs_eta`: perché con il momentum la scelta di :math:`\eta` è meno critica?
- :func:`rate_map`: quanto è veloce il momentum per ogni coppia :math:`(\eta, \beta)`?
"""

import numpy as np

from .. import heavy_ball
from ..landscapes import quadratic
from ..optimizers import GD, Momentum
from ..plots import LossView, PathsView
from ..run import run
from ..style import CYCLE, COLORS, book_style, new_figure

#: colori fissi del capitolo: la discesa del gradiente e il momentum
GD_COLOR, MOMENTUM_COLOR = CYCLE[0], CYCLE[1]


@book_style()
def weights_figure(betas, k=20):
    r"""I pesi :math:`\beta^{k-j}` dei gradienti :math:`g^{(j)}`, :math:`j = 1, \dots, k`, in :math:`v^{(k)}`.

    Una serie per ciascun valore di ``betas``; la legenda riporta anche la somma
    dei pesi, :math:`(1 - \beta^k)/(1 - \beta)`.
    """
    fig, axes = new_figure(width=6.0, height=3.4)
    ax = axes[0, 0]
    j = np.arange(1, k + 1)
    for beta, color in zip(betas, CYCLE):
        w = heavy_ball.weights(beta, k)
        ax.plot(j, w, "o-", color=color, markersize=4, linewidth=1.2,
                label=f"$\\beta$ = {beta:g}  (somma {w.sum():.2f})")
    ax.set_xticks(j[::2] if k > 10 else j)
    ax.set_xlabel(f"indice $j$ del gradiente $g^{{(j)}}$ (aggiornamento attuale $k$ = {k})")
    ax.set_ylabel("peso $\\beta^{k-j}$ in $v^{(k)}$")
    ax.set_ylim(-0.03, 1.08)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left")
    ax.set_title("La memoria del momentum: i gradienti recenti pesano di più")
    return fig


@book_style()
def comparison(steps, start=None):
    r"""Momentum e discesa del gradiente sulla quadratica: cammini sulle stesse curve di livello e costi.

    Restituisce ``(fig, update)``: ``update(eta, beta)`` esegue ``Momentum(eta, beta)``
    e ``GD(eta)`` (lo stesso :math:`\eta`) per ``steps`` passi e aggiorna le linee.
    È la figura dei cursori :math:`\eta` e :math:`\beta`.
    """
    fig, axes = new_figure(2, width=4.4, height=3.4)
    labels, colors = ("momentum", "GD"), (MOMENTUM_COLOR, GD_COLOR)
    paths = PathsView(axes[0, 0], quadratic, colors, labels)
    losses = LossView(axes[0, 1], quadratic, steps, colors, labels)
    axes[0, 0].set_title(quadratic.name)
    axes[0, 1].set_title("Costo lungo il cammino")
    w0 = quadratic.start if start is None else start

    def update(eta, beta):
        trajectories = [run(opt, quadratic.grad, w0, steps) for opt in (Momentum(eta, beta), GD(eta))]
        paths.show(*trajectories)
        losses.show(*trajectories)

    return fig, update


@book_style()
def coordinates(eta, beta, steps):
    r"""Coordinata per coordinata: :math:`w_i^{(k)}` sopra e :math:`v_i^{(k)}` sotto, per GD e momentum.

    Gli iterati :math:`w^{(0)}, \dots, w^{(n)}` stanno in :math:`k = 0, \dots, n`,
    le velocità :math:`v^{(1)}, \dots, v^{(n)}` in :math:`k = 1, \dots, n`. Per la
    discesa del gradiente :math:`v^{(k)} = g^{(k)} = \nabla C(w^{(k-1)})` (è il
    momentum con :math:`\beta = 0`); le velocità vengono da
    :func:`lib.heavy_ball.velocities`.
    """
    fig, axes = new_figure(2, 2, width=4.2, height=2.6, sharex=True)
    runs = {"GD": (GD(eta), GD_COLOR), f"momentum, $\\beta$ = {beta:g}": (Momentum(eta, beta), MOMENTUM_COLOR)}
    for label, (opt, color) in runs.items():
        traj = run(opt, quadratic.grad, quadratic.start, steps)
        v = heavy_ball.velocities(traj, eta)
        k = np.arange(len(traj))
        for i in range(2):
            axes[0, i].plot(k, traj[:, i], "o-", color=color, markersize=3, linewidth=1.1, label=label)
            axes[1, i].plot(k[1:], v[:, i], "o-", color=color, markersize=3, linewidth=1.1, label=label)
    for i, direction in enumerate(("piatta", "ripida")):
        axes[0, i].set_title(f"direzione $w_{i + 1}$ ({direction})")
        axes[0, i].set_ylabel(f"$w_{i + 1}^{{(k)}}$")
        axes[1, i].set_ylabel(f"$v_{i + 1}^{{(k)}}$")
        axes[1, i].set_xlabel("passo $k$")
        for ax in axes[:, i]:
            ax.axhline(0, color="0.6", linewidth=0.8)
            ax.grid(True, alpha=0.3)
    axes[0, 0].legend(loc="lower right")
    return fig


@book_style()
def rate_vs_eta(betas, curvatures=quadratic.curvatures, eta_max=1.5):
    r"""Il fattore di convergenza :math:`\max_\lambda \rho(T_\lambda)` in funzione di :math:`\eta`, per alcuni :math:`\beta`.

    Dove la curva supera 1 il metodo diverge; la linea tratteggiata segna la
    soglia, quella punteggiata il fattore della miglior discesa del gradiente,
    :math:`(\kappa - 1)/(\kappa + 1)` con :math:`\eta = 2/(\mu + L)`.
    """
    fig, axes = new_figure(width=6.0, height=3.4)
    ax = axes[0, 0]
    etas = np.linspace(eta_max / 600, eta_max, 600)
    for beta, color in zip(betas, CYCLE):
        label = "GD ($\\beta$ = 0)" if beta == 0 else f"$\\beta$ = {beta:g}"
        ax.plot(etas, np.minimum(heavy_ball.rate(etas, beta, curvatures), 1.05), color=color, label=label)
    best_gd = heavy_ball.rate(2 / (min(curvatures) + max(curvatures)), 0.0, curvatures)
    ax.axhline(best_gd, color="0.35", linestyle=":", linewidth=1.2, label=f"miglior GD: {best_gd:.4f}")
    ax.axhline(1, color="black", linestyle="--", linewidth=0.9)
    ax.text(0.02 * eta_max, 1.01, "oltre: divergenza", fontsize=9, va="bottom")
    ax.set_xlim(0, eta_max)
    ax.set_ylim(0.5, 1.07)
    ax.set_xlabel("learning rate $\\eta$")
    ax.set_ylabel("fattore per passo (più basso = più veloce)")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="lower right")
    ax.set_title("Con il momentum il fattore resta basso su un intervallo di $\\eta$ più largo")
    return fig


@book_style()
def rate_map(curvatures=quadratic.curvatures, eta_max=1.3, size=301):
    r"""Mappa del fattore di convergenza sul piano :math:`(\eta, \beta)`, alla maniera di Goh (2017).

    Il colore è :math:`\max_\lambda \rho(T_\lambda)` (scuro = veloce); in grigio
    chiaro la regione in cui il metodo diverge, a destra della retta
    :math:`\eta = 2(1 + \beta)/L`. Segna l'ottimo del momentum e il miglior GD.
    """
    mu, L = min(curvatures), max(curvatures)
    eta, beta = np.meshgrid(np.linspace(0, eta_max, size)[1:], np.linspace(0, 0.99, size))
    factor = heavy_ball.rate(eta, beta, curvatures)
    fig, axes = new_figure(width=6.2, height=4.4)
    ax = axes[0, 0]
    mesh = ax.pcolormesh(eta, beta, np.ma.masked_greater_equal(factor, 1), cmap="viridis", vmin=0.5, vmax=1,
                         shading="auto")
    ax.set_facecolor("0.88")
    lines = ax.contour(eta, beta, factor, levels=[0.7, 0.8, 0.9, 0.95], colors="white", linewidths=0.8)
    ax.clabel(lines, fmt="%.2f", fontsize=8)
    ax.plot(2 * (1 + beta[:, 0]) / L, beta[:, 0], "--", color="black", linewidth=1)
    ax.text(0.97 * eta_max, 0.05, "diverge", ha="right", fontsize=10)
    eta_opt, beta_opt, best = heavy_ball.optimal(mu, L)
    gd_eta = 2 / (mu + L)
    ax.plot(eta_opt, beta_opt, "*", color=COLORS["arancione"], markersize=15, markeredgecolor="black",
            label=f"ottimo del momentum: fattore {best:.4f}")
    ax.plot(gd_eta, 0, "o", color=COLORS["celeste"], markersize=9, markeredgecolor="black", clip_on=False,
            label=f"miglior GD: fattore {heavy_ball.rate(gd_eta, 0, curvatures):.4f}")
    ax.set_xlim(0, eta_max)
    ax.set_ylim(0, 0.99)
    ax.set_xlabel("learning rate $\\eta$")
    ax.set_ylabel("momentum $\\beta$")
    ax.legend(loc="upper right", frameon=True)
    fig.colorbar(mesh, ax=ax, label="fattore per passo (scuro = veloce)")
    ax.set_title(f"Convergenza del momentum, $\\mu$ = {mu:g}, $L$ = {L:g}")
    return fig
