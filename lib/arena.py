"""L'arena: tutti gli ottimizzatori del libro, fianco a fianco, sullo stesso paesaggio.

Un pannello mostra le traiettorie sulle curve di livello (o sulla curva, in una
dimensione), l'altro il costo :math:`f(w_k) - f^*` in scala logaritmica. Ogni
paesaggio del menu ha i suoi iperparametri predefiniti, scelti perché ciascun
metodo faccia una figura onesta.

- :func:`arena_figure`: la figura statica per un paesaggio (i valori predefiniti);
- :func:`arena`: la stessa figura con un menu dei paesaggi e i cursori di ogni
  ottimizzatore, raggruppati in una fisarmonica. Il paesaggio si disegna una
  volta per scelta del menu; i cursori aggiornano solo i dati delle linee.
"""

from dataclasses import dataclass

import ipywidgets as widgets

from .landscapes import curve, quadratic, rosenbrock, saddle, wells
from .live import LiveFigure
from .optimizers import GD, Adadelta, Adagrad, Adam, Momentum, RMSProp
from .plots import LossView, PathsView, loss_gap, outcome
from .run import run
from .style import CYCLE, book_style, new_figure
from .widgets import slider

#: gli ottimizzatori in gara: nome → (classe, {iperparametro: (etichetta, minimo, massimo, scala log)})
OPTIMIZERS = {
    "GD": (GD, {"eta": ("η", 1e-4, 2.0, True)}),
    "Momentum": (Momentum, {"eta": ("η", 1e-4, 2.0, True), "beta": ("β", 0.0, 0.99, False)}),
    "Adagrad": (Adagrad, {"eta": ("η", 1e-3, 10.0, True)}),
    "RMSProp": (RMSProp, {"eta": ("η", 1e-4, 2.0, True), "gamma": ("γ", 0.0, 0.999, False)}),
    "Adadelta": (Adadelta, {"gamma": ("γ", 0.0, 0.999, False), "eps": ("ε", 1e-8, 1.0, True)}),
    "Adam": (Adam, {"eta": ("η", 1e-4, 2.0, True), "beta1": ("β₁", 0.0, 0.99, False),
                    "beta2": ("β₂", 0.0, 0.999, False)}),
}

#: titoli italiani dei gruppi di cursori
TITLES = {
    "GD": "GD (discesa del gradiente)", "Momentum": "Momentum", "Adagrad": "Adagrad",
    "RMSProp": "RMSProp", "Adadelta": "Adadelta (senza learning rate)", "Adam": "Adam",
}


@dataclass(frozen=True)
class Setting:
    """Un paesaggio dell'arena: quanti passi e gli iperparametri predefiniti di ogni ottimizzatore."""

    landscape: object
    steps: int
    params: dict


#: il menu dell'arena: etichetta italiana → paesaggio con i suoi valori predefiniti
SETTINGS = {
    "Quadratica degli appunti": Setting(quadratic, 60, {
        "GD": {"eta": 0.4}, "Momentum": {"eta": 0.4, "beta": 0.5}, "Adagrad": {"eta": 1.0},
        "RMSProp": {"eta": 0.1, "gamma": 0.9}, "Adadelta": {"gamma": 0.9, "eps": 1e-2},
        "Adam": {"eta": 0.3, "beta1": 0.9, "beta2": 0.999},
    }),
    "Rosenbrock": Setting(rosenbrock, 300, {
        "GD": {"eta": 0.002}, "Momentum": {"eta": 0.002, "beta": 0.9}, "Adagrad": {"eta": 1.0},
        "RMSProp": {"eta": 0.01, "gamma": 0.9}, "Adadelta": {"gamma": 0.99, "eps": 1e-3},
        "Adam": {"eta": 0.2, "beta1": 0.9, "beta2": 0.999},
    }),
    "Punto sella": Setting(saddle, 80, {
        "GD": {"eta": 0.1}, "Momentum": {"eta": 0.1, "beta": 0.8}, "Adagrad": {"eta": 0.3},
        "RMSProp": {"eta": 0.05, "gamma": 0.9}, "Adadelta": {"gamma": 0.9, "eps": 1e-3},
        "Adam": {"eta": 0.1, "beta1": 0.9, "beta2": 0.999},
    }),
    "Curva con un minimo locale": Setting(curve, 60, {
        "GD": {"eta": 0.1}, "Momentum": {"eta": 0.1, "beta": 0.8}, "Adagrad": {"eta": 1.0},
        "RMSProp": {"eta": 0.1, "gamma": 0.9}, "Adadelta": {"gamma": 0.9, "eps": 1e-2},
        "Adam": {"eta": 0.3, "beta1": 0.9, "beta2": 0.999},
    }),
    "Quattro minimi": Setting(wells, 100, {
        "GD": {"eta": 0.1}, "Momentum": {"eta": 0.05, "beta": 0.9}, "Adagrad": {"eta": 2.0},
        "RMSProp": {"eta": 0.1, "gamma": 0.9}, "Adadelta": {"gamma": 0.9, "eps": 3e-2},
        "Adam": {"eta": 0.3, "beta1": 0.9, "beta2": 0.999},
    }),
}


def make_optimizer(name, params):
    """L'ottimizzatore ``name`` (una chiave di :data:`OPTIMIZERS`) con gli iperparametri ``params``."""
    return OPTIMIZERS[name][0](**params)


class ArenaView:
    """La figura dell'arena per un paesaggio: disegnata una volta, aggiornata da :meth:`show`."""

    def __init__(self, setting):
        self.setting = setting
        names = list(OPTIMIZERS)
        with book_style():
            self.fig, axes = new_figure(2, width=4.8, height=4.0)
            self.paths = PathsView(axes[0, 0], setting.landscape, CYCLE[: len(names)], names)
            self.loss = LossView(axes[0, 1], setting.landscape, setting.steps, CYCLE[: len(names)], names)
        # una legenda sola, accanto al costo, con l'esito di ogni metodo (anche la divergenza, a parole)
        axes[0, 0].get_legend().remove()
        self.paths.caption.set_visible(False)
        axes[0, 0].set_title(setting.landscape.name)
        axes[0, 1].set_title("Costo lungo il cammino")
        # la legenda si crea una volta, con le scritte più lunghe possibili (così il layout le fa stare
        # nella figura anche quando questo resta fermo, in lib.live); show ne aggiorna solo le scritte
        self.legend = self.loss.ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0),
                                          title=f"dopo {setting.steps} passi")
        for text, name in zip(self.legend.get_texts(), names):
            text.set_text(f"{name}: divergenza al passo {setting.steps}")

    def show(self, params):
        """Esegue ogni ottimizzatore con ``params[nome]`` e aggiorna le linee; restituisce le traiettorie."""
        landscape, steps = self.setting.landscape, self.setting.steps
        trajectories = [run(make_optimizer(name, params[name]), landscape.grad, landscape.start, steps)
                        for name in OPTIMIZERS]
        self.paths.show(*trajectories)
        self.loss.show(*trajectories)
        for text, name, traj in zip(self.legend.get_texts(), OPTIMIZERS, trajectories):
            text.set_text(f"{name}: {_result(landscape, traj)}")
        return trajectories


def _result(landscape, traj):
    r"""L'esito in breve: «divergenza al passo k», oppure :math:`f - f^*` all'ultimo passo."""
    return outcome(landscape, traj) if traj.diverged else f"{loss_gap(landscape, traj[-1]):.1e}"


def arena_figure(name):
    """La controparte statica dell'arena: tutti gli ottimizzatori sul paesaggio ``name`` (chiave di :data:`SETTINGS`)."""
    view = ArenaView(SETTINGS[name])
    view.show(SETTINGS[name].params)
    return view.fig


def _sliders():
    """I cursori di ogni ottimizzatore: nome → {iperparametro: cursore}, ai valori del primo paesaggio."""
    defaults = next(iter(SETTINGS.values())).params
    return {name: {p: slider(label, low, high, defaults[name][p], log=log)
                   for p, (label, low, high, log) in specs.items()}
            for name, (_, specs) in OPTIMIZERS.items()}


def arena():
    """L'arena interattiva: menu dei paesaggi, cursori per ottimizzatore, traiettorie e costi.

    Scegliere un paesaggio disegna (una volta, poi la riusa) la sua figura e
    riporta i cursori ai suoi valori predefiniti; muovere un cursore riesegue
    gli ottimizzatori e aggiorna solo le linee.
    """
    menu = widgets.Dropdown(options=list(SETTINGS), description="Paesaggio",
                            layout=widgets.Layout(width="340px"))
    sliders = _sliders()
    views, output, holding = {}, widgets.Output(), [False]

    def redraw(_change=None):
        if holding[0]:
            return
        if menu.value not in views:
            view = ArenaView(SETTINGS[menu.value])
            views[menu.value] = view, LiveFigure(view.fig)
            views[menu.value][1].png()  # layout fissato con le scritte più lunghe della legenda
        view, live = views[menu.value]
        view.show({name: {p: s.value for p, s in group.items()} for name, group in sliders.items()})
        live.show(output)

    def choose(_change=None):
        holding[0] = True
        for name, group in sliders.items():
            for p, s in group.items():
                s.value = SETTINGS[menu.value].params[name][p]
        holding[0] = False
        redraw()

    menu.observe(choose, names="value")
    for group in sliders.values():
        for s in group.values():
            s.observe(redraw, names="value")
    accordion = widgets.Accordion(children=[widgets.VBox(list(g.values())) for g in sliders.values()],
                                  titles=tuple(TITLES[name] for name in sliders))
    choose()
    return widgets.VBox([menu, accordion, output])
