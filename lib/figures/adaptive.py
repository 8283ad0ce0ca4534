r"""Le figure e gli esperimenti del capitolo 4, i metodi adattivi.

Per vedere *dentro* un metodo adattivo servono i suoi accumulatori
(:math:`s^{(k)}`, :math:`\Delta w^{(k)}`, :math:`v^{(k)}`), che :func:`lib.run`
non restituisce: :func:`trace` esegue la stessa :func:`lib.run` registrando lo
stato dopo ogni passo. Il resto del modulo sono le composizioni che il capitolo
mostra, approfondimenti compresi (precondizionamento, limiti di Adam).
"""

import numpy as np
from matplotlib.ticker import LogLocator, NullLocator

from .. import _validation as check
from .. import widgets
from ..models import LogisticRegression, MinibatchGradient
from ..optimizers import GD, Adadelta, Adagrad, Adam, Optimizer, RMSProp
from ..plots import loss_curves, loss_gap
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

    ``stati`` è un dizionario nome → array: ``stati["s"][k - 1]`` è
    :math:`s^{(k)}`, il valore dopo il :math:`k`-esimo aggiornamento
    (:math:`k = 1, 2, \dots`), mentre ``traiettoria[k]`` è :math:`w^{(k)}`. Se
    l'esecuzione diverge, gli stati si fermano con la traiettoria.
    """
    recorder = _Recorder(opt)
    traj = run(recorder, grad, w0, steps)
    done = len(traj) - 1
    states = {name: np.array([state[name] for state in recorder.states[:done]]) for name in opt.state_names}
    return traj, states


def effective_rate(opt, s):
    r"""Il learning rate effettivo di Adagrad e RMSProp, :math:`\eta / (\sqrt{s^{(k)}} + \epsilon)`, passo per passo.

    ``s`` è la successione degli accumulatori (come in :func:`trace`); ogni peso ha il suo valore.
    """
    return np.array([opt.rate(k) / (np.sqrt(s_k) + opt.eps) for k, s_k in enumerate(s)])


def effective_rates(optimizers, make_grad, w0, steps, coordinate, title=None):
    r"""Il learning rate effettivo :math:`\eta/(\sqrt{s^{(k)}} + \epsilon)` della coordinata ``coordinate``, passo per passo.

    ``optimizers`` è un dizionario etichetta → ottimizzatore con un
    accumulatore ``s`` (Adagrad, RMSProp). ``make_grad()`` crea il gradiente
    per ciascun ottimizzatore: così un gradiente rumoroso (un
    :class:`lib.models.MinibatchGradient`) riparte per tutti dallo stesso seme.
    """
    series = {}
    for label, opt in optimizers.items():
        _, states = trace(opt, make_grad(), w0, steps)
        series[label] = effective_rate(opt, states["s"][:, coordinate])
    return loss_curves(series, ylabel=r"$\eta / (\sqrt{s^{(k)}} + \epsilon)$", title=title)


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
    r"""Il primo passo :math:`w^{(1)} - w^{(0)}` di ``opt`` con gradiente ``g``, dallo stato nullo.

    Per Adam, con :math:`v^{(0)} = s^{(0)} = 0` e :math:`k = 1` le correzioni
    del bias danno :math:`\hat v^{(1)} = g` e :math:`\hat s^{(1)} = g^2`, quindi

    .. math::

        w^{(1)} - w^{(0)} = -\frac{\eta\, g}{\sqrt{g^2 + \epsilon}} \quad (\epsilon \text{ dentro la radice}),
        \qquad w^{(1)} - w^{(0)} = -\frac{\eta\, g}{|g| + \epsilon} \quad (\epsilon \text{ fuori}).

    Il passo non dipende dal punto: si parte da :math:`w^{(0)} = 0`. ``g`` è un
    numero o un array (una componente per coordinata).
    """
    g = np.asarray(g, dtype=np.float64)
    w0 = np.zeros_like(g)
    return opt.step(w0, g, opt.init(w0), 0)[0] - w0


def step_lengths(traj):
    r"""La lunghezza di ogni passo, :math:`\lVert w^{(k)} - w^{(k-1)} \rVert` per :math:`k = 1, 2, \dots`"""
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


def rare_feature_sweep(X, y, optimum, etas, steps=300, batch_size=5, seeds=(0, 1, 2, 3, 4), window=100):
    r"""SGD e Adagrad su una griglia di :math:`\eta`, con lo stesso budget: il confronto con il *miglior* :math:`\eta` di ciascuno.

    Per ogni metodo e ogni :math:`\eta` di ``etas`` si allena la regressione
    logistica di :func:`rare_feature_runs` per ``steps`` passi con mini-batch
    di ``batch_size`` dati, una volta per seme di ``seeds`` (un ordine diverso
    dei mini-batch, lo stesso per i due metodi), e si misura, in media sui semi:

    - ``"gap"``: il costo su tutti i dati meno il minimo,
      :math:`C(w^{(k)}) - C(w^*)`, in media sugli ultimi ``window`` passi
      (la media smorza il rumore dell'ultimo mini-batch);
    - ``"a1"``, ``"a2"``: la distanza finale dei due pesi dal minimo,
      :math:`|a_i^{(\text{steps})} - a_i^*|`.

    ``optimum`` è il punto di minimo :math:`w^*` (pesi e termine noto).
    Restituisce ``{"SGD": {...}, "Adagrad": {...}}``, ciascuno con ``"eta"`` e
    gli array delle tre misure, uno per valore di :math:`\eta`.
    """
    steps = check.count("steps", steps, minimum=1)
    window = check.count("window", window, minimum=1)
    if window > steps:
        raise ValueError(f"window deve essere un intero fra 1 e steps = {steps}; ricevuto {window!r}")
    etas = np.array([check.positive("etas", eta) for eta in etas])
    model, optimum = LogisticRegression(n_in=2), np.asarray(optimum, dtype=np.float64)
    best_cost = model.loss(optimum, X, y)
    results = {}
    for name, method in (("SGD", GD), ("Adagrad", Adagrad)):
        measures = np.zeros((len(etas), 3))
        for i, eta in enumerate(etas):
            for seed in seeds:
                traj = run(method(eta), MinibatchGradient(model, X, y, batch_size, seed), model.init(), steps)
                gap = model.losses(traj[-window:], X, y) - best_cost
                measures[i] += [gap.mean(), *np.abs(traj[-1, :2] - optimum[:2])]
        measures /= len(seeds)
        results[name] = {"eta": etas, "gap": measures[:, 0], "a1": measures[:, 1], "a2": measures[:, 2]}
    return results


@book_style()
def rare_feature_figure(runs, optimum=None):
    r"""Due pannelli: i pesi :math:`a_1` (frequente) e :math:`a_2` (raro) lungo il cammino; i learning rate effettivi di Adagrad.

    ``optimum``, se dato, è il punto di minimo del costo su tutti i dati: i suoi
    :math:`a_1`, :math:`a_2` si disegnano come linee orizzontali punteggiate,
    con il loro nome a destra del pannello (quello del valore più alto appena
    sopra la sua linea, l'altro appena sotto).
    """
    fig, axes = new_figure(2, width=4.4, height=3.3)
    left, right = axes[0]
    for (name, (_, traj, _)), color in zip(runs.items(), CYCLE):
        left.plot(traj[:, 0], color=color, linestyle="--", linewidth=1.3, label=f"{name}, $a_1$ (frequente)")
        left.plot(traj[:, 1], color=color, linewidth=1.8, label=f"{name}, $a_2$ (raro)")
    if optimum is not None:
        above = optimum[0] >= optimum[1]  # la scritta del più alto sopra la sua linea, dell'altro sotto
        for value, label, on_top in ((optimum[0], "$a_1^*$", above), (optimum[1], "$a_2^*$", not above)):
            left.axhline(value, color="black", linestyle=":", linewidth=1.2)
            left.annotate(label, (1.0, value), xycoords=("axes fraction", "data"),
                          xytext=(3, 1 if on_top else -1), textcoords="offset points",
                          ha="left", va="bottom" if on_top else "top", fontsize=9)
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
    right.set_ylabel(r"$\eta / (\sqrt{s^{(k)}} + \epsilon)$")
    right.set_title("Adagrad: learning rate effettivo")
    right.legend()
    for ax in axes[0]:
        ax.grid(True, alpha=0.3)
    return fig


@book_style()
def bias_correction_figure(beta1=0.9, beta2=0.999, steps=60, mean=1.0, noise=0.5, seed=0):
    r"""Le stime dei momenti di Adam con e senza correzione, sui primi passi.

    I gradienti sono numeri casuali :math:`g^{(k)} \sim \mathcal N(\text{mean}, \text{noise}^2)`
    dati ad Adam (le sue medie :math:`v^{(k)}`, :math:`s^{(k)}` sono registrate
    con :func:`trace`). Pannello sinistro: :math:`v^{(k)}` e
    :math:`\hat v^{(k)} = v^{(k)} / (1 - \beta_1^k)` contro la media vera, con
    una linea verticale al passo :math:`1/(1 - \beta_1)`; pannello destro:
    :math:`\sqrt{s^{(k)}}` e :math:`\sqrt{\hat s^{(k)}}` contro
    :math:`\sqrt{E[g^2]} = \sqrt{\text{mean}^2 + \text{noise}^2}`.
    """
    v, s, gradients = adam_moments(beta1, beta2, steps, mean, noise, seed)
    k = np.arange(1, steps + 1)
    fig, axes = new_figure(2, width=4.4, height=3.3)
    panels = (
        (axes[0, 0], v, v / (1 - beta1**k), mean, ("$v^{(k)}$", r"$\hat v^{(k)}$"), "Momento primo (media)"),
        (axes[0, 1], np.sqrt(s), np.sqrt(s / (1 - beta2**k)), np.hypot(mean, noise),
         (r"$\sqrt{s^{(k)}}$", r"$\sqrt{\hat s^{(k)}}$"), "Momento secondo (radice)"),
    )
    axes[0, 0].plot(k, gradients, ".", color="0.6", markersize=4, label="gradienti $g^{(k)}$")
    memory = 1 / (1 - beta1)
    if memory <= steps:
        axes[0, 0].axvline(memory, color="0.4", linestyle="--", linewidth=1.0)
        axes[0, 0].annotate(f"$k = 1/(1-\\beta_1) = {memory:g}$", (memory, 0.02), xytext=(3, 0),
                            textcoords="offset points", xycoords=("data", "axes fraction"), fontsize=8)
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


def _adam_states(gradients, beta1, beta2):
    r"""Le medie :math:`v^{(k)}`, :math:`s^{(k)}` di Adam quando riceve, uno per passo, i gradienti dati.

    ``gradients`` ha forma ``(passi,)`` o ``(passi, coordinate)``; i
    gradienti non dipendono dal punto, quindi il cammino non conta.
    """
    gradients = np.asarray(gradients, dtype=np.float64)
    feed = iter(gradients)
    _, states = trace(Adam(beta1=beta1, beta2=beta2), lambda w: next(feed), np.zeros(gradients.shape[1:]),
                      len(gradients))
    return states["v"], states["s"]


def adam_moments(beta1=0.9, beta2=0.999, steps=60, mean=1.0, noise=0.5, seed=0):
    r"""Le medie :math:`v^{(k)}`, :math:`s^{(k)}` (senza correzione) di Adam su gradienti :math:`g^{(k)} \sim \mathcal N(\text{mean}, \text{noise}^2)`.

    Restituisce ``(v, s, g)``, tre array di ``steps`` valori con :math:`k = 1, \dots, \text{steps}`.
    """
    gradients = np.random.default_rng(seed).normal(mean, noise, size=steps)
    return (*_adam_states(gradients, beta1, beta2), gradients)


# --------------------------------------------------------------------------
# Approfondimento: precondizionamento
# --------------------------------------------------------------------------


def steps_to_tolerance(traj, landscape, tol):
    r"""Il primo :math:`k` con :math:`f(w^{(k)}) - f^* < \text{tol}`; ``inf`` se non succede (o se l'esecuzione diverge)."""
    below = np.flatnonzero(loss_gap(landscape, traj) < tol)
    return below[0] if len(below) and not traj.diverged else np.inf


def tuned_steps(make_optimizer, landscape, etas, steps, tol=1e-6):
    r"""Il metodo con il suo :math:`\eta` migliore: quanti passi servono, al minimo, per :math:`f - f^* < \text{tol}`.

    Per ogni :math:`\eta` di ``etas`` esegue ``make_optimizer(eta)`` per
    ``steps`` passi dalla partenza del paesaggio e conta i passi con
    :func:`steps_to_tolerance`. Restituisce ``(passi, eta)`` del migliore
    (``(inf, None)`` se nessuno arriva entro ``steps`` passi): lo stesso budget
    di prove per ogni metodo, il confronto equo.
    """
    best = (np.inf, None)
    for eta in etas:
        traj = run(make_optimizer(eta), landscape.grad, landscape.start, steps)
        best = min(best, (steps_to_tolerance(traj, landscape, tol), eta), key=lambda pair: pair[0])
    return best


def diagonal_conditioning(hessian, ratios):
    r"""Il numero di condizionamento di :math:`P^{1/2} H P^{1/2}` per i precondizionatori diagonali :math:`P = \mathrm{diag}(r, 1)`.

    Un precondizionatore diagonale riscala ogni coordinata: è ciò che fanno,
    passo per passo, Adagrad, RMSProp e Adam. Per ogni rapporto :math:`r` di
    ``ratios`` restituisce :math:`\kappa = \lambda_{\max} / \lambda_{\min}` di
    :math:`P^{1/2} H P^{1/2}` (la discesa del gradiente precondizionata
    converge come la discesa semplice su un problema di condizionamento
    :math:`\kappa`). ``hessian`` è una matrice 2 × 2 simmetrica definita positiva.
    """
    hessian = np.asarray(hessian, dtype=np.float64)
    if hessian.shape != (2, 2) or not np.allclose(hessian, hessian.T) or np.linalg.eigvalsh(hessian)[0] <= 0:
        raise ValueError(f"hessian deve essere una matrice 2 × 2 simmetrica definita positiva; ricevuto {hessian!r}")
    roots = np.sqrt(np.column_stack([np.asarray(ratios, dtype=np.float64), np.ones(len(ratios))]))
    scaled = roots[:, :, None] * hessian * roots[:, None, :]
    eigenvalues = np.linalg.eigvalsh(scaled)
    return eigenvalues[:, 1] / eigenvalues[:, 0]


# --------------------------------------------------------------------------
# Approfondimento: i limiti di Adam
# --------------------------------------------------------------------------


def reddi_runs(C=3.0, steps=3000, alpha=0.5):
    r"""Il controesempio di Reddi, Kale e Kumar (2018, teorema 1): Adam converge al punto *peggiore*.

    Un problema *online* in una dimensione, con :math:`w \in [-1, 1]`: al passo
    :math:`k` il costo è :math:`f_k(w) = C\,w` se :math:`k \bmod 3 = 1` e
    :math:`f_k(w) = -w` altrimenti (:math:`C > 2`), quindi il gradiente vale
    :math:`C` una volta ogni tre passi e :math:`-1` le altre due. In media il
    costo è :math:`(C - 2)\,w / 3`: il minimo è :math:`w = -1`, il punto
    peggiore :math:`w = +1`. Ogni metodo parte da :math:`w^{(0)} = 0`, usa il
    learning rate :math:`\alpha/\sqrt{k}` e dopo ogni passo riporta :math:`w`
    dentro :math:`[-1, 1]` (la proiezione dell'articolo).

    Restituisce un dizionario nome → traiettoria (``steps + 1`` punti) per
    ``"SGD"``, ``"Adam"`` e ``"AMSGrad"``; gli ultimi due con i parametri del
    teorema, :math:`\beta_1 = 0` e :math:`\beta_2 = 1/(1 + C^2)`, e
    :math:`\epsilon` fuori dalla radice come nell'articolo.
    """
    C = check.positive("C", C)
    if C <= 2:
        raise ValueError(f"C deve essere un numero > 2; ricevuto {C!r}")
    steps = check.count("steps", steps, minimum=1)
    alpha = check.positive("alpha", alpha)

    def eta(k):  # k conta da 0 nella libreria: al k-esimo aggiornamento α/√k
        return alpha / np.sqrt(k + 1)

    adam = {"eta": eta, "beta1": 0.0, "beta2": 1 / (1 + C**2), "eps_inside_sqrt": False}
    methods = {"SGD": GD(eta), "Adam": Adam(**adam), "AMSGrad": Adam(**adam, amsgrad=True)}
    runs = {}
    for name, opt in methods.items():
        w, state = np.zeros(1), opt.init(np.zeros(1))
        points = [0.0]
        for k in range(1, steps + 1):
            g = np.array([C if k % 3 == 1 else -1.0])
            w, state = opt.step(w, g, state, k - 1)
            w = np.clip(w, -1.0, 1.0)
            points.append(w[0])
        runs[name] = np.array(points)
    return runs


def step_bound(beta1, beta2, k):
    r"""Il limite al passo di Adam, per coordinata: :math:`|\hat v^{(k)}| / \sqrt{\hat s^{(k)}} \le B_k` (con :math:`\epsilon = 0`).

    Per la disuguaglianza di Cauchy–Schwarz, per qualunque successione di gradienti,

    .. math::

        B_k = \frac{1 - \beta_1}{1 - \beta_1^k}
              \sqrt{\frac{1 - \beta_2^k}{1 - \beta_2} \sum_{i=0}^{k-1} \Big(\frac{\beta_1^2}{\beta_2}\Big)^i},

    quindi il passo :math:`\eta\,|\hat v^{(k)}|/\sqrt{\hat s^{(k)}}` non supera
    :math:`\eta B_k`, qualunque sia la scala dei gradienti. :math:`B_1 = 1`;
    con :math:`\beta_1 = \beta_2` è :math:`B_k = 1` per ogni :math:`k`. Il
    limite è raggiunto dai gradienti di :func:`worst_gradients`. Serve
    :math:`\beta_1^2 < \beta_2` perché :math:`B_k` resti limitato al crescere di
    :math:`k`; ``k`` può essere un array di passi :math:`\ge 1`.
    """
    beta1, beta2 = check.unit_interval("beta1", beta1), check.unit_interval("beta2", beta2)
    if beta2 == 0:
        raise ValueError("beta2 deve essere un numero in (0, 1) per il limite al passo; ricevuto 0")
    k = np.asarray(k, dtype=np.float64)
    if np.any(k < 1) or np.any(k != np.round(k)):
        raise ValueError(f"k deve contenere interi ≥ 1; ricevuto {k!r}")
    q = beta1**2 / beta2
    total = k if q == 1 else (1 - q**k) / (1 - q)
    return (1 - beta1) / (1 - beta1**k) * np.sqrt((1 - beta2**k) / (1 - beta2) * total)


def worst_gradients(beta1, beta2, k):
    r"""I gradienti :math:`g^{(j)} = (\beta_1/\beta_2)^{k-j}`, :math:`j = 1, \dots, k`: quelli per cui al passo :math:`k` il rapporto di Adam vale :math:`B_k`.

    Sono il caso di uguaglianza di Cauchy–Schwarz in :func:`step_bound`:
    gradienti dello stesso segno che *crescono* di :math:`\beta_2/\beta_1` a
    ogni passo (circa 1.11 con i valori predefiniti), come in un'esplosione.
    """
    k = check.count("k", k, minimum=1)
    beta1, beta2 = check.unit_interval("beta1", beta1), check.unit_interval("beta2", beta2)
    if beta1 == 0 or beta2 == 0:
        raise ValueError("beta1 e beta2 devono essere in (0, 1) per i gradienti del caso peggiore")
    return (beta1 / beta2) ** (k - np.arange(1, k + 1))


def moment_ratio(gradients, beta1=0.9, beta2=0.999):
    r"""Il rapporto :math:`\hat v^{(k)} / \sqrt{\hat s^{(k)}}` di Adam (senza :math:`\epsilon`) lungo i gradienti dati, :math:`k = 1, 2, \dots`

    Il passo di Adam è :math:`\eta` per questo rapporto. Dove
    :math:`s^{(k)} = 0` (solo gradienti nulli fin lì) anche :math:`v^{(k)} = 0` e
    il rapporto vale 0: nessun passo.
    """
    v, s = _adam_states(gradients, beta1, beta2)
    k = np.arange(1, len(v) + 1).reshape((-1,) + (1,) * (v.ndim - 1))
    v_hat, s_hat = v / (1 - beta1**k), s / (1 - beta2**k)
    return np.divide(v_hat, np.sqrt(s_hat), out=np.zeros_like(v_hat), where=s_hat > 0)


def adaptive_factor_spread(beta2=0.999, steps=2000, samples=2000, quantiles=(0.05, 0.5, 0.95), seed=0):
    r"""Quanto è rumoroso, nei primi passi, il fattore :math:`1/\sqrt{\hat s^{(k)}}` che moltiplica :math:`\eta` in Adam.

    Ogni coordinata di ``samples`` riceve gradienti di puro rumore,
    :math:`g^{(k)} \sim \mathcal N(0, 1)` indipendenti, per cui il valore
    «vero» è :math:`1/\sqrt{E[g^2]} = 1`. Restituisce un array
    ``(steps, len(quantiles))``: alla riga :math:`k - 1` i quantili di
    :math:`1/\sqrt{\hat s^{(k)}}` fra le coordinate. Al primo passo
    :math:`\hat s^{(1)} = (g^{(1)})^2` e il fattore è :math:`1/|g^{(1)}|`, di
    varianza infinita: è il problema di cui parlano Liu et al. (2020).
    """
    steps = check.count("steps", steps, minimum=1)
    samples = check.count("samples", samples, minimum=2)
    gradients = np.random.default_rng(seed).normal(size=(steps, samples))
    _, s = _adam_states(gradients, 0.9, beta2)
    s_hat = s / (1 - beta2 ** np.arange(1, steps + 1))[:, None]
    return np.quantile(1 / np.sqrt(s_hat), quantiles, axis=1).T


def radam_rectification(beta2, k):
    r"""Il fattore di rettifica :math:`r_k` di RAdam (Liu et al. 2020), che moltiplica il passo adattivo.

    .. math::

        \rho_\infty = \frac{2}{1 - \beta_2} - 1, \qquad
        \rho_k = \rho_\infty - \frac{2 k \beta_2^k}{1 - \beta_2^k}, \qquad
        r_k = \sqrt{\frac{(\rho_k - 4)(\rho_k - 2)\,\rho_\infty}{(\rho_\infty - 4)(\rho_\infty - 2)\,\rho_k}} .

    :math:`\rho_k` è la lunghezza della media semplice che approssima la media
    esponenziale :math:`\hat s^{(k)}`; finché :math:`\rho_k \le 4` la varianza
    di :math:`1/\sqrt{\hat s^{(k)}}` non è definita e RAdam non usa
    :math:`\hat s^{(k)}` (fa un passo di momentum): lì questa funzione
    restituisce 0. (PyTorch usa la soglia :math:`\rho_k > 5`.) ``k`` è un
    passo :math:`\ge 1` o un array di passi.
    """
    beta2 = check.unit_interval("beta2", beta2)
    k = np.asarray(k, dtype=np.float64)
    if np.any(k < 1):
        raise ValueError(f"k deve contenere passi ≥ 1; ricevuto {k!r}")
    rho_inf = 2 / (1 - beta2) - 1
    if rho_inf <= 4:
        raise ValueError(f"beta2 deve essere > 0.6 perché ρ∞ = 2/(1 − β₂) − 1 superi 4; ricevuto {beta2!r}")
    rho = rho_inf - 2 * k * beta2**k / (1 - beta2**k)
    ratio = np.divide((rho - 4) * (rho - 2) * rho_inf, (rho_inf - 4) * (rho_inf - 2) * rho,
                      out=np.zeros_like(rho), where=rho > 4)
    return np.sqrt(ratio)


def adam_effective_rate(opt, s):
    r"""Il learning rate effettivo di Adam, :math:`\eta / \sqrt{\hat s^{(k)} + \epsilon}` (o :math:`\eta/(\sqrt{\hat s^{(k)}} + \epsilon)`), passo per passo.

    ``s`` è la successione degli accumulatori :math:`s^{(k)}` non corretti
    (come in :func:`trace`), :math:`k = 1, 2, \dots`; con ``opt.amsgrad`` va
    passato ``s_max``.
    """
    s = np.asarray(s, dtype=np.float64)
    k = np.arange(1, len(s) + 1).reshape((-1,) + (1,) * (s.ndim - 1))
    s_hat = s / (1 - opt.beta2**k)
    rates = np.array([opt.rate(j) for j in range(len(s))]).reshape(k.shape)
    return rates / (np.sqrt(s_hat + opt.eps) if opt.eps_inside_sqrt else np.sqrt(s_hat) + opt.eps)


@book_style()
def relapse_figure(runs, landscape, coordinate, threshold):
    r"""Adam a :math:`\eta` costante: il costo e il learning rate effettivo di una coordinata, per più esecuzioni.

    ``runs`` è un dizionario etichetta → ``(ottimizzatore, traiettoria, stati)``
    (da :func:`trace`). Pannello sinistro: :math:`f(w^{(k)}) - f^*`;
    pannello destro: :math:`\eta/\sqrt{\hat s^{(k)} + \epsilon}` della
    coordinata ``coordinate``, con una linea orizzontale a ``threshold`` (la
    soglia oltre la quale quella coordinata diventa instabile).
    """
    fig, axes = new_figure(2, width=4.4, height=3.3)
    left, right = axes[0]
    for (label, (opt, traj, states)), color in zip(runs.items(), CYCLE):
        gap = loss_gap(landscape, traj)
        shown = gap > 0  # sotto il più piccolo float la scala logaritmica non disegna nulla
        left.plot(np.flatnonzero(shown), gap[shown], color=color, linewidth=1.2, label=label)
        right.plot(np.arange(1, len(traj)), adam_effective_rate(opt, states["s"])[:, coordinate],
                   color=color, linewidth=1.4, label=label)
    right.axhline(threshold, color="black", linestyle=":", linewidth=1.2)
    right.annotate("soglia", (1.0, threshold), xycoords=("axes fraction", "data"), xytext=(3, 0),
                   textcoords="offset points", ha="left", va="center", fontsize=9)
    left.set_ylabel("$f(w^{(k)}) - f^*$")
    left.set_title("Il costo")
    right.set_ylabel(r"$\eta / \sqrt{\hat s^{(k)} + \epsilon}$" + f" di $w_{coordinate + 1}$")
    right.set_title("Il learning rate effettivo")
    for ax in (left, right):
        ax.set_yscale("log")
        low, high = np.log10(ax.get_ylim())
        decades = max(1, widgets.round_step(low, high, positions=4))  # tacche ogni 1, 2, 5, 10, 20, 50, 100… decadi
        ax.yaxis.set_major_locator(LogLocator(base=10.0**decades))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_xlabel("passo $k$")
        ax.grid(True, alpha=0.3)
        ax.legend(loc="lower right")
    return fig


@book_style()
def reddi_figure(runs, period=3):
    r"""Le traiettorie di :func:`reddi_runs`, un punto per periodo: :math:`w^{(3m)}` contro :math:`m`.

    Dentro un periodo il cammino va avanti e indietro (un passo con il
    gradiente :math:`C`, due con :math:`-1`); il punto alla fine di ogni
    periodo mostra dove va. Le serie hanno stili di linea diversi, così due
    cammini vicini restano distinguibili.
    """
    fig, axes = new_figure(width=5.6, height=3.4)
    ax = axes[0, 0]
    styles = [("-", 2.6), ("-", 1.4), ("--", 1.6)]
    for (label, traj), color, (style, width) in zip(runs.items(), CYCLE, styles):
        ax.plot(np.arange(len(traj[::period])), traj[::period], color=color, linestyle=style, linewidth=width,
                label=label)
    ax.axhline(-1.0, color="black", linestyle=":", linewidth=1.0)
    ax.set_xscale("log")
    ax.set_ylim(-1.1, 1.1)
    ax.set_xlabel(f"periodo $m$ (passo $k = {period}m$)")
    ax.set_ylabel(f"$w^{{({period}m)}}$")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="center right")
    ax.set_title("Il controesempio di Reddi, Kale e Kumar")
    return fig


@book_style()
def weight_decay_figure(series):
    r"""Un peso che il costo non tocca, :math:`w^{(k)}` contro :math:`k`, con la penalità L2 e con AdamW.

    ``series`` è un dizionario etichetta → traiettoria. Le serie si
    distinguono anche per lo stile della linea (continua, tratteggiata, …),
    così due curve che coincidono restano visibili entrambe.
    """
    fig, axes = new_figure(width=5.6, height=3.4)
    ax = axes[0, 0]
    styles = [("-", 3.0), ("--", 1.4), ("-", 3.0), ("--", 1.4)]
    colors = [CYCLE[1], "black", CYCLE[0], CYCLE[2]]
    for (label, traj), color, (style, width) in zip(series.items(), colors, styles):
        ax.plot(np.arange(len(traj)), traj, color=color, linestyle=style, linewidth=width, label=label)
    ax.set_xlabel("passo $k$")
    ax.set_ylabel("$w^{(k)}$")
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="center right", frameon=True, framealpha=0.9, edgecolor="none")
    ax.set_title("Un peso che il costo non tocca")
    return fig


@book_style()
def warmup_figure(spread, quantiles, rectification):
    r"""Perché il warm-up con Adam: il fattore :math:`1/\sqrt{\hat s^{(k)}}` nei primi passi e il fattore :math:`r_k` di RAdam.

    ``spread`` è il risultato di :func:`adaptive_factor_spread` per i
    ``quantiles`` dati (il primo, la mediana, l'ultimo), ``rectification`` i
    valori :math:`r_k` di :func:`radam_rectification` per :math:`k = 1, 2, \dots`
    Entrambi i pannelli hanno l'asse dei passi in scala logaritmica.
    """
    fig, axes = new_figure(2, width=4.4, height=3.3)
    left, right = axes[0]
    k = np.arange(1, len(spread) + 1)
    low, high = quantiles[0], quantiles[-1]
    left.fill_between(k, spread[:, 0], spread[:, -1], color=CYCLE[0], alpha=0.25,
                      label=f"fra i quantili {low:.0%} e {high:.0%}")
    left.plot(k, spread[:, len(quantiles) // 2], color=CYCLE[0], linewidth=1.6, label="mediana")
    left.axhline(1.0, color="black", linestyle=":", linewidth=1.2, label="valore vero")
    left.set_yscale("log")
    left.set_ylabel(r"$1 / \sqrt{\hat s^{(k)}}$")
    left.set_title("Gradienti di puro rumore")
    right.plot(np.arange(1, len(rectification) + 1), rectification, color=CYCLE[1], linewidth=1.6)
    right.set_ylim(0, 1.05)
    right.set_ylabel("$r_k$")
    right.set_title("RAdam: il fattore di rettifica")
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_xlabel("passo $k$")
        ax.grid(True, alpha=0.3)
    left.legend(loc="upper right")
    return fig


def explore(method, landscape, steps):
    """I cursori di ``method`` (Adagrad, RMSProp, Adadelta o Adam) sul paesaggio, con gli intervalli di :data:`SLIDERS`."""
    sliders = {name: widgets.slider(label, low, high, value, log=log)
               for name, (label, low, high, value, log) in SLIDERS[method].items()}
    return widgets.explorer(landscape, method, steps, sliders)
