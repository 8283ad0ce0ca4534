r"""Il taglio del gradiente (*gradient clipping*): un involucro attorno a una funzione gradiente.

:func:`clip_by_norm` prende una funzione ``grad(w)`` e ne restituisce un'altra,
con la stessa firma, che accorcia i gradienti troppo lunghi. Si passa a
:func:`lib.run` al posto dell'originale e funziona con qualunque ottimizzatore e
con qualunque gradiente (pieno, su mini-batch, di un paesaggio)::

    run(GD(eta=0.8), clip_by_norm(cliff.grad, max_norm=1.0), cliff.start, 80)

È la stessa idea di ``torch.nn.utils.clip_grad_norm_`` e di
``optax.clip_by_global_norm`` (Pascanu, Mikolov e Bengio 2013).
"""

import numpy as np

from . import _validation as check


def clip_by_norm(grad, max_norm):
    r"""Il gradiente di ``grad`` tagliato alla norma ``max_norm``, nella stessa direzione.

    .. math::

        \operatorname{clip}(g) = g \cdot \min\Big(1,\ \frac{c}{\lVert g \rVert}\Big)

    con :math:`c` = ``max_norm`` e :math:`\lVert g \rVert` la norma euclidea di
    tutto il vettore (per un numero, il valore assoluto). Un gradiente con
    :math:`\lVert g \rVert \le c` passa invariato; uno più lungo viene
    riscalato fino ad avere norma esattamente :math:`c`. Con la discesa del
    gradiente un passo non supera quindi mai :math:`\eta\,c`.

    >>> clipped = clip_by_norm(lambda w: np.array([30.0, 40.0]), max_norm=5.0)
    >>> clipped(np.zeros(2)).tolist()
    [3.0, 4.0]
    """
    if not callable(grad):
        raise ValueError(f"grad deve essere una funzione w ↦ ∇C(w); ricevuto {grad!r}")
    max_norm = check.positive("max_norm", max_norm)

    def clipped(w):
        g = np.asarray(grad(w), dtype=np.float64)
        norm = np.sqrt(np.sum(g**2))
        if norm <= max_norm:  # anche g = 0: nessuna divisione per zero
            return g
        return g * (max_norm / norm)

    clipped.__doc__ = f"Il gradiente di {getattr(grad, '__name__', repr(grad))} tagliato alla norma {max_norm:g}."
    return clipped
