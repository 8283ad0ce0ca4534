"""Un'asserzione comune ai test delle autoverifiche (importata dai file ``test_checks_*.py``)."""

from lib.checks._core import WIDTH


def assert_verdict(verdict, ok, diagnosis=""):
    """Il verdetto ha l'esito ``ok``, la parola giusta in testa, righe entro la colonna e la diagnosi attesa."""
    text = repr(verdict)
    assert verdict.ok is ok and bool(verdict) is ok, text
    assert text.startswith("Giusto. " if ok else "Non ancora. "), text
    assert all(len(line) <= WIDTH for line in text.splitlines()), text
    assert diagnosis in verdict.message, text
