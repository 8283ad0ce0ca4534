"""Autoverifiche degli esercizi di codice: provano la funzione dello studente e rispondono in italiano.

Ogni verifica restituisce un :class:`Verdict`, che nel notebook si vede come una
riga che comincia con ✅ o ❌ seguita, in caso di errore, dalla diagnosi più
probabile. Un modulo per argomento; il meccanismo comune è in ``_core``.
"""

from ._core import Verdict
from .gd import check_gd_step

__all__ = ["Verdict", "check_gd_step"]
