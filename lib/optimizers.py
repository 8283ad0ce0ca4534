r"""Gli ottimizzatori degli appunti, ciascuno con la sua formula.

Ogni ottimizzatore è un oggetto immutabile che contiene solo gli iperparametri.
Lo stato (le medie mobili :math:`v`, :math:`s`, :math:`\Delta w`) vive fuori
dall'oggetto: ``init(w)`` lo crea a zero, come negli appunti
(:math:`v_0 = s_0 = \Delta w_0 = 0`), e ``step(w, g, state, k)`` restituisce il
nuovo punto e il nuovo stato. Così lo stesso ottimizzatore, usato due volte,
riparte sempre da capo (vedi :func:`lib.run`).

Convenzione sugli indici: il passo ``k = 0, 1, 2, …`` è il (k+1)-esimo
aggiornamento; ``g`` è il gradiente :math:`\nabla C(w_k)` nel punto corrente.
Dove gli appunti contano da 1 (la correzione del bias di Adam,
:math:`1 - \beta_1^k`), il codice usa ``k + 1``.

``eta`` può essere un numero oppure uno *schedule* (vedi :mod:`lib.schedules`):
una funzione che dà il learning rate al passo ``k``.
"""

import math
from dataclasses import dataclass

import numpy as np

from . import _validation as check


class Optimizer:
    """Base comune: convalida degli iperparametri, stato iniziale nullo, learning rate al passo k."""

    #: nomi delle grandezze di stato, tutte inizializzate a zero
    state_names = ()

    def _validate(self, **rules):
        """Convalida e normalizza gli iperparametri del dataclass (immutabile)."""
        for name, rule in rules.items():
            object.__setattr__(self, name, rule(name, getattr(self, name)))

    def init(self, w):
        """Lo stato iniziale: ogni accumulatore è un array di zeri della forma di ``w``."""
        return {name: np.zeros_like(w, dtype=np.float64) for name in self.state_names}

    def rate(self, k):
        """Il learning rate al passo ``k``: ``eta`` se è un numero, ``eta(k)`` se è uno schedule."""
        if not callable(self.eta):
            return self.eta
        value = self.eta(k)
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ValueError(
                f"lo schedule eta deve restituire un numero; al passo {k} ha restituito {value!r}"
            ) from None
        if not (math.isfinite(value) and value >= 0):
            raise ValueError(
                f"lo schedule eta deve restituire un numero finito ≥ 0; al passo {k} ha restituito {value!r}"
            )
        return value

    def step(self, w, g, state, k):
        """Un aggiornamento: restituisce ``(w_nuovo, stato_nuovo)``."""
        raise NotImplementedError


@dataclass(frozen=True)
class GD(Optimizer):
    r"""Discesa del gradiente.

    .. math:: w_{k+1} = w_k - \eta\,\nabla C(w_k)
    """

    eta: object

    def __post_init__(self):
        self._validate(eta=check.rate)

    def step(self, w, g, state, k):
        return w - self.rate(k) * g, state


@dataclass(frozen=True)
class Momentum(Optimizer):
    r"""Discesa del gradiente con momentum (heavy ball, Polyak 1964), e le sue varianti.

    Nella notazione del libro, con :math:`g^{(k)} = \nabla C(w^{(k-1)})` e
    :math:`v^{(0)} = 0`, la regola degli appunti è

    .. math::

        v^{(k)} &= \beta\, v^{(k-1)} + g^{(k)} \\
        w^{(k)} &= w^{(k-1)} - \eta\, v^{(k)}

    ed è esattamente ``torch.optim.SGD(lr=eta, momentum=beta)`` (con
    ``dampening=0``, il valore predefinito). Con ``beta = 0`` si ritrova la
    discesa del gradiente. Tre interruttori, combinabili, danno le altre forme:

    - ``nesterov=True``: il passo usa il gradiente più la velocità nuova,
      :math:`w^{(k)} = w^{(k-1)} - \eta\,(g^{(k)} + \beta\, v^{(k)})`, come
      ``torch.optim.SGD(..., nesterov=True)``;
    - ``average=True``: nella velocità entra :math:`(1 - \beta)\, g^{(k)}`
      (media mobile esponenziale); con :math:`\eta` costante equivale alla
      regola degli appunti con learning rate :math:`\eta\,(1 - \beta)`;
    - ``eta_inside=True``: il learning rate entra nella velocità,
      :math:`v^{(k)} = \beta\, v^{(k-1)} + \eta_k\, g^{(k)}` e
      :math:`w^{(k)} = w^{(k-1)} - v^{(k)}`, come ``keras.optimizers.SGD``
      (che conserva :math:`-v`). Con :math:`\eta` costante è la regola degli
      appunti; con uno schedule no, perché la velocità ricorda i learning rate
      dei passi passati.

    Con ``nesterov=True`` e ``average=True`` il gradiente del passo è
    moltiplicato anch'esso per :math:`1 - \beta`, così l'equivalenza con
    :math:`\eta\,(1 - \beta)` resta vera.
    """

    eta: object
    beta: float = 0.9
    nesterov: bool = False
    average: bool = False
    eta_inside: bool = False
    state_names = ("v",)

    def __post_init__(self):
        self._validate(eta=check.rate, beta=check.unit_interval, nesterov=check.flag,
                       average=check.flag, eta_inside=check.flag)

    def step(self, w, g, state, k):
        eta = self.rate(k)
        push = (1 - self.beta) * g if self.average else g  # ciò che il gradiente aggiunge alla velocità
        if self.eta_inside:
            push = eta * push
        v = self.beta * state["v"] + push
        direction = push + self.beta * v if self.nesterov else v
        return w - (1.0 if self.eta_inside else eta) * direction, {"v": v}


@dataclass(frozen=True)
class Adagrad(Optimizer):
    r"""Adagrad (Duchi, Hazan e Singer 2011).

    .. math::

        s^{(k)} &= s^{(k-1)} + \big(g^{(k)}\big)^2, \qquad s^{(0)} = 0 \\
        w^{(k)} &= w^{(k-1)} - \frac{\eta}{\sqrt{s^{(k)}} + \epsilon}\, g^{(k)}

    con :math:`g^{(k)} = \nabla C(w^{(k-1)})`. Le operazioni sono elemento per
    elemento: ogni peso ha il suo :math:`s`. Valori predefiniti come in
    ``torch.optim.Adagrad``.
    """

    eta: object = 0.01
    eps: float = 1e-10
    state_names = ("s",)

    def __post_init__(self):
        self._validate(eta=check.rate, eps=check.positive)

    def step(self, w, g, state, k):
        s = state["s"] + g**2
        return w - self.rate(k) / (np.sqrt(s) + self.eps) * g, {"s": s}


@dataclass(frozen=True)
class RMSProp(Optimizer):
    r"""RMSProp (Tieleman e Hinton 2012).

    .. math::

        s^{(k)} &= \gamma\, s^{(k-1)} + (1 - \gamma) \big(g^{(k)}\big)^2, \qquad s^{(0)} = 0 \\
        w^{(k)} &= w^{(k-1)} - \frac{\eta}{\sqrt{s^{(k)}} + \epsilon}\, g^{(k)}

    È esattamente ``torch.optim.RMSprop(lr=eta, alpha=gamma, eps=eps)``.
    """

    eta: object = 0.01
    gamma: float = 0.9
    eps: float = 1e-8
    state_names = ("s",)

    def __post_init__(self):
        self._validate(eta=check.rate, gamma=check.unit_interval, eps=check.positive)

    def step(self, w, g, state, k):
        s = self.gamma * state["s"] + (1 - self.gamma) * g**2
        return w - self.rate(k) / (np.sqrt(s) + self.eps) * g, {"s": s}


@dataclass(frozen=True)
class Adadelta(Optimizer):
    r"""Adadelta (Zeiler 2012): nessun learning rate da scegliere.

    .. math::

        s^{(k)} &= \gamma\, s^{(k-1)} + (1 - \gamma) \big(g^{(k)}\big)^2 \\
        \check\nabla C^{(k)} &= \frac{\sqrt{\Delta w^{(k-1)} + \epsilon}}{\sqrt{s^{(k)} + \epsilon}}\, g^{(k)} \\
        w^{(k)} &= w^{(k-1)} - \check\nabla C^{(k)} \\
        \Delta w^{(k)} &= \gamma\, \Delta w^{(k-1)} + (1 - \gamma) \big(\check\nabla C^{(k)}\big)^2

    con :math:`s^{(0)} = \Delta w^{(0)} = 0`. Il primo passo vale quindi circa
    :math:`\sqrt{\epsilon / (1-\gamma)}`: è :math:`\epsilon` a fissarne la scala.
    È esattamente ``torch.optim.Adadelta(lr=1, rho=gamma, eps=eps)``.
    """

    gamma: float = 0.9
    eps: float = 1e-6
    state_names = ("s", "delta_w")

    def __post_init__(self):
        self._validate(gamma=check.unit_interval, eps=check.positive)

    def step(self, w, g, state, k):
        s = self.gamma * state["s"] + (1 - self.gamma) * g**2
        scaled_grad = np.sqrt(state["delta_w"] + self.eps) / np.sqrt(s + self.eps) * g
        delta_w = self.gamma * state["delta_w"] + (1 - self.gamma) * scaled_grad**2
        return w - scaled_grad, {"s": s, "delta_w": delta_w}


@dataclass(frozen=True)
class Adam(Optimizer):
    r"""Adam (Kingma e Ba 2015), nella forma degli appunti.

    .. math::

        v^{(k)} &= \beta_1 v^{(k-1)} + (1 - \beta_1)\, g^{(k)} \\
        s^{(k)} &= \beta_2 s^{(k-1)} + (1 - \beta_2) \big(g^{(k)}\big)^2 \\
        \hat v^{(k)} &= \frac{v^{(k)}}{1 - \beta_1^k}, \qquad \hat s^{(k)} = \frac{s^{(k)}}{1 - \beta_2^k} \\
        w^{(k)} &= w^{(k-1)} - \frac{\eta}{\sqrt{\hat s^{(k)} + \epsilon}}\, \hat v^{(k)}

    con :math:`v^{(0)} = s^{(0)} = 0` e :math:`k = 1, 2, \dots` (il ``k`` di
    :meth:`step` parte da 0: la correzione usa ``k + 1``). Gli appunti mettono
    :math:`\epsilon` *dentro* la radice; l'articolo originale e PyTorch lo
    mettono fuori, :math:`\eta\,\hat v^{(k)} / (\sqrt{\hat s^{(k)}} + \epsilon)`:
    si ottiene con ``eps_inside_sqrt=False``. Valori predefiniti come nell'articolo.

    Due varianti, come in ``torch.optim.Adam``:

    - ``amsgrad=True`` (AMSGrad, Reddi, Kale e Kumar 2018): il passo usa il
      massimo degli :math:`s` visti finora,
      :math:`s_{\max}^{(k)} = \max(s_{\max}^{(k-1)}, s^{(k)})` e
      :math:`\hat s^{(k)} = s_{\max}^{(k)} / (1 - \beta_2^k)`, così il learning
      rate effettivo :math:`\eta / \sqrt{\hat s^{(k)}}` non risale quando i
      gradienti si rimpiccioliscono (il massimo si prende prima della
      correzione, come nel codice di PyTorch);
    - ``weight_decay`` :math:`= \lambda \ge 0`: la penalità L2
      :math:`\tfrac{\lambda}{2}\lVert w \rVert^2` aggiunta al costo, cioè
      :math:`g^{(k)} \leftarrow g^{(k)} + \lambda\, w^{(k-1)}` *prima* delle
      medie (``torch.optim.Adam(weight_decay=λ)``). Il decadimento
      disaccoppiato è :class:`AdamW`.
    """

    eta: object = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    eps_inside_sqrt: bool = True
    amsgrad: bool = False
    weight_decay: float = 0.0

    def __post_init__(self):
        self._validate(
            eta=check.rate, beta1=check.unit_interval, beta2=check.unit_interval, eps=check.positive,
            weight_decay=check.non_negative,
        )
        for name in ("eps_inside_sqrt", "amsgrad"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} deve essere True o False; ricevuto {getattr(self, name)!r}")

    @property
    def state_names(self):
        """``v`` e ``s``; con AMSGrad anche ``s_max``, il massimo degli ``s`` visti finora."""
        return ("v", "s", "s_max") if self.amsgrad else ("v", "s")

    def step(self, w, g, state, k):
        if self.weight_decay:
            g = g + self.weight_decay * w  # L2 nel gradiente: passa anche dalle medie
        return self._moments_step(w, g, state, k)

    def _moments_step(self, w, g, state, k):
        """Il passo di Adam (con AMSGrad, se richiesto) dato il gradiente ``g`` già pronto."""
        t = k + 1  # k conta gli aggiornamenti da 1
        v = self.beta1 * state["v"] + (1 - self.beta1) * g
        s = self.beta2 * state["s"] + (1 - self.beta2) * g**2
        new_state = {"v": v, "s": s}
        if self.amsgrad:
            s = new_state["s_max"] = np.maximum(state["s_max"], s)
        v_hat = v / (1 - self.beta1**t)
        s_hat = s / (1 - self.beta2**t)
        if self.eps_inside_sqrt:
            denominator = np.sqrt(s_hat + self.eps)
        else:
            denominator = np.sqrt(s_hat) + self.eps
        return w - self.rate(k) / denominator * v_hat, new_state


@dataclass(frozen=True)
class AdamW(Adam):
    r"""AdamW (Loshchilov e Hutter 2019): Adam con il decadimento dei pesi *disaccoppiato*.

    .. math::

        w^{(k)} = w^{(k-1)} - \eta\,\lambda\, w^{(k-1)}
                  - \frac{\eta}{\sqrt{\hat s^{(k)} + \epsilon}}\, \hat v^{(k)}

    con :math:`\hat v^{(k)}`, :math:`\hat s^{(k)}` di :class:`Adam` calcolati dal
    solo gradiente del costo: il termine :math:`\lambda\, w` non passa dalle
    medie e quindi non viene diviso per :math:`\sqrt{\hat s^{(k)}}`, a
    differenza di ``Adam(weight_decay=λ)``. È la forma di
    ``torch.optim.AdamW(lr=eta, weight_decay=λ)`` (con ``eps_inside_sqrt=False``);
    nell'articolo il decadimento è :math:`\eta_t \lambda`, dove :math:`\eta_t` è
    il solo fattore dello schedule: il loro :math:`\lambda` è il nostro
    :math:`\eta\lambda`.
    """

    weight_decay: float = 0.01

    def step(self, w, g, state, k):
        w_new, state = self._moments_step(w, g, state, k)
        return w_new - self.rate(k) * self.weight_decay * w, state
