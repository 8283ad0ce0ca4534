"""Autoverifiche degli esercizi di codice: provano la funzione dello studente e rispondono in italiano.

Ogni verifica restituisce un :class:`Verdict`, che nel notebook si vede come un
testo che comincia con «Giusto.» o «Non ancora.» seguito, in caso di errore,
dalla diagnosi più probabile. Un modulo per argomento; il meccanismo comune è
in ``_core``. Nei capitoli si importa tutto da qui::

    from lib.checks import check_gd_step
"""

from ._core import Verdict
from .adam import check_adam_step
from .adaptive import check_adadelta_step, check_adagrad_step, check_rmsprop_step
from .gd import check_gd_step
from .momentum import check_momentum_step
from .runs import check_adam_run, check_momentum_run
from .schedules import check_cosine_decay
from .tuning import check_tuning

__all__ = [
    "Verdict",
    "check_gd_step", "check_momentum_step", "check_momentum_run", "check_cosine_decay",
    "check_adagrad_step", "check_rmsprop_step", "check_adadelta_step", "check_adam_step", "check_adam_run",
    "check_tuning",
]
