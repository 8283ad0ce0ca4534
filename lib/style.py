"""Lo stile unico dei grafici del libro: colori leggibili da chi non distingue i colori.

La tavolozza è quella di Okabe e Ito (2008), pensata per le discromatopsie; le
superfici usano una scala di grigi, così le traiettorie colorate risaltano.
"""

from contextlib import contextmanager

import matplotlib.pyplot as plt

#: Okabe–Ito, nell'ordine in cui si assegnano alle serie
COLORS = {
    "blu": "#0072B2",
    "vermiglio": "#D55E00",
    "verde": "#009E73",
    "arancione": "#E69F00",
    "porpora": "#CC79A7",
    "celeste": "#56B4E9",
    "giallo": "#F0E442",
    "nero": "#000000",
}
CYCLE = [COLORS[name] for name in ("blu", "vermiglio", "verde", "arancione", "porpora", "celeste", "nero")]

#: mappa di colori per le superfici (chiaro = costo basso)
SURFACE_CMAP = "Greys"

RC = {
    "axes.prop_cycle": plt.cycler(color=CYCLE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "axes.formatter.use_locale": False,
}


@contextmanager
def book_style():
    """Applica lo stile del libro solo dentro il blocco, senza toccare quello globale.

    Si usa come ``with book_style():`` oppure come decoratore ``@book_style()``
    sulle funzioni che costruiscono figure.
    """
    with plt.rc_context(RC):
        yield


def new_figure(ncols=1, nrows=1, width=4.2, height=3.4, **kwargs):
    """Una figura nello stile del libro, con ``ncols × nrows`` pannelli di ``width × height`` pollici.

    La figura viene tolta dalla gestione di pyplot (``plt.close``): il notebook la
    mostra una volta sola, quando è l'ultima espressione della cella, e i cursori
    possono ridisegnarla senza che compaiano copie.
    """
    with book_style():
        fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False, **kwargs)
        plt.close(fig)
    return fig, axes
