"""La figura dei cursori ridisegnata in fretta: solo quello che un movimento ha cambiato.

Un movimento di cursore cambia pochi artisti (i dati di una linea, una
didascalia, i limiti di un asse). Ridisegnare tutta la figura come fa il
backend ``inline`` (layout ricalcolato, due disegni per ``bbox_inches="tight"``)
costa dieci volte di più. :class:`LiveFigure` invece:

- al primo disegno calcola il layout della figura e poi lo congela;
- divide la figura in strisce, una per pannello (se i pannelli stanno in una
  riga o in una colonna), e tiene da parte lo *sfondo* di ogni striscia, cioè
  il pannello senza gli artisti che cambiano, uno per combinazione di limiti
  degli assi (sono pochi se i limiti sono arrotondati, come fa
  :class:`lib.plots.LossView`); se cambiano i limiti di un pannello si
  ridisegna solo la sua striscia;
- a ogni movimento ricompone lo sfondo, ci disegna sopra solo gli artisti
  cambiati e codifica il PNG con una compressione rapida.

Un artista conta come «cambiato» se matplotlib lo segna da ridisegnare
(``stale``) o se è nuovo; da allora resta fra quelli ridisegnati a ogni
movimento, come le scritte (titoli, didascalie), che si ridisegnano sempre.
Assi, etichette degli assi e bordi fanno parte dello sfondo.
"""

import io
from binascii import b2a_base64
from collections import OrderedDict

import numpy as np
from IPython.display import display
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba_array
from matplotlib.spines import Spine
from matplotlib.text import Text
from PIL import Image

#: quanti sfondi si tengono in memoria per striscia (i meno usati di recente se ne vanno)
BACKGROUNDS = 16


class LiveFigure:
    """Una figura da ridisegnare a ogni movimento: :meth:`png` ne restituisce l'immagine attuale."""

    def __init__(self, fig):
        self.fig = fig
        self.canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        self.moving = {}  # id → artista: quelli cambiati almeno una volta
        self.seen = None  # id degli artisti presenti all'ultimo disegno
        self.strips = []  # (assi, regione di pixel) per striscia; una sola striscia = la figura intera
        self.base = self.keys = None  # lo sfondo composto e la chiave di ogni sua striscia
        self.cache = []  # per striscia: chiave → pixel

    def png(self):
        """Il PNG della figura così com'è adesso (al primo uso: disegno completo e layout congelato)."""
        if self.seen is None or any(ax.name == "3d" for ax in self.fig.axes):
            self.canvas.draw()
            self.fig.set_layout_engine("none")
            found = self._candidates()
            self.seen = {id(a) for _, a in found}
            # le scritte (didascalie, titoli) cambiano spesso e costano poco: si ridisegnano sempre
            self.moving = {id(a): a for _, a in found if isinstance(a, Text)}
            self.strips = _strips(self.fig, self.canvas.get_renderer())
            self.cache = [OrderedDict() for _ in self.strips]
            return self._encode()
        found = self._refresh()
        self._compose(found)
        self._draw(a for _, a in found if id(a) in self.moving)
        return self._encode()

    def layers(self):
        """Lo sfondo e, a parte su fondo trasparente, gli artisti che cambiano: sovrapposti danno :meth:`png`.

        Sono i due strati dei fotogrammi del sito (:mod:`lib.frames`), come array RGBA.
        """
        if self.seen is None:
            self.png()
        found = self._refresh()
        self._compose(found)
        background = np.asarray(self.canvas.buffer_rgba()).copy()
        return background, self.draw_alone(a for _, a in found if id(a) in self.moving)

    def draw_alone(self, artists):
        """Solo ``artists``, nell'ordine di ``zorder``, su fondo trasparente (array RGBA)."""
        pixels = np.asarray(self.canvas.buffer_rgba())
        pixels[...] = 0
        self._draw(artists)
        return pixels.copy()

    def discover(self):
        """Conta fra gli artisti che cambiano quelli toccati dall'ultimo aggiornamento, senza disegnare."""
        self._refresh()

    def _refresh(self):
        """Gli artisti presenti; quelli nuovi o segnati da ridisegnare (``stale``) si aggiungono a quelli che cambiano."""
        found = self._candidates()
        present = {id(a) for _, a in found}
        self.moving = {key: a for key, a in self.moving.items() if key in present}
        self.moving.update((id(a), a) for _, a in found if a.stale or id(a) not in self.seen)
        self.seen = present
        return found

    def _draw(self, artists):
        renderer = self.canvas.get_renderer()
        for artist in sorted(artists, key=lambda a: a.get_zorder()):
            artist.draw(renderer)

    def show(self, output):
        """Sostituisce il contenuto del widget ``output`` con l'immagine attuale della figura."""
        image = b2a_base64(self.png(), newline=False).decode("ascii")
        data = {"image/png": image, "text/plain": "[figura che segue i cursori]"}
        with output:
            output.clear_output(wait=True)
            display(data, raw=True)

    def _candidates(self):
        """Gli artisti che un aggiornamento può cambiare, con i loro assi (``None`` per la figura).

        Sono i figli di figura e assi, tranne assi, bordi e sfondi, che fanno parte dello sfondo.
        """
        fig = self.fig
        found = [(None, a) for a in fig.get_children() if a is not fig.patch and not isinstance(a, Axes)]
        for ax in fig.axes:
            found += [(ax, a) for a in ax.get_children() if a is not ax.patch and not isinstance(a, (Axis, Spine))]
        return found

    def _compose(self, found):
        """Mette nella tela lo sfondo attuale, ridisegnando solo le strisce che non si trovano in memoria."""
        keys = [self._key(axes, found) for axes, _ in self.strips]
        if self.base is None:
            self.base = np.empty_like(np.asarray(self.canvas.buffer_rgba()))
            self.keys = [None] * len(keys)
        for i, ((axes, region), key) in enumerate(zip(self.strips, keys)):
            if key == self.keys[i]:
                continue
            if key not in self.cache[i]:
                self.cache[i][key] = self._draw_strip(axes, region, found)
                if len(self.cache[i]) > BACKGROUNDS:
                    self.cache[i].popitem(last=False)
            self.cache[i].move_to_end(key)
            self.base[region] = self.cache[i][key]
            self.keys[i] = key
        np.asarray(self.canvas.buffer_rgba())[...] = self.base

    def _key(self, axes, found):
        """Ciò da cui dipende lo sfondo di una striscia: artisti fermi, limiti, scale ed etichette dei suoi assi."""
        owners = set(map(id, axes)) if len(self.strips) > 1 else None
        still = frozenset(id(a) for ax, a in found
                          if id(a) not in self.moving and (owners is None or id(ax) in owners))
        return (still,) + tuple((ax.viewLim.get_points().tobytes(), ax.get_xscale(), ax.get_yscale(),
                                 ax.get_xlabel(), ax.get_ylabel()) for ax in axes)

    def _draw_strip(self, axes, region, found):
        """Disegna lo sfondo di una striscia (senza gli artisti che cambiano) e ne restituisce i pixel."""
        moving = [a for _, a in found if id(a) in self.moving]
        for artist in moving:
            artist.set_animated(True)
        try:
            if len(self.strips) == 1:
                self.canvas.draw()
            else:
                pixels = np.asarray(self.canvas.buffer_rgba())
                pixels[region] = np.round(255 * to_rgba_array(self.fig.get_facecolor())[0]).astype(np.uint8)
                renderer = self.canvas.get_renderer()
                for ax in axes:
                    ax.draw(renderer)
        finally:
            for artist in moving:
                artist.set_animated(False)
        return np.asarray(self.canvas.buffer_rgba())[region].copy()

    def _encode(self):
        """Il contenuto della tela come PNG (compressione 1: rapida, file poco più grande)."""
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(self.canvas.buffer_rgba())).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def _strips(fig, renderer):
    """Le strisce della figura: ``[(assi, regione)]``, una per pannello se i pannelli stanno in fila.

    I pannelli (con etichette e titoli) devono essere separabili da tagli
    verticali o orizzontali; ogni taglio cade subito dopo il pannello a
    sinistra (o in basso), perché le scritte che si allargano quando cambiano i
    limiti (tacche ed etichetta dell'asse y) stanno a sinistra del pannello
    seguente. Altrimenti, o se la figura ha artisti suoi (un titolo generale),
    c'è una striscia sola: la figura intera.
    """
    whole = [(list(fig.axes), (slice(None), slice(None)))]
    if len(fig.axes) < 2 or any(a is not fig.patch and not isinstance(a, Axes) for a in fig.get_children()):
        return whole
    height, width = int(fig.bbox.height), int(fig.bbox.width)
    boxes = [(ax, ax.get_tightbbox(renderer)) for ax in fig.axes]
    for low, high, size, across in (("x0", "x1", width, False), ("y0", "y1", height, True)):
        boxes.sort(key=lambda item: getattr(item[1], low))
        gaps = [(getattr(a, high), getattr(b, low)) for (_, a), (_, b) in zip(boxes, boxes[1:])]
        if all(end <= start for end, start in gaps):
            cuts = [0] + [min(int(end) + 2, int(start)) for end, start in gaps] + [size]
            spans = [slice(size - b, size - a) if across else slice(a, b) for a, b in zip(cuts, cuts[1:])]
            return [([ax], (span, slice(None)) if across else (slice(None), span))
                    for (ax, _), span in zip(boxes, spans)]
    return whole
