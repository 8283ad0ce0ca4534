r"""Schedule del learning rate: funzioni semplici del numero di passo.

Uno *schedule* è una qualunque funzione ``eta(k)`` che restituisce il learning
rate da usare al passo ``k`` (``k = 0`` per il primo aggiornamento). Ogni
ottimizzatore di :mod:`lib.optimizers` accetta, al posto di un numero, uno
schedule come ``eta``. Le funzioni qui sotto costruiscono gli schedule degli
appunti; funzionano anche su array di passi, per disegnare :math:`\eta(k)`::

    >>> eta = step_decay(0.4, 0.5, 10)
    >>> [float(eta(n)) for n in (0, 9, 10, 25)]
    [0.4, 0.4, 0.2, 0.1]

:func:`rates` dà i valori di uno schedule (o di un numero) su un array di
passi, convalidati: è ciò che disegnano le figure e che usa
:meth:`lib.training.Task.loss_curves`.
"""

import numpy as np

from . import _validation as check


def constant(eta):
    r"""Learning rate costante, :math:`\eta(k) = \eta`: lo schedule più semplice."""
    eta = check.positive("eta", eta)
    return lambda k: np.full(np.shape(k), eta)[()]


def step_decay(eta0, delta, s):
    r"""Step decay: divide il learning rate per un fattore fisso ogni ``s`` passi.

    .. math:: \eta(n) = \eta_0 \cdot \delta^{\lfloor n/s \rfloor}

    ``eta0`` > 0 è il learning rate iniziale, ``delta`` in (0, 1] il fattore di
    riduzione, ``s`` ≥ 1 il numero di passi (o epoche) fra due riduzioni.
    """
    eta0 = check.positive("eta0", eta0)
    delta = check.fraction("delta", delta)
    s = check.count("s", s, minimum=1)
    return lambda n: eta0 * delta ** np.floor_divide(n, s)


def exponential_decay(eta0, k):
    r"""Decadimento esponenziale.

    .. math:: \eta(t) = \eta_0 \cdot e^{-k t}

    ``eta0`` > 0 è il learning rate iniziale, ``k`` ≥ 0 la costante di decadimento.
    """
    eta0 = check.positive("eta0", eta0)
    k = check.non_negative("k", k)
    return lambda t: eta0 * np.exp(-k * np.asarray(t, dtype=np.float64))


def time_decay(eta0, k):
    r"""Decadimento basato sul tempo.

    .. math:: \eta(t) = \frac{\eta_0}{1 + k\,t}

    ``eta0`` > 0 è il learning rate iniziale, ``k`` ≥ 0 la costante di decadimento.
    """
    eta0 = check.positive("eta0", eta0)
    k = check.non_negative("k", k)
    return lambda t: eta0 / (1 + k * np.asarray(t, dtype=np.float64))


def warmup(then, steps, start_factor=0.01):
    r"""Warm-up lineare: sale in ``steps`` passi fino al learning rate di ``then``, poi lo segue.

    ``then`` è il learning rate da raggiungere: un numero, oppure uno schedule
    che prende il comando alla fine del warm-up (ripartendo dal suo passo 0).
    Con :math:`\eta^* = \texttt{then}(0)` e :math:`f =` ``start_factor``:

    .. math::

        \eta(k) = \begin{cases}
            \eta^* \left(f + (1 - f)\,\dfrac{k}{S}\right) & 0 \le k < S \\
            \texttt{then}(k - S) & k \ge S
        \end{cases}

    dove :math:`S` = ``steps``. Il primo passo usa quindi :math:`f\,\eta^*`
    (per default cento volte meno del valore finale, come suggeriscono gli
    appunti), e il passo :math:`S` usa esattamente :math:`\eta^*`.
    """
    after = check.rate("then", then)
    if not callable(after):
        after = constant(after)
    steps = check.count("steps", steps, minimum=1)
    start_factor = check.fraction("start_factor", start_factor)
    peak = after(0)

    def schedule(k):
        k = np.asarray(k, dtype=np.float64)
        ramp = peak * (start_factor + (1 - start_factor) * k / steps)
        return np.where(k < steps, ramp, after(np.maximum(k - steps, 0)))[()]

    return schedule


def cosine_decay(eta0, K):
    r"""Schedule a coseno (Loshchilov e Hutter 2017, SGDR, senza riavvii): da :math:`\eta_0` a 0 in ``K`` passi.

    .. math:: \eta(k) = \frac{\eta_0}{2}\left(1 + \cos\frac{\pi \min(k, K)}{K}\right)

    Dopo ``K`` passi resta a 0. ``eta0`` > 0, ``K`` ≥ 1.
    """
    eta0 = check.positive("eta0", eta0)
    K = check.count("K", K, minimum=1)
    return lambda k: eta0 / 2 * (1 + np.cos(np.pi * np.minimum(np.asarray(k, dtype=np.float64), K) / K))


def rates(eta, k):
    r"""I learning rate :math:`\eta(k)` sui passi ``k`` (un array di interi), come array di float64.

    ``eta`` è un numero o uno schedule. Solleva ``ValueError`` se lo schedule
    restituisce un valore negativo o non finito.
    """
    eta = check.rate("eta", eta)
    k = np.asarray(k)
    values = eta(k) if callable(eta) else eta
    try:
        values = np.array(np.broadcast_to(values, k.shape), dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"lo schedule eta deve restituire un numero per ogni passo; ha restituito {values!r}") from None
    bad = ~(np.isfinite(values) & (values >= 0))
    if np.any(bad):
        first = np.flatnonzero(bad.ravel())[0]
        raise ValueError(f"lo schedule eta deve restituire numeri finiti ≥ 0; al passo {k.ravel()[first]} "
                         f"ha restituito {values.ravel()[first]!r}")
    return values
