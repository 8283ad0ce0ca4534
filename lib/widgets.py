"""I cursori del libro: una specifica, due facce.

Un :class:`Slider` descrive un cursore (etichetta, intervallo, valore iniziale,
scala, valori che il testo nomina) senza disegnarlo. :func:`slider_panel` lo
unisce a una figura già pronta e a una funzione ``update(**valori)`` che ne
cambia gli artisti. Il :class:`Panel` che ne risulta si mostra

- nel kernel (JupyterLab, Binder, Colab) come cursori di ipywidgets: a ogni
  movimento ``update`` e poi la figura ridisegnata da :class:`lib.live.LiveFigure`,
  solo negli artisti cambiati;
- sul sito statico, quando la costruzione del libro lo chiede
  (:func:`lib.display.output_format`), come un controllo HTML con i fotogrammi
  precalcolati da :mod:`lib.frames` con la stessa ``update`` e la stessa
  figura: ogni fotogramma è l'immagine che il kernel mostrerebbe;
- nel PDF come la figura ai valori iniziali.

Il valore mostrato accanto a un cursore è sempre quello usato: i cursori
scorrono su una lista di valori «tondi» (:meth:`Slider.kernel_values`), che
comprende il valore iniziale e quelli nominati dal testo (``marks``). Se
``update`` rifiuta dei valori, il pannello lo dice in italiano al posto della
figura, senza traceback.
"""

import io
import math
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from . import display
from .live import LiveFigure
from .plots import trajectory_figure

#: larghezza dei cursori e delle loro etichette nel kernel (un Layout si crea solo con il widget: sul sito
#: statico nessun modello di ipywidgets deve esistere, o myst-nb ne salverebbe lo stato nella pagina)
WIDTH = "340px"
STYLE = {"description_width": "110px"}
#: posizioni sul sito statico per cursore, secondo quanti cursori si muovono insieme (1, 2, 3)
STATIC_POSITIONS = {1: 21, 2: 9, 3: 5}
#: mantisse dei valori di un cursore logaritmico nel kernel (un ventina per decade: scorre come continuo)
KERNEL_MANTISSAS = (1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2, 2.2, 2.5, 2.8, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9)
#: mantisse sul sito, dalla più fitta: si sceglie la più fitta che resta entro le posizioni concesse
STATIC_MANTISSAS = ((1, 1.5, 2, 3, 5, 7), (1, 2, 3, 5), (1, 2, 5), (1, 3), (1,))
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def round_step(low, high, positions=100):
    """Il passo «tondo» (1, 2 o 5 per una potenza di 10) più lungo che divide [low, high] in almeno ``positions`` parti."""
    raw = (high - low) / positions
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (5, 2, 1) if m * power <= raw)


def nearest_round_step(low, high, positions):
    """Il passo tondo (1, 2, 2.5 o 5 per una potenza di 10) che divide [low, high] in un numero di parti più vicino a ``positions``."""
    raw = (high - low) / positions
    power = 10.0 ** math.floor(math.log10(raw))
    return min((m * power for m in (1, 2, 2.5, 5, 10)), key=lambda step: abs(math.log(step / raw)))


def format_value(v):
    """Il valore come lo legge chi guarda il cursore: ``0.1``, ``0.999``, ``30``, ``3·10⁻⁴``."""
    v = float(v)
    if v.is_integer() and abs(v) < 1e5:
        return str(int(v))
    if v != 0 and abs(v) < 1e-3:
        mantissa, exponent = f"{v:.2e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        power = "10" + str(int(exponent)).translate(SUPERSCRIPT)
        return power if mantissa == "1" else f"{mantissa}·{power}"
    return f"{v:.4g}"


def _is_multiple(x, step):
    """Vero se ``x`` è un multiplo intero di ``step`` (a meno dell'arrotondamento)."""
    ratio = x / step
    return abs(ratio - round(ratio)) < 1e-9


def _clean(x):
    """Toglie il rumore dell'aritmetica in virgola mobile: 0.30000000000000004 → 0.3."""
    return float(f"{x:.12g}")


@dataclass(frozen=True)
class Slider:
    """Un cursore: etichetta italiana, intervallo ``[low, high]``, valore iniziale, scala.

    - ``log=True``: scorre su più ordini di grandezza (valori tondi per decade);
    - ``step``: il passo della scala lineare (per default tondo, circa 100 posizioni);
    - ``marks``: i valori che il testo nomina, posizioni esatte sia nel kernel sia sul sito;
    - ``values``: in alternativa, l'elenco esplicito delle posizioni (per esempio
      ``(0.9, 0.99, 0.999, 0.9999)`` per un β₂ di Adam).

    Interi se ``low``, ``high``, ``value`` (e ``step``) sono interi.
    """

    label: str
    low: float
    high: float
    value: float
    log: bool = False
    step: float = None
    marks: tuple = ()
    values: tuple = None

    def __post_init__(self):
        if self.values is not None:
            object.__setattr__(self, "values", tuple(sorted(set(self.values))))
            if self.value not in self.values:
                raise ValueError(f"il valore iniziale {self.value!r} del cursore «{self.label}» deve essere fra "
                                 f"i suoi valori {self.values}")
        if not self.low < self.high:
            raise ValueError(f"il cursore «{self.label}» deve avere low < high; ricevuto [{self.low}, {self.high}]")
        if self.log and self.low <= 0:
            raise ValueError(f"il cursore logaritmico «{self.label}» deve avere low > 0; ricevuto {self.low}")
        for v in (self.value, *self.marks):
            if not self.low <= v <= self.high:
                raise ValueError(f"il valore {v!r} del cursore «{self.label}» deve stare in "
                                 f"[{self.low}, {self.high}]")

    @property
    def integer(self):
        """Vero per un cursore a valori interi (dimensione del mini-batch, numero di passi)."""
        numbers = (self.low, self.high, self.value) + (() if self.step is None else (self.step,))
        return all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in numbers)

    def _with_fixed(self, grid):
        """La griglia, più gli estremi, il valore iniziale e quelli nominati dal testo, in ordine e senza doppioni."""
        points = {_clean(v) for v in grid if self.low <= v <= self.high}
        points |= {self.low, self.high, self.value, *self.marks}
        cast = int if self.integer else float
        return tuple(cast(v) for v in sorted(points))

    def _log_grid(self, mantissas):
        decades = range(math.floor(math.log10(self.low)), math.ceil(math.log10(self.high)) + 1)
        return [m * 10.0**d for d in decades for m in mantissas]

    def kernel_values(self):
        """Le posizioni del cursore nel notebook: abbastanza fitte da sembrare continue."""
        if self.values is not None:
            return self.values
        if self.integer and not self.log:
            return self._with_fixed(range(self.low, self.high + 1, self.step or 1))
        if self.integer:
            return self._with_fixed(range(self.low, self.high + 1))
        if self.log:
            return self._with_fixed(self._log_grid(KERNEL_MANTISSAS))
        step = self.step or round_step(self.low, self.high)
        return self._with_fixed(step * np.arange(math.ceil(self.low / step), math.floor(self.high / step) + 1))

    def static_values(self, positions=STATIC_POSITIONS[1]):
        """Le posizioni sul sito statico: al più circa ``positions``, sempre con il valore iniziale e i ``marks``."""
        if self.values is not None:
            return self.values
        if self.log:
            fixed = len(self._with_fixed([]))
            for mantissas in STATIC_MANTISSAS:
                grid = self._with_fixed(self._log_grid(mantissas))
                if self.integer:
                    grid = self._with_fixed([round(v) for v in grid])
                if len(grid) <= max(positions, fixed + 2):
                    return grid
            return grid
        kernel = self.kernel_values()
        if self.step is not None and not _is_multiple(self.low, self.step):
            # una griglia spostata (50, 150, 250…): sul sito una posizione del kernel ogni tante
            every = max(1, round((len(kernel) - 1) / (positions - 1)))
            return self._with_fixed(kernel[::every])
        step = nearest_round_step(self.low, self.high, positions - 1)
        if self.step is not None:  # il passo del sito è un multiplo tondo di quello dato, non troppo fitto
            shortest = (self.high - self.low) / (1.3 * (positions - 1))
            step = min((m * self.step for m in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)
                        if m * self.step >= shortest), key=lambda candidate: abs(math.log(candidate / step)))
        if self.integer:
            step = max(1, round(step))
        return self._with_fixed(step * np.arange(math.ceil(self.low / step), math.floor(self.high / step) + 1))

    def text(self, v):
        """Il valore ``v`` come lo mostra il cursore."""
        return format_value(v)

    def widget(self):
        """Il cursore di ipywidgets: scorre sui valori di :meth:`kernel_values`, mostrando il valore vero."""
        return widgets.SelectionSlider(
            options=[(self.text(v), v) for v in self.kernel_values()], value=self.value, description=self.label,
            continuous_update=True, layout=widgets.Layout(width=WIDTH), style=STYLE,
        )


def slider(label, low, high, value, step=None, log=False, marks=(), values=None):
    """Un :class:`Slider` con etichetta italiana; ``log=True`` per scorrere su più ordini di grandezza."""
    return Slider(label, low, high, value, log=log, step=step, marks=tuple(marks), values=values)


class Panel:
    """Cursori e figura: ipywidgets nel kernel, fotogrammi sul sito, la figura iniziale nel PDF.

    ``sliders`` è un dizionario ``nome → Slider``: i nomi sono quelli degli
    argomenti di ``update``. ``layers`` (facoltativo) elenca gli strati della
    figura che dipendono da cursori diversi, ``[(artisti, nomi dei cursori)]``:
    sul sito ogni strato ha i suoi fotogrammi, trasparenti, sopra uno sfondo
    fisso, così i fotogrammi si sommano invece di moltiplicarsi (se ``layers``
    manca, si usa ``update.layers``, se la funzione che ha costruito la figura
    li ha dichiarati lì). ``static``
    (facoltativo) è l'elenco dei cursori offerti sul sito; gli altri restano al
    valore iniziale, e la nota sotto il controllo lo dice. ``groups``
    (facoltativo, titolo → nomi) raccoglie i cursori in gruppi con un titolo,
    in entrambe le facce (nel kernel una fisarmonica).
    """

    def __init__(self, fig, update, sliders, layers=(), static=None, groups=None):
        self.fig, self.update, self.sliders = fig, update, dict(sliders)
        self.groups = dict(groups) if groups else {"": list(self.sliders)}
        layers = layers or getattr(update, "layers", ())
        self.layers = [(list(artists), tuple(names)) for artists, names in layers]
        self.static = tuple(self.sliders) if static is None else tuple(static)
        unknown = set(self.static) - set(self.sliders)
        if unknown:
            raise ValueError(f"static nomina cursori che il pannello non ha: {sorted(unknown)}")
        self._widget = None

    def defaults(self):
        """I valori iniziali di tutti i cursori."""
        return {name: s.value for name, s in self.sliders.items()}

    @property
    def widget(self):
        """Il pannello di ipywidgets (creato alla prima richiesta): cursori sopra, figura sotto."""
        if self._widget is None:
            self._widget = self._build_widget()
        return self._widget

    def _build_widget(self):
        controls = {name: s.widget() for name, s in self.sliders.items()}
        output, live = widgets.Output(), LiveFigure(self.fig)

        def redraw(_change=None):
            try:
                self.update(**{name: c.value for name, c in controls.items()})
            except ValueError as error:
                with output:
                    output.clear_output(wait=True)
                    print(f"Valori non ammessi: {error}")
                return
            live.show(output)

        for control in controls.values():
            control.observe(redraw, names="value")
        redraw()  # il layout si fissa qui, sulla figura coi valori iniziali (le sue tacche, le sue scritte)
        redraw()  # il secondo giro scopre quali artisti cambiano e ne prepara lo sfondo: il primo movimento è già rapido
        rows = [widgets.HBox([controls[n] for n in names], layout=widgets.Layout(flex_flow="row wrap"))
                for names in self.groups.values()]
        if list(self.groups) == [""]:
            box = widgets.VBox([rows[0], output])
        else:
            box = widgets.VBox([widgets.Accordion(children=rows, titles=tuple(self.groups)), output])
        box.controls = controls
        return box

    def _repr_mimebundle_(self, include=None, exclude=None):
        target = display.output_format()
        if target == "html":
            from .frames import control_html

            html, alt = control_html(self)
            return {"text/html": html, "text/plain": alt}
        if target == "latex":
            self.update(**self.defaults())
            buffer = io.BytesIO()
            self.fig.savefig(buffer, format="pdf", bbox_inches="tight")
            return {"application/pdf": buffer.getvalue(), "text/plain": "[figura ai valori iniziali dei cursori]"}
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


def slider_panel(fig, update, sliders, layers=(), static=None, groups=None):
    """Cursori sopra, figura sotto: a ogni movimento ``update(**valori)`` e poi la figura ridisegnata (:class:`Panel`)."""
    return Panel(fig, update, sliders, layers, static, groups)


class Menu:
    """Un menu di pannelli, uno alla volta (l'arena: un pannello per paesaggio).

    Nel kernel un menu a tendina sopra il pannello scelto (ognuno conserva i suoi
    cursori); sul sito un ``<select>`` che mostra la scena scelta, con i suoi
    fotogrammi; nel PDF il primo pannello. ``panels`` è un dizionario voce →
    :class:`Panel`, oppure voce → funzione senza argomenti che lo costruisce (la
    prima volta che serve).
    """

    def __init__(self, label, panels):
        self.label, self._panels, self._built = label, dict(panels), {}
        self._widget = None

    @property
    def options(self):
        """Le voci del menu."""
        return list(self._panels)

    def panel(self, option):
        """Il pannello della voce ``option`` (costruito alla prima richiesta)."""
        if option not in self._built:
            made = self._panels[option]
            self._built[option] = made if isinstance(made, Panel) else made()
        return self._built[option]

    @property
    def widget(self):
        """Il menu di ipywidgets con il pannello scelto sotto (ogni pannello si costruisce la prima volta che si sceglie)."""
        if self._widget is None:
            menu = widgets.Dropdown(options=self.options, description=self.label,
                                    layout=widgets.Layout(width=WIDTH), style=STYLE)
            box = widgets.VBox([menu, self.panel(menu.value).widget])
            menu.observe(lambda change: setattr(box, "children", (menu, self.panel(change.new).widget)),
                         names="value")
            box.menu = menu
            self._widget = box
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        target = display.output_format()
        if target == "html":
            from .frames import menu_html

            html, alt = menu_html(self)
            return {"text/html": html, "text/plain": alt}
        if target == "latex":
            return self.panel(self.options[0])._repr_mimebundle_(include, exclude)
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


def explorer(landscape, make_optimizer, steps, sliders, start=None, static=None):
    """Traiettoria sul paesaggio e curva di costo che seguono i cursori.

    ``make_optimizer(**valori)`` riceve i valori dei cursori (tranne ``w0``, se
    c'è un cursore con quel nome: è il punto di partenza) e restituisce
    l'ottimizzatore; per esempio ``GD`` con un cursore di nome ``eta``. La
    figura è quella di :func:`lib.plots.trajectory_figure`: il paesaggio si
    disegna una volta sola.
    """
    fig, update = trajectory_figure(landscape, make_optimizer, steps, start)
    return Panel(fig, update, sliders, static=static)
