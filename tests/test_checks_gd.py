"""Le autoverifiche: accettano la soluzione giusta e diagnosticano quelle sbagliate."""

import numpy as np
import pytest
from checks_helpers import assert_verdict

from lib.checks import check_gd_step


def test_correct_step_passes():
    assert_verdict(check_gd_step(lambda w, grad, eta: w - eta * grad(w)), True, "w − η ∇C(w)")


WRONG_STEPS = [
    (lambda w, grad, eta: w + eta * grad(w), "Segno sbagliato"),
    (lambda w, grad, eta: w - grad(w), "Manca il learning rate"),
    (lambda w, grad, eta: w - eta * w, "al posto del gradiente"),
    (lambda w, grad, eta: eta * grad(w), "restituisce il passo"),
    (lambda w, grad, eta: w - 0.5 * eta * grad(w),
     "Con w = [-5, -2], η = 0.4: mi aspettavo [-4.6, 1.2], la vostra funzione restituisce [-4.8, -0.4]."),
    (lambda w, grad, eta: np.zeros(3), "array di forma (2,), non forma (3,)"),
    (lambda w, grad, eta: "w", "non un valore non numerico"),
    (lambda w, grad, eta: 1 / 0, "solleva ZeroDivisionError"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_STEPS)
def test_wrong_steps_get_a_specific_italian_diagnosis(step, diagnosis):
    assert_verdict(check_gd_step(step), False, diagnosis)


def test_unwritten_exercise_is_recognised():
    def step(w, grad, eta):
        raise NotImplementedError

    assert_verdict(check_gd_step(step), False, "non è ancora scritta")
