"""GD, SGD e mini-batch sulle due lune: conti delle epoche, rumore del gradiente, figure e cursore."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lib import GD, Adam  # noqa: E402
from lib.figures import comparison as cmp  # noqa: E402
from lib.training import batch_gradients, grid_search, per_example_gradients, two_moons_task  # noqa: E402

SMALL = two_moons_task(n=40, n_hidden=3, data_seed=1, init_seed=1)
W0 = SMALL.start()


def test_sampled_gradients_are_unbiased():
    """La media di molti g_B nello stesso punto si avvicina a ∇C(w): l'errore quadratico è circa rumore/draws."""
    draws = batch_gradients(SMALL, W0, 4, 4000, seed=2)
    error = np.sum((draws.mean(axis=0) - SMALL.model.grad(W0, SMALL.X, SMALL.y)) ** 2)
    assert error < 3 * cmp.gradient_noise(SMALL, W0, 4) / 4000


def test_gradient_noise_formula():
    """b = n: nessun rumore. b = 1: la media esatta di ‖g_i − g‖² sugli n dati (enumerati tutti)."""
    w = W0
    assert cmp.gradient_noise(SMALL, w, SMALL.n) == 0
    g = per_example_gradients(SMALL, w)
    exact = np.mean([np.sum((gi - g.mean(axis=0)) ** 2) for gi in g])
    assert cmp.gradient_noise(SMALL, w, 1) == pytest.approx(exact, rel=1e-12)
    assert cmp.gradient_noise(SMALL, w, 4) < cmp.gradient_noise(SMALL, w, 2) < cmp.gradient_noise(SMALL, w, 1)


def test_sampled_noise_agrees_with_the_formula():
    w = W0
    for b in (1, 8):
        assert cmp.sampled_gradient_noise(SMALL, w, b, draws=2000) == pytest.approx(
            cmp.gradient_noise(SMALL, w, b), rel=0.1)


def test_seconds_per_step_is_positive():
    assert cmp.seconds_per_step(SMALL, 4, repeats=5) > 0


def test_batch_comparison_figure_has_both_axes():
    curves = {"SGD": SMALL.epoch_curve(GD(0.1), 1, 2), "GD": SMALL.epoch_curve(GD(0.5), SMALL.n, 2)}
    fig = cmp.batch_comparison_figure(curves, SMALL.n)
    by_step, by_epoch = fig.axes[:2]
    assert by_step.get_xscale() == "log"
    assert len(by_step.lines) == 2 and by_epoch.lines[0].get_xdata()[-1] == 2.0
    np.testing.assert_array_equal(by_step.lines[1].get_ydata(), curves["GD"].losses)
    fig.canvas.draw()


def test_batch_sweep_figure_names_sgd_and_full_batch():
    curves = {b: SMALL.epoch_curve(GD(0.5), b, 2) for b in (1, 8, SMALL.n)}
    fig = cmp.batch_sweep_figure(curves, 0.5, ceiling=1.0)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["b = 1 (SGD)", "b = 8", "b = 40 (GD pieno)"]
    assert ax.get_ylim() == (0, 1.0) and ax.get_xlim() == (0, 2.0)
    fig.canvas.draw()


def test_static_figures_draw():
    cmp.gradient_noise_figure(SMALL, W0, [1, 4, SMALL.n]).canvas.draw()


def test_tuning_figure_marks_the_choice_and_the_divergence():
    searches = {"GD": grid_search(SMALL, GD, [0.1, 1.0, 1e9], 8, 1, seeds=(0,)),
                "Adam": grid_search(SMALL, Adam, [0.01, 0.1], 8, 1, seeds=(0,))}
    fig = cmp.tuning_figure(searches, {"GD": "\\eta", "Adam": "\\eta"}, ceiling=1.0)
    ax = fig.axes[0]
    crosses = [line for line in ax.lines if line.get_marker() == "x" and len(line.get_xdata())]
    assert [list(c.get_xdata()) for c in crosses] == [[1e9]]  # la divergenza, sul bordo alto
    stars = [line for line in ax.lines if line.get_marker() == "*"]
    assert [s.get_xdata()[0] for s in stars] == [searches["GD"].best, searches["Adam"].best]
    fig.canvas.draw()


def test_generalization_figure_draws_both_costs_and_boundaries():
    train, validation = two_moons_task(n=60, n_hidden=4).split(20)
    traj = train.train(GD(1.0), 30)
    fig = cmp.generalization_figure(train, validation, traj, best=10)
    costs, plane = fig.axes[:2]
    np.testing.assert_allclose(costs.lines[1].get_ydata(), validation.losses(traj))
    assert costs.lines[2].get_xdata()[0] == 10
    assert [t.get_text() for t in plane.get_legend().get_texts()] == ["frontiera al passo 10",
                                                                    "frontiera al passo 30"]
    fig.canvas.draw()


@pytest.mark.parametrize("batch_size, eta", [(1, 0.01), (1, 10.0), (40, 0.01), (40, 10.0), (7, 1e9)])
def test_batch_figure_at_the_extremes(batch_size, eta):
    fig, update = cmp.batch_figure(SMALL, 3)
    update(batch_size=batch_size, eta=eta)
    fig.canvas.draw()
    caption = fig.axes[0].texts[0].get_text()
    assert caption.startswith(f"b = {batch_size}: ")
    if eta == 1e9:
        assert "divergenza" in caption
    steps = -(-SMALL.n // batch_size)
    assert f": {steps} {'passo' if steps == 1 else 'passi'} per epoca" in caption  # «1 passo», non «1 passi»


def test_batch_explorer_has_italian_sliders():
    panel = cmp.batch_explorer(SMALL, epochs=2)
    sliders = panel.children[0].children
    assert [s.description for s in sliders] == ["mini-batch b", "η"]
    sliders[0].value = 1
