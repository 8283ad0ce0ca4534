"""Come si mostra una figura del libro: nel kernel, sul sito statico, nel PDF.

La stessa cella produce tre cose diverse secondo chi la esegue:

- nel kernel di chi legge (JupyterLab, Binder, Colab) nulla cambia: il
  backend ``inline`` mostra il PNG;
- quando Sphinx costruisce il **sito**, l'estensione del libro
  (``_sito/immagini.py``) mette ``LIBRO_FORMATO=html`` nell'ambiente, che il
  kernel eredita: ogni figura diventa un elemento ``<picture>`` con due
  immagini WebP a risoluzione doppia, la figura com'è e una versione *stretta*
  con i pannelli in colonna (:func:`stacked`), che il browser sceglie per uno
  schermo da telefono. Le immagini viaggiano come ``data:`` URI; l'estensione
  le scrive come file del sito;
- quando Sphinx costruisce il **PDF** (``LIBRO_FORMATO=latex``) ogni figura è
  un PDF vettoriale.

:func:`install` (chiamata da ``import lib``) registra questi formati nel
kernel; fuori da una costruzione non fa nulla.
"""

import base64
import html
import io
import os
from contextlib import contextmanager

from matplotlib.figure import Figure
from PIL import Image

#: la variabile d'ambiente con cui la costruzione del libro dice al kernel che cosa produrre
FORMAT_ENV = "LIBRO_FORMATO"
#: larghezza (pollici) della versione stretta di una figura: a 358 px di colonna, 9 pt ≈ 10 px
NARROW_WIDTH = 4.3
#: altezza minima e massima (pollici) di un pannello nella versione stretta
PANEL_HEIGHT = (2.6, 3.4)
#: fattore di risoluzione delle immagini del sito (schermi 2×)
SCALE = 2
#: la larghezza di schermo sotto cui il sito mostra la versione stretta (come nel CSS del sito)
NARROW_MEDIA = "(max-width: 40em)"


def output_format():
    """``"html"`` o ``"latex"`` durante una costruzione del libro, ``None`` nel kernel di chi legge."""
    return os.environ.get(FORMAT_ENV) or None


def panels(fig):
    """Gli assi principali della figura (quelli in una griglia), in ordine di lettura; niente barre dei colori."""
    found = [ax for ax in fig.axes if ax.get_subplotspec() is not None]
    return sorted(found, key=lambda ax: ax.get_subplotspec().rowspan.start * 1000
                  + ax.get_subplotspec().colspan.start)


def needs_narrow(fig):
    """Vero se la figura è troppo larga per un telefono: più colonne di pannelli, o più larga di :data:`NARROW_WIDTH`."""
    axes = panels(fig)
    if not axes:
        return False
    columns = axes[0].get_subplotspec().get_gridspec().ncols
    return columns > 1 or fig.get_figwidth() > 1.15 * NARROW_WIDTH


@contextmanager
def stacked(fig, width=NARROW_WIDTH):
    """Dentro il blocco la figura ha i pannelli uno sotto l'altro, larga ``width`` pollici; poi torna com'era.

    Ogni pannello conserva la sua forma, entro :data:`PANEL_HEIGHT`: l'altezza è
    quella di un pannello originale riportato alla nuova larghezza. Il layout
    (``constrained``) si ricalcola da sé; barre dei colori e legende seguono i
    loro assi.
    """
    axes = panels(fig)
    specs = [ax.get_subplotspec() for ax in axes]
    size = fig.get_size_inches().copy()
    rows, columns = specs[0].get_gridspec().get_geometry()
    low, high = PANEL_HEIGHT
    height = min(high, max(low, size[1] / rows * width / (size[0] / columns)))
    grid = fig.add_gridspec(len(axes), 1)
    fig.set_size_inches(width, height * len(axes))
    for i, ax in enumerate(axes):
        ax.set_subplotspec(grid[i])
    try:
        yield fig
    finally:
        fig.set_size_inches(size)
        for ax, spec in zip(axes, specs):
            ax.set_subplotspec(spec)


def webp(pixels):
    """Un'immagine RGBA (array o immagine di Pillow) come WebP senza perdita."""
    image = pixels if isinstance(pixels, Image.Image) else Image.fromarray(pixels)
    buffer = io.BytesIO()
    image.save(buffer, format="webp", lossless=True, method=4)
    return buffer.getvalue()


def render(fig, scale=SCALE):
    """La figura come immagine di Pillow, ritagliata sul contenuto (come fa il backend ``inline``)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=scale * fig.dpi, bbox_inches="tight", facecolor="white")
    return Image.open(buffer)


def data_uri(image_bytes, mime="image/webp"):
    """I byte di un'immagine come ``data:`` URI (l'estensione del sito li trasforma in file)."""
    return f"data:{mime};base64,{base64.b64encode(image_bytes).decode('ascii')}"


#: da TeX (mathtext di matplotlib) a testo semplice, per i testi alternativi
PLAIN = {"$": "", "\\,": " ", "\\;": " ", "\\ ": " ", "\\eta": "η", "\\beta": "β", "\\gamma": "γ",
         "\\epsilon": "ε", "\\lambda": "λ", "\\mu": "μ", "\\kappa": "κ", "\\nabla": "∇", "\\sqrt": "√",
         "\\hat": "", "\\max": "max", "\\rm": "", "^*": "*", "^2": "²", "_1": "₁", "_2": "₂", "_k": "ₖ",
         "{": "", "}": ""}


def plain_text(tex):
    """Una scritta dei grafici (con la matematica di matplotlib) come testo semplice."""
    for source, target in PLAIN.items():
        tex = tex.replace(source, target)
    return " ".join(tex.split())


def describe(fig):
    """Un testo alternativo italiano: i titoli dei pannelli, o una descrizione generica."""
    titles = [ax.get_title() for ax in panels(fig) if ax.get_title()]
    if fig._suptitle is not None and fig._suptitle.get_text():
        titles.insert(0, fig._suptitle.get_text())
    return "Grafico: " + plain_text("; ".join(titles) or "figura")


def picture(fig):
    """La figura per il sito: ``<picture>`` con la versione larga e, se serve, quella stretta per il telefono."""
    wide = render(fig)
    sources = ""
    if needs_narrow(fig):
        with stacked(fig):
            narrow = render(fig)
        sources = (f'<source media="{NARROW_MEDIA}" srcset="{data_uri(webp(narrow))}" '
                   f'width="{narrow.width // SCALE}" height="{narrow.height // SCALE}">')
    return (f'<picture class="figura-libro">{sources}<img src="{data_uri(webp(wide))}" '
            f'width="{wide.width // SCALE}" height="{wide.height // SCALE}" loading="lazy" '
            f'alt="{html.escape(describe(fig))}"></picture>')


def install(shell=None):
    """Registra nel kernel i formati della costruzione in corso (:func:`output_format`); altrimenti nulla."""
    target = output_format()
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
    if shell is None or target is None:
        return
    from matplotlib_inline.backend_inline import configure_inline_support, set_matplotlib_formats

    # il backend inline sceglie i suoi formati una volta sola, togliendo ogni altro formato delle
    # figure: lo si configura qui, prima, così i formati del libro restano
    configure_inline_support(shell, "inline")
    if target == "html":
        shell.display_formatter.formatters["image/png"].pop(Figure, None)
        shell.display_formatter.formatters["text/html"].for_type(Figure, picture)
    elif target == "latex":
        set_matplotlib_formats("pdf")
