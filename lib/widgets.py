"""I cursori del libro: una figura costruita una volta, ridisegnata a ogni movimento.

:func:`slider_panel` collega dei cursori a una funzione ``update(**valori)`` che
modifica gli artisti di una figura già pronta; :func:`explorer` la usa per il
caso più comune, traiettoria sul paesaggio e curva di costo accanto. La figura
si ridisegna con :class:`lib.live.LiveFigure`: solo gli artisti cambiati, così
l'immagine segue la mano (``make bench`` misura quanto).

Ogni cursore ha un intervallo valido per costruzione; se comunque un valore
fosse rifiutato dalla libreria, il pannello mostra il messaggio in italiano al
posto della figura, senza traceback.
"""

import math

import ipywidgets as widgets

from .live import LiveFigure
from .plots import trajectory_figure

LAYOUT = widgets.Layout(width="340px")
STYLE = {"description_width": "110px"}


def round_step(low, high, positions=100):
    """Il passo «tondo» (1, 2 o 5 per una potenza di 10) più lungo che divide [low, high] in almeno ``positions`` parti.

    Con un passo tondo i valori che si scrivono nel testo (0.8, 0.45, …) sono
    posizioni esatte del cursore: con ``(high - low) / 100`` il cursore di β in
    [0, 0.99] mostrerebbe 0.802 invece di 0.8.
    """
    raw = (high - low) / positions
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (5, 2, 1) if m * power <= raw)


def slider(description, low, high, value, step=None, log=False):
    """Un cursore con etichetta italiana; ``log=True`` per scorrere su più ordini di grandezza."""
    if log:
        return widgets.FloatLogSlider(
            value=value, base=10, min=math.log10(low), max=math.log10(high), step=step or 0.01,
            description=description, readout_format=".3g", continuous_update=True, layout=LAYOUT, style=STYLE,
        )
    if isinstance(value, int) and (step is None or isinstance(step, int)):
        return widgets.IntSlider(value=value, min=low, max=high, step=step or 1, description=description,
                                 continuous_update=True, layout=LAYOUT, style=STYLE)
    return widgets.FloatSlider(value=value, min=low, max=high, step=step or round_step(low, high),
                               description=description, readout_format=".3g", continuous_update=True,
                               layout=LAYOUT, style=STYLE)


def slider_panel(fig, update, sliders):
    """Cursori sopra, figura sotto: a ogni movimento ``update(**valori)`` e poi la figura ridisegnata.

    ``sliders`` è un dizionario ``nome → cursore``: i nomi sono quelli degli
    argomenti di ``update``.
    """
    output, live = widgets.Output(), LiveFigure(fig)

    def redraw(_change=None):
        try:
            update(**{name: s.value for name, s in sliders.items()})
        except ValueError as error:
            with output:
                output.clear_output(wait=True)
                print(f"Valori non ammessi: {error}")
            return
        live.show(output)

    for s in sliders.values():
        s.observe(redraw, names="value")
    redraw()  # il layout si fissa qui, sulla figura coi valori iniziali (le sue tacche, le sue scritte)
    redraw()  # il secondo giro scopre quali artisti cambiano e ne prepara lo sfondo: il primo movimento è già rapido
    return widgets.VBox([widgets.HBox(list(sliders.values()), layout=widgets.Layout(flex_flow="row wrap")),
                         output])


def explorer(landscape, make_optimizer, steps, sliders, start=None):
    """Traiettoria sul paesaggio e curva di costo che seguono i cursori.

    ``make_optimizer(**valori)`` riceve i valori dei cursori (tranne ``w0``, se
    c'è un cursore con quel nome: è il punto di partenza) e restituisce
    l'ottimizzatore; per esempio ``GD`` con un cursore di nome ``eta``. La
    figura è quella di :func:`lib.plots.trajectory_figure`: il paesaggio si
    disegna una volta sola.
    """
    fig, update = trajectory_figure(landscape, make_optimizer, steps, start)
    return slider_panel(fig, update, sliders)
