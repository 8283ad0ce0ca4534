r"""La teoria del momentum (heavy ball di Polyak, e Nesterov) su una funzione quadratica.

Notazione del libro: :math:`g^{(k)} = \nabla C(w^{(k-1)})`, :math:`v^{(0)} = 0`.
Su :math:`f(w) = \tfrac12 \sum_i \lambda_i w_i^2` ogni coordinata evolve da sola:
con la regola degli appunti

.. math::

    v^{(k)} = \beta\, v^{(k-1)} + \lambda\, w^{(k-1)}, \qquad w^{(k)} = w^{(k-1)} - \eta\, v^{(k)},

la coppia :math:`(w^{(k-1)}, v^{(k-1)})` si trasforma in :math:`(w^{(k)}, v^{(k)})` con la matrice

.. math::

    T = \begin{bmatrix} 1 - \eta\lambda & -\eta\beta \\ \lambda & \beta \end{bmatrix},
    \qquad \operatorname{tr} T = 1 - \eta\lambda + \beta, \qquad \det T = \beta .

Con Nesterov (``nesterov=True``, la forma di PyTorch:
:math:`w^{(k)} = w^{(k-1)} - \eta\,(g^{(k)} + \beta\, v^{(k)})`) la matrice è
:math:`T_N = \begin{bmatrix} 1 - \eta\lambda(1 + \beta) & -\eta\beta^2 \\ \lambda & \beta \end{bmatrix}`,
con :math:`\operatorname{tr} T_N = (1 + \beta)(1 - \eta\lambda)` e
:math:`\det T_N = \beta\,(1 - \eta\lambda)`.

L'errore si riduce a ogni passo (asintoticamente) del raggio spettrale della
matrice, il massimo modulo dei suoi autovalori; sull'intera funzione conta la
coordinata più lenta. Tutte le funzioni accettano array (``numpy`` li combina
per broadcasting), così una mappa su una griglia di :math:`(\eta, \beta)` costa
una sola chiamata.

In fondo, :func:`lessard_grad`: una funzione fortemente convessa, non
quadratica, su cui il heavy ball con i parametri ottimi di Polyak non converge.
"""

from typing import NamedTuple

import numpy as np


def weights(beta, k):
    r"""I pesi dei gradienti :math:`g^{(1)}, \dots, g^{(k)}` nella velocità :math:`v^{(k)}`.

    .. math:: v^{(k)} = \sum_{j=1}^{k} \beta^{k-j}\, g^{(j)}

    Restituisce l'array :math:`(\beta^{k-1}, \dots, \beta, 1)`: l'ultimo
    gradiente pesa 1, quello di :math:`m` passi prima pesa :math:`\beta^m`.
    """
    return float(beta) ** np.arange(k - 1, -1, -1, dtype=np.float64)


def effective_step(eta, beta):
    r"""Il passo effettivo con gradiente costante, :math:`\eta / (1 - \beta)`.

    Se :math:`g^{(k)} = g` è sempre lo stesso, :math:`v^{(k)} = g\,(1 - \beta^k)/(1 - \beta)`
    tende a :math:`g / (1 - \beta)` e il passo :math:`\eta\, v^{(k)}` a :math:`\eta\, g / (1 - \beta)`.
    """
    return np.asarray(eta, dtype=np.float64) / (1 - np.asarray(beta, dtype=np.float64))


def iteration_matrix(eta, beta, lam, nesterov=False):
    r"""La matrice che porta :math:`(w^{(k-1)}, v^{(k-1)})` in :math:`(w^{(k)}, v^{(k)})`, per una coordinata.

    .. math::

        T = \begin{bmatrix} 1 - \eta\lambda & -\eta\beta \\ \lambda & \beta \end{bmatrix}, \qquad
        T_N = \begin{bmatrix} 1 - \eta\lambda(1 + \beta) & -\eta\beta^2 \\ \lambda & \beta \end{bmatrix}

    per la curvatura :math:`\lambda` (:math:`T_N` con ``nesterov=True``).
    Per numeri restituisce una matrice 2 × 2.
    """
    if nesterov:
        return np.array([[1 - eta * lam * (1 + beta), -eta * beta**2], [lam, beta]], dtype=np.float64)
    return np.array([[1 - eta * lam, -eta * beta], [lam, beta]], dtype=np.float64)


def _trace_and_determinant(eta, beta, lam, nesterov):
    """Traccia e determinante della matrice di iterazione, vettorializzati."""
    eta, beta, lam = (np.asarray(x, dtype=np.float64) for x in (eta, beta, lam))
    if nesterov:
        return (1 + beta) * (1 - eta * lam), beta * (1 - eta * lam)
    return 1 - eta * lam + beta, beta * np.ones_like(eta * lam)


def spectral_radius(eta, beta, lam, nesterov=False):
    r"""Il raggio spettrale della matrice di iterazione, dalle radici del suo polinomio caratteristico.

    .. math::

        p(z) = z^2 - t\,z + d, \qquad z_\pm = \frac{t \pm \sqrt{t^2 - 4d}}{2},

    con :math:`t = 1 - \eta\lambda + \beta`, :math:`d = \beta` per il heavy ball e
    :math:`t = (1 + \beta)(1 - \eta\lambda)`, :math:`d = \beta\,(1 - \eta\lambda)`
    per Nesterov. Per il heavy ball, se :math:`t^2 < 4\beta` le radici sono
    complesse coniugate e il raggio vale esattamente :math:`\sqrt\beta`.
    Vettorializzato, senza avvisi.
    """
    trace, det = _trace_and_determinant(eta, beta, lam, nesterov)
    root = np.sqrt((trace**2 - 4 * det).astype(np.complex128))
    return np.maximum(np.abs(trace + root), np.abs(trace - root)) / 2


def rate(eta, beta, curvatures, nesterov=False):
    r"""Il fattore di convergenza su tutta la quadratica: :math:`\max_{\lambda} \rho(T_\lambda)`.

    ``curvatures`` sono gli autovalori dell'hessiana (per la quadratica degli
    appunti :math:`\mu = 0.2` e :math:`L = 4`). Con ``beta = 0`` è il fattore
    della discesa del gradiente, :math:`\max_\lambda |1 - \eta\lambda|`. Un
    valore :math:`\ge 1` vuol dire che il metodo non converge.
    """
    return np.max([spectral_radius(eta, beta, lam, nesterov) for lam in curvatures], axis=0)


def stability_limit(beta, nesterov=False):
    r"""Il valore massimo di :math:`\eta\lambda` con cui una coordinata converge.

    Il criterio di Jury per :math:`p(z) = z^2 - t\,z + d` (radici nel cerchio
    unitario se e solo se :math:`p(1) > 0`, :math:`p(-1) > 0`, :math:`|d| < 1`)
    dà :math:`p(1) = \eta\lambda` in entrambi i casi e

    .. math::

        p(-1) = 2(1 + \beta) - \eta\lambda \ \text{(heavy ball)}, \qquad
        p(-1) = 2(1 + \beta) - \eta\lambda\,(1 + 2\beta) \ \text{(Nesterov)},

    quindi :math:`0 < \eta\lambda < 2(1 + \beta)` per il heavy ball e
    :math:`0 < \eta\lambda < 2(1 + \beta)/(1 + 2\beta)` per Nesterov, con
    :math:`0 \le \beta < 1`.
    """
    beta = np.asarray(beta, dtype=np.float64)
    limit = 2 * (1 + beta)
    return limit / (1 + 2 * beta) if nesterov else limit


def stable(eta, beta, lam, nesterov=False):
    r"""Vero se la coordinata di curvatura :math:`\lambda` converge: :math:`0 < \eta\lambda <` :func:`stability_limit`."""
    product = np.asarray(eta, dtype=np.float64) * lam
    return (product > 0) & (product < stability_limit(beta, nesterov))


def eta_interval(beta, factor, mu, L):
    r"""I learning rate con cui il heavy ball ha fattore :math:`\le` ``factor`` su tutte le curvature in :math:`[\mu, L]`.

    Le radici di :math:`z^2 - t\,z + \beta` hanno modulo :math:`\le r` se e
    solo se :math:`\beta \le r^2` e :math:`|t| \le r + \beta/r` (il criterio di
    Jury per :math:`p(r\,y)`). Con :math:`t = 1 + \beta - \eta\lambda` la
    seconda condizione è
    :math:`(1 - r)(1 - \beta/r) \le \eta\lambda \le (1 + r)(1 + \beta/r)`, e per
    tutte le curvature fra :math:`\mu` e :math:`L`:

    .. math::

        \frac{(1 - r)(1 - \beta/r)}{\mu} \;\le\; \eta \;\le\; \frac{(1 + r)(1 + \beta/r)}{L} .

    Restituisce la coppia ``(eta_min, eta_max)``, oppure ``None`` se
    l'intervallo è vuoto (in particolare se :math:`r < \sqrt\beta`: il fattore
    del heavy ball non scende mai sotto :math:`\sqrt\beta`).
    """
    r = float(factor)
    if not 0 < r < 1:
        raise ValueError(f"factor deve essere un numero in (0, 1); ricevuto {factor!r}")
    if beta > r**2:
        return None
    low, high = (1 - r) * (1 - beta / r) / mu, (1 + r) * (1 + beta / r) / L
    return (low, high) if low <= high else None


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
    r"""Il fattore di convergenza misurato su un'esecuzione: l'inviluppo di :math:`\lVert w^{(k)} \rVert` in due finestre.

    .. math::

        \hat\rho = \left(\frac{\max_{n-W \le k \le n} \lVert w^{(k)} \rVert}
        {\max_{n-W-G \le k \le n-G} \lVert w^{(k)} \rVert}\right)^{1/G}

    con :math:`n` l'ultimo indice di ``traj``, :math:`W` = ``window`` passi e
    :math:`G` = ``gap`` passi fra le due finestre. Se
    :math:`\lVert w^{(k)} \rVert \approx A\,\rho^k` a meno di un'oscillazione
    (autovalori complessi) il massimo sulla finestra ne prende l'inviluppo e
    :math:`\hat\rho \approx \rho`. Serve un'esecuzione che non diverge con
    almeno ``window + gap`` passi; il minimo deve essere nell'origine.
    """
    norms = np.linalg.norm(np.asarray(traj, dtype=np.float64).reshape(len(traj), -1), axis=1)
    last = len(norms) - 1
    if last < window + gap:
        raise ValueError(f"servono almeno window + gap = {window + gap} passi; l'esecuzione ne ha {last}")
    late = norms[last - window:].max()
    early = norms[last - window - gap:last - gap + 1].max()
    return (late / early) ** (1 / gap)


def velocities(traj, eta):
    r"""Le velocità :math:`v^{(1)}, \dots, v^{(n)}` di un'esecuzione del momentum, da :math:`w^{(k)} = w^{(k-1)} - \eta\, v^{(k)}`.

    .. math:: v^{(k)} = \frac{w^{(k-1)} - w^{(k)}}{\eta}

    ``traj`` è la traiettoria restituita da :func:`lib.run` (``traj[0]`` è
    :math:`w^{(0)}`); l'elemento ``[k - 1]`` del risultato è :math:`v^{(k)}`.
    Con ``beta = 0`` si ottengono i gradienti :math:`g^{(k)}`. Vale per la
    regola degli appunti con :math:`\eta` costante.
    """
    traj = np.asarray(traj, dtype=np.float64)
    return (traj[:-1] - traj[1:]) / eta


#: curvature della funzione di Lessard, Recht e Packard: :math:`\mu = 1`, :math:`L = 25`
LESSARD_CURVATURES = (1.0, 25.0)


def lessard(w):
    r"""La funzione di Lessard, Recht e Packard (2016, §4.6), fortemente convessa e non quadratica.

    .. math::

        C(w) = \begin{cases}
            \tfrac{25}{2}\, w^2 & w < 1 \\
            \tfrac12\, w^2 + 24\, w - 12 & 1 \le w < 2 \\
            \tfrac{25}{2}\, w^2 - 24\, w + 36 & w \ge 2
        \end{cases}

    La derivata seconda vale 25 o 1: :math:`\mu = 1`, :math:`L = 25`, minimo in 0.
    """
    w = np.asarray(w, dtype=np.float64)
    return np.where(w < 1, 12.5 * w**2, np.where(w < 2, 0.5 * w**2 + 24 * w - 12, 12.5 * w**2 - 24 * w + 36))[()]


def lessard_grad(w):
    r"""La derivata della funzione :func:`lessard`: :math:`25w`, :math:`w + 24`, :math:`25w - 24` nei tre tratti (continua)."""
    w = np.asarray(w, dtype=np.float64)
    return np.where(w < 1, 25 * w, np.where(w < 2, w + 24, 25 * w - 24))[()]
