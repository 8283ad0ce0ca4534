"""L'autoverifica del passo del momentum: accetta la soluzione giusta e diagnostica quelle sbagliate."""

import numpy as np
import pytest
from checks_helpers import assert_verdict

from lib.checks import check_momentum_step


def correct(w, v, grad, eta, beta):
    v = beta * v + grad(w)
    return w - eta * v, v


def test_correct_step_passes():
    assert_verdict(check_momentum_step(correct), True, "v = β v + ∇C(w), w − η v")


def _gd(w, v, grad, eta, beta):
    return w - eta * grad(w), beta * v + grad(w)


WRONG_STEPS = [
    (lambda w, v, grad, eta, beta: (w - eta * v, beta * v + grad(w)), "velocità precedente"),
    (lambda w, v, grad, eta, beta: (w + eta * (beta * v + grad(w)), beta * v + grad(w)), "Segno sbagliato"),
    (lambda w, v, grad, eta, beta: (w - eta * (v + grad(w)), v + grad(w)), "Manca β"),
    (lambda w, v, grad, eta, beta: correct(w, v, lambda x: (1 - beta) * grad(x), eta, beta), "media mobile"),
    (lambda w, v, grad, eta, beta: (w - (beta * v + eta * grad(w)), beta * v + eta * grad(w)), "η dentro"),
    (_gd, "Questa è la discesa del gradiente"),
    (lambda w, v, grad, eta, beta: correct(w, v, grad, eta, beta)[::-1], "(v, w) invece di (w, v)"),
    (lambda w, v, grad, eta, beta: correct(w, v, grad, 0.5 * eta, beta), "mi aspettavo"),
    (lambda w, v, grad, eta, beta: correct(w, v, grad, eta, beta)[0], "2 valori"),
    (lambda w, v, grad, eta, beta: (np.zeros(3), v), "array di forma"),
    (lambda w, v, grad, eta, beta: 1 / 0, "ZeroDivisionError"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_STEPS)
def test_wrong_steps_get_a_specific_italian_diagnosis(step, diagnosis):
    assert_verdict(check_momentum_step(step), False, diagnosis)


def test_unwritten_exercise_is_recognised():
    def step(w, v, grad, eta, beta):
        raise NotImplementedError

    assert_verdict(check_momentum_step(step), False, "non è ancora scritta")
