r"""Funzioni costo di esempio, con valore e gradiente analitico.

Ogni paesaggio (*landscape*) ha ``value(w)`` e ``grad(w)`` vettorializzati:
in due dimensioni ``w`` ha forma ``(..., 2)`` (un punto, una traiettoria, una
griglia), in una dimensione ``w`` è un numero o un array di numeri. Ha inoltre
un nome italiano, la regione da disegnare (``bounds``), i minimi e un punto di
partenza tipico (``start``).

Le istanze pronte sono quelle degli appunti:

- :data:`quadratic`: :math:`f(w_1, w_2) = 0.1\,w_1^2 + 2\,w_2^2`, partenza (−5, −2);
- :data:`rotated_quadratic`: la stessa quadratica ruotata di 45° (:class:`RotatedQuadratic`);
- :data:`curve` e :data:`plateau`: la curva in una dimensione con i punti a, b, c, d;
- :data:`saddle`: un punto sella nell'origine, fra due minimi;
- :data:`rosenbrock`: la valle a banana di Rosenbrock.

E due paesaggi del capitolo 1 che vanno oltre gli appunti:

- :data:`wavy`: una parabola con un'onda sopra, non convessa ma con la
  curvatura limitata (:math:`|C''| \le L`), per il lemma di discesa;
- :data:`cliff`: una conca con un dirupo, dove il gradiente esplode.
"""

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from . import _validation as check

#: punti per lato della griglia usata per le curve di livello
GRID_SIZE = 201


class Landscape:
    """Base comune: chiamare il paesaggio dà il suo valore, ``f(w) == f.value(w)``."""

    def __call__(self, w):
        return self.value(w)


class Surface(Landscape):
    """Un paesaggio in due dimensioni; ``contour_grid`` è calcolata una volta sola."""

    dim = 2

    def grid(self, bounds, size):
        """La griglia ``(W1, W2, Z)`` di ``size × size`` punti sulla regione ``bounds``."""
        (x0, x1), (y0, y1) = bounds
        w1, w2 = np.meshgrid(np.linspace(x0, x1, size), np.linspace(y0, y1, size))
        return w1, w2, self.value(np.stack([w1, w2], axis=-1))

    @cached_property
    def contour_grid(self):
        """La griglia per le curve di livello su tutta la regione, calcolata alla prima richiesta."""
        return self.grid(self.bounds, GRID_SIZE)


@dataclass(frozen=True, eq=False)
class Quadratic(Surface):
    r"""Il paraboloide degli appunti, allungato lungo :math:`w_1`.

    .. math::

        f(w_1, w_2) = a\,w_1^2 + b\,w_2^2, \qquad
        \nabla f = \begin{bmatrix} 2a\,w_1 \\ 2b\,w_2 \end{bmatrix}

    Con :math:`a = 0.1`, :math:`b = 2` le curvature (autovalori dell'hessiana)
    sono :math:`\mu = 0.2` e :math:`L = 4`.
    """

    a: float = 0.1
    b: float = 2.0
    name = "Quadratica $f = 0.1\\,w_1^2 + 2\\,w_2^2$"
    bounds = ((-6.0, 6.0), (-3.0, 3.0))
    minima = ((0.0, 0.0),)
    start = (-5.0, -2.0)

    @property
    def curvatures(self):
        """Gli autovalori dell'hessiana, :math:`(2a, 2b)`."""
        return 2 * self.a, 2 * self.b

    def value(self, w):
        w = np.asarray(w, dtype=np.float64)
        return self.a * w[..., 0] ** 2 + self.b * w[..., 1] ** 2

    def grad(self, w):
        w = np.asarray(w, dtype=np.float64)
        return np.stack([2 * self.a * w[..., 0], 2 * self.b * w[..., 1]], axis=-1)



@dataclass(frozen=True, eq=False)
class RotatedQuadratic(Quadratic):
    r"""La quadratica degli appunti ruotata di ``angle`` gradi attorno al minimo.

    Con :math:`u = Q w`, dove :math:`Q` è la rotazione di :math:`-\theta`
    (:math:`\theta` = ``angle`` in gradi),

    .. math::

        Q = \begin{bmatrix} \cos\theta & \sin\theta \\ -\sin\theta & \cos\theta \end{bmatrix}, \qquad
        f(w) = a\,u_1^2 + b\,u_2^2 = \tfrac12\, w^\top H w, \qquad
        \nabla f = H w, \qquad H = Q^\top \begin{bmatrix} 2a & 0 \\ 0 & 2b \end{bmatrix} Q .

    Le curvature (autovalori di :math:`H`) restano :math:`2a` e :math:`2b`, ma
    gli assi delle ellissi sono ruotati di :math:`\theta`: con
    :math:`\theta \ne 0` ogni coordinata :math:`w_i` mescola la direzione
    piatta e quella ripida. La partenza è quella degli appunti ruotata allo
    stesso modo, :math:`Q^\top (-5, -2)`, con lo stesso costo 10.5: la discesa
    del gradiente, che non dipende dagli assi, vi fa esattamente lo stesso
    cammino ruotato.
    """

    angle: float = 45.0

    def __post_init__(self):
        object.__setattr__(self, "angle", check.finite("angle", self.angle))

    @property
    def rotation(self):
        """La matrice :math:`Q` (gli assi delle ellissi sono le sue righe)."""
        theta = np.deg2rad(self.angle)
        return np.array([[np.cos(theta), np.sin(theta)], [-np.sin(theta), np.cos(theta)]])

    @property
    def hessian(self):
        """L'hessiana :math:`H = Q^\\top \\mathrm{diag}(2a, 2b)\\, Q`, costante."""
        Q = self.rotation
        return Q.T @ np.diag(self.curvatures) @ Q

    @property
    def name(self):
        return f"Quadratica ruotata di {self.angle:g}°"

    bounds = ((-6.0, 6.0), (-6.0, 6.0))

    @property
    def start(self):
        return tuple(float(x) for x in self.rotation.T @ np.array(Quadratic.start))

    def value(self, w):
        w = np.asarray(w, dtype=np.float64)
        return 0.5 * np.einsum("...i,ij,...j->...", w, self.hessian, w)

    def grad(self, w):
        w = np.asarray(w, dtype=np.float64)
        return w @ self.hessian  # H è simmetrica: w H = (H w)ᵀ


@dataclass(frozen=True, eq=False)
class Curve(Landscape):
    r"""La curva in una dimensione degli appunti, con i punti a, b, c, d.

    È definita dalla sua derivata:

    .. math:: f'(w) = k\,(w - b)(w - c)(w - d)

    quindi ha un minimo locale in b, un massimo locale in c e il minimo globale
    in d, dove :math:`f(d) = 0`. Con ``c == b`` il minimo locale e il massimo si
    fondono in un *plateau*: in b la derivata si annulla (insieme alla derivata
    seconda) ma la funzione continua a scendere verso d. ``a`` è il punto di
    partenza degli appunti, a sinistra di b.
    """

    a: float = 0.5
    b: float = 2.0
    c: float = 3.0
    d: float = 5.0
    k: float = 0.5
    dim = 1

    @property
    def name(self):
        return "Curva con plateau" if self.c == self.b else "Curva con un minimo locale"

    @property
    def bounds(self):
        return (self.a - 0.5, self.d + 1.5)

    @property
    def minima(self):
        return (self.d,)

    @property
    def start(self):
        return self.a

    @cached_property
    def plot_grid(self):
        """I punti ``(w, f(w))`` per disegnare la curva, calcolati alla prima richiesta."""
        w = np.linspace(*self.bounds, GRID_SIZE)
        return w, self.value(w)

    @property
    def points(self):
        """I punti notevoli degli appunti, per nome."""
        return {"a": self.a, "b": self.b, "c": self.c, "d": self.d}

    def _primitive(self, w):
        b, c, d = self.b, self.c, self.d
        return self.k * (
            w**4 / 4 - (b + c + d) * w**3 / 3 + (b * c + b * d + c * d) * w**2 / 2 - b * c * d * w
        )

    def value(self, w):
        w = np.asarray(w, dtype=np.float64)
        return self._primitive(w) - self._primitive(self.d)

    def grad(self, w):
        w = np.asarray(w, dtype=np.float64)
        return self.k * (w - self.b) * (w - self.c) * (w - self.d)

    def second_derivative(self, w):
        r"""La curvatura :math:`f''(w)`, derivata del prodotto :math:`f'(w) = k\,(w - b)(w - c)(w - d)`.

        .. math:: f''(w) = k\,\big[(w - c)(w - d) + (w - b)(w - d) + (w - b)(w - c)\big]

        Nel minimo globale vale :math:`k\,(d - b)(d - c)`: la discesa del
        gradiente vi resta stabile solo con :math:`\eta < 2 / f''(d)`.
        """
        w = np.asarray(w, dtype=np.float64)
        b, c, d = self.b, self.c, self.d
        return self.k * ((w - c) * (w - d) + (w - b) * (w - d) + (w - b) * (w - c))

    def fate(self, traj, tol=1e-6):
        r"""Dove è finita una traiettoria sulla curva, in poche parole.

        - ``"diverge"`` se il run è esploso (``traj.diverged``);
        - ``"b"`` o ``"d"`` se l'ultimo punto dista meno di ``tol`` da b o da d
          (nel plateau b non è un punto d'arrivo, ma lo si riconosce lo stesso);
        - ``"ciclo di periodo 2"`` se gli ultimi punti si ripetono a passi
          alterni (:math:`w^{(k)} = w^{(k-2)} \ne w^{(k-1)}`, entro ``tol``) da una
          parte e dall'altra di d;
        - ``"altro"`` in ogni altro caso (ancora in viaggio, un ciclo più lungo).
        """
        tol = check.positive("tol", tol)
        if traj.diverged:
            return "diverge"
        last = float(traj[-1])
        for name in ("b", "d"):
            if abs(last - self.points[name]) < tol:
                return name
        if len(traj) >= 3:
            before, two_before = float(traj[-2]), float(traj[-3])
            if abs(last - two_before) < tol and (last - self.d) * (before - self.d) < 0:
                return "ciclo di periodo 2"
        return "altro"


@dataclass(frozen=True, eq=False)
class Saddle(Surface):
    r"""Un punto sella nell'origine, fra due minimi.

    .. math::

        f(w_1, w_2) = w_1^2 - \tfrac12 w_2^2 + \tfrac14 w_2^4, \qquad
        \nabla f = \begin{bmatrix} 2 w_1 \\ w_2^3 - w_2 \end{bmatrix}

    Nell'origine il gradiente è nullo, ma la funzione sale lungo :math:`w_1` e
    scende lungo :math:`w_2`: non è né un minimo né un massimo. I minimi sono in
    :math:`(0, \pm 1)`, dove :math:`f = -1/4`.
    """

    name = "Punto sella $f = w_1^2 - \\frac{1}{2}w_2^2 + \\frac{1}{4}w_2^4$"
    bounds = ((-1.5, 1.5), (-1.6, 1.6))
    minima = ((0.0, 1.0), (0.0, -1.0))
    start = (-1.2, 1e-3)

    def value(self, w):
        w = np.asarray(w, dtype=np.float64)
        return w[..., 0] ** 2 - w[..., 1] ** 2 / 2 + w[..., 1] ** 4 / 4

    def grad(self, w):
        w = np.asarray(w, dtype=np.float64)
        return np.stack([2 * w[..., 0], w[..., 1] ** 3 - w[..., 1]], axis=-1)


@dataclass(frozen=True, eq=False)
class Rosenbrock(Surface):
    r"""La funzione di Rosenbrock: una valle stretta e curva, minimo in (1, 1).

    .. math::

        f(w_1, w_2) = (1 - w_1)^2 + 100\,(w_2 - w_1^2)^2, \qquad
        \nabla f = \begin{bmatrix} -2(1 - w_1) - 400\,w_1 (w_2 - w_1^2) \\ 200\,(w_2 - w_1^2) \end{bmatrix}
    """

    name = "Rosenbrock $f = (1 - w_1)^2 + 100\\,(w_2 - w_1^2)^2$"
    bounds = ((-2.0, 2.0), (-1.0, 3.0))
    minima = ((1.0, 1.0),)
    start = (-1.2, 1.0)

    def value(self, w):
        w = np.asarray(w, dtype=np.float64)
        return (1 - w[..., 0]) ** 2 + 100 * (w[..., 1] - w[..., 0] ** 2) ** 2

    def grad(self, w):
        w = np.asarray(w, dtype=np.float64)
        valley = w[..., 1] - w[..., 0] ** 2
        return np.stack([-2 * (1 - w[..., 0]) - 400 * w[..., 0] * valley, 200 * valley], axis=-1)


quadratic = Quadratic()
rotated_quadratic = RotatedQuadratic(angle=45.0)
curve = Curve()
plateau = Curve(c=2.0)
saddle = Saddle()
rosenbrock = Rosenbrock()


@dataclass(frozen=True, eq=False)
class Wells(Surface):
    r"""Quattro minimi di profondità diversa: la somma di due curve come :class:`Curve`.

    .. math::

        f(w_1, w_2) = g(w_1) + h(w_2), \qquad
        \nabla f = \begin{bmatrix} g'(w_1) \\ h'(w_2) \end{bmatrix},

    con :math:`g'(w) = k_g (w - b_g)(w - c_g)(w - d_g)` e lo stesso per
    :math:`h`. Ogni curva ha un minimo locale in :math:`b` e il minimo globale
    in :math:`d` (dove vale 0): la superficie ha quindi quattro minimi,
    :math:`(b_g \text{ o } d_g,\ b_h \text{ o } d_h)`, e il globale è
    :math:`(d_g, d_h)`, dove :math:`f = 0`. La partenza è il punto ``a`` delle due curve.
    """

    g: Curve
    h: Curve
    name = "Quattro minimi $f = g(w_1) + h(w_2)$"

    @property
    def bounds(self):
        return ((self.g.a - 0.3, self.g.d + 0.9), (self.h.a - 0.3, self.h.d + 0.9))

    @property
    def minima(self):
        r"""I quattro minimi :math:`(b_g \text{ o } d_g,\ b_h \text{ o } d_h)`, in quest'ordine.

        Il primo, :math:`(b_g, b_h)`, è il minimo locale del bacino della
        partenza; l'ultimo è il minimo globale :math:`(d_g, d_h)`.
        """
        return tuple((x, y) for x in (self.g.b, self.g.d) for y in (self.h.b, self.h.d))

    @property
    def start(self):
        return (self.g.a, self.h.a)

    def value(self, w):
        w = np.asarray(w, dtype=np.float64)
        return self.g.value(w[..., 0]) + self.h.value(w[..., 1])

    def grad(self, w):
        w = np.asarray(w, dtype=np.float64)
        return np.stack([self.g.grad(w[..., 0]), self.h.grad(w[..., 1])], axis=-1)


wells = Wells(Curve(a=-2.2, b=-1.5, c=-0.5, d=1.5, k=1.0), Curve(a=-1.9, b=-1.0, c=-0.2, d=1.2, k=1.0))



@dataclass(frozen=True, eq=False)
class Wavy(Landscape):
    r"""Una parabola con un'onda sopra: non convessa, ma con la curvatura limitata.

    .. math::

        C(w) = \tfrac12 w^2 + a \sin w, \qquad
        C'(w) = w + a \cos w, \qquad
        C''(w) = 1 - a \sin w

    La curvatura sta fra :math:`1 - a` e :math:`1 + a`: il gradiente è
    :math:`L`-lipschitziano con :math:`L = 1 + a` (la costante più piccola, che si
    raggiunge dove :math:`\sin w = -1`). Con :math:`a > 1` la curvatura è negativa
    in alcuni tratti e la funzione non è convessa: con :math:`a = 3` ha un minimo
    locale a destra, vicino a :math:`w = 3`, e il minimo globale a sinistra.
    """

    a: float = 3.0
    dim = 1
    bounds = (-6.5, 6.5)
    start = 6.0

    def __post_init__(self):
        check.positive("a", self.a)

    @property
    def name(self):
        return f"$C(w) = w^2/2 + {self.a:g}\\,\\sin w$"

    @property
    def lipschitz(self):
        r"""La costante di Lipschitz del gradiente, :math:`L = \max |C''| = 1 + a`."""
        return 1 + self.a

    @cached_property
    def critical_points(self):
        """I punti in cui :math:`C'(w) = 0`, in ordine (cambi di segno su una griglia fitta, poi Newton)."""
        w = np.linspace(-1 - self.a, 1 + self.a, 20_001)  # fuori da qui |w| > a + 1 e C' ha il segno di w
        g = self.grad(w)
        roots = []
        for x in w[:-1][np.sign(g[:-1]) != np.sign(g[1:])]:
            for _ in range(50):
                x -= self.grad(x) / self.second_derivative(x)
            roots.append(float(x))
        return tuple(roots)

    @property
    def minima(self):
        """I minimi (locali e globale): i punti critici con :math:`C'' > 0`."""
        return tuple(w for w in self.critical_points if self.second_derivative(w) > 0)

    @property
    def points(self):
        """Nessun punto con nome da segnare sul grafico (la curva a, b, c, d è :class:`Curve`)."""
        return {}

    @cached_property
    def plot_grid(self):
        """I punti ``(w, C(w))`` per disegnare la curva, calcolati alla prima richiesta."""
        w = np.linspace(*self.bounds, GRID_SIZE)
        return w, self.value(w)

    def value(self, w):
        w = np.asarray(w, dtype=np.float64)
        return w**2 / 2 + self.a * np.sin(w)

    def grad(self, w):
        w = np.asarray(w, dtype=np.float64)
        return w + self.a * np.cos(w)

    def second_derivative(self, w):
        r"""La curvatura :math:`C''(w) = 1 - a \sin w`."""
        w = np.asarray(w, dtype=np.float64)
        return 1 - self.a * np.sin(w)


def _smoothstep(t):
    """Il gradino liscio :math:`S(t) = 3t^2 - 2t^3` su [0, 1], 0 prima e 1 dopo."""
    t = np.clip(t, 0.0, 1.0)
    return 3 * t**2 - 2 * t**3


def _smoothstep_slope(t):
    """La derivata del gradino, :math:`S'(t) = 6t(1 - t)` su (0, 1) e 0 fuori."""
    t = np.clip(t, 0.0, 1.0)
    return 6 * t * (1 - t)


@dataclass(frozen=True, eq=False)
class Cliff(Surface):
    r"""Una conca dolce con un dirupo: un gradino alto ``height`` e largo solo ``width``.

    .. math::

        f(w_1, w_2) = a\,w_1^2 + b\,w_2^2 + h\,S\Big(\frac{w_1 - c}{\delta}\Big), \qquad
        \nabla f = \begin{bmatrix} 2a\,w_1 + \frac{h}{\delta}\,S'\big(\frac{w_1 - c}{\delta}\big) \\ 2b\,w_2 \end{bmatrix}

    con il gradino liscio :math:`S(t) = 3t^2 - 2t^3` per :math:`0 \le t \le 1`
    (0 prima, 1 dopo) e :math:`S'(t) = 6t(1 - t)`. Per :math:`w_1 > c + \delta` si
    è sul terrazzo alto, dove la pendenza è quella dolce della conca; sulla parete
    (:math:`c < w_1 < c + \delta`) la pendenza arriva a :math:`2ac + 1.5\,h/\delta`
    circa. Il minimo è nell'origine (serve :math:`c \ge 0`), dove :math:`f = 0`.
    """

    a: float = 0.05
    b: float = 0.5
    c: float = 2.0
    width: float = 0.5
    height: float = 20.0
    name = "Dirupo"
    bounds = ((-32.0, 8.0), (-3.0, 3.0))
    minima = ((0.0, 0.0),)
    start = (6.0, 1.5)

    def __post_init__(self):
        for name in ("a", "b", "width", "height"):
            check.positive(name, getattr(self, name))
        check.non_negative("c", self.c)

    def value(self, w):
        w = np.asarray(w, dtype=np.float64)
        t = (w[..., 0] - self.c) / self.width
        return self.a * w[..., 0] ** 2 + self.b * w[..., 1] ** 2 + self.height * _smoothstep(t)

    def grad(self, w):
        w = np.asarray(w, dtype=np.float64)
        t = (w[..., 0] - self.c) / self.width
        wall = self.height / self.width * _smoothstep_slope(t)
        return np.stack([2 * self.a * w[..., 0] + wall, 2 * self.b * w[..., 1]], axis=-1)


wavy = Wavy()
cliff = Cliff()
