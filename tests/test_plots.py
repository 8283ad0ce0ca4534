"""I grafici: mostrano davvero le traiettorie, dicono «divergenza» a parole, non emettono avvisi."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lib import GD, Momentum, curve, plateau, quadratic, run, saddle  # noqa: E402
from lib import plots  # noqa: E402
from lib.style import new_figure  # noqa: E402


def test_path_view_shows_the_trajectory_and_its_outcome():
    fig, axes = new_figure()
    view = plots.PathView(axes[0, 0], quadratic)
    traj = run(GD(0.4), quadratic.grad, quadratic.start, 20)
    view.show(traj)
    np.testing.assert_array_equal(np.column_stack(view.line.get_data()), traj)
    assert view.caption.get_text() == f"20 passi: $f - f^*$ = {quadratic(traj[-1]):.3g}"


def test_divergence_is_said_in_words():
    fig, axes = new_figure()
    view = plots.PathView(axes[0, 0], quadratic)
    traj = run(GD(0.6), quadratic.grad, quadratic.start, 100)
    view.show(traj)
    assert view.caption.get_text() == f"divergenza al passo {len(traj)}"


def test_one_dimensional_paths_lie_on_the_curve():
    fig, axes = new_figure()
    view = plots.PathView(axes[0, 0], curve)
    traj = run(GD(0.1), curve.grad, curve.start, 10)
    view.show(traj)
    x, y = view.line.get_data()
    np.testing.assert_array_equal(y, curve(x))
    assert view.caption.get_text().startswith("10 passi: $w$ = ")


def test_loss_view_is_logarithmic_and_clips_round_off():
    fig, axes = new_figure()
    view = plots.LossView(axes[0, 0], quadratic, 30)
    traj = run(GD(0.25), quadratic.grad, [0.0, -2.0], 30)  # f = 0 esatto dopo un passo
    view.show(traj)
    assert axes[0, 0].get_yscale() == "log"
    assert view.lines[0].get_ydata().min() == plots.LOSS_FLOOR


def test_sweep_has_one_panel_per_value_plus_the_loss():
    fig = plots.sweep(quadratic, GD, [0.1, 0.4, 0.55], steps=10)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["$\\eta$ = 0.1", "$\\eta$ = 0.4", "$\\eta$ = 0.55", "Costo lungo il cammino"]


def test_panels_accept_different_landscapes_without_loss():
    fig = plots.panels([(plateau, GD(0.1), None), (curve, GD(0.1), None)], 10, ["a", "b"], loss=False)
    assert len(fig.axes) == 2


def test_trajectory_figure_updates_with_the_hyperparameters():
    fig, update = plots.trajectory_figure(quadratic, Momentum, steps=15)
    path_line = fig.axes[0].lines[-1]
    update(eta=0.1, beta=0.5)
    expected = run(Momentum(0.1, 0.5), quadratic.grad, quadratic.start, 15)
    np.testing.assert_array_equal(np.column_stack(path_line.get_data()), expected)


@pytest.mark.parametrize("eta", [1e-3, 0.5, 1.0, 1e3])
def test_trajectory_figure_at_extreme_values_draws_without_warnings(eta):
    fig, update = plots.trajectory_figure(curve, GD, steps=40)
    update(eta=eta, w0=curve.bounds[1])
    fig.canvas.draw()  # con filterwarnings = error, un avviso farebbe fallire il test


def test_surface_marks_points():
    fig = plots.surface(saddle, bounds=((-1, 1), (-1, 1)), marks={"punto sella": (0, 0)})
    assert fig.axes[0].name == "3d"
    assert "punto sella" in [t.get_text() for t in fig.axes[0].texts]


def test_loss_curves_draw_every_series_with_its_label():
    fig = plots.loss_curves({"lento": [3.0, 2.0, 1.0], "diverge": [3.0, 9.0]}, colors=["#000000", "#D55E00"])
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == ["lento", "diverge"]
    np.testing.assert_array_equal(ax.lines[1].get_xydata(), [[0, 3.0], [1, 9.0]])
    assert ax.get_yscale() == "log"


@pytest.mark.parametrize("count", range(1, 10))
def test_grid_layout_leaves_no_empty_cell(count):
    nrows, ncols, span = plots.grid_layout(count)
    assert ncols <= 3 and nrows == -(-count // 3)
    assert count - 1 + span == nrows * ncols  # ogni casella occupata: l'ultimo pannello ne prende span


def test_grid_layout_prefers_a_full_grid_with_as_many_rows():
    assert plots.grid_layout(4) == (2, 2, 1)
    assert plots.grid_layout(5) == (2, 3, 2)
    assert plots.grid_layout(8) == (3, 3, 2)
    assert plots.grid_layout(3, ncols=5) == (1, 3, 1)
    with pytest.raises(ValueError, match="count"):
        plots.grid_layout(0)


def test_four_cases_and_the_loss_fill_a_two_by_three_grid_with_a_wide_loss_panel():
    fig = plots.sweep(curve, GD, [0.01, 0.1, 0.3, 0.6], steps=10)
    assert len(fig.axes) == 5
    spans = [(ax.get_subplotspec().rowspan, ax.get_subplotspec().colspan) for ax in fig.axes]
    assert spans[:4] == [(range(0, 1), range(0, 1)), (range(0, 1), range(1, 2)), (range(0, 1), range(2, 3)),
                         (range(1, 2), range(0, 1))]
    assert spans[4] == (range(1, 2), range(1, 3))  # il costo occupa il resto dell'ultima riga
    assert fig.axes[4].get_title() == "Costo lungo il cammino"
    assert len(fig.axes[4].get_lines()) == 4


def test_three_cases_and_the_loss_make_a_two_by_two_grid():
    fig = plots.sweep(quadratic, GD, [0.1, 0.4, 0.45], steps=5)
    assert fig.axes[0].get_gridspec().get_geometry() == (2, 2)
    assert len(fig.axes) == 4

def test_spaced_markers_skip_only_points_too_close_to_the_last_marked():
    x = np.array([0.0, 0.001, 0.002, 0.5, 0.501, 1.0])
    assert plots.spaced_markers(x, np.zeros(6), (0, 1), (0, 1), gap=0.01) == [0, 3, 5]
    # distanze in frazioni degli assi: lo stesso cammino su un asse 100 volte più largo è tutto «vicino»
    assert plots.spaced_markers(x, np.zeros(6), (0, 100), (0, 1), gap=0.01) == [0, 5]
    assert plots.spaced_markers([], [], (0, 1), (0, 1)) == []


def test_paths_view_marks_every_arrival_and_draws_shorter_paths_on_top():
    fig, axes = new_figure()
    view = plots.PathsView(axes[0, 0], quadratic, ["#000000", "#D55E00"], ["corto", "lungo"])
    short = run(GD(0.01), quadratic.grad, quadratic.start, 5)
    long = run(GD(0.4), quadratic.grad, quadratic.start, 300)
    view.show(short, long)
    np.testing.assert_array_equal(np.column_stack(view.ends[1].get_data()), long[-1:])
    assert view.lines[0].get_zorder() > view.lines[1].get_zorder()
    assert len(view.lines[1].get_markevery()) < len(long)  # i passi minuscoli vicino al minimo non si segnano tutti
    assert view.lines[0].get_markevery() == list(range(6))  # i passi lunghi sì
    fig.canvas.draw()
