"""Le figure del capitolo sul momentum, e plots.PathsView: mostrano i dati giusti, senza avvisi."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lib import GD, Momentum, curve, quadratic, run  # noqa: E402
from lib import plots, widgets  # noqa: E402
from lib.figures import momentum as figures  # noqa: E402
from lib.style import new_figure  # noqa: E402


def test_paths_view_draws_every_trajectory_and_says_each_outcome():
    fig, axes = new_figure()
    view = plots.PathsView(axes[0, 0], quadratic, ["#000000", "#D55E00"], ["lento", "esplode"])
    slow = run(GD(0.1), quadratic.grad, quadratic.start, 5)
    wild = run(GD(0.6), quadratic.grad, quadratic.start, 100)
    view.show(slow, wild)
    np.testing.assert_array_equal(np.column_stack(view.lines[0].get_data()), slow)
    np.testing.assert_array_equal(np.column_stack(view.lines[1].get_data()), wild)
    assert view.caption.get_text().splitlines() == [
        f"lento: 5 passi: $f - f^*$ = {quadratic(slow[-1]):.3g}", f"esplode: divergenza al passo {len(wild)}"]
    assert len(axes[0, 0].collections) == 2  # le curve di livello (piene e linee) disegnate una volta


def test_paths_view_in_one_dimension_lies_on_the_curve():
    fig, axes = new_figure()
    view = plots.PathsView(axes[0, 0], curve, ["#000000"], ["GD"])
    view.show(run(GD(0.1), curve.grad, curve.start, 10))
    x, y = view.lines[0].get_data()
    np.testing.assert_array_equal(y, curve(x))


def test_weights_figure_plots_powers_of_beta():
    fig = figures.weights_figure([0.5, 0.9], k=4)
    lines = fig.axes[0].lines
    np.testing.assert_allclose(lines[0].get_ydata(), [0.125, 0.25, 0.5, 1.0])
    np.testing.assert_allclose(lines[1].get_ydata(), [0.729, 0.81, 0.9, 1.0])
    assert "somma 1.88" in lines[0].get_label()  # 1 + 0.5 + 0.25 + 0.125


def test_comparison_shows_momentum_and_gd_with_the_same_eta():
    fig, update = figures.comparison(steps=12)
    update(eta=0.3, beta=0.7)
    momentum_line, gd_line = fig.axes[0].lines[-2:]
    np.testing.assert_array_equal(np.column_stack(momentum_line.get_data()),
                                  run(Momentum(0.3, 0.7), quadratic.grad, quadratic.start, 12))
    np.testing.assert_array_equal(np.column_stack(gd_line.get_data()), run(GD(0.3), quadratic.grad, quadratic.start, 12))


@pytest.mark.parametrize("eta, beta", [(0.01, 0.0), (0.01, 0.99), (1.2, 0.0), (1.2, 0.99)])
def test_comparison_slider_extremes_draw_without_warnings(eta, beta):
    fig, update = figures.comparison(steps=60)
    panel = widgets.slider_panel(fig, update, {"eta": widgets.slider("η", 0.01, 1.2, eta),
                                                "beta": widgets.slider("β", 0.0, 0.99, beta)})
    assert panel.children
    fig.canvas.draw()  # con filterwarnings = error un avviso farebbe fallire il test


def test_coordinates_plot_positions_and_velocities_of_both_runs():
    fig = figures.coordinates(eta=0.4, beta=0.5, steps=3)
    top_left, bottom_left = fig.axes[0], fig.axes[2]
    # GD: w₁⁽ᵏ⁾ = −5·0.92ᵏ; momentum: v⁽¹⁾ = ∇C(w⁽⁰⁾) = (−1, −8), v⁽²⁾ = 0.5·v⁽¹⁾ + ∇C(w⁽¹⁾)
    np.testing.assert_allclose(top_left.lines[0].get_ydata(), [-5, -4.6, -4.232, -3.89344])
    np.testing.assert_array_equal(top_left.lines[0].get_xdata(), [0, 1, 2, 3])  # w⁽⁰⁾ … w⁽³⁾
    np.testing.assert_array_equal(bottom_left.lines[1].get_xdata(), [1, 2, 3])  # v⁽¹⁾ … v⁽³⁾
    assert bottom_left.lines[1].get_ydata()[0] == pytest.approx(-1.0)
    assert bottom_left.lines[1].get_ydata()[1] == pytest.approx(0.5 * -1.0 + 0.2 * -4.6)


def test_rate_vs_eta_has_one_curve_per_beta():
    fig = figures.rate_vs_eta([0.0, 0.8])
    gd, momentum = fig.axes[0].lines[:2]
    assert gd.get_label().startswith("GD") and momentum.get_label() == "$\\beta$ = 0.8"
    reference = [line for line in fig.axes[0].lines if line.get_label().startswith("miglior GD")]
    assert len(reference) == 1 and reference[0].get_ydata()[0] == pytest.approx(3.8 / 4.2)
    eta = gd.get_xdata()
    inside = (eta > 0.06) & (eta < 0.89)  # dove tutti gli autovalori sono complessi: fattore √0.8
    np.testing.assert_allclose(momentum.get_ydata()[inside], np.sqrt(0.8))


def test_rate_map_marks_the_optimum_and_hides_divergence():
    fig = figures.rate_map(size=41)
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.lines]
    assert "ottimo del momentum: fattore 0.6345" in labels and "miglior GD: fattore 0.9048" in labels
    mesh = ax.collections[0]
    assert np.ma.getmaskarray(mesh.get_array()).any()  # la regione che diverge non ha colore
    fig.canvas.draw()


def test_curve_explorer_of_the_chapter_survives_its_extremes():
    sliders = {"eta": widgets.slider("η", 0.001, 1.0, 0.1, log=True), "beta": widgets.slider("β", 0.0, 0.99, 0.8)}
    widgets.explorer(curve, Momentum, steps=60, sliders=sliders)
    for eta in (1e-3, 1.0):
        for beta in (0.0, 0.99):
            sliders["eta"].value, sliders["beta"].value = eta, beta
