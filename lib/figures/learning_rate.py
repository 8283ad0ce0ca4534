r"""Le figure del capitolo 3: learning rate, rumore del gradiente, schedule e warm-up.

Le figure non allenano nulla: ricevono curve di costo già calcolate, di
solito con :meth:`lib.training.Task.loss_curves` o con una
:class:`lib.training.CurveTable` (che le precalcola per tutte le posizioni di
un cursore). Così un movimento di cursore costa solo l'aggiornamento dei dati
delle linee. Le funzioni ``*_figure`` con cursore restituiscono
``(fig, update)`` per :func:`lib.widgets.slider_panel`; le altre una figura
statica. Fa eccezione :func:`warmup_figure`, che allena le sue due reti per
misurarne la curvatura lungo il cammino.
"""

import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, LogLocator, NullLocator

from ..schedules import rates
from ..style import COLORS, CYCLE, book_style, new_figure
from ..training import sharpness

#: i quattro regimi degli appunti: nome del colore negli appunti → colore leggibile da tutti
REGIME_COLORS = {
    "marrone": "#8C510A",
    "viola": COLORS["porpora"],
    "blu": COLORS["blu"],
    "azzurro": COLORS["celeste"],
}
#: il costo si disegna in scala logaritmica fra questi due valori (i regimi: il molto alto va oltre 1)
LOSS_LIMITS = (1e-2, 1e1)
#: i limiti delle figure sugli schedule, dove il costo non supera quello iniziale
SCHEDULE_LIMITS = (1e-2, 1e0)
#: la discesa piena del warm-up arriva più in basso: i suoi limiti
WARMUP_LIMITS = (1e-3, 1e1)
#: colore delle curve di riferimento (un η costante)
REFERENCE = "0.55"


def _clip(curve, limits=LOSS_LIMITS):
    """Il costo dentro i limiti del grafico: un allenamento che esplode resta visibile in alto."""
    return np.clip(np.nan_to_num(curve, posinf=limits[1]), *limits)


def _loss_axes(ax, steps, title=None, log_steps=False, limits=LOSS_LIMITS):
    """Asse del costo: logaritmico in y; in x i passi, lineari o in scala logaritmica (con lo 0)."""
    ax.set_yscale("log")
    ax.set_ylim(*limits)
    if log_steps:
        ax.set_xscale("symlog", linthresh=1, linscale=0.4)
        ax.xaxis.set_major_locator(FixedLocator([0, 1, 10, 100, 1000]))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xlabel("passo $k$ (scala logaritmica)")
    else:
        ax.set_xlabel("passo $k$")
    ax.set_xlim(0, steps)
    ax.set_ylabel("costo $C(w^{(k)})$")
    ax.grid(True, alpha=0.3)
    if title:
        ax.set_title(title)


@book_style()
def regimes_figure(at, regimes, table, value=None):
    r"""I regimi di riferimento e, in nero, la curva del valore di :math:`\eta` scelto col cursore.

    ``at`` sono i passi delle curve, ``regimes`` un dizionario etichetta →
    ``(eta, colore)``, ``table(eta)`` la curva di costo media per quel
    :math:`\eta` (una :class:`lib.training.CurveTable`). I passi sono in scala
    logaritmica: si vedono insieme i primi passi e la fine. Il titolo riporta
    il costo medio nell'ultimo quarto dei passi. Restituisce ``(fig, update)``
    con ``update(eta=…)``; con ``value=None`` niente curva nera: è la figura
    statica dei quattro regimi.
    """
    fig, axes = new_figure(width=6.4, height=3.8)
    ax = axes[0, 0]
    for label, (eta, color) in regimes.items():
        ax.plot(at, _clip(table(eta)), color=color, linewidth=2.0, label=f"{label}, $\\eta$ = {eta:g}",
                alpha=1.0 if value is None else 0.45)
    _loss_axes(ax, at[-1], "Effetto del learning rate sul costo", log_steps=True)
    (line,) = ax.plot([], [], color="black", linewidth=1.4, label="il vostro $\\eta$" if value is not None else None)
    ax.legend(loc="lower left", fontsize=8)

    start = 0.75 * at[-1]  # l'ultimo quarto dell'allenamento, come nel testo del capitolo

    def update(eta):
        curve = table(eta)
        line.set_data(at, _clip(curve))
        ax.set_title(f"$\\eta$ = {eta:.3g}: costo medio fra i passi {start:g} e {at[-1]}: "
                     f"{curve[at >= start].mean():.3g}")

    if value is not None:
        update(value)
    return fig, update


@book_style()
def runs_figure(at, panels, cut=None):
    r"""Un pannello per caso: curve di costo medie (spesse) e quella di un solo seme (sottile).

    ``panels`` è un dizionario titolo → (etichetta → curve dei semi, forma
    ``(semi, len(at))``). Con un solo seme (gradiente pieno) c'è solo la
    curva spessa. ``cut`` segna con una linea verticale il passo in cui
    cambia il learning rate.
    """
    fig, axes = new_figure(len(panels), width=3.6, height=3.2)
    for ax, (title, runs) in zip(axes[0], panels.items()):
        for (label, curves), color in zip(runs.items(), CYCLE):
            curves = np.atleast_2d(curves)
            if len(curves) > 1:
                ax.plot(at, _clip(curves[0], SCHEDULE_LIMITS), color=color, linewidth=0.6, alpha=0.35)
            ax.plot(at, _clip(curves.mean(axis=0), SCHEDULE_LIMITS), color=color, linewidth=1.8, label=label)
        if cut is not None:
            ax.axvline(cut, color="black", linestyle=":", linewidth=1)
        _loss_axes(ax, at[-1], title, limits=SCHEDULE_LIMITS)
        ax.legend(loc="upper right", fontsize=8)
    return fig


@book_style()
def floor_figure(etas, floors):
    r"""Il costo a fine allenamento contro :math:`\eta`, una linea per dimensione del mini-batch.

    ``floors`` è un dizionario etichetta → costo finale medio per ciascun
    valore di ``etas`` (scale logaritmiche su entrambi gli assi).
    """
    fig, axes = new_figure(width=5.2, height=3.6)
    ax = axes[0, 0]
    for (label, values), color in zip(floors.items(), CYCLE):
        ax.plot(etas, values, "o-", color=color, linewidth=1.6, markersize=4, label=label)
    ax.set(xscale="log", yscale="log", xlabel="learning rate $\\eta$ (costante)",
           ylabel="costo medio, passi 1500–2000", title="Il pavimento del rumore")
    plain = FuncFormatter(lambda value, _: f"{value:g}")
    ax.xaxis.set_major_locator(FixedLocator(etas))
    ax.yaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(plain)
        axis.set_minor_locator(NullLocator())
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    return fig


def _schedule_axes(ax, steps):
    ax.set_xlim(0, steps)
    ax.set_xlabel("passo $k$")
    ax.set_ylabel("learning rate $\\eta(k)$")
    ax.grid(True, alpha=0.3)


def _references(ax_eta, ax_loss, at, references):
    """Le curve di riferimento (η costanti), grigie e tratteggiate, con la loro etichetta."""
    k = np.arange(at[-1])
    for (label, (eta, curve)), style in zip(references.items(), ("--", ":")):
        ax_eta.plot(k, rates(eta, k), color=REFERENCE, linestyle=style, linewidth=1.2)
        ax_loss.plot(at, _clip(curve, SCHEDULE_LIMITS), color=REFERENCE, linestyle=style, linewidth=1.2,
                     label=label)


@book_style()
def schedules_grid(at, families, tables, params, chosen, references=None):
    r"""Piccoli multipli: una colonna per famiglia di schedule, :math:`\eta(k)` sopra e costo medio sotto.

    ``families`` è un dizionario nome → ``make_schedule(v)``, ``tables`` nome →
    tabella delle curve (:class:`lib.training.CurveTable`), ``params`` nome →
    nome del parametro (per la legenda, «s = 50»), ``chosen`` nome → i valori
    da disegnare. ``references`` (facoltativo) etichetta → ``(eta, curva)`` di
    learning rate costanti, ripetuti grigi in ogni colonna. È la controparte
    statica di :func:`schedules_figure`.
    """
    fig, axes = new_figure(len(chosen), 2, width=3.4, height=2.7)
    k = np.arange(at[-1])
    for j, (name, values) in enumerate(chosen.items()):
        ax_eta, ax_loss = axes[0, j], axes[1, j]
        for value, color in zip(values, CYCLE):
            ax_eta.plot(k, rates(families[name](value), k), color=color, linewidth=1.6)
            ax_loss.plot(at, _clip(tables[name](value), SCHEDULE_LIMITS), color=color, linewidth=1.6,
                         label=f"{params[name]} = {value:g}")
        if references:
            _references(ax_eta, ax_loss, at, references)
        _schedule_axes(ax_eta, at[-1])
        ax_eta.set_ylim(bottom=0)
        ax_eta.set_title(name)
        _loss_axes(ax_loss, at[-1], limits=SCHEDULE_LIMITS)
        ax_loss.legend(fontsize=7, loc="lower left")
    return fig


@book_style()
def schedules_figure(at, families, tables, params, values, references=None):
    r"""Due pannelli, :math:`\eta(k)` e costo medio, per schedule che dipendono dai cursori.

    ``families``, ``tables`` e ``params`` come in :func:`schedules_grid`: la
    famiglia ``nome`` segue il cursore ``params[nome]``. ``values`` sono i
    valori iniziali dei cursori. Restituisce ``(fig, update)`` con
    ``update(**valori)``: cambiano solo i dati delle linee.
    """
    fig, axes = new_figure(2, width=4.4, height=3.4)
    ax_eta, ax_loss = axes[0]
    k = np.arange(at[-1])
    rate_lines = [ax_eta.plot([], [], color=c, linewidth=1.6)[0] for c in CYCLE[: len(families)]]
    loss_lines = [ax_loss.plot([], [], color=c, linewidth=1.6, label=name)[0]
                  for name, c in zip(families, CYCLE)]
    if references:
        _references(ax_eta, ax_loss, at, references)
    _schedule_axes(ax_eta, at[-1])
    ax_eta.set_ylim(0, 1.05 * max(rates(make(values[params[name]]), k).max() for name, make in families.items()))
    ax_eta.set_title("Lo schedule")
    _loss_axes(ax_loss, at[-1], "Il costo durante l'allenamento", limits=SCHEDULE_LIMITS)
    ax_loss.legend(fontsize=8, loc="lower left")

    def update(**values):
        for rate_line, loss_line, (name, make) in zip(rate_lines, loss_lines, families.items()):
            value = values[params[name]]
            rate_line.set_data(k, rates(make(value), k))
            loss_line.set_data(at, _clip(tables[name](value), SCHEDULE_LIMITS))

    update(**values)
    return fig, update


@book_style()
def distance_figure(at, cases, limits=None):
    r"""Quanta strada può fare uno schedule: :math:`\sum_{j<t} \eta(j)` a sinistra, il costo medio a destra.

    Il passo si chiama :math:`t`, come negli appunti per i decadimenti: nelle
    etichette :math:`k` è la costante di decadimento.

    ``cases`` è un dizionario etichetta → ``(schedule, curva)``; ``limits``
    (facoltativo) etichetta → valore a cui tende la somma, disegnato
    tratteggiato.
    """
    fig, axes = new_figure(2, width=4.0, height=3.3)
    ax_sum, ax_loss = axes[0]
    k = np.arange(at[-1] + 1)
    for (label, (schedule, curve)), color in zip(cases.items(), CYCLE):
        total = np.concatenate([[0.0], np.cumsum(rates(schedule, k[:-1]))])
        ax_sum.plot(k, total, color=color, linewidth=1.6, label=label)
        ax_loss.plot(at, _clip(curve, SCHEDULE_LIMITS), color=color, linewidth=1.6)
    for (label, value), color in zip((limits or {}).items(), CYCLE):
        ax_sum.axhline(value, color=color, linestyle="--", linewidth=1, label=label)
    ax_sum.set(xlim=(0, at[-1]), ylim=(0, None), xlabel="passo $t$", title="La somma dei passi",
               ylabel="$\\eta(0) + \\eta(1) + \\dots + \\eta(t-1)$")
    ax_sum.grid(True, alpha=0.3)
    ax_sum.legend(fontsize=8, loc="upper left")
    _loss_axes(ax_loss, at[-1], "Il costo", limits=SCHEDULE_LIMITS)
    ax_loss.set_xlabel("passo $t$")  # qui k è la costante di decadimento
    return fig


def sharpness_profile(task, traj, every):
    r"""La curvatura massima :math:`\lambda(w^{(k)})` ogni ``every`` passi: restituisce ``(k, lambda)``."""
    k = np.arange(0, len(traj), every)
    return k, np.array([sharpness(task, traj[i]) for i in k])


@book_style()
def warmup_figure(task, optimizers, steps, threshold, every=10):
    r"""Il warm-up all'opera: :math:`\eta(k)`, il costo, e :math:`\eta(k)\,|\lambda(w^{(k)})|` contro la soglia.

    ``optimizers`` è un dizionario etichetta → ottimizzatore (con ``rate(k)``);
    ``threshold`` è il valore di :math:`\eta\lambda` oltre il quale una
    quadratica con quella curvatura non converge più (2 per GD, :math:`2(1+\beta)` col momentum).
    La soglia sta nella legenda del terzo pannello, così nessuna scritta copre i punti.
    """
    fig, axes = new_figure(3, width=3.6, height=3.2)
    ax_eta, ax_loss, ax_product = axes[0]
    k = np.arange(steps)
    for (label, opt), color in zip(optimizers.items(), CYCLE):
        traj = task.train(opt, steps)
        eta = rates(opt.eta, k)
        ax_eta.plot(k, eta, color=color, linewidth=1.6, label=label)
        ax_loss.plot(_clip(task.losses(traj), WARMUP_LIMITS), color=color, linewidth=1.6)
        where, curvature = sharpness_profile(task, traj[:steps], every)
        ax_product.plot(where, eta[where] * np.abs(curvature), "o-", color=color, markersize=3, linewidth=1.2)
    ax_eta.set(xlabel="passo $k$", ylabel="$\\eta(k)$", title="Learning rate", xlim=(0, steps), ylim=(0, None))
    ax_eta.legend(fontsize=8)
    _loss_axes(ax_loss, steps, "Costo", limits=WARMUP_LIMITS)
    ax_product.axhline(threshold, color="black", linestyle="--", linewidth=1, label=f"soglia {threshold:g}")
    ax_product.legend(fontsize=8, loc="lower right")
    ax_product.set(xlabel="passo $k$", ylabel="$\\eta(k)\\,|\\lambda_{max}(w^{(k)})|$", yscale="log",
                   xlim=(0, steps), title="Passo contro curvatura")
    for ax in (ax_eta, ax_product):
        ax.grid(True, alpha=0.3)
    return fig
