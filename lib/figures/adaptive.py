r"""Le figure e gli esperimenti del capitolo 4, i metodi adattivi.

Per vedere *dentro* un metodo adattivo servono i suoi accumulatori
(:math:`s_k`, :math:`\Delta w_k`, :math:`v_k`), che :func:`lib.run` non
restituisce: :func:`trace` esegue lo stesso ``run`` registrando lo stato dopo
ogni passo. Il resto del modulo sono le composizioni che il capitolo mostra.
"""

import numpy as np

from ..models import LogisticRegression, MinibatchGradient
from .. import widgets
from ..optimizers import GD, Adadelta, Adagrad, Adam, Optimizer, RMSProp
from ..plots import loss_curves
from ..run import run
from ..style import CYCLE, book_style, new_figure

#: i cursori di ciascun metodo: nome dell'argomento → (etichetta, minimo, massimo, valore iniziale, scala log)
SLIDERS = {
    Adagrad: {"eta": ("η", 0.01, 5.0, 0.5, True)},
    RMSProp: {"eta": ("η", 0.001, 1.0, 0.05, True), "gamma": ("γ", 0.0, 0.999, 0.9, False)},
    Adadelta: {"gamma": ("γ", 0.0, 0.999, 0.9, False), "eps": ("ε", 1e-8, 0.1, 1e-6, True)},
    Adam: {"eta": ("η", 0.001, 1.0, 0.1, True), "beta1": ("β₁", 0.0, 0.999, 0.9, False),
           "beta2": ("β₂", 0.0, 0.9999, 0.999, False)},
}


class _Recorder(Optimizer):
    """Un ottimizzatore che delega a ``opt`` e si annota lo stato dopo ogni passo."""

    def __init__(self, opt):
        self.opt, self.states = opt, []

    def init(self, w):
        self.states = []
        return self.opt.init(w)

    def step(self, w, g, state, k):
        w, state = self.opt.step(w, g, state, k)
        self.states.append(state)
        return w, state


def trace(opt, grad, w0, steps):
    r"""Come :func:`lib.run`, ma restituisce anche gli accumulatori: ``(traiettoria, stati)``.

    ``stati`` è un dizionario nome → array: ``stati["s"][k]`` è :math:`s_{k+1}`,
    il valore dopo il (k+1)-esimo passo (gli appunti contano da 1). Se il run
    diverge, gli stati si fermano con la traiettoria.
    """
    recorder = _Recorder(opt)
    traj = run(recorder, grad, w0, steps)
    done = len(traj) - 1
    states = {name: np.array([state[name] for state in recorder.states[:done]]) for name in opt.state_names}
    return traj, states


def effective_rate(opt, s):
    r"""Il learning rate effettivo di Adagrad e RMSProp, :math:`\eta / (\sqrt{s_k} + \epsilon)`, passo per passo.

    ``s`` è la successione degli accumulatori (come in :func:`trace`); ogni peso ha il suo valore.
    """
    return np.array([opt.rate(k) / (np.sqrt(s_k) + opt.eps) for k, s_k in enumerate(s)])


def effective_rates(optimizers, make_grad, w0, steps, coordinate, title=None):
    r"""Il learning rate effettivo :math:`\eta/(\sqrt{s_k} + \epsilon)` della coordinata ``coordinate``, passo per passo.

    ``optimizers`` è un dizionario etichetta → ottimizzatore con un
    accumulatore ``s`` (Adagrad, RMSProp). ``make_grad()`` crea il gradiente
    per ciascun ottimizzatore: così un gradiente rumoroso (un
    :class:`lib.models.MinibatchGradient`) riparte per tutti dallo stesso seme.
    """
    series = {}
    for label, opt in optimizers.items():
        _, states = trace(opt, make_grad(), w0, steps)
        series[label] = effective_rate(opt, states["s"][:, coordinate])
    return loss_curves(series, ylabel=r"$\eta / (\sqrt{s_k} + \epsilon)$", title=title)


def spiked(grad, factor):
    r"""Il gradiente ``grad`` con il *primo* valore moltiplicato per ``factor``: un mini-batch anomalo all'inizio.

    Restituisce una funzione :math:`w \mapsto \nabla C(w)` che alla prima chiamata dà
    ``factor * grad(w)`` e poi ``grad(w)``; per ripetere l'esperimento se ne crea una nuova.
    """
    calls = iter(range(1, 2**62))

    def spiked_grad(w):
        return grad(w) * (factor if next(calls) == 1 else 1.0)

    return spiked_grad


def first_step(opt, g):
    r"""Il primo passo :math:`w_1 - w_0` di ``opt`` con gradiente ``g``, dallo stato nullo degli appunti.

    Per Adam, con :math:`v_0 = s_0 = 0` e :math:`k = 1` le correzioni del bias
    danno :math:`\hat v_1 = g` e :math:`\hat s_1 = g^2`, quindi

    .. math::

        w_1 - w_0 = -\frac{\eta\, g}{\sqrt{g^2 + \epsilon}} \quad (\epsilon \text{ dentro la radice}),
        \qquad w_1 - w_0 = -\frac{\eta\, g}{|g| + \epsilon} \quad (\epsilon \text{ fuori}).

    Il passo non dipende dal punto: si parte da :math:`w_0 = 0`. ``g`` è un
    numero o un array (una componente per coordinata).
    """
    g = np.asarray(g, dtype=np.float64)
    w0 = np.zeros_like(g)
    return opt.step(w0, g, opt.init(w0), 0)[0] - w0


def step_lengths(traj):
    r"""La lunghezza di ogni passo, :math:`\lVert w_{k+1} - w_k \rVert`."""
    return np.linalg.norm(np.diff(traj, axis=0).reshape(len(traj) - 1, -1), axis=1)


def rare_feature_runs(X, y, eta=0.5, steps=400, batch_size=1, seed=0):
    r"""SGD e Adagrad, con lo stesso :math:`\eta` e gli stessi mini-batch, su una regressione logistica.

    I dati sono quelli di :func:`lib.data.rare_feature`: il peso :math:`a_2`
    della caratteristica rara riceve un gradiente non nullo solo quando nel
    mini-batch c'è un dato con :math:`x_2 = 1`. Restituisce un dizionario
    nome → ``(ottimizzatore, traiettoria, stati)`` (gli stati di SGD sono vuoti).
    """
    model = LogisticRegression(n_in=2)
    runs = {}
    for name, opt in (("SGD", GD(eta)), ("Adagrad", Adagrad(eta))):
        traj, states = trace(opt, MinibatchGradient(model, X, y, batch_size, seed), model.init(), steps)
        runs[name] = opt, traj, states
    return runs


@book_style()
def rare_feature_figure(runs, optimum=None):
    r"""Due pannelli: i pesi :math:`a_1` (frequente) e :math:`a_2` (raro) lungo il cammino; i learning rate effettivi di Adagrad.

    ``optimum``, se dato, è il punto di minimo del costo su tutti i dati: i suoi
    :math:`a_1`, :math:`a_2` si disegnano come linee orizzontali punteggiate.
    """
    fig, axes = new_figure(2, width=4.4, height=3.3)
    left, right = axes[0]
    for (name, (_, traj, _)), color in zip(runs.items(), CYCLE):
        left.plot(traj[:, 0], color=color, linestyle="--", linewidth=1.3, label=f"{name}, $a_1$ (frequente)")
        left.plot(traj[:, 1], color=color, linewidth=1.8, label=f"{name}, $a_2$ (raro)")
    if optimum is not None:
        for value in optimum[:2]:
            left.axhline(value, color="black", linestyle=":", linewidth=1.2)
    left.set_xlabel("passo $k$")
    left.set_ylabel("peso (punteggiato: il minimo)")
    left.set_title("I pesi durante l'allenamento")
    left.legend(loc="lower right", ncols=2, fontsize=8)
    opt, _, states = runs["Adagrad"]
    for j, (label, style) in enumerate((("$a_1$ (frequente)", "--"), ("$a_2$ (raro)", "-"))):
        s = states["s"][:, j]
        rate = np.where(s > 0, effective_rate(opt, s), np.nan)  # prima del primo gradiente non nullo: nessun passo
        right.plot(rate, color=CYCLE[1], linestyle=style, linewidth=1.6, label=label)
    right.set_yscale("log")
    right.set_xlabel("passo $k$")
    right.set_ylabel(r"$\eta / (\sqrt{s_k} + \epsilon)$")
    right.set_title("Adagrad: learning rate effettivo")
    right.legend()
    for ax in axes[0]:
        ax.grid(True, alpha=0.3)
    return fig


@book_style()
def bias_correction_figure(beta1=0.9, beta2=0.999, steps=60, mean=1.0, noise=0.5, seed=0):
    r"""Le stime dei momenti di Adam con e senza correzione, sui primi passi.

    I gradienti sono numeri casuali :math:`g_k \sim \mathcal N(\text{mean}, \text{noise}^2)`
    dati ad Adam (le sue medie :math:`v_k`, :math:`s_k` sono registrate con
    :func:`trace`). Pannello sinistro: :math:`v_k` e
    :math:`\hat v_k = v_k / (1 - \beta_1^k)` contro la media vera; pannello
    destro: :math:`\sqrt{s_k}` e :math:`\sqrt{\hat s_k}` contro
    :math:`\sqrt{E[g^2]} = \sqrt{\text{mean}^2 + \text{noise}^2}`.
    """
    v, s, gradients = adam_moments(beta1, beta2, steps, mean, noise, seed)
    k = np.arange(1, steps + 1)
    fig, axes = new_figure(2, width=4.4, height=3.3)
    panels = (
        (axes[0, 0], v, v / (1 - beta1**k), mean, ("$v_k$", r"$\hat v_k$"), "Momento primo (media)"),
        (axes[0, 1], np.sqrt(s), np.sqrt(s / (1 - beta2**k)), np.hypot(mean, noise),
         (r"$\sqrt{s_k}$", r"$\sqrt{\hat s_k}$"), "Momento secondo (radice)"),
    )
    axes[0, 0].plot(k, gradients, ".", color="0.6", markersize=4, label="gradienti $g_k$")
    for ax, raw, corrected, truth, (raw_label, corrected_label), title in panels:
        ax.plot(k, raw, color=CYCLE[1], linewidth=1.6, label=f"{raw_label} (senza correzione)")
        ax.plot(k, corrected, color=CYCLE[0], linewidth=1.6, label=f"{corrected_label} (corretta)")
        ax.axhline(truth, color="black", linestyle=":", linewidth=1.2, label="valore vero")
        ax.set_xlabel("passo $k$")
        ax.set_title(title)
        ax.set_xlim(0, steps)
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="lower right", frameon=True, framealpha=0.9, edgecolor="none")
    return fig


def adam_moments(beta1=0.9, beta2=0.999, steps=60, mean=1.0, noise=0.5, seed=0):
    r"""Le medie :math:`v_k`, :math:`s_k` (senza correzione) di Adam su gradienti :math:`g_k \sim \mathcal N(\text{mean}, \text{noise}^2)`.

    Restituisce ``(v, s, g)``, tre array di ``steps`` valori con :math:`k = 1, \dots, \text{steps}`.
    """
    gradients = np.random.default_rng(seed).normal(mean, noise, size=steps)
    feed = iter(gradients)
    _, states = trace(Adam(beta1=beta1, beta2=beta2), lambda w: np.array(next(feed)), 0.0, steps)
    return states["v"], states["s"], gradients


def explore(method, landscape, steps):
    """I cursori di ``method`` (Adagrad, RMSProp, Adadelta o Adam) sul paesaggio, con gli intervalli di :data:`SLIDERS`."""
    sliders = {name: widgets.slider(label, low, high, value, log=log)
               for name, (label, low, high, value, log) in SLIDERS[method].items()}
    return widgets.explorer(landscape, method, steps, sliders)
