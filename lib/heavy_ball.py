r"""La teoria del momentum (heavy ball di Polyak) su una funzione quadratica.

Su :math:`f(w) = \tfrac12 \sum_i \lambda_i w_i^2` ogni coordinata evolve da sola:
con la regola degli appunti

.. math::

    v_k = \beta\, v_{k-1} + \lambda\, w_k, \qquad w_{k+1} = w_k - \eta\, v_k,

la coppia :math:`(w_k, v_{k-1})` si trasforma in :math:`(w_{k+1}, v_k)` con la matrice

.. math::

    T = \begin{bmatrix} 1 - \eta\lambda & -\eta\beta \\ \lambda & \beta \end{bmatrix},
    \qquad \operatorname{tr} T = 1 - \eta\lambda + \beta, \qquad \det T = \beta .

L'errore si riduce a ogni passo (asintoticamente) del raggio spettrale di
:math:`T`, il massimo modulo dei suoi autovalori; sull'intera funzione conta la
coordinata più lenta. Tutte le funzioni accettano array (``numpy`` li combina
per broadcasting), così una mappa su una griglia di :math:`(\eta, \beta)` costa
una sola chiamata.
"""

from typing import NamedTuple

import numpy as np


def weights(beta, k):
    r"""I pesi dei gradienti passati in :math:`v_k`, per :math:`j = 1, \dots, k`.

    .. math:: v_k = \sum_{j=1}^{k} \beta^{k-j}\, \nabla C(w_j)

    Restituisce l'array :math:`(\beta^{k-1}, \dots, \beta, 1)`: l'ultimo
    gradiente pesa 1, quello di :math:`m` passi fa pesa :math:`\beta^m`.
    """
    return float(beta) ** np.arange(k - 1, -1, -1, dtype=np.float64)


def effective_step(eta, beta):
    r"""Il passo effettivo con gradiente costante, :math:`\eta / (1 - \beta)`.

    Se :math:`\nabla C = g` è sempre lo stesso, :math:`v_k = g\,(1 - \beta^k)/(1 - \beta)`
    tende a :math:`g / (1 - \beta)` e il passo :math:`\eta\, v_k` a :math:`\eta\, g / (1 - \beta)`.
    """
    return np.asarray(eta, dtype=np.float64) / (1 - np.asarray(beta, dtype=np.float64))


def iteration_matrix(eta, beta, lam):
    r"""La matrice :math:`T = \begin{bmatrix} 1 - \eta\lambda & -\eta\beta \\ \lambda & \beta \end{bmatrix}`.

    Agisce sulla coppia :math:`(w_k, v_{k-1})` di una coordinata di curvatura
    :math:`\lambda` e dà :math:`(w_{k+1}, v_k)`. Per numeri restituisce una
    matrice 2 × 2.
    """
    return np.array([[1 - eta * lam, -eta * beta], [lam, beta]], dtype=np.float64)


def spectral_radius(eta, beta, lam):
    r"""Il raggio spettrale di :math:`T`, dagli autovalori :math:`z` di :math:`z^2 - (1 - \eta\lambda + \beta)\,z + \beta = 0`.

    .. math:: z_\pm = \frac{t \pm \sqrt{t^2 - 4\beta}}{2}, \qquad t = 1 - \eta\lambda + \beta

    Se :math:`t^2 < 4\beta` gli autovalori sono complessi coniugati e il raggio
    vale esattamente :math:`\sqrt\beta`. Vettorializzato, senza avvisi.
    """
    eta, beta, lam = (np.asarray(x, dtype=np.float64) for x in (eta, beta, lam))
    trace = 1 - eta * lam + beta
    root = np.sqrt((trace**2 - 4 * beta).astype(np.complex128))
    return np.maximum(np.abs(trace + root), np.abs(trace - root)) / 2


def rate(eta, beta, curvatures):
    r"""Il fattore di convergenza su tutta la quadratica: :math:`\max_{\lambda} \rho(T_\lambda)`.

    ``curvatures`` sono gli autovalori dell'hessiana (per la quadratica degli
    appunti :math:`\mu = 0.2` e :math:`L = 4`). Con ``beta = 0`` è il fattore
    della discesa del gradiente, :math:`\max_\lambda |1 - \eta\lambda|`. Un
    valore :math:`\ge 1` vuol dire che il metodo non converge.
    """
    return np.max([spectral_radius(eta, beta, lam) for lam in curvatures], axis=0)


def stable(eta, beta, lam):
    r"""Vero se la coordinata di curvatura :math:`\lambda` converge: :math:`0 < \eta\lambda < 2(1 + \beta)`.

    Vale per :math:`0 \le \beta < 1` (criterio di Jury per
    :math:`z^2 - t z + \beta`: :math:`|t| < 1 + \beta`).
    """
    product = np.asarray(eta, dtype=np.float64) * lam
    return (product > 0) & (product < 2 * (1 + np.asarray(beta, dtype=np.float64)))


def optimal(mu, L):
    r"""I parametri ottimi del momentum per curvature in :math:`[\mu, L]` (Polyak 1964).

    .. math::

        \eta^* = \left(\frac{2}{\sqrt L + \sqrt\mu}\right)^2, \qquad
        \beta^* = \left(\frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}\right)^2, \qquad
        \text{fattore } \sqrt{\beta^*} = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1},

    con :math:`\kappa = L / \mu`. Restituisce ``(eta, beta, fattore)``.
    """
    root_kappa = np.sqrt(L / mu)
    factor = (root_kappa - 1) / (root_kappa + 1)
    return (2 / (np.sqrt(L) + np.sqrt(mu))) ** 2, factor**2, factor


class OptimumReport(NamedTuple):
    """I parametri ottimi e le due prove che lo sono (vedi :func:`optimum_report`)."""

    eta: float
    beta: float
    factor: float
    #: curvatura :math:`\lambda` → parti reali degli autovalori di :math:`T` in :math:`(\eta^*, \beta^*)`
    eigenvalues: dict
    #: il fattore più piccolo sulla griglia di coppie :math:`(\eta, \beta)`
    grid_min: float


def optimum_report(curvatures, etas, betas):
    r"""I parametri ottimi di Polyak per ``curvatures``, con gli autovalori in quel punto e una ricerca su griglia.

    Con :math:`\mu = \min \lambda` e :math:`L = \max \lambda`, :func:`optimal`
    dà :math:`\eta^*`, :math:`\beta^*` e il fattore :math:`\sqrt{\beta^*}`.
    In quel punto il discriminante di :math:`z^2 - t\,z + \beta^*` si annulla
    per entrambe le curvature estreme: :math:`t = 1 - \eta^*\lambda + \beta^* = \pm 2\sqrt{\beta^*}`,
    quindi :math:`T` ha l'autovalore doppio :math:`z = +\sqrt{\beta^*}` per
    :math:`\lambda = \mu` e :math:`z = -\sqrt{\beta^*}` per :math:`\lambda = L`
    (reali: si restituiscono le parti reali di ``numpy.linalg.eigvals``).
    ``grid_min`` è :math:`\min \max_\lambda \rho(T_\lambda)` su tutte le coppie
    della griglia ``etas`` × ``betas``: non può scendere sotto :math:`\sqrt{\beta^*}`.
    """
    eta, beta, factor = optimal(min(curvatures), max(curvatures))
    eigenvalues = {lam: np.linalg.eigvals(iteration_matrix(eta, beta, lam)).real for lam in curvatures}
    grid = rate(*np.meshgrid(etas, betas), curvatures)
    return OptimumReport(eta, beta, factor, eigenvalues, grid.min())


def measured_rate(traj, window=50, gap=500):
    r"""Il fattore di convergenza misurato su un run: l'inviluppo di :math:`\lVert w_k \rVert` in due finestre.

    .. math::

        \hat\rho = \left(\frac{\max_{n-W \le k \le n} \lVert w_k \rVert}
        {\max_{n-W-G \le k \le n-G} \lVert w_k \rVert}\right)^{1/G}

    con :math:`n` l'ultimo indice di ``traj``, :math:`W` = ``window`` passi e
    :math:`G` = ``gap`` passi fra le due finestre. Se
    :math:`\lVert w_k \rVert \approx A\,\rho^k` a meno di un'oscillazione
    (autovalori complessi) il massimo sulla finestra ne prende l'inviluppo e
    :math:`\hat\rho \approx \rho`. Serve un run che non diverge con almeno
    ``window + gap`` passi; il minimo deve essere nell'origine.
    """
    norms = np.linalg.norm(np.asarray(traj, dtype=np.float64).reshape(len(traj), -1), axis=1)
    last = len(norms) - 1
    if last < window + gap:
        raise ValueError(f"servono almeno window + gap = {window + gap} passi; il run ne ha {last}")
    late = norms[last - window:].max()
    early = norms[last - window - gap:last - gap + 1].max()
    return (late / early) ** (1 / gap)


def velocities(traj, eta):
    r"""Le velocità :math:`v_0, \dots, v_{n-1}` di un run di momentum, dalla regola :math:`w_{k+1} = w_k - \eta\, v_k`.

    .. math:: v_k = \frac{w_k - w_{k+1}}{\eta}

    ``traj`` è la traiettoria restituita da :func:`lib.run` (con ``traj[0]`` il
    punto di partenza); con ``beta = 0`` si ottengono i gradienti.
    """
    traj = np.asarray(traj, dtype=np.float64)
    return (traj[:-1] - traj[1:]) / eta
