"""Il testo dei capitoli legato ai calcoli: i numeri si incollano, non si ricopiano.

In una cella di codice ``glue("fattore", rho)``; nel testo
``{glue:text}`fattore:.4f``` (il ruolo di myst-nb, con un formato di
:func:`format`). Se il calcolo cambia, cambia anche il testo.
"""

import numpy as np


def glue(name, value):
    """Rende ``value`` disponibile al testo come ``{glue:text}`name``` (myst-nb), senza mostrarlo.

    Gli scalari di numpy (anche gli array di dimensione 0, come il massimo di
    una :class:`lib.Trajectory`) diventano numeri di Python, perché il formato
    del ruolo (``:.3f``, ``:.1e``) si applica al loro testo. Dove myst-nb manca
    (per esempio su Colab, che non mostra il testo MyST) non fa nulla.
    """
    if isinstance(value, np.generic) or (isinstance(value, np.ndarray) and value.ndim == 0):
        value = value.item()
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        return
    myst_glue(name, value, display=False)
