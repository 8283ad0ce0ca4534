"""Il meccanismo comune delle autoverifiche: il verdetto, a capo a 70 colonne, e la chiamata protetta."""

import importlib
import pkgutil

import numpy as np
import pytest

from lib import checks
from lib.checks._core import WIDTH, StudentError, Verdict, call_student, show, wrap

LONG = ("Con w = [-5, -2], η = 0.4: mi aspettavo [-4.6, 1.2], la vostra funzione restituisce "
        "[-5.4, -5.2]; controllate il segno del passo e il learning rate, poi riprovate.")


def test_repr_starts_with_a_plain_word():
    assert repr(Verdict(True, "Bene.")) == "Giusto. Bene."
    assert repr(Verdict(False, "Male.")) == "Non ancora. Male."
    assert str(Verdict(False, "Male.")) == "Non ancora. Male."


def test_repr_wraps_long_messages_without_losing_words():
    text = repr(Verdict(False, LONG))
    lines = text.splitlines()
    assert len(lines) > 1 and all(len(line) <= WIDTH for line in lines)
    assert text.split() == ("Non ancora. " + LONG).split()


def test_indented_lines_keep_their_indent_when_wrapped():
    lines = wrap("Titolo:\n  ✗ " + LONG).splitlines()
    assert lines[0] == "Titolo:" and lines[1].startswith("  ✗ Con")
    assert all(line.startswith("    ") for line in lines[2:]) and len(lines) > 3


def test_show_is_short():
    assert show(np.array([-5.0, 1 / 3])) == "[-5, 0.3333]"
    assert show((np.array(2.0), np.array([1.0]))) == "(2, [1])"
    assert "\n" not in show(np.linspace(0.1, 1, 30))  # a capo ci va solo il verdetto


@pytest.mark.parametrize("function, expected", [
    (lambda x: x, "2 valori (una tupla)"),
    (lambda x: (x, x, x), "2 valori (una tupla)"),
    (lambda x: (x, "a"), "un valore non numerico"),
    (lambda x: (x, np.zeros(3)), "forma (2,), non forma (3,). Suggerimento."),
    (lambda x: x[5], "IndexError"),
    (None, "va passata la vostra funzione"),
])
def test_malformed_answers_become_verdicts(function, expected):
    with pytest.raises(StudentError) as failure:
        call_student(function, np.zeros(2), shapes=((2,), (2,)), context="Con x = 0", hint=" Suggerimento.")
    assert not failure.value.verdict.ok and expected in failure.value.verdict.message


def test_numpy_warnings_of_the_student_are_silenced():
    result = call_student(lambda x: np.log(x), np.zeros(2), shapes=((2,),), context="Con x = 0")
    assert np.all(np.isneginf(result))


def test_every_check_is_exported():
    """Ogni ``check_…`` dei sottomoduli si importa da ``lib.checks``, come fanno i capitoli."""
    modules = [importlib.import_module(f"lib.checks.{info.name}") for info in pkgutil.iter_modules(checks.__path__)]
    defined = {name for module in modules for name in vars(module) if name.startswith("check_")}
    assert defined == set(checks.__all__) - {"Verdict"}
    assert all(callable(getattr(checks, name)) for name in checks.__all__)
