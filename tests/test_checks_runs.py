"""Le autoverifiche dei cicli completi: lo stato parte da zero, passa da un passo all'altro, k parte da 1."""

import numpy as np
import pytest
from checks_helpers import assert_verdict

from lib.checks import check_adam_run, check_momentum_run


def momentum_run(w0, grad, eta, beta, steps, v0=None, reset=False):
    """Il ciclo del momentum scritto a mano; ``v0`` e ``reset`` introducono gli errori tipici."""
    w = np.asarray(w0, dtype=float)
    v = np.zeros_like(w) if v0 is None else v0(w)
    points = [w]
    for _ in range(steps):
        v = beta * (0 if reset else v) + grad(w)
        w = w - eta * v
        points.append(w)
    return np.array(points)


def adam_run(w0, grad, eta, beta1, beta2, eps, steps, start=None, first_k=1, fixed_k=False, reset=False):
    """Il ciclo di Adam scritto a mano; gli argomenti dopo ``steps`` introducono gli errori tipici."""
    w = np.asarray(w0, dtype=float)
    v, s = (np.zeros_like(w), np.zeros_like(w)) if start is None else start(w, grad(w))
    points = [w]
    for n in range(steps):
        k = first_k if fixed_k else first_k + n
        g = grad(w)
        v = beta1 * (0 if reset else v) + (1 - beta1) * g
        s = beta2 * (0 if reset else s) + (1 - beta2) * g**2
        w = w - eta / np.sqrt(s / (1 - beta2**k) + eps) * v / (1 - beta1**k)
        points.append(w)
    return np.array(points)


def test_first_momentum_steps_by_hand():
    """Gli appunti: da (−5, −2) con η = 0.4, β = 0.5 si passa per (−4.6, 1.2) e (−4.032, 0.88)."""
    points = momentum_run([-5.0, -2.0], lambda w: np.array([0.2, 4.0]) * w, 0.4, 0.5, 2)
    np.testing.assert_allclose(points, [[-5, -2], [-4.6, 1.2], [-4.032, 0.88]])


def test_correct_runs_pass():
    assert_verdict(check_momentum_run(momentum_run), True, "parte da v = 0")
    assert_verdict(check_adam_run(adam_run), True, "conta i passi da k = 1")


def _momentum(**change):
    return lambda *args: momentum_run(*args, **change)


def _adam(**change):
    return lambda *args: adam_run(*args, **change)


@pytest.mark.parametrize("run, diagnosis", [
    (_momentum(v0=lambda w: np.array([0.2, 4.0]) * w), "voi partite dal gradiente"),
    (_momentum(v0=np.ones_like), "(np.zeros_like(w0)), non da 1"),
    (_momentum(reset=True), "riparte da zero a ogni passo"),
    (lambda *args: momentum_run(*args)[1:], "steps + 1 righe, compreso il punto di partenza"),
    (lambda *args: momentum_run(*args)[-1], "array di forma (21, 2)"),
])
def test_wrong_momentum_runs_are_diagnosed(run, diagnosis):
    assert_verdict(check_momentum_run(run), False, diagnosis)


@pytest.mark.parametrize("run, diagnosis", [
    (_adam(start=lambda w, g: (g, g**2)), "v⁽⁰⁾ = g, s⁽⁰⁾ = g²"),
    (_adam(start=lambda w, g: (g, 0 * g)), "Il momento v deve partire da zero"),
    (_adam(start=lambda w, g: (0 * g, g**2)), "Il momento s deve partire da zero, s⁽⁰⁾ = 0: voi partite da s⁽⁰⁾ = g²"),
    (_adam(start=lambda w, g: (0 * g, np.ones_like(g))), "s⁽⁰⁾ = 0 (np.zeros_like(w0)), non da 1"),
    (_adam(reset=True), "riparte da zero a ogni passo"),
    (_adam(first_k=0), "Il primo passo è k = 1, non k = 0"),
    (_adam(fixed_k=True), "voi usate sempre k = 1"),
    (lambda *args: adam_run(*args)[1:], "steps + 1 righe"),
])
def test_wrong_adam_runs_are_diagnosed(run, diagnosis):
    assert_verdict(check_adam_run(run), False, diagnosis)


def test_unwritten_exercises_are_recognised():
    def run(*args):
        raise NotImplementedError

    for check in (check_momentum_run, check_adam_run):
        assert_verdict(check(run), False, "non è ancora scritta")
