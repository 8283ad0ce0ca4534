"""Gli esperimenti di allenamento: curve di costo coerenti, mini-batch riproducibili, curvatura esatta."""

import numpy as np
import pytest

from lib import GD, warmup
from lib.models import LogisticRegression
from lib.training import Task, sharpness, two_moons_task

TASK = two_moons_task(n=40, n_hidden=4)


def test_loss_curve_starts_at_the_initial_loss_and_has_one_value_per_step():
    curve = TASK.loss_curve(GD(eta=0.5), steps=7)
    assert curve.shape == (8,)
    assert curve[0] == pytest.approx(TASK.model.loss(TASK.start(), TASK.X, TASK.y))


def test_small_step_gradient_descent_lowers_the_loss():
    curve = TASK.loss_curve(GD(eta=0.5), steps=50)
    assert np.all(np.diff(curve) < 0)


def test_full_batch_equals_batch_of_all_data():
    a = TASK.train(GD(eta=1.0), 5)
    b = TASK.train(GD(eta=1.0), 5, batch_size=len(TASK.y))
    np.testing.assert_allclose(a, b, rtol=1e-12)


def test_minibatch_runs_are_seeded():
    a = TASK.loss_curve(GD(eta=1.0), 10, batch_size=8, seed=3)
    b = TASK.loss_curve(GD(eta=1.0), 10, batch_size=8, seed=3)
    c = TASK.loss_curve(GD(eta=1.0), 10, batch_size=8, seed=4)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_schedules_are_accepted_and_init_seed_matters():
    assert TASK.loss_curve(GD(warmup(1.0, 5)), 10).shape == (11,)
    assert not np.allclose(TASK.start(), two_moons_task(n=40, n_hidden=4, init_seed=1).start())


def test_sharpness_of_logistic_regression_at_zero():
    """In w = 0 la sigmoide vale 1/2: l'hessiana è (1/4n) Σ x̃ x̃ᵀ con x̃ = (x, 1), calcolabile a mano."""
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    task = Task(LogisticRegression(), X, np.array([0.0, 1.0, 1.0]))
    Xt = np.column_stack([X, np.ones(3)])
    exact = np.linalg.eigvalsh(Xt.T @ Xt / (4 * 3)).max()
    assert sharpness(task, np.zeros(3), iterations=200) == pytest.approx(exact, rel=1e-6)


def test_sharpness_rejects_bad_arguments():
    with pytest.raises(ValueError, match="iterations"):
        sharpness(TASK, TASK.start(), iterations=0)


def test_per_example_gradients_average_to_the_full_gradient():
    from lib.training import per_example_gradients
    w = TASK.start()
    rows = per_example_gradients(TASK, w)
    assert rows.shape == (len(TASK.y), TASK.model.size)
    np.testing.assert_allclose(rows.mean(axis=0), TASK.model.grad(w, TASK.X, TASK.y), rtol=1e-12, atol=1e-15)


def test_batch_gradients_are_unbiased_and_seeded():
    from lib.training import batch_gradients
    w = TASK.start()
    full = TASK.model.grad(w, TASK.X, TASK.y)
    grads = batch_gradients(TASK, w, batch_size=5, samples=20_000, seed=2)
    assert grads.shape == (20_000, TASK.model.size)
    error = np.linalg.norm(grads.mean(axis=0) - full) / np.linalg.norm(full)
    spread = np.linalg.norm(grads - full, axis=1).mean() / np.linalg.norm(full)
    assert error < 0.05 < spread  # ogni mini-batch sbaglia, la media no
    np.testing.assert_array_equal(grads[:10], batch_gradients(TASK, w, 5, 10, seed=2))
    whole = batch_gradients(TASK, w, batch_size=len(TASK.y), samples=3)
    np.testing.assert_allclose(whole, np.tile(full, (3, 1)), rtol=1e-12, atol=1e-15)  # b = n: nessun rumore


def test_batch_gradients_reject_bad_sizes():
    from lib.training import batch_gradients
    with pytest.raises(ValueError, match="batch_size"):
        batch_gradients(TASK, TASK.start(), batch_size=len(TASK.y) + 1, samples=3)
    with pytest.raises(ValueError, match="samples"):
        batch_gradients(TASK, TASK.start(), batch_size=2, samples=0)
