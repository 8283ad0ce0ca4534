"""I fotogrammi del sito: sono ciò che il kernel disegna, si sommano per strati, stanno nel limite di byte."""

import html
import io
import json
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from lib import GD, curve, frames, plots, quadratic, widgets  # noqa: E402
from lib.arena import arena_panel  # noqa: E402
from lib.figures import momentum  # noqa: E402
from lib.live import LiveFigure  # noqa: E402


def _quadratic_panel():
    return widgets.explorer(quadratic, GD, steps=20,
                            sliders={"eta": widgets.slider("η", 0.1, 0.6, 0.4, values=(0.1, 0.4, 0.45, 0.6))})


def _kernel_picture(panel, state):
    """Ciò che mostra il kernel per ``state``: la figura della faccia ipywidgets, alla stessa risoluzione."""
    panel.fig.set_dpi(200)
    live = LiveFigure(panel.fig)
    panel.update(**panel.defaults())
    live.png()
    panel.update(**state)
    return np.asarray(Image.open(io.BytesIO(live.png())).convert("RGBA")).astype(int)


def _differing(a, b):
    return np.mean(np.abs(a - b.astype(int)).max(axis=-1) > 8)


def test_every_frame_is_what_the_kernel_draws():
    panel = _quadratic_panel()
    rendering = frames.render(panel)
    (layer,) = rendering.layers
    assert len(layer.frames) == 4 and layer.names == ("eta",)
    for i, eta in enumerate(layer.grids["eta"]):
        site = frames.composite(rendering, {"eta": i})
        kernel = _kernel_picture(_quadratic_panel(), {"eta": eta})
        assert site.shape == kernel.shape
        assert _differing(kernel, site) < frames.TOLERANCE
    # e i fotogrammi sono davvero diversi fra loro
    assert _differing(frames.composite(rendering, {"eta": 0}).astype(int), frames.composite(rendering, {"eta": 3})) > 0.01


def test_layer_images_are_cropped_to_what_they_draw():
    """Uno strato è ritagliato sui suoi pixel: più piccolo della figura, nessun bordo vuoto, stessa figura composta."""
    rendering = frames.render(_quadratic_panel())
    width, height = rendering.width, rendering.height
    for frame in rendering.layers[0].frames:
        x0, y0, x1, y1 = frame.image.box
        pixels = np.asarray(Image.open(io.BytesIO(frame.image.data)).convert("RGBA"))
        assert pixels.shape[:2] == (y1 - y0, x1 - x0)
        assert (x1 - x0) * (y1 - y0) < 0.8 * width * height
        alpha = pixels[..., 3] > 0
        assert alpha[0].any() and alpha[-1].any() and alpha[:, 0].any() and alpha[:, -1].any()
    empty = np.zeros((5, 7, 4), np.uint8)
    assert frames._content_box(empty) == (0, 0, 1, 1)
    empty[2, 3, 3] = 255
    assert frames._content_box(empty) == (3, 2, 4, 3)


def test_frames_of_independent_layers_add_up():
    fig, update = momentum.comparison(steps=20)
    sliders = {"eta": widgets.slider("η", 0.1, 0.5, 0.4, values=(0.1, 0.4, 0.5)),
               "beta": widgets.slider("β", 0.0, 0.9, 0.5, values=(0.0, 0.5, 0.9))}
    panel = widgets.slider_panel(fig, update, sliders)
    rendering = frames.render(panel)
    momentum_layer, gd_layer = rendering.layers
    assert len(momentum_layer.frames) == 9 and len(gd_layer.frames) == 3  # 3 × 3 + 3, non 3 × 3 × 3
    assert len(rendering.backgrounds) == 1
    assert all(f.labels is not None for f in momentum_layer.frames)  # le scritte vanno sopra tutti gli strati
    described = json.loads(json.dumps(frames.spec(panel, rendering)))  # la descrizione per cursori.js è JSON
    assert all(isinstance(f["z"], float) for layer in described["layers"] for f in layer["frames"])


def test_a_layer_needs_a_fixed_background():
    """Se un cursore cambia i limiti di un asse, gli strati non si possono sommare: la costruzione si ferma."""
    fig, update = plots.trajectory_figure(quadratic, GD, 20)
    path_artists = [a for a in fig.axes[0].lines]
    panel = widgets.Panel(fig, update, {"eta": widgets.slider("η", 0.1, 0.6, 0.4, values=(0.1, 0.4, 0.6))},
                          layers=[(path_artists, ("eta",))])
    with pytest.raises(ValueError, match="sfondo del pannello cambia|immagine diversa"):
        frames.render(panel)


def test_the_budget_names_the_panel_its_frames_and_bytes():
    panel = _quadratic_panel()
    with pytest.raises(ValueError, match=r"Il pannello «Quadratica.*\(cursori η\)» ha 4 fotogrammi e 0\.\d MB"):
        frames.control_html(panel, budget=10_000)


def test_the_control_describes_itself():
    panel = widgets.explorer(curve, GD, steps=20, sliders={
        "eta": widgets.slider("η", 0.01, 1.0, 0.1, values=(0.01, 0.1, 1.0)),
        "w0": widgets.slider("partenza w₀", 0.0, 6.0, 0.5, values=(0.0, 0.5, 6.0)),
    })
    body, alt = frames.control_html(panel)
    spec = json.loads(html.unescape(re.search(r'data-cursori="([^"]*)"', body)[1]))
    assert [s["name"] for s in spec["sliders"]] == ["eta", "w0"]
    assert spec["sliders"][0]["values"] == ["0.01", "0.1", "1"] and spec["sliders"][0]["start"] == 1
    assert len(spec["layers"][0]["frames"]) == 9 and len(spec["strips"]) == 2
    assert 'aria-valuetext="η = 0.1"' in body and "<output>0.5</output>" in body
    assert "40 passi" not in alt and "20 passi" in alt  # il testo alternativo dice che cosa mostra la figura
    assert "divergenza al passo" in spec["layers"][0]["frames"][6]["alt"]  # η = 1 da w₀ = 0: diverge
    assert "Sul sito: η 3 posizioni, partenza w₀ 3 posizioni." in body


def test_the_arena_offers_one_slider_per_method_and_says_what_stays():
    panel = arena_panel("Quadratica degli appunti")
    offered = [tuple(n for n in names if n in panel.static) for _, names in panel.layers]
    assert offered == [("GD_eta",), ("Momentum_beta",), ("Adagrad_eta",), ("RMSProp_eta",), ("Adadelta_eps",),
                       ("Adam_eta",)]
    positions = frames.grids(panel, offered)
    layers = [frames.Layer(names, {n: positions[n] for n in names}) for names in offered]
    note = frames.note(panel, frames.Rendering(1, 1, [(0.0, 1.0)], [], layers))
    assert "Momentum: η resta a 0.4, β 21 posizioni" in note and "β₂ resta a 0.999" in note
