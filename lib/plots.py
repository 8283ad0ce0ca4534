"""I grafici del libro: paesaggi, traiettorie, curve di costo, piccoli multipli.

Due oggetti fanno quasi tutto il lavoro, sia per le figure statiche sia per i
cursori (:mod:`lib.widgets`):

- :class:`PathView` disegna *una volta* il paesaggio (curve di livello in 2-D,
  la curva con i punti a, b, c, d in 1-D) e poi mostra una traiettoria con
  :meth:`PathView.show`, aggiornando solo i dati della linea;
- :class:`LossView` fa lo stesso per il costo :math:`f(w^{(k)}) - f^*` contro il
  passo :math:`k`, in scala logaritmica.

Se un run diverge, il pannello lo dice a parole («divergenza al passo k»).
"""

import numpy as np
from matplotlib.ticker import MaxNLocator, NullLocator

from . import _validation as check
from .run import run
from .style import CYCLE, SURFACE_CMAP, book_style, new_figure

#: quante curve di livello
CONTOUR_LEVELS = 14
#: sotto questa soglia il costo è rumore di arrotondamento: i grafici lo tagliano qui
LOSS_FLOOR = 1e-12
#: sui cammini, un punto segnato dista almeno questa frazione dell'asse dal precedente
MARKER_GAP = 0.01


def optimal_value(landscape):
    """Il valore minimo :math:`f^*` del paesaggio (sui suoi minimi noti)."""
    return min(float(landscape(np.array(m))) for m in landscape.minima)


def loss_gap(landscape, traj):
    r"""La distanza dall'ottimo lungo la traiettoria, :math:`f(w^{(k)}) - f^*`."""
    return landscape(traj) - optimal_value(landscape)


def outcome(landscape, traj):
    """Il risultato di un run in poche parole: dove è arrivato, o quando è esploso."""
    if traj.diverged:
        return f"divergenza al passo {len(traj)}"
    steps = len(traj) - 1
    if landscape.dim == 1:
        return f"{steps} passi: $w$ = {traj[-1]:.3f}"
    return f"{steps} passi: $f - f^*$ = {loss_gap(landscape, traj[-1]):.3g}"


def decades(low, high):
    """I limiti di un asse logaritmico che contenga ``[low, high]``: :math:`10^{3i}` sotto, :math:`10^j` sopra.

    Limiti arrotondati (in basso a gruppi di tre decadi) cambiano di rado
    mentre si muove un cursore, così :class:`lib.live.LiveFigure` riusa lo
    sfondo già disegnato.
    """
    return 1000.0 ** np.floor(np.log10(low) / 3), 10.0 ** np.ceil(np.log10(high))


def draw_landscape(ax, landscape):
    """Disegna il paesaggio: curve di livello in 2-D, la curva con i suoi punti notevoli in 1-D."""
    if landscape.dim == 1:
        _draw_curve(ax, landscape)
    else:
        _draw_contours(ax, landscape)


def _draw_contours(ax, landscape):
    w1, w2, z = landscape.contour_grid
    gap = z - optimal_value(landscape)
    levels = np.geomspace(max(gap.max() * 1e-4, 1e-3), gap.max(), CONTOUR_LEVELS)
    ax.contourf(w1, w2, gap, levels=np.concatenate([[0], levels]), cmap=SURFACE_CMAP, alpha=0.55, extend="max")
    ax.contour(w1, w2, gap, levels=levels, colors="0.45", linewidths=0.5)
    for minimum in landscape.minima:
        ax.plot(*minimum, marker="*", color="black", markersize=11, linestyle="none", zorder=4)
    ax.set_xlim(landscape.bounds[0])
    ax.set_ylim(landscape.bounds[1])
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")


def _draw_curve(ax, curve):
    w, f = curve.plot_grid
    ax.plot(w, f, color="black", linewidth=1.5)
    span = f.max() - f.min()
    for name, point in curve.points.items():
        if name == "c" and point == curve.points["b"]:
            continue  # nel plateau b e c coincidono
        ax.plot(point, curve(point), "o", color="black", markersize=4, zorder=4)
        ax.annotate(name, (point, curve(point)), xytext=(0, 7), textcoords="offset points",
                    ha="center", fontsize=11, fontweight="bold")
    ax.set_xlim(curve.bounds)
    ax.set_ylim(f.min() - 0.08 * span, f.max() + 0.12 * span)
    ax.set_xlabel("$w$")
    ax.set_ylabel("$C(w)$")


def spaced_markers(x, y, xlim, ylim, gap=MARKER_GAP):
    """Gli indici dei punti da segnare: il primo, poi ogni punto lontano almeno ``gap`` dall'ultimo segnato.

    Le distanze sono in frazioni degli assi (``xlim``, ``ylim``): mille passi
    minuscoli non diventano una corda spessa che copre gli altri cammini, e
    dove i passi sono lunghi si vedono tutti.
    """
    u = (np.asarray(x, dtype=np.float64) - xlim[0]) / (xlim[1] - xlim[0])
    v = (np.asarray(y, dtype=np.float64) - ylim[0]) / (ylim[1] - ylim[0])
    marked, last = [0], (u[0], v[0]) if len(u) else (0.0, 0.0)
    for i in range(1, len(u)):
        if (u[i] - last[0]) ** 2 + (v[i] - last[1]) ** 2 >= gap**2:
            marked.append(i)
            last = (u[i], v[i])
    return marked if len(u) else []


class PathsView:
    """Una o più traiettorie su un paesaggio disegnato una volta sola; si aggiornano con :meth:`show`.

    Ogni serie ha il suo colore (e, se c'è, la sua etichetta in legenda); il
    quadratino segna il punto di partenza, il pallino bordato di nero quello
    d'arrivo (visibile anche dove più cammini si sovrappongono). La didascalia riporta l'esito di
    ciascuna serie, divergenza compresa («etichetta: …»; senza etichetta, solo
    l'esito).
    """

    def __init__(self, ax, landscape, colors=(CYCLE[0],), labels=(None,)):
        self.landscape, self.labels = landscape, list(labels)
        draw_landscape(ax, landscape)
        # prima i punti di partenza e di arrivo, poi i cammini: le linee dei cammini restano le ultime dell'asse
        self.starts = [ax.plot([], [], "s", color=c, markersize=6, zorder=6)[0] for c in colors]
        self.ends = [ax.plot([], [], "o", color=c, markersize=7, markeredgecolor="black", markeredgewidth=0.8,
                             zorder=6)[0] for c in colors]
        self.lines = [ax.plot([], [], "o-", color=c, label=l, markersize=3.5, linewidth=1.1, zorder=5)[0]
                      for c, l in zip(colors, self.labels)]
        if any(label is not None for label in self.labels):
            ax.legend(loc="lower right")
        self.caption = ax.text(0.03, 0.97, "", transform=ax.transAxes, va="top", fontsize=9, zorder=7,
                               bbox=dict(boxstyle="round,pad=0.25", facecolor="white", alpha=0.85, linewidth=0))

    def show(self, *trajectories):
        """Mostra una traiettoria per serie, nell'ordine dei colori.

        I cammini più corti si disegnano sopra quelli più lunghi, e dove i passi
        sono minuscoli non si segnano tutti (:func:`spaced_markers`): così
        nessun cammino resta nascosto sotto un altro che passa di lì.
        """
        outcomes, lengths = [], []
        for line, start, end, label, traj in zip(self.lines, self.starts, self.ends, self.labels, trajectories):
            x, y = (traj, self.landscape(traj)) if self.landscape.dim == 1 else (traj[:, 0], traj[:, 1])
            line.set_data(x, y)
            line.set_markevery(spaced_markers(x, y, line.axes.get_xlim(), line.axes.get_ylim()))
            start.set_data(x[:1], y[:1])
            end.set_data(x[-1:], y[-1:])
            lengths.append(np.sum(np.hypot(np.diff(x), np.diff(y))))
            result = outcome(self.landscape, traj)
            outcomes.append(result if label is None else f"{label}: {result}")
        for rank, i in enumerate(np.argsort(lengths)[::-1]):
            self.lines[i].set_zorder(5 + rank / len(lengths))
        self.caption.set_text("\n".join(outcomes))


class PathView(PathsView):
    """Una sola traiettoria, senza legenda: il caso più comune di :class:`PathsView`."""

    def __init__(self, ax, landscape, color=CYCLE[0]):
        super().__init__(ax, landscape, (color,), (None,))

    @property
    def line(self):
        """La linea del cammino."""
        return self.lines[0]


class LossView:
    r"""Il costo :math:`f(w^{(k)}) - f^*` contro il passo :math:`k`, in scala logaritmica, per una o più serie."""

    def __init__(self, ax, landscape, steps, colors=(CYCLE[0],), labels=None):
        self.ax, self.landscape = ax, landscape
        labels = labels or [None] * len(colors)
        self.lines = [ax.plot([], [], color=c, label=l, linewidth=1.5)[0] for c, l in zip(colors, labels)]
        ax.set_yscale("log")
        # niente tacche secondarie: a ogni nuovo intervallo di decadi costerebbero decine di ms (lib.live)
        ax.yaxis.set_minor_locator(NullLocator())
        # i limiti più larghi finché show non li cambia: un layout fissato prima (l'arena, in lib.live)
        # fa posto alle tacche più larghe
        ax.set_ylim(*decades(LOSS_FLOOR / 3, 1e15))
        ax.set_xlim(0, max(steps, 1))
        ax.set_xlabel("passo $k$")
        ax.set_ylabel("$C(w^{(k)}) - C^*$" if landscape.dim == 1 else "$f(w^{(k)}) - f^*$")
        ax.grid(True, which="major", alpha=0.3)
        if labels[0] is not None:
            ax.legend(loc="lower left")

    def show(self, *trajectories):
        """Mostra una traiettoria per serie, nell'ordine dei colori."""
        gaps = [np.maximum(loss_gap(self.landscape, t), LOSS_FLOOR) for t in trajectories]
        for line, gap in zip(self.lines, gaps):
            line.set_data(np.arange(len(gap)), gap)
        values = np.concatenate(gaps)
        self.ax.set_ylim(*decades(values.min() / 3, max(values.max(), 10 * LOSS_FLOOR) * 3))


@book_style()
def loss_curves(series, xlabel="passo $k$", ylabel="costo", title=None, log=True, colors=None):
    """Più curve di costo su un solo grafico: ``series`` è un dizionario etichetta → valori.

    I valori possono avere lunghezze diverse (per esempio un run che diverge e
    si ferma prima). ``colors`` sceglie i colori, nell'ordine delle serie.
    """
    fig, axes = new_figure(width=5.6, height=3.6)
    ax = axes[0, 0]
    for (label, values), color in zip(series.items(), colors or CYCLE):
        ax.plot(np.arange(len(values)), values, label=label, color=color, linewidth=1.6)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    ax.legend()
    if title:
        ax.set_title(title)
    return fig


def grid_layout(count, ncols=3):
    r"""La griglia di ``count`` piccoli multipli con al più ``ncols`` colonne, senza caselle vuote.

    Restituisce ``(righe, colonne, larghezza)``, dove ``larghezza`` è il numero
    di colonne occupate dall'ultimo pannello. Le righe sono il meno possibile,
    :math:`\lceil count / ncols \rceil`; se con ``ncols - 1`` colonne la griglia è
    piena con le stesse righe, si usa quella (4 pannelli: 2 × 2, non 3 + 1);
    altrimenti l'ultimo pannello si allarga su tutte le caselle rimaste
    dell'ultima riga (5 pannelli su 3 colonne: 3 + 1, e l'ultimo largo 2).

    >>> grid_layout(4), grid_layout(5), grid_layout(6)
    ((2, 2, 1), (2, 3, 2), (2, 3, 1))
    """
    count = check.count("count", count, minimum=1)
    ncols = min(check.count("ncols", ncols, minimum=1), count)
    nrows = -(-count // ncols)
    for columns in (ncols, ncols - 1):
        if columns >= 1 and count % columns == 0 and count // columns == nrows:
            return nrows, columns, 1
    return nrows, ncols, ncols * nrows - count + 1


@book_style()
def panels(cases, steps, titles, loss=True, ncols=3):
    """Piccoli multipli: un pannello per caso ``(paesaggio, ottimizzatore, partenza)``.

    Con ``loss=True`` l'ultimo pannello raccoglie le curve di costo di tutti i
    casi, nei colori delle rispettive traiettorie (ha senso se i casi condividono
    il paesaggio). ``partenza = None`` usa il punto di partenza del paesaggio.
    La griglia non lascia caselle vuote (:func:`grid_layout`): se serve, l'ultimo
    pannello (il costo, con ``loss=True``) si allarga sull'ultima riga.
    """
    count = len(cases) + bool(loss)
    nrows, ncols, span = grid_layout(count, ncols)
    fig, axes = new_figure(ncols, nrows, width=3.3, height=2.9)
    flat = list(axes.ravel()[:count])
    if span > 1:
        for ax in axes[-1, ncols - span:]:
            ax.remove()
        flat[-1] = fig.add_subplot(axes[0, 0].get_gridspec()[-1, ncols - span:])
    trajectories = []
    for ax, (landscape, opt, start), title, color in zip(flat, cases, titles, CYCLE):
        traj = run(opt, landscape.grad, landscape.start if start is None else start, steps)
        PathView(ax, landscape, color).show(traj)
        ax.set_title(title)
        trajectories.append(traj)
    if loss:
        LossView(flat[-1], cases[0][0], steps, CYCLE[: len(cases)], titles).show(*trajectories)
        flat[-1].set_title("Costo lungo il cammino")
    return fig


def sweep(landscape, make_optimizer, values, steps, symbol="\\eta", start=None, loss=True):
    """La controparte statica di un cursore: un pannello per ciascun valore dell'iperparametro.

    ``make_optimizer(v)`` costruisce l'ottimizzatore per il valore ``v``; i
    titoli dei pannelli sono «symbol = v».
    """
    cases = [(landscape, make_optimizer(v), start) for v in values]
    return panels(cases, steps, [f"${symbol}$ = {v:g}" for v in values], loss=loss)


@book_style()
def trajectory_figure(landscape, make_optimizer, steps, start=None):
    """Traiettoria e curva di costo affiancate, più la funzione che le aggiorna.

    Restituisce ``(fig, update)``: ``update(**valori)`` costruisce
    l'ottimizzatore con ``make_optimizer(**valori)`` (il valore ``w0``, se c'è,
    è il punto di partenza), lo esegue per ``steps`` passi e aggiorna i soli
    dati delle linee. È il cuore dei cursori di :func:`lib.widgets.explorer`.
    """
    fig, axes = new_figure(2, width=4.2, height=3.3)
    path, loss = PathView(axes[0, 0], landscape), LossView(axes[0, 1], landscape, steps)
    axes[0, 0].set_title(landscape.name)
    axes[0, 1].set_title("Costo lungo il cammino")

    def update(**values):
        w0 = values.pop("w0", landscape.start if start is None else start)
        traj = run(make_optimizer(**values), landscape.grad, w0, steps)
        path.show(traj)
        loss.show(traj)

    return fig, update


@book_style()
def surface(landscape, bounds=None, marks=None, elevation=28, azimuth=-60):
    """Il paesaggio come superficie in 3-D su ``bounds`` (per default tutta la regione).

    ``marks`` è un dizionario ``etichetta → punto`` di punti da evidenziare,
    per esempio ``{"punto sella": (0, 0)}``.
    """
    fig, axes = new_figure(width=5.2, height=4.2, subplot_kw={"projection": "3d", "computed_zorder": False})
    ax = axes[0, 0]
    w1, w2, z = landscape.grid(bounds or landscape.bounds, 61)
    ax.plot_surface(w1, w2, z, cmap="cividis", rstride=2, cstride=2, linewidth=0.2, edgecolor="0.35", alpha=0.8)
    for (label, point), color in zip((marks or {}).items(), CYCLE[1:]):
        ax.scatter(*point, landscape(np.array(point, dtype=float)), color=color, s=60, depthshade=False, zorder=10)
        ax.text(*point, landscape(np.array(point, dtype=float)) + 0.12 * np.ptp(z), label, color=color,
                fontsize=10, fontweight="bold", ha="center", zorder=11)
    ax.view_init(elev=elevation, azim=azimuth)
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_major_locator(MaxNLocator(5))
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_zlabel("$f$")
    ax.set_title(landscape.name)
    return fig
