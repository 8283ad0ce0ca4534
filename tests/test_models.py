"""Modelli e dati: gradienti contro differenze finite, mini-batch riproducibili."""

import numpy as np
import pytest

from lib import GD, run
from lib.data import two_moons
from lib.models import MLP, LogisticRegression, MinibatchGradient, full_gradient

X, Y = two_moons(n=60, seed=1)


def finite_difference(f, w, h=1e-6):
    return np.array([(f(w + h * e) - f(w - h * e)) / (2 * h) for e in np.eye(w.size)])


@pytest.mark.parametrize("model", [LogisticRegression(), MLP(n_hidden=5)], ids=["logistica", "mlp"])
def test_gradient_matches_finite_differences(model):
    w = np.random.default_rng(3).normal(size=model.size)
    numeric = finite_difference(lambda v: model.loss(v, X, Y), w)
    np.testing.assert_allclose(model.grad(w, X, Y), numeric, rtol=1e-6, atol=1e-8)


def test_loss_at_zero_is_log_two():
    """Con w = 0 il modello dice 1/2 per ogni dato: entropia incrociata log 2."""
    assert LogisticRegression().loss(np.zeros(3), X, Y) == pytest.approx(np.log(2))


def test_loss_is_finite_for_huge_weights():
    model = MLP(n_hidden=4)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert np.isfinite(model.loss(1e6 * np.ones(model.size), X, Y))


def test_two_moons_is_seeded_and_balanced():
    X1, y1 = two_moons(n=50, seed=7)
    X2, y2 = two_moons(n=50, seed=7)
    np.testing.assert_array_equal(X1, X2)
    assert y1.sum() == 25 and X1.dtype == np.float64


def test_gd_trains_the_mlp():
    model = MLP(n_hidden=8)
    traj = run(GD(eta=1.0), full_gradient(model, X, Y), model.init(seed=0), 300)
    assert model.loss(traj[-1], X, Y) < 0.5 * model.loss(traj[0], X, Y)


def test_full_batch_sampler_equals_the_full_gradient():
    model, w = MLP(n_hidden=3), MLP(n_hidden=3).init(seed=2)
    sampler = MinibatchGradient(model, X, Y, batch_size=len(Y), seed=0)
    np.testing.assert_allclose(sampler(w), model.grad(w, X, Y), rtol=1e-12)
    assert sampler.evaluations == len(Y)


def test_minibatches_cover_each_epoch_once():
    """In un'epoca ogni dato compare in esattamente un mini-batch: la media dei gradienti è quella piena."""
    model, w = LogisticRegression(), np.array([0.3, -0.2, 0.1])
    sampler = MinibatchGradient(model, X, Y, batch_size=10, seed=4)
    mean = np.mean([sampler(w) for _ in range(6)], axis=0)
    np.testing.assert_allclose(mean, model.grad(w, X, Y), rtol=1e-12)


def test_minibatch_runs_are_reproducible_with_the_same_seed():
    model = MLP(n_hidden=3)
    a = run(GD(0.5), MinibatchGradient(model, X, Y, 8, seed=5), model.init(), 30)
    b = run(GD(0.5), MinibatchGradient(model, X, Y, 8, seed=5), model.init(), 30)
    np.testing.assert_array_equal(a, b)


def test_bad_batch_size_is_explained():
    with pytest.raises(ValueError, match="batch_size deve essere un intero fra 1 e 60"):
        MinibatchGradient(LogisticRegression(), X, Y, batch_size=61)


def test_losses_along_a_trajectory():
    model = LogisticRegression()
    traj = run(GD(1.0), full_gradient(model, X, Y), model.init(), 5)
    losses = model.losses(traj, X, Y)
    assert losses.shape == (6,) and losses[0] == pytest.approx(np.log(2)) and losses[-1] < losses[0]


@pytest.mark.parametrize("model", [LogisticRegression(), MLP(n_hidden=4)], ids=["logistica", "mlp"])
def test_losses_of_a_whole_trajectory_equal_the_losses_point_by_point(model):
    traj = np.random.default_rng(8).normal(size=(7, model.size))
    np.testing.assert_allclose(model.losses(traj, X, Y), [model.loss(w, X, Y) for w in traj], rtol=1e-13)


@pytest.mark.parametrize("model", [LogisticRegression(), MLP(n_hidden=5)], ids=["logistica", "mlp"])
def test_gradients_of_a_stack_equal_one_at_a_time(model):
    """Una pila di parametri, con dati comuni o un mini-batch per vettore: gli stessi gradienti uno per uno."""
    rng = np.random.default_rng(2)
    W = rng.normal(size=(3, model.size))
    np.testing.assert_allclose(model.grad(W, X, Y), [model.grad(w, X, Y) for w in W], rtol=1e-12)
    batches = rng.integers(0, len(Y), size=(3, 7))
    np.testing.assert_allclose(model.grad(W, X[batches], Y[batches]),
                               [model.grad(w, X[b], Y[b]) for w, b in zip(W, batches)], rtol=1e-12)
