"""GD, SGD e mini-batch sulle due lune: conti delle epoche, rumore del gradiente, figure e cursore."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lib import GD, Adam  # noqa: E402
from lib.figures import comparison as cmp  # noqa: E402

SMALL = cmp.moons(n=40, hidden=3, seed=1)


def test_moons_is_seeded():
    a, b = cmp.moons(n=40, seed=3), cmp.moons(n=40, seed=3)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.w0, b.w0)
    assert a.n == 40


@pytest.mark.parametrize("n, b, expected", [(200, 16, [16] * 12 + [8]), (200, 200, [200]), (10, 1, [1] * 10),
                                            (10, 3, [3, 3, 3, 1])])
def test_an_epoch_is_ceil_n_over_b_batches_covering_every_datum(n, b, expected):
    assert cmp.batch_sizes_in_epoch(n, b) == expected


def test_train_counts_steps_epochs_and_evaluations():
    curve = cmp.train(SMALL, GD(0.5), batch_size=16, epochs=3)  # 40 = 16 + 16 + 8: 3 passi per epoca
    assert len(curve.losses) == 3 * 3 + 1
    np.testing.assert_array_equal(curve.evaluations[:4], [0, 16, 32, 40])
    assert curve.epochs[-1] == 3.0 and not curve.diverged


def test_full_batch_training_is_gradient_descent():
    """Con b = n ogni passo usa tutti i dati: il costo dopo un passo è quello di w0 − η∇C(w0)."""
    curve = cmp.train(SMALL, GD(0.5), batch_size=SMALL.n, epochs=1)
    w1 = SMALL.w0 - 0.5 * SMALL.model.grad(SMALL.w0, SMALL.X, SMALL.y)
    assert curve.losses[1] == pytest.approx(SMALL.model.loss(w1, SMALL.X, SMALL.y), rel=1e-12)


def test_training_is_reproducible_with_the_seed_and_changes_without():
    a, b = (cmp.train(SMALL, Adam(0.05), 4, 2, seed=5) for _ in range(2))
    np.testing.assert_array_equal(a.losses, b.losses)
    assert not np.array_equal(a.losses, cmp.train(SMALL, Adam(0.05), 4, 2, seed=6).losses)


def test_huge_learning_rate_diverges_without_warnings():
    curve = cmp.train(SMALL, GD(1e9), 1, 2)
    assert curve.diverged and len(curve.evaluations) == len(curve.losses)


def test_per_example_gradients_average_to_the_full_gradient():
    g = cmp.per_example_gradients(SMALL, SMALL.w0)
    np.testing.assert_allclose(g.mean(axis=0), SMALL.model.grad(SMALL.w0, SMALL.X, SMALL.y), rtol=1e-12)


def test_gradient_noise_formula():
    """b = n: nessun rumore. b = 1: la media esatta di ‖g_i − g‖² sugli n dati (enumerati tutti)."""
    w = SMALL.w0
    assert cmp.gradient_noise(SMALL, w, SMALL.n) == 0
    g = cmp.per_example_gradients(SMALL, w)
    exact = np.mean([np.sum((gi - g.mean(axis=0)) ** 2) for gi in g])
    assert cmp.gradient_noise(SMALL, w, 1) == pytest.approx(exact, rel=1e-12)
    assert cmp.gradient_noise(SMALL, w, 4) < cmp.gradient_noise(SMALL, w, 2) < cmp.gradient_noise(SMALL, w, 1)


def test_sampled_noise_agrees_with_the_formula():
    w = SMALL.w0
    for b in (1, 8):
        assert cmp.sampled_gradient_noise(SMALL, w, b, draws=2000) == pytest.approx(
            cmp.gradient_noise(SMALL, w, b), rel=0.1)


def test_seconds_per_step_is_positive():
    assert cmp.seconds_per_step(SMALL, 4, repeats=5) > 0


def test_batch_comparison_figure_has_both_axes():
    fig = cmp.batch_comparison_figure(SMALL, {"SGD": (GD(0.1), 1), "GD": (GD(0.5), SMALL.n)}, epochs=2)
    by_step, by_epoch = fig.axes[:2]
    assert by_step.get_xscale() == "log"
    assert len(by_step.lines) == 2 and by_epoch.lines[0].get_xdata()[-1] == 2.0
    fig.canvas.draw()


def test_static_figures_draw():
    cmp.batch_sweep_figure(SMALL, 0.5, [1, 8, SMALL.n], 2).canvas.draw()
    cmp.gradient_noise_figure(SMALL, SMALL.w0, [1, 4, SMALL.n]).canvas.draw()


@pytest.mark.parametrize("batch_size, eta", [(1, 0.01), (1, 10.0), (40, 0.01), (40, 10.0), (7, 1e9)])
def test_batch_figure_at_the_extremes(batch_size, eta):
    fig, update = cmp.batch_figure(SMALL, 3)
    update(batch_size=batch_size, eta=eta)
    fig.canvas.draw()
    caption = fig.axes[0].texts[0].get_text()
    assert caption.startswith(f"b = {batch_size}: ")
    if eta == 1e9:
        assert "divergenza" in caption


def test_batch_explorer_has_italian_sliders():
    panel = cmp.batch_explorer(SMALL, epochs=2).widget
    sliders = panel.children[0].children
    assert [s.description for s in sliders] == ["mini-batch b", "η"]
    sliders[0].value = 1
