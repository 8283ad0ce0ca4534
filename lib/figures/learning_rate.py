r"""Le figure del capitolo 3: learning rate, schedule e warm-up su un piccolo allenamento vero.

Ogni figura allena davvero la rete di :mod:`lib.training` (niente curve
disegnate a mano). Le funzioni ``*_figure`` restituiscono ``(fig, update)``
per i cursori di :func:`lib.widgets.slider_panel`; le altre una figura statica.
"""

import numpy as np

from ..style import COLORS, CYCLE, book_style, new_figure
from ..training import sharpness

#: i quattro regimi degli appunti: nome del colore negli appunti → colore leggibile da tutti
REGIME_COLORS = {
    "marrone": "#8C510A",
    "viola": COLORS["porpora"],
    "blu": COLORS["blu"],
    "azzurro": COLORS["celeste"],
}
#: il costo si disegna in scala logaritmica fra questi due valori
LOSS_LIMITS = (1e-3, 1e2)


def _loss_axes(ax, steps, title=None):
    ax.set_yscale("log")
    ax.set_ylim(*LOSS_LIMITS)
    ax.set_xlim(0, steps)
    ax.set_xlabel("passo $k$")
    ax.set_ylabel("costo $C(w_k)$")
    ax.grid(True, alpha=0.3)
    if title:
        ax.set_title(title)


def _clip(curve):
    """Il costo dentro i limiti del grafico: un run che esplode resta visibile in alto."""
    return np.clip(curve, *LOSS_LIMITS)


@book_style()
def regimes_figure(task, make_optimizer, regimes, steps, value):
    r"""Le curve di costo dei regimi di riferimento e, in nero, quella del valore scelto col cursore.

    ``regimes`` è un dizionario etichetta → ``(eta, colore)``; ``make_optimizer(eta)``
    costruisce l'ottimizzatore. Restituisce ``(fig, update)`` con ``update(eta=…)``.
    Con ``value=None`` niente curva nera: è la figura statica dei quattro regimi.
    """
    fig, axes = new_figure(width=6.4, height=3.8)
    ax = axes[0, 0]
    for label, (eta, color) in regimes.items():
        ax.plot(_clip(task.loss_curve(make_optimizer(eta), steps)), color=color, linewidth=1.8,
                label=f"{label}, $\\eta$ = {eta:g}", alpha=1.0 if value is None else 0.45)
    _loss_axes(ax, steps, "Effetto del learning rate sul costo")
    (line,) = ax.plot([], [], color="black", linewidth=1.4, label="il vostro $\\eta$" if value is not None else None)
    ax.legend(loc="lower left", fontsize=8)

    def update(eta):
        curve = task.loss_curve(make_optimizer(eta), steps)
        line.set_data(np.arange(len(curve)), _clip(curve))
        ax.set_title(f"$\\eta$ = {eta:.3g}: costo finale {curve[-1]:.3g}")

    if value is not None:
        update(value)
    return fig, update


def _rates(schedule, k):
    r"""I valori :math:`\eta(k)` dello schedule sui passi ``k``, come array di float."""
    return np.array(np.broadcast_to(schedule(k), k.shape), dtype=np.float64)


def _nice_ceiling(x):
    """Il più piccolo fra 1, 2, 5 × 10ⁿ che non stia sotto ``x``: un limite d'asse che cambia di rado."""
    power = 10.0 ** np.floor(np.log10(x))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= x)


def _schedule_and_loss(ax_eta, ax_loss, task, make_optimizer, schedules, steps):
    """Disegna :math:`\\eta(k)` e la curva di costo di ogni schedule, con gli stessi colori; restituisce le linee."""
    k = np.arange(steps)
    rate_lines, loss_lines = [], []
    for (label, schedule), color in zip(schedules.items(), CYCLE):
        rate_lines += ax_eta.plot(k, _rates(schedule, k), color=color, linewidth=1.6, label=label)
        loss_lines += ax_loss.plot(_clip(task.loss_curve(make_optimizer(schedule), steps)), color=color, linewidth=1.6)
    ax_eta.set_xlim(0, steps)
    ax_eta.set_ylim(bottom=0)
    ax_eta.set_xlabel("passo $k$")
    ax_eta.set_ylabel("learning rate $\\eta(k)$")
    ax_eta.grid(True, alpha=0.3)
    _loss_axes(ax_loss, steps)
    return rate_lines, loss_lines


@book_style()
def schedules_figure(task, make_optimizer, make_schedules, steps, values):
    r"""Due pannelli, :math:`\eta(k)` e costo, per gli schedule di ``make_schedules(**values)``.

    ``make_schedules`` restituisce un dizionario etichetta → schedule (sempre
    le stesse etichette). Restituisce ``(fig, update)``: ``update(**valori)``
    aggiorna i dati delle linee; riallena solo gli schedule i cui
    :math:`\eta(k)` sono cambiati dall'ultima volta.
    """
    fig, axes = new_figure(2, width=4.4, height=3.4)
    ax_eta, ax_loss = axes[0]
    k = np.arange(steps)
    rate_lines, loss_lines = _schedule_and_loss(ax_eta, ax_loss, task, make_optimizer, make_schedules(**values),
                                                steps)
    ax_eta.legend(fontsize=8)
    ax_eta.set_title("Lo schedule")
    ax_loss.set_title("Il costo durante l'allenamento")
    # le curve di costo dell'ultimo disegno, per valori di η(k): lo stesso η(k) dà lo stesso allenamento
    known = {line.get_ydata().tobytes(): loss.get_ydata() for line, loss in zip(rate_lines, loss_lines)}

    def update(**values):
        curves = {}
        for rate_line, loss_line, schedule in zip(rate_lines, loss_lines, make_schedules(**values).values()):
            rates = _rates(schedule, k)
            key = rates.tobytes()
            curve = known[key] if key in known else _clip(task.loss_curve(make_optimizer(schedule), steps))
            curves[key] = curve
            rate_line.set_ydata(rates)
            loss_line.set_data(np.arange(len(curve)), curve)
        known.clear()
        known.update(curves)
        ax_eta.set_ylim(0, _nice_ceiling(1.05 * max(line.get_ydata().max() for line in rate_lines)))

    update(**values)
    return fig, update


@book_style()
def schedules_grid(task, make_optimizer, columns, steps):
    r"""Piccoli multipli: una colonna per famiglia di schedule, :math:`\eta(k)` sopra e costo sotto.

    ``columns`` è un dizionario titolo → (etichetta → schedule): è la
    controparte statica di :func:`schedules_figure`.
    """
    fig, axes = new_figure(len(columns), 2, width=3.4, height=2.7)
    for j, (title, schedules) in enumerate(columns.items()):
        _schedule_and_loss(axes[0, j], axes[1, j], task, make_optimizer, schedules, steps)
        axes[0, j].set_title(title)
        axes[0, j].legend(fontsize=7)
    return fig


def sharpness_profile(task, traj, every):
    r"""La curvatura massima :math:`\lambda(w_k)` ogni ``every`` passi: restituisce ``(k, lambda)``."""
    k = np.arange(0, len(traj), every)
    return k, np.array([sharpness(task, traj[i]) for i in k])


@book_style()
def warmup_figure(task, optimizers, steps, threshold, every=10):
    r"""Il warm-up all'opera: :math:`\eta(k)`, il costo, e :math:`\eta(k)\,\lambda(w_k)` contro la soglia di stabilità.

    ``optimizers`` è un dizionario etichetta → ottimizzatore (con ``rate(k)``);
    ``threshold`` è il valore di :math:`\eta\lambda` oltre il quale una
    quadratica con quella curvatura non converge più (2 per GD, :math:`2(1+\beta)` col momentum).
    """
    fig, axes = new_figure(3, width=3.6, height=3.2)
    ax_eta, ax_loss, ax_product = axes[0]
    k = np.arange(steps)
    for (label, opt), color in zip(optimizers.items(), CYCLE):
        traj = task.train(opt, steps)
        rates = np.array([opt.rate(i) for i in k])
        ax_eta.plot(k, rates, color=color, linewidth=1.6, label=label)
        ax_loss.plot(_clip(task.losses(traj)), color=color, linewidth=1.6)
        where, curvature = sharpness_profile(task, traj[:steps], every)
        ax_product.plot(where, rates[where] * np.abs(curvature), "o-", color=color, markersize=3, linewidth=1.2)
    ax_eta.set(xlabel="passo $k$", ylabel="$\\eta(k)$", title="Learning rate", xlim=(0, steps), ylim=(0, None))
    ax_eta.legend(fontsize=8)
    _loss_axes(ax_loss, steps, "Costo")
    ax_product.axhline(threshold, color="black", linestyle="--", linewidth=1)
    ax_product.annotate(f"soglia {threshold:g}", (steps, threshold), xytext=(-4, 4), textcoords="offset points",
                        ha="right", fontsize=8)
    ax_product.set(xlabel="passo $k$", ylabel="$\\eta(k)\\,\\lambda_{max}(w_k)$", yscale="log", xlim=(0, steps),
                   title="Passo contro curvatura")
    for ax in (ax_eta, ax_product):
        ax.grid(True, alpha=0.3)
    return fig
