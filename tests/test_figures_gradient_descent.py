"""Le figure del capitolo 1: mostrano i dati giusti, senza avvisi."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from lib import GD, run  # noqa: E402
from lib.clipping import clip_by_norm  # noqa: E402
from lib.figures import gradient_descent as figures  # noqa: E402
from lib.landscapes import cliff, wavy  # noqa: E402
from lib.training import two_moons_task  # noqa: E402


def test_descent_lemma_figure_draws_a_parabola_above_the_curve():
    fig = figures.descent_lemma_figure(wavy, 5.0, [0.1, 0.25])
    ax = fig.axes[0]
    curve_line, parabola = ax.lines[0], ax.lines[1]
    assert np.all(parabola.get_ydata() >= curve_line.get_ydata() - 1e-12)  # la parabola maggiora la curva
    new = 5.0 - 0.25 * wavy.grad(5.0)  # η = 1/L: il vertice della parabola
    assert any(np.allclose(line.get_xdata(), [new]) for line in ax.lines)
    fig.canvas.draw()


def test_clipping_figure_shows_both_paths():
    fig = figures.clipping_figure(cliff, 0.8, 1.0, 30)
    raw = run(GD(0.8), cliff.grad, cliff.start, 30)
    cut = run(GD(0.8), clip_by_norm(cliff.grad, 1.0), cliff.start, 30)
    lines = [line for line in fig.axes[0].lines if len(line.get_xdata()) == 31]
    np.testing.assert_array_equal(np.column_stack(lines[0].get_data()), raw)
    np.testing.assert_array_equal(np.column_stack(lines[1].get_data()), cut)
    fig.canvas.draw()


def test_minibatch_figure_marks_the_full_gradient_and_the_means():
    task = two_moons_task(n=40, n_hidden=4)
    fig = figures.minibatch_figure(task, task.start(), [1, 8], samples=50)
    data, cloud = fig.axes
    assert sum(len(c.get_offsets()) for c in data.collections) == 40
    labels = [line.get_label() for line in cloud.lines]
    assert "$\\nabla C(w)$" in labels and "media dei $b$ = 8" in labels
    fig.canvas.draw()
