"""`run`: forma della traiettoria, divergenza senza avvisi, errori in italiano."""

import warnings

import numpy as np
import pytest

from lib import GD, Adadelta, Adagrad, Adam, Momentum, RMSProp, quadratic, run, step_decay, warmup
from lib import exponential_decay, time_decay


def test_trajectory_shape_and_dtype():
    traj = run(Momentum(eta=0.4, beta=0.5), quadratic.grad, [-5, -2], 20)
    assert isinstance(traj, np.ndarray) and traj.shape == (21, 2) and traj.dtype == np.float64
    assert not traj.diverged
    np.testing.assert_array_equal(traj[0], [-5, -2])


def test_scalar_start_gives_a_one_dimensional_trajectory():
    traj = run(GD(0.25), lambda w: 2 * w, 4, 3)
    assert traj.shape == (4,)
    np.testing.assert_array_equal(traj, [4, 2, 1, 0.5])


def test_zero_steps_returns_the_start():
    np.testing.assert_array_equal(run(GD(0.1), quadratic.grad, [1, 2], 0), [[1, 2]])


# Adam e RMSProp fanno passi lunghi circa η: divergono solo se η supera il limite max_norm = 1e6
@pytest.mark.parametrize("opt", [GD(0.6), GD(1e6), Momentum(1.0, 0.9), Adam(1e7), RMSProp(1e9)],
                         ids=repr)
def test_divergence_stops_quietly_and_is_reported(opt):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = run(opt, quadratic.grad, [-5, -2], 500)
    assert traj.diverged
    assert len(traj) < 501
    assert np.all(np.isfinite(traj))


def test_divergence_of_gd_happens_exactly_when_eta_exceeds_one_half():
    """Il fattore 1 − 4η lungo w2 ha modulo < 1 solo per η < 0.5."""
    assert not run(GD(0.499), quadratic.grad, [-5, -2], 2000).diverged
    assert run(GD(0.501), quadratic.grad, [-5, -2], 20000).diverged


def test_the_same_optimizer_object_gives_the_same_trajectory():
    opt = Adam(eta=0.1)
    np.testing.assert_array_equal(run(opt, quadratic.grad, [-5, -2], 40), run(opt, quadratic.grad, [-5, -2], 40))


# --- input sbagliati: ValueError in italiano che nomina il parametro e l'intervallo ---

BAD_CONSTRUCTORS = [
    (lambda: GD(eta=0), "eta", "> 0"),
    (lambda: GD(eta=-0.1), "eta", "> 0"),
    (lambda: GD(eta=float("inf")), "eta", "finito"),
    (lambda: GD(eta=float("nan")), "eta", "finito"),
    (lambda: GD(eta="0.1"), "eta", "> 0"),
    (lambda: Momentum(eta=0.1, beta=1.0), "beta", "[0, 1)"),
    (lambda: Momentum(eta=0.1, beta=-0.1), "beta", "[0, 1)"),
    (lambda: Adagrad(eps=0), "eps", "> 0"),
    (lambda: RMSProp(gamma=1), "gamma", "[0, 1)"),
    (lambda: RMSProp(eps=-1e-8), "eps", "> 0"),
    (lambda: Adadelta(gamma=1.5), "gamma", "[0, 1)"),
    (lambda: Adadelta(eps=0.0), "eps", "> 0"),
    (lambda: Adam(beta1=1.0), "beta1", "[0, 1)"),
    (lambda: Adam(beta2=-0.5), "beta2", "[0, 1)"),
    (lambda: Adam(eps=float("nan")), "eps", "> 0"),
    (lambda: Adam(eps_inside_sqrt="sì"), "eps_inside_sqrt", "True o False"),
    (lambda: step_decay(0, 0.5, 10), "eta0", "> 0"),
    (lambda: step_decay(0.1, 1.5, 10), "delta", "(0, 1]"),
    (lambda: step_decay(0.1, 0.5, 0), "s", "intero ≥ 1"),
    (lambda: step_decay(0.1, 0.5, 2.5), "s", "intero ≥ 1"),
    (lambda: exponential_decay(0.1, -1), "k", "≥ 0"),
    (lambda: time_decay(-0.1, 1), "eta0", "> 0"),
    (lambda: warmup(0.1, 0), "steps", "intero ≥ 1"),
    (lambda: warmup(-0.1, 5), "then", "> 0"),
    (lambda: warmup(0.1, 5, start_factor=0), "start_factor", "(0, 1]"),
]


@pytest.mark.parametrize("make, name, allowed", BAD_CONSTRUCTORS)
def test_bad_hyperparameters_are_explained_in_italian(make, name, allowed):
    with pytest.raises(ValueError) as error:
        make()
    message = str(error.value)
    assert message.startswith(f"{name} deve essere")
    assert allowed in message and "ricevuto" in message


BAD_RUNS = [
    (dict(w0=[np.nan, 1]), "w0", "finiti"),
    (dict(w0=[np.inf, 1]), "w0", "finiti"),
    (dict(w0="uno"), "w0", "numeri finiti"),
    (dict(steps=-1), "steps", "intero ≥ 0"),
    (dict(steps=2.5), "steps", "intero ≥ 0"),
    (dict(grad=42), "grad", "funzione"),
    (dict(grad=lambda w: np.zeros(3)), "grad", "stessa forma"),
    (dict(grad=lambda w: np.full(2, np.nan)), "grad", "valori finiti"),
    (dict(grad=lambda w: "zero"), "grad", "numeri"),
    (dict(opt="GD"), "opt", "ottimizzatore"),
    (dict(opt=GD(lambda k: -1.0)), "lo schedule eta", "≥ 0"),
    (dict(opt=GD(lambda k: "piano")), "lo schedule eta", "numero"),
    (dict(max_norm=0), "max_norm", "> 0"),
]


@pytest.mark.parametrize("change, name, allowed", BAD_RUNS)
def test_bad_run_arguments_are_explained_in_italian(change, name, allowed):
    arguments = dict(opt=GD(0.1), grad=quadratic.grad, w0=[-5, -2], steps=5) | change
    with pytest.raises(ValueError) as error:
        run(**arguments)
    assert str(error.value).startswith(name) and allowed in str(error.value)
