r"""I cursori sul sito statico: i fotogrammi di un pannello e il controllo HTML che li mostra.

Sul sito non c'è un kernel che ridisegni la figura. Durante la costruzione del
libro, quindi, ogni :class:`lib.widgets.Panel` si disegna in anticipo su una
griglia di valori dei suoi cursori (:meth:`lib.widgets.Slider.static_values`),
con la sua ``update`` e la sua figura, a risoluzione doppia: ogni fotogramma è
l'immagine che il kernel mostrerebbe per quei valori.

Un fotogramma non è un'immagine intera ma due strati, come in
:class:`lib.live.LiveFigure`: lo **sfondo** (paesaggio, assi, tacche; pochi,
condivisi fra molti stati) e, su fondo trasparente, gli **artisti che
cambiano** (cammini, curve, didascalie). Se il pannello dichiara degli strati
indipendenti (``layers``: il cammino di GD dipende solo da η, quello del
momentum da η e β, …) ogni strato ha i suoi fotogrammi, calcolati al variare
dei soli suoi cursori, sopra uno sfondo fisso: il loro numero si somma invece
di moltiplicarsi.

Il controllo (``_sito/static/cursori.js``) legge la descrizione JSON nel suo
attributo ``data-cursori``: posizioni e scritte dei cursori, sfondi, strati e
fotogrammi, e le *strisce* della figura (i pannelli affiancati), che su un
telefono mette una sotto l'altra. Le immagini viaggiano come ``data:`` URI;
l'estensione del sito (``_sito/immagini.py``) le scrive come file, che il
browser scarica al primo uso (e i vicini in anticipo). Se i fotogrammi di un
pannello superano :data:`BUDGET` byte, la costruzione si ferma dicendo quale.
"""

import html
import io
import itertools
import json
import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from matplotlib.text import Text
from PIL import Image

from . import display
from .live import LiveFigure
from .widgets import STATIC_POSITIONS, format_value

#: byte al massimo per i fotogrammi di un pannello
BUDGET = 3_000_000
#: fotogrammi al massimo per un pannello: oltre, la costruzione si ferma prima di disegnarli
MAX_FRAMES = 200


@dataclass
class Sprite:
    """Un'immagine di uno strato ritagliata sul suo contenuto: i byte WebP e il riquadro ``(x0, y0, x1, y1)``.

    Il riquadro è in pixel della figura. Un'immagine tutta trasparente diventa un pixel solo.
    """

    data: bytes
    box: tuple

    @classmethod
    def of(cls, pixels, crop=False):
        """Lo sprite di ``pixels`` (RGBA), intero o (``crop``) ritagliato sui pixel non trasparenti."""
        box = _content_box(pixels) if crop else (0, 0, pixels.shape[1], pixels.shape[0])
        x0, y0, x1, y1 = box
        return cls(display.webp(np.ascontiguousarray(pixels[y0:y1, x0:x1])), box)


@dataclass
class Frame:
    """Un fotogramma di uno strato: lo sfondo su cui va, l'immagine (WebP trasparente), il testo alternativo.

    Con più strati ogni fotogramma ha due immagini, come le due fasce dell'ordine di disegno del
    kernel (``zorder``): ``image`` con le linee, che il sito sovrappone agli altri strati nell'ordine
    del loro ``z``, e ``labels`` con ciò che il kernel disegna sopra ogni linea (segni di partenza e
    d'arrivo, scritte: :data:`OVER`), che va sopra tutti gli strati.
    """

    background: int
    image: Sprite
    alt: str
    labels: Sprite = None
    z: float = 0.0

    @property
    def size(self):
        return len(self.image.data) + (len(self.labels.data) if self.labels else 0)

    def finish(self):
        """Aspetta le codifiche in corso (:class:`Encoder`): da qui le immagini sono :class:`Sprite`."""
        self.image = _done(self.image)
        self.labels = _done(self.labels)


@dataclass
class Layer:
    """Uno strato del controllo: i cursori da cui dipende, le loro posizioni, un :class:`Frame` per stato."""

    names: tuple
    grids: dict
    #: un fotogramma per stato, nell'ordine di :func:`states`
    frames: list = field(default_factory=list)


@dataclass
class Rendering:
    """Tutto ciò che il sito mostra di un pannello: sfondi, strati, strisce, dimensioni."""

    width: int
    height: int
    strips: list
    backgrounds: list = field(default_factory=list)
    layers: list = field(default_factory=list)

    @property
    def size(self):
        """I byte delle immagini (sfondi e fotogrammi)."""
        return sum(map(len, self.backgrounds)) + sum(f.size for layer in self.layers for f in layer.frames)

    @property
    def states(self):
        """Quanti fotogrammi in tutto."""
        return sum(len(layer.frames) for layer in self.layers)


def _done(value):
    return value.result() if hasattr(value, "result") else value


class Encoder:
    """Codifica in WebP in altri thread (Pillow lascia il GIL), mentre si disegna il fotogramma seguente.

    Restituisce un *future* di uno :class:`Sprite`; al più ``pending`` immagini aspettano, per non tenere
    in memoria tutti i pixel.
    """

    def __init__(self, workers=None, pending=8):
        self.pool = ThreadPoolExecutor(workers or os.cpu_count() or 1)
        self.waiting, self.pending = deque(), pending

    def __call__(self, pixels, crop=False):
        """:meth:`Sprite.of` in un altro thread."""
        while len(self.waiting) >= self.pending:
            self.waiting.popleft().result()
        future = self.pool.submit(Sprite.of, pixels, crop)
        self.waiting.append(future)
        return future

    def close(self):
        self.pool.shutdown()


def _content_box(pixels):
    """Il riquadro ``(x0, y0, x1, y1)`` dei pixel non trasparenti (un pixel se non ce n'è nessuno)."""
    alpha = np.ascontiguousarray(pixels[..., 3])  # contiguo: le riduzioni vanno due volte più svelte
    rows, columns = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
    if not len(rows):
        return (0, 0, 1, 1)
    return (int(columns[0]), int(rows[0]), int(columns[-1]) + 1, int(rows[-1]) + 1)


def grids(panel, groups):
    """Le posizioni sul sito di ogni cursore: meno posizioni per un cursore che si muove insieme ad altri.

    ``groups`` sono i nomi dei cursori di ogni strato; un cursore ha lo stesso numero di posizioni in tutti
    gli strati in cui compare, quello dello strato con più cursori.
    """
    together = {}
    for names in groups:
        for name in names:
            together[name] = max(together.get(name, 0), len(names))
    return {name: panel.sliders[name].static_values(STATIC_POSITIONS[min(n, max(STATIC_POSITIONS))])
            for name, n in together.items()}


def states(panel, names, grid):
    """Gli stati di uno strato: i valori iniziali, con i cursori ``names`` su ogni combinazione della griglia.

    L'ordine è quello di :func:`itertools.product`: l'ultimo cursore cambia più in fretta.
    """
    for combination in itertools.product(*(grid[name] for name in names)):
        yield {**panel.defaults(), **dict(zip(names, combination))}


def _texts(artists):
    """Le scritte visibili fra ``artists``, in testo semplice: il testo alternativo di un fotogramma."""
    return "; ".join(display.plain_text(a.get_text()) for a in artists
                     if isinstance(a, Text) and a.get_visible() and a.get_text().strip())


def _strip_fractions(live):
    """Le strisce verticali della figura come frazioni della larghezza, ``[(x0, x1)]``; una sola se non ce ne sono."""
    width = int(live.fig.bbox.width)
    columns = [region[1] for _, region in live.strips]
    if len(columns) < 2 or any(c == slice(None) for c in columns):
        return [(0.0, 1.0)]
    return [(c.start / width, c.stop / width) for c in columns]


def render(panel):
    """I fotogrammi di ``panel`` (a risoluzione doppia), verificati contro il disegno del kernel: un :class:`Rendering`."""
    fig = panel.fig
    fig.set_dpi(display.SCALE * fig.dpi)
    live = LiveFigure(fig)
    panel.update(**panel.defaults())
    live.png()  # come nel kernel: il layout si fissa sulla figura ai valori iniziali
    groups = [(artists, tuple(n for n in names if n in panel.static)) for artists, names in panel.layers]
    groups = groups or [(None, panel.static)]
    positions = grids(panel, [names for _, names in groups])
    plans = []
    for artists, names in groups:
        grid = {name: positions[name] for name in names}
        plans.append((artists, names, grid, list(states(panel, names, grid))))
    count = sum(len(layer_states) for *_, layer_states in plans)
    if count > MAX_FRAMES:
        raise ValueError(f"Il pannello «{title(panel)}» avrebbe {count} fotogrammi sul sito, oltre i "
                         f"{MAX_FRAMES} ammessi: meno cursori sul sito (static=…), meno posizioni "
                         "(Slider values=…) o strati indipendenti (layers=…).")
    rendering = Rendering(int(fig.bbox.width), int(fig.bbox.height), _strip_fractions(live))
    encode = Encoder()
    try:
        if panel.layers:
            _render_layers(panel, live, plans, rendering, encode)
        else:
            _render_single(panel, live, plans[0], rendering, encode)
        rendering.backgrounds = [_done(b).data for b in rendering.backgrounds]
        for layer in rendering.layers:
            for frame in layer.frames:
                frame.finish()
    finally:
        encode.close()
    _verify(panel, live, plans, rendering)
    panel.update(**panel.defaults())
    return rendering


def _render_single(panel, live, plan, rendering, encode):
    """Uno strato solo con tutti gli artisti che cambiano; lo sfondo può cambiare da uno stato all'altro."""
    _, names, grid, layer_states = plan
    for state in layer_states:  # prima si scopre che cosa cambia, poi si disegna
        panel.update(**state)
        live.discover()
    layer, seen = Layer(names, grid), {}
    for state in layer_states:
        panel.update(**state)
        background, overlay = live.layers()
        key = tuple(live.keys)  # ciò da cui dipende lo sfondo di ogni striscia (lib.live)
        if key not in seen:
            seen[key] = len(rendering.backgrounds)
            rendering.backgrounds.append(encode(background))
        layer.frames.append(Frame(seen[key], encode(overlay, crop=True), _texts(live.moving.values())))
    rendering.layers.append(layer)


def _render_layers(panel, live, plans, rendering, encode):
    """Strati indipendenti sopra uno sfondo fisso, che non deve cambiare con i cursori."""
    live.moving = {id(a): a for artists, *_ in plans for a in artists}
    panel.update(**panel.defaults())
    rendering.backgrounds.append(encode(_background(live)))
    keys = _background_keys(live)
    for artists, names, grid, layer_states in plans:
        layer = Layer(names, grid)
        for state in layer_states:
            panel.update(**state)
            if _background_keys(live) != keys:
                raise ValueError(f"con {state} lo sfondo del pannello cambia (limiti degli assi?): "
                                 "con gli strati servono assi fissi")
            under = [a for a in artists if not _over(a)]
            over = [a for a in artists if _over(a)]
            layer.frames.append(Frame(0, encode(live.draw_alone(under), crop=True), _texts(over),
                                      encode(live.draw_alone(over), crop=True) if over else None,
                                      float(max((a.get_zorder() for a in under), default=0.0))))
        rendering.layers.append(layer)


def _background(live):
    """Lo sfondo di adesso: la figura senza gli artisti che cambiano (array RGBA)."""
    live._compose(live._candidates())
    return np.asarray(live.canvas.buffer_rgba()).copy()


def _background_keys(live):
    found = live._candidates()
    return [live._key(axes, found) for axes, _ in live.strips]


#: gli artisti con ``zorder`` da qui in su (e le scritte) stanno nell'immagine alta di ogni strato
OVER = 6


def _over(artist):
    return isinstance(artist, Text) or artist.get_zorder() >= OVER


#: quota di pixel che possono differire fra il sito e il kernel (bordi d'assi e linee che si toccano)
TOLERANCE = 0.003


def _samples(plans):
    """Gli stati da confrontare: con uno strato il primo, quello di mezzo e l'ultimo; con più strati i
    valori iniziali e, per ogni strato, il suo ultimo stato (gli altri strati fermi)."""
    if len(plans) == 1:
        (_, names, grid, layer_states), = plans
        return [(names, grid, layer_states[i]) for i in sorted({0, len(layer_states) // 2, len(layer_states) - 1})]
    first = plans[0]
    return [(first[1], first[2], first[3][0])] + [(names, grid, layer_states[-1])
                                                   for _, names, grid, layer_states in plans]


def _verify(panel, live, plans, rendering):
    """Il sito deve mostrare ciò che mostra il kernel: per alcuni stati (:func:`_samples`) i pixel si confrontano.

    Il kernel disegna con :meth:`lib.live.LiveFigure.png`; il sito sovrappone sfondo e strati. Se un
    artista fuori dagli strati cambia, o lo sfondo non è quello giusto, la costruzione si ferma.
    """
    for names, grid, state in _samples(plans):
        panel.update(**state)
        kernel = np.asarray(Image.open(io.BytesIO(live.png())).convert("RGBA")).astype(int)
        positions = {n: grid[n].index(state[n]) for n in names}
        site = composite(rendering, {**_start(panel, rendering), **positions}).astype(int)
        wrong = np.mean(np.abs(kernel - site).max(axis=-1) > 8)
        if wrong > TOLERANCE:
            raise ValueError(f"Il pannello «{title(panel)}»: per {state} il sito mostrerebbe un'immagine "
                             f"diversa da quella del kernel ({wrong:.1%} dei pixel)")


def _start(panel, rendering):
    """Le posizioni iniziali di tutti i cursori del sito."""
    return {n: layer.grids[n].index(panel.sliders[n].value) for layer in rendering.layers for n in layer.names}


def title(panel):
    """Il nome del pannello nei messaggi: i titoli dei suoi assi e i suoi cursori."""
    axes = "; ".join(ax.get_title() for ax in panel.fig.axes if ax.get_title())
    return f"{axes} (cursori {', '.join(s.label for s in panel.sliders.values())})"


def check_budget(panel, rendering, budget=BUDGET):
    """Ferma la costruzione se i fotogrammi di ``panel`` superano ``budget`` byte, dicendo quale pannello."""
    if rendering.size > budget:
        raise ValueError(
            f"Il pannello «{title(panel)}» ha {rendering.states} fotogrammi e {rendering.size / 1e6:.1f} MB, "
            f"oltre il limite di {budget / 1e6:.1f} MB: meno posizioni (Slider values=…), meno cursori sul sito "
            "(static=…) o strati indipendenti (layers=…)."
        )


def note(panel, rendering):
    """La riga sotto il controllo: quante posizioni ha ogni cursore sul sito, chi resta fermo, come avere di più."""
    positions = {n: len(g) for layer in rendering.layers for n, g in layer.grids.items()}
    parts = []
    for title, names in panel.groups.items():
        sliders = [(n, panel.sliders[n]) for n in names]
        words = [f"{s.label} {positions[n]} posizioni" if n in positions else f"{s.label} resta a {s.text(s.value)}"
                 for n, s in sliders]
        parts.append(f"{title}: {', '.join(words)}" if title else ", ".join(words))
    text = f"Sul sito: {'; '.join(parts)}."
    denser = [n for n, count in positions.items() if len(panel.sliders[n].kernel_values()) > count]
    fixed = [n for n in panel.sliders if n not in positions]
    if denser or fixed:
        text += (" Eseguendo il notebook (il razzo in alto) "
                 + ("ogni cursore si muove, su valori più fitti." if denser else "ogni cursore si muove."))
    return text


def spec(panel, rendering):
    """La descrizione del controllo per ``cursori.js`` (JSON)."""
    names = list(dict.fromkeys(n for layer in rendering.layers for n in layer.names))
    sliders = [{"name": n, "label": panel.sliders[n].label,
                "values": [format_value(v) for v in _union(rendering, n)],
                "start": _union(rendering, n).index(panel.sliders[n].value)} for n in names]
    return {
        "size": [rendering.width // display.SCALE, rendering.height // display.SCALE],
        "strips": rendering.strips,
        "backgrounds": [display.data_uri(b) for b in rendering.backgrounds],
        "sliders": sliders,
        "layers": [{"sliders": [names.index(n) for n in layer.names],
                    "frames": [_frame_spec(f, rendering.width, rendering.height) for f in layer.frames]}
                   for layer in rendering.layers],
    }


def _frame_spec(frame, width, height):
    """Un fotogramma per ``cursori.js``: indirizzi delle immagini e loro riquadri, in frazioni della figura."""
    def box(sprite):
        x0, y0, x1, y1 = sprite.box
        return [round(x0 / width, 6), round(y0 / height, 6), round(x1 / width, 6), round(y1 / height, 6)]

    described = {"b": frame.background, "src": display.data_uri(frame.image.data), "box": box(frame.image),
                 "alt": frame.alt}
    if frame.labels is not None:
        described.update(labels=display.data_uri(frame.labels.data), lbox=box(frame.labels), z=frame.z)
    return described


def _union(rendering, name):
    """Le posizioni di un cursore (uguali in ogni strato che lo usa)."""
    grids_of = [layer.grids[name] for layer in rendering.layers if name in layer.grids]
    if any(g != grids_of[0] for g in grids_of):
        raise ValueError(f"il cursore {name} ha posizioni diverse in strati diversi")
    return list(grids_of[0])


def control_html(panel, budget=BUDGET):
    """Il controllo statico di ``panel``: ``(html, testo alternativo iniziale)``."""
    rendering = render(panel)
    check_budget(panel, rendering, budget)
    description = spec(panel, rendering)
    start = {s["name"]: s["start"] for s in description["sliders"]}
    first = [layer["frames"][_index(layer, description, start)] for layer in description["layers"]]
    alt = "; ".join(f["alt"] for f in first if f["alt"])
    width, height = description["size"]
    offered = {s["name"]: s for s in description["sliders"]}
    controls = "".join(_group(title, [offered[n] for n in names if n in offered])
                       for title, names in panel.groups.items() if any(n in offered for n in names))
    images = [(f["src"], f["box"]) for f in sorted(first, key=lambda f: f.get("z", 0))]
    images += [(f["labels"], f["lbox"]) for f in first if "labels" in f]
    layers = "".join(f'<img class="cursori-strato" src="{src}" alt="" style="{_placement(box)}" '
                     'loading="lazy">' for src, box in images)
    body = (
        f'<div class="cursori" data-cursori="{html.escape(json.dumps(description, ensure_ascii=False))}">'
        f'<div class="cursori-comandi">{controls}</div>'
        f'<div class="cursori-figura" role="img" aria-label="{html.escape(alt)}"><div class="cursori-tela">'
        f'<img class="cursori-sfondo" src="{description["backgrounds"][first[0]["b"]]}" alt="" '
        f'width="{width}" height="{height}" loading="lazy">{layers}</div></div>'
        f'<p class="cursori-nota">{html.escape(note(panel, rendering))}</p></div>'
    )
    return body, alt


def _placement(box):
    """La posizione di un'immagine ritagliata dentro la figura intera (CSS, in percentuali)."""
    x0, y0, x1, y1 = box
    return (f"left:{100 * x0:.4f}%;top:{100 * y0:.4f}%;width:{100 * (x1 - x0):.4f}%;"
            f"height:{100 * (y1 - y0):.4f}%")


def _group(title, sliders):
    """I cursori di un gruppo; con un titolo, in un ``<fieldset>`` che lo porta come legenda."""
    inputs = "".join(_range_input(s, title) for s in sliders)
    if not title:
        return inputs
    return f'<fieldset class="cursori-gruppo"><legend>{html.escape(title)}</legend>{inputs}</fieldset>'


def menu_html(menu):
    """Il menu statico: un ``<select>`` e una scena (il controllo di un pannello) per voce."""
    scenes, alts = [], []
    for i, option in enumerate(menu.options):
        body, alt = control_html(menu.panel(option))
        hidden = "" if i == 0 else " hidden"
        scenes.append(f'<div class="cursori-scena"{hidden}>{body}</div>')
        alts.append(alt)
    options = "".join(f"<option>{html.escape(name)}</option>" for name in menu.options)
    return (f'<div class="cursori-menu"><label class="cursori-scelta">{html.escape(menu.label)} '
            f'<select>{options}</select></label>{"".join(scenes)}</div>', alts[0])


def _index(layer, description, positions):
    """Il fotogramma di uno strato per le posizioni dei cursori (l'ultimo cursore cambia più in fretta)."""
    index = 0
    for i in layer["sliders"]:
        slider = description["sliders"][i]
        index = index * len(slider["values"]) + positions[slider["name"]]
    return index


def _range_input(slider, group=""):
    """Un cursore HTML: posizioni 0 … n−1, con il valore vero nella scritta e in ``aria-valuetext``."""
    value = slider["values"][slider["start"]]
    label = html.escape(slider["label"])
    spoken = html.escape(f"{group}, {slider['label']}" if group else slider["label"])
    return (f'<label class="cursori-cursore"><span class="cursori-nome">{label}</span>'
            f'<input type="range" min="0" max="{len(slider["values"]) - 1}" step="1" value="{slider["start"]}" '
            f'data-nome="{slider["name"]}" data-voce="{spoken}" aria-valuetext="{spoken} = {value}">'
            f'<output>{value}</output></label>')


def composite(rendering, positions):
    """L'immagine che il sito compone per ``positions`` (nome del cursore → indice), RGBA.

    Come ``cursori.js``: lo sfondo, le immagini degli strati nell'ordine del loro ``z``, poi quelle alte,
    ciascuna nel suo riquadro.
    """
    chosen = []
    for layer in rendering.layers:
        index = 0
        for name in layer.names:
            index = index * len(layer.grids[name]) + positions[name]
        chosen.append(layer.frames[index])
    picture = Image.open(io.BytesIO(rendering.backgrounds[chosen[0].background])).convert("RGBA")
    ordered = sorted(chosen, key=lambda f: f.z)  # sorted è stabile: a pari z l'ordine degli strati
    for sprite in [f.image for f in ordered] + [f.labels for f in chosen if f.labels is not None]:
        sheet = Image.new("RGBA", picture.size)
        sheet.paste(Image.open(io.BytesIO(sprite.data)).convert("RGBA"), sprite.box[:2])
        picture = Image.alpha_composite(picture, sheet)
    return np.asarray(picture)
