"""I cursori: si costruiscono, reagiscono, e agli estremi non sollevano né avvisano."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import pytest  # noqa: E402

from lib import GD, curve, quadratic  # noqa: E402
from lib import widgets  # noqa: E402
from lib.style import new_figure  # noqa: E402


def _figure():
    fig, axes = new_figure()
    axes[0, 0].plot([0, 1], [0, 1])
    return fig


def test_slider_kinds_and_italian_labels():
    assert isinstance(widgets.slider("η", 0.001, 1.0, 0.1, log=True), ipywidgets.FloatLogSlider)
    assert isinstance(widgets.slider("passi", 1, 100, 20), ipywidgets.IntSlider)
    s = widgets.slider("partenza w₀", 0.0, 6.5, 0.5)
    assert isinstance(s, ipywidgets.FloatSlider) and s.description == "partenza w₀"


def test_slider_panel_calls_update_on_every_move():
    calls = []
    eta = widgets.slider("η", 0.01, 0.6, 0.4)
    widgets.slider_panel(_figure(), lambda eta: calls.append(eta), {"eta": eta})
    eta.value = 0.2
    assert set(calls[:-1]) == {0.4} and calls[-1] == 0.2  # all'inizio (anche più volte), poi a ogni movimento


def test_slider_panel_reports_rejected_values_in_italian(capsys):
    def update(eta):
        raise ValueError("eta deve essere un numero finito > 0; ricevuto 0")

    widgets.slider_panel(_figure(), update, {"eta": widgets.slider("η", 0.0, 1.0, 0.0)})
    assert "Valori non ammessi: eta deve essere" in capsys.readouterr().out


@pytest.mark.parametrize("landscape, sliders", [
    (quadratic, {"eta": widgets.slider("η", 0.01, 0.6, 0.4)}),
    (curve, {"eta": widgets.slider("η", 0.001, 1.0, 0.1, log=True), "w0": widgets.slider("w₀", 0.0, 6.5, 0.5)}),
])
def test_explorer_survives_every_slider_at_its_extremes(landscape, sliders):
    panel = widgets.explorer(landscape, GD, steps=30, sliders=sliders)
    assert isinstance(panel, ipywidgets.VBox)
    for s in sliders.values():
        for value in (s.min if not isinstance(s, ipywidgets.FloatLogSlider) else 10**s.min,
                      s.max if not isinstance(s, ipywidgets.FloatLogSlider) else 10**s.max):
            s.value = value


@pytest.mark.parametrize("low, high, expected", [(0.0, 0.99, 0.005), (0.01, 0.6, 0.005), (0.0, 6.5, 0.05),
                                                 (0.0, 1.0, 0.01), (0.0, 0.3, 0.002)])
def test_round_step_is_one_two_or_five_times_a_power_of_ten(low, high, expected):
    assert widgets.round_step(low, high) == pytest.approx(expected)
    assert (high - low) / widgets.round_step(low, high) >= 100


@pytest.mark.parametrize("low, high, value", [(0.0, 0.99, 0.8), (0.01, 0.6, 0.4), (0.0, 6.5, 0.5), (0.0, 0.999, 0.9)])
def test_float_sliders_keep_the_values_written_in_the_text(low, high, value):
    assert widgets.slider("β", low, high, value).value == value
