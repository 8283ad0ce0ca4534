"""Il taglio del gradiente: accorcia solo i gradienti lunghi, ne conserva la direzione, si compone con run."""

import doctest

import numpy as np
import pytest

import lib.clipping
from lib import GD, quadratic, run
from lib.clipping import clip_by_norm
from lib.landscapes import cliff
from lib.training import two_moons_task


def test_doctest():
    assert doctest.testmod(lib.clipping).failed == 0


def test_long_gradients_are_cut_to_the_norm_keeping_their_direction():
    rng = np.random.default_rng(0)
    for g in rng.normal(scale=50, size=(20, 3)):
        clipped = clip_by_norm(lambda w, g=g: g, max_norm=2.0)(np.zeros(3))
        assert np.linalg.norm(clipped) == pytest.approx(2.0, rel=1e-12)
        np.testing.assert_allclose(clipped / np.linalg.norm(clipped), g / np.linalg.norm(g), rtol=1e-12)


def test_short_gradients_pass_unchanged():
    w = np.array([-5.0, -2.0])  # |∇f| = |(−1, −8)| ≈ 8.06
    np.testing.assert_array_equal(clip_by_norm(quadratic.grad, 10.0)(w), quadratic.grad(w))
    np.testing.assert_array_equal(clip_by_norm(quadratic.grad, 1.0)(np.zeros(2)), [0.0, 0.0])


def test_one_dimension_uses_the_absolute_value():
    clipped = clip_by_norm(lambda w: -7.0 * np.ones_like(w), max_norm=0.5)
    assert clipped(np.array(3.0)) == -0.5


def test_a_clipped_step_is_never_longer_than_eta_times_the_norm():
    traj = run(GD(0.8), clip_by_norm(cliff.grad, 1.0), cliff.start, 60)
    steps = np.linalg.norm(np.diff(traj, axis=0), axis=1)
    assert steps.max() <= 0.8 * 1.0 + 1e-12
    raw = run(GD(0.8), cliff.grad, cliff.start, 60)
    assert np.linalg.norm(np.diff(raw, axis=0), axis=1).max() > 10  # senza taglio, il dirupo catapulta


def test_it_wraps_any_gradient_function_such_as_a_minibatch_gradient():
    task = two_moons_task(n=40, n_hidden=4)
    clipped, plain = clip_by_norm(task.gradient(batch_size=8, seed=1), 1e-3), task.gradient(batch_size=8, seed=1)
    w = task.start()
    for _ in range(6):  # stessi mini-batch, nello stesso ordine
        g, c = plain(w), clipped(w)
        np.testing.assert_allclose(c, g * min(1.0, 1e-3 / np.linalg.norm(g)), rtol=1e-12)


@pytest.mark.parametrize("bad", [0, -1.0, float("inf"), "1", True])
def test_max_norm_must_be_positive_and_finite(bad):
    with pytest.raises(ValueError, match="max_norm"):
        clip_by_norm(quadratic.grad, bad)


def test_grad_must_be_callable():
    with pytest.raises(ValueError, match="grad deve essere una funzione"):
        clip_by_norm(np.array([1.0, 2.0]), 1.0)
