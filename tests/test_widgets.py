"""I cursori: posizioni e scritte vere, le due facce del pannello, nessun avviso agli estremi."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import pytest  # noqa: E402

from lib import GD, curve, display, quadratic  # noqa: E402
from lib import widgets  # noqa: E402
from lib.style import new_figure  # noqa: E402


def _figure():
    fig, axes = new_figure()
    axes[0, 0].plot([0, 1], [0, 1])
    return fig


@pytest.mark.parametrize("value, text", [(0.1, "0.1"), (30.0, "30"), (0.999, "0.999"), (0.9999, "0.9999"),
                                         (0.5, "0.5"), (3e-4, "3·10⁻⁴"), (1e-8, "10⁻⁸"), (16, "16"),
                                         (0.0123456, "0.01235"), (2.5e-5, "2.5·10⁻⁵")])
def test_values_are_written_as_they_are(value, text):
    assert widgets.format_value(value) == text


@pytest.mark.parametrize("spec", [
    dict(label="η", low=0.001, high=1.0, value=0.1, log=True, marks=(0.3, 0.6)),
    dict(label="η", low=0.01, high=100.0, value=30.0, log=True),
    dict(label="β", low=0.0, high=0.99, value=0.8, marks=(0.45,)),
    dict(label="w₀", low=0.0, high=6.5, value=0.5),
    dict(label="b", low=1, high=200, value=16, log=True),
    dict(label="s", low=1, high=150, value=50),
])
def test_positions_hold_the_start_the_marks_and_the_ends(spec):
    s = widgets.Slider(**spec)
    for values in (s.kernel_values(), s.static_values(), s.static_values(9)):
        assert list(values) == sorted(set(values))
        assert {s.low, s.high, s.value, *s.marks} <= set(values)
        assert all(s.low <= v <= s.high for v in values)
    assert len(s.kernel_values()) >= 60  # nel notebook scorre come continuo
    assert 9 <= len(s.static_values()) <= 30 and len(s.static_values(9)) <= 16
    assert all(isinstance(v, int) for v in s.kernel_values()) == s.integer


def test_explicit_positions_are_used_in_both_front_ends():
    s = widgets.slider("β₂", 0.0, 0.9999, 0.999, values=(0.9, 0.99, 0.999, 0.9999))
    assert s.kernel_values() == s.static_values() == (0.9, 0.99, 0.999, 0.9999)


def test_the_readout_is_the_value_used():
    """Il cursore mostra il valore che passa a update: 30 e non 30.2, 0.999 e non 1.00."""
    for s in (widgets.slider("η₀", 0.1, 100, 30.0, log=True), widgets.slider("β₂", 0.0, 0.9999, 0.999),
              widgets.slider("ε", 1e-8, 0.1, 1e-6, log=True)):
        w = s.widget()
        assert isinstance(w, ipywidgets.SelectionSlider) and w.value == s.value
        assert w.label == widgets.format_value(s.value)
        assert all(label == widgets.format_value(v) for label, v in w.options)


@pytest.mark.parametrize("spec, words", [
    (dict(label="η", low=1.0, high=0.1, value=0.5), "low < high"),
    (dict(label="η", low=0.0, high=1.0, value=0.5, log=True), "low > 0"),
    (dict(label="β", low=0.0, high=0.99, value=1.2), "deve stare in [0.0, 0.99]"),
    (dict(label="β", low=0.0, high=0.99, value=0.5, values=(0.1, 0.9)), "fra i suoi valori"),
])
def test_bad_specs_are_refused_in_italian(spec, words):
    with pytest.raises(ValueError, match=words.replace("[", r"\[").replace("]", r"\]")):
        widgets.Slider(**spec)


def test_slider_panel_calls_update_on_every_move():
    calls = []
    panel = widgets.slider_panel(_figure(), lambda eta: calls.append(eta), {"eta": widgets.slider("η", 0.01, 0.6, 0.4)})
    control = panel.widget.controls["eta"]
    control.value = 0.2
    assert set(calls[:-1]) == {0.4} and calls[-1] == 0.2  # all'inizio (anche più volte), poi a ogni movimento


def test_slider_panel_reports_rejected_values_in_italian(capsys):
    def update(eta):
        raise ValueError("eta deve essere un numero finito > 0; ricevuto 0")

    panel = widgets.slider_panel(_figure(), update, {"eta": widgets.slider("η", 0.0, 1.0, 0.0)})
    panel.widget  # noqa: B018 (costruire il pannello lo disegna)
    assert "Valori non ammessi: eta deve essere" in capsys.readouterr().out


@pytest.mark.parametrize("landscape, sliders", [
    (quadratic, {"eta": widgets.slider("η", 0.01, 0.6, 0.4)}),
    (curve, {"eta": widgets.slider("η", 0.001, 1.0, 0.1, log=True), "w0": widgets.slider("w₀", 0.0, 6.5, 0.5)}),
])
def test_explorer_survives_every_slider_at_its_extremes(landscape, sliders):
    panel = widgets.explorer(landscape, GD, steps=30, sliders=sliders)
    assert isinstance(panel.widget, ipywidgets.VBox)
    for control in panel.widget.controls.values():
        for _, value in (control.options[0], control.options[-1]):
            control.value = value


@pytest.mark.parametrize("low, high, expected", [(0.0, 0.99, 0.005), (0.01, 0.6, 0.005), (0.0, 6.5, 0.05),
                                                 (0.0, 1.0, 0.01), (0.0, 0.3, 0.002)])
def test_round_step_is_one_two_or_five_times_a_power_of_ten(low, high, expected):
    assert widgets.round_step(low, high) == pytest.approx(expected)
    assert (high - low) / widgets.round_step(low, high) >= 100


@pytest.mark.parametrize("target, mime", [(None, "application/vnd.jupyter.widget-view+json"),
                                          ("html", "text/html"), ("latex", "application/pdf")])
def test_a_panel_shows_itself_as_the_front_end_asks(monkeypatch, target, mime):
    if target is None:
        monkeypatch.delenv(display.FORMAT_ENV, raising=False)
    else:
        monkeypatch.setenv(display.FORMAT_ENV, target)
    panel = widgets.explorer(quadratic, GD, steps=10, sliders={"eta": widgets.slider("η", 0.1, 0.4, 0.2, step=0.1)})
    bundle = panel._repr_mimebundle_()
    assert mime in bundle
    if target == "html":
        assert 'class="cursori"' in bundle["text/html"] and "application/vnd.jupyter.widget-view+json" not in bundle


def test_a_menu_builds_each_panel_once_and_switches():
    built = []

    def make(name):
        built.append(name)
        return widgets.slider_panel(_figure(), lambda eta: None, {"eta": widgets.slider("η", 0.1, 0.4, 0.2)})

    menu = widgets.Menu("Paesaggio", {name: (lambda name=name: make(name)) for name in ("a", "b")})
    box = menu.widget
    assert built == ["a"] and box.menu.options == ("a", "b")
    box.menu.value = "b"
    box.menu.value = "a"
    assert built == ["a", "b"] and box.children[1] is menu.panel("a").widget


def test_the_static_face_creates_no_ipywidgets_model(monkeypatch):
    """Sul sito nessun modello di ipywidgets: myst-nb ne salverebbe lo stato (e 3.6 MB di JavaScript) nella pagina."""
    from ipywidgets.widgets.widget import _instances

    monkeypatch.setenv(display.FORMAT_ENV, "html")
    before = set(_instances)
    panel = widgets.explorer(quadratic, GD, steps=10, sliders={"eta": widgets.slider("η", 0.1, 0.4, 0.2, step=0.1)})
    panel._repr_mimebundle_()
    assert set(_instances) == before
