"""Le autoverifiche: accettano la soluzione giusta e diagnosticano quelle sbagliate."""

import numpy as np
import pytest

from lib.checks import check_gd_step


def test_correct_step_passes():
    verdict = check_gd_step(lambda w, grad, eta: w - eta * grad(w))
    assert verdict.ok and repr(verdict).startswith("✅")


WRONG_STEPS = [
    (lambda w, grad, eta: w + eta * grad(w), "segno sbagliato"),
    (lambda w, grad, eta: w - grad(w), "manca il learning rate"),
    (lambda w, grad, eta: w - eta * w, "al posto del gradiente"),
    (lambda w, grad, eta: eta * grad(w), "restituisce il passo"),
    (lambda w, grad, eta: w - 0.5 * eta * grad(w), "mi aspettavo"),
    (lambda w, grad, eta: np.zeros(3), "array di forma"),
    (lambda w, grad, eta: "w", "array di forma"),
    (lambda w, grad, eta: 1 / 0, "ZeroDivisionError"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_STEPS)
def test_wrong_steps_get_a_specific_italian_diagnosis(step, diagnosis):
    verdict = check_gd_step(step)
    assert not verdict.ok and repr(verdict).startswith("❌")
    assert diagnosis in verdict.message


def test_unwritten_exercise_is_recognised():
    def step(w, grad, eta):
        raise NotImplementedError

    assert "non è ancora scritta" in check_gd_step(step).message
