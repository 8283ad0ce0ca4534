"""L'arena: il paesaggio a quattro minimi, la figura statica, i cursori agli estremi."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lib import GD, run  # noqa: E402
from lib.arena import OPTIMIZERS, SETTINGS, ArenaView, arena, arena_figure, make_optimizer  # noqa: E402
from lib.landscapes import Curve, Wells, wells  # noqa: E402


def finite_difference(f, w, h=1e-6):
    return np.array([(f(w + h * e) - f(w - h * e)) / (2 * h) for e in np.eye(w.size)])


def test_wells_gradient_matches_finite_differences():
    (x0, x1), (y0, y1) = wells.bounds
    for w in np.random.default_rng(0).uniform([x0, y0], [x1, y1], size=(20, 2)):
        np.testing.assert_allclose(wells.grad(w), finite_difference(wells, w), rtol=1e-6, atol=1e-5)


def test_wells_has_four_minima_and_the_global_one_is_d_d():
    # g(w) = w⁴/4 − (b+c+d) w³/3 + (bc+bd+cd) w²/2 − bcd·w + cost.: con k = 1, b = −1, c = 0, d = 1 è
    # w⁴/4 − w²/2 + cost., simmetrica: i quattro minimi hanno lo stesso valore
    symmetric = Wells(Curve(a=-2, b=-1, c=0, d=1, k=1), Curve(a=-2, b=-1, c=0, d=1, k=1))
    assert [symmetric(np.array(m)) for m in symmetric.minima] == pytest.approx([0, 0, 0, 0], abs=1e-12)
    assert symmetric(np.array([0.0, 0.0])) == pytest.approx(0.5)  # il massimo: 2 · (0 − (1/4 − 1/2))
    assert len(wells.minima) == 4
    for m in wells.minima:
        np.testing.assert_array_equal(wells.grad(np.array(m)), [0, 0])
    values = [wells(np.array(m)) for m in wells.minima]
    assert min(values) == pytest.approx(0, abs=1e-12) and wells.minima[int(np.argmin(values))] == (1.5, 1.2)
    assert sorted(values)[1] > 0.1  # gli altri tre sono minimi locali, più alti


def test_wells_minima_go_from_the_starting_basin_to_the_global_one():
    """L'ordine promesso da Wells.minima: primo (b_g, b_h), poi (b_g, d_h), (d_g, b_h), ultimo (d_g, d_h)."""
    g, h = Curve(a=-3, b=-2, c=0, d=4, k=1), Curve(a=-1, b=1, c=2, d=3, k=2)
    assert Wells(g, h).minima == ((-2, 1), (-2, 3), (4, 1), (4, 3))
    assert wells.minima[0] == (-1.5, -1.0) and wells.minima[-1] == (1.5, 1.2)


def test_wells_traps_gradient_descent_in_a_local_minimum():
    traj = run(GD(0.1), wells.grad, wells.start, 200)
    np.testing.assert_allclose(traj[-1], [-1.5, -1.0], atol=1e-6)


def test_every_setting_has_defaults_for_every_optimizer():
    for setting in SETTINGS.values():
        assert set(setting.params) == set(OPTIMIZERS)
        for name, params in setting.params.items():
            assert set(params) == set(OPTIMIZERS[name][1])
            for p, value in params.items():
                _, low, high, _ = OPTIMIZERS[name][1][p]
                assert low <= value <= high


@pytest.mark.parametrize("name", list(SETTINGS))
def test_arena_figure_draws_every_optimizer(name):
    fig = arena_figure(name)
    paths, loss = fig.axes[:2]
    assert loss.get_yscale() == "log"
    labels = [t.get_text() for t in loss.texts][1:]  # dopo l'intestazione «dopo N passi», un esito per metodo
    assert [label.split(":")[0] for label in labels] == list(OPTIMIZERS)
    setting = SETTINGS[name]
    expected = run(make_optimizer("Adam", setting.params["Adam"]), setting.landscape.grad, setting.landscape.start,
                   setting.steps)
    x, y = _path_line(paths, 5).get_data()
    np.testing.assert_array_equal(x if setting.landscape.dim == 1 else np.column_stack([x, y]), expected)
    fig.canvas.draw()


def _path_line(ax, index):
    """La linea della traiettoria numero ``index`` (le linee con etichetta, nell'ordine degli ottimizzatori)."""
    return [line for line in ax.lines if line.get_label() in OPTIMIZERS][index]


@pytest.mark.parametrize("name", list(SETTINGS))
def test_extreme_hyperparameters_never_warn_and_say_divergence_in_words(name):
    view = ArenaView(SETTINGS[name])
    for end in (1, 2):  # tutti al minimo, poi tutti al massimo
        params = {opt: {p: spec[end] for p, spec in specs.items()} for opt, (_, specs) in OPTIMIZERS.items()}
        trajectories = view.show(params)
        view.fig.canvas.draw()  # con filterwarnings = error un avviso fa fallire il test
        labels = [t.get_text() for t in view.results]
        for label, traj in zip(labels, trajectories):
            assert ("divergenza al passo" in label) == traj.diverged


def test_the_widget_switches_landscape_with_its_own_sliders():
    box = arena().widget
    menu, panel = box.children
    assert isinstance(menu, ipywidgets.Dropdown) and list(menu.options) == list(SETTINGS)
    accordion = panel.children[0]
    assert accordion.titles[0].startswith("GD")
    menu.value = "Rosenbrock"
    accordion = box.children[1].children[0]
    gd_eta = accordion.children[0].children[0]
    assert gd_eta.value == pytest.approx(SETTINGS["Rosenbrock"].params["GD"]["eta"])
    for group in accordion.children:
        for s in group.children:
            s.value = s.options[-1][1]
