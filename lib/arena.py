"""L'arena: tutti gli ottimizzatori del libro, fianco a fianco, sullo stesso paesaggio.

Un pannello mostra le traiettorie sulle curve di livello (o sulla curva, in una
dimensione), l'altro il costo :math:`f(w_k) - f^*` in scala logaritmica. Ogni
paesaggio del menu ha i suoi iperparametri predefiniti, scelti perché ciascun
metodo faccia una figura onesta.

- :func:`arena_figure`: la figura statica per un paesaggio (i valori predefiniti);
- :func:`arena`: la stessa figura con un menu dei paesaggi e i cursori di ogni
  ottimizzatore, raggruppati per metodo (:class:`lib.widgets.Menu` di
  :class:`lib.widgets.Panel`). Il paesaggio si disegna una volta per scelta del
  menu; i cursori aggiornano solo i dati delle linee. Ogni metodo è uno strato
  indipendente (il suo cammino, la sua curva di costo, il suo esito), e l'asse
  del costo ha limiti fissi: sul sito i fotogrammi dei sei metodi si sommano.
"""

from dataclasses import dataclass

from .landscapes import curve, quadratic, rosenbrock, saddle, wells
from .optimizers import GD, Adadelta, Adagrad, Adam, Momentum, RMSProp
from .plots import LOSS_FLOOR, LossView, PathsView, decades, loss_gap, optimal_value, outcome
from .run import run
from .style import CYCLE, book_style, new_figure
from .widgets import Menu, Panel, slider

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


#: sul sito un cursore per metodo (gli altri restano ai valori predefiniti del paesaggio)
STATIC_SLIDERS = ("GD_eta", "Momentum_beta", "Adagrad_eta", "RMSProp_eta", "Adadelta_eps", "Adam_eta")


def slider_name(optimizer, parameter):
    """Il nome del cursore di un iperparametro nel pannello dell'arena, per esempio ``Momentum_beta``."""
    return f"{optimizer}_{parameter}"


class ArenaView:
    """La figura dell'arena per un paesaggio: disegnata una volta, aggiornata da :meth:`show`.

    L'esito di ogni metodo è una scritta nel suo colore accanto al costo (fa da
    legenda). Per i cursori :meth:`freeze_layout` fissa il layout con le scritte
    più lunghe possibili, così ogni esito ci sta.
    """

    def __init__(self, setting):
        self.setting, self._runs = setting, {}
        names, colors = list(OPTIMIZERS), CYCLE[: len(OPTIMIZERS)]
        start_gap = float(setting.landscape(setting.landscape.start)) - optimal_value(setting.landscape)
        with book_style():
            self.fig, axes = new_figure(2, width=4.8, height=4.0)
            self.paths = PathsView(axes[0, 0], setting.landscape, colors, names)
            self.loss = LossView(axes[0, 1], setting.landscape, setting.steps, colors,
                                 limits=decades(LOSS_FLOOR, 100 * max(start_gap, 1.0)))
        axes[0, 0].get_legend().remove()
        for caption in self.paths.captions:
            caption.set_visible(False)
        axes[0, 0].set_title(setting.landscape.name)
        axes[0, 1].set_title("Costo lungo il cammino")
        place = dict(xycoords="axes fraction", textcoords="offset points", va="top", fontsize=9)
        axes[0, 1].annotate(f"dopo {setting.steps} passi", (1.04, 1.0), xytext=(0, 0), fontweight="bold", **place)
        self.results = [axes[0, 1].annotate(f"{name}: divergenza al passo {setting.steps}", (1.04, 1.0),
                                            xytext=(0, -16 * (i + 1)), color=color, **place)
                        for i, (name, color) in enumerate(zip(names, colors))]

    def freeze_layout(self):
        """Calcola il layout con le scritte più lunghe («divergenza al passo …») e lo rende fisso."""
        for text, name in zip(self.results, OPTIMIZERS):
            text.set_text(f"{name}: divergenza al passo {self.setting.steps}")
        self.fig.draw_without_rendering()
        self.fig.set_layout_engine("none")

    def _run(self, name, params):
        key = (name, tuple(sorted(params.items())))
        if key not in self._runs:
            landscape = self.setting.landscape
            self._runs[key] = run(make_optimizer(name, params), landscape.grad, landscape.start, self.setting.steps)
        return self._runs[key]

    def layer(self, i):
        """Gli artisti del metodo ``i``: cammino, partenza, curva di costo, esito."""
        return self.paths.layer(i) + [self.loss.lines[i], self.results[i]]

    def show(self, params):
        """Esegue ogni ottimizzatore con ``params[nome]`` e aggiorna le linee; restituisce le traiettorie.

        Le traiettorie già calcolate si ricordano: muovere un cursore riesegue un solo ottimizzatore.
        """
        trajectories = [self._run(name, params[name]) for name in OPTIMIZERS]
        self.paths.show(*trajectories)
        self.loss.show(*trajectories)
        for text, name, traj in zip(self.results, OPTIMIZERS, trajectories):
            text.set_text(f"{name}: {_result(self.setting.landscape, traj)}")
        return trajectories


def _result(landscape, traj):
    r"""L'esito in breve: «divergenza al passo k», oppure :math:`f - f^*` all'ultimo passo."""
    return outcome(landscape, traj) if traj.diverged else f"{loss_gap(landscape, traj[-1]):.1e}"


def arena_figure(name):
    """La controparte statica dell'arena: tutti gli ottimizzatori sul paesaggio ``name`` (chiave di :data:`SETTINGS`)."""
    view = ArenaView(SETTINGS[name])
    view.show(SETTINGS[name].params)
    return view.fig


def arena_panel(name):
    """Il pannello dell'arena per il paesaggio ``name``: i cursori di ogni metodo, ai valori del paesaggio."""
    setting = SETTINGS[name]
    view = ArenaView(setting)
    view.freeze_layout()
    sliders = {slider_name(opt, p): slider(label, low, high, setting.params[opt][p], log=log)
               for opt, (_, specs) in OPTIMIZERS.items() for p, (label, low, high, log) in specs.items()}

    def update(**values):
        view.show({opt: {p: values[slider_name(opt, p)] for p in specs} for opt, (_, specs) in OPTIMIZERS.items()})

    names = {opt: tuple(slider_name(opt, p) for p in specs) for opt, (_, specs) in OPTIMIZERS.items()}
    return Panel(view.fig, update, sliders, layers=[(view.layer(i), names[opt]) for i, opt in enumerate(OPTIMIZERS)],
                 static=STATIC_SLIDERS, groups={TITLES[opt]: names[opt] for opt in OPTIMIZERS})


def arena():
    """L'arena interattiva: un menu dei paesaggi, i cursori di ogni metodo, traiettorie e costi.

    Scegliere un paesaggio mostra il suo pannello (costruito la prima volta), con
    i suoi valori predefiniti; muovere un cursore riesegue gli ottimizzatori e
    aggiorna solo le linee.
    """
    return Menu("Paesaggio", {name: (lambda name=name: arena_panel(name)) for name in SETTINGS})
