"""I cursori sul sito statico, in Chromium, senza kernel: ogni controllo risponde con il fotogramma giusto.

Per ogni capitolo, sul sito servito da 127.0.0.1 (ogni altra richiesta è
bloccata), ogni cursore di ogni controllo (di ogni scena, per i menu) si porta
con la tastiera al primo valore, all'ultimo e a due posizioni intermedie. Dopo
ogni tasto l'immagine mostrata deve essere quella che la descrizione del
controllo assegna a quelle posizioni (sfondo e strati nell'ordine del kernel,
ciascuno al suo posto nella figura), decodificata e visibile; la scritta e ``aria-valuetext`` devono dire il valore;
nessun errore JavaScript né richiesta fallita; nessun cursore che non cambia
nulla fra un estremo e l'altro. Sul telefono i pannelli del controllo vanno uno
sotto l'altro, dentro lo schermo.
"""

from __future__ import annotations

import json

import pytest

from test_site import NOTEBOOK_CHAPTERS, report

# La descrizione del controllo e ciò che mostra la prima striscia (gli indirizzi come scritti nella pagina).
STATE_JS = """
(root) => {
  const strip = root.querySelector(".cursori-striscia");
  const images = [...strip.querySelectorAll("img")];
  const canvas = strip.querySelector(".cursori-tela").getBoundingClientRect();
  return {
    spec: JSON.parse(root.dataset.cursori),
    shown: images.map((img) => img.getAttribute("src")),
    // il riquadro di ogni strato, in frazioni della tela (la figura intera)
    boxes: images.slice(1).map((img) => {
      const r = img.getBoundingClientRect();
      return [(r.left - canvas.left) / canvas.width, (r.top - canvas.top) / canvas.height,
              (r.right - canvas.left) / canvas.width, (r.bottom - canvas.top) / canvas.height];
    }),
    painted: images.every((img) => img.complete && img.naturalWidth > 0),
    count: Number(root.querySelector(".cursori-figura").dataset.mostrati || 0),
    label: root.querySelector(".cursori-figura").getAttribute("aria-label"),
  };
}
"""


def expected_images(spec, positions):
    """Le immagini di una striscia per ``positions`` (indice di ogni cursore), come ``cursori.js`` le ordina:
    gli indirizzi (lo sfondo per primo) e i riquadri degli strati."""
    frames = []
    for layer in spec["layers"]:
        index = 0
        for i in layer["sliders"]:
            index = index * len(spec["sliders"][i]["values"]) + positions[i]
        frames.append(layer["frames"][index])
    order = sorted(range(len(frames)), key=lambda i: (frames[i].get("z", 0), i))
    sprites = [(frames[i]["src"], frames[i]["box"]) for i in order]
    sprites += [(f["labels"], f["lbox"]) for f in frames if "labels" in f]
    return [spec["backgrounds"][frames[0]["b"]]] + [src for src, _ in sprites], [box for _, box in sprites]


def misplaced(shown, expected, tolerance=0.002):
    """Gli indici degli strati il cui riquadro sulla pagina non è quello della descrizione."""
    return [i for i, (a, b) in enumerate(zip(shown, expected)) if max(abs(x - y) for x, y in zip(a, b)) > tolerance]


def press(tab, root, control, key, before):
    """Preme ``key`` sul cursore ``control`` del controllo ``root`` e aspetta che la figura mostri il nuovo fotogramma."""
    control.press(key)
    tab.wait_for_function("([root, n]) => Number(root.querySelector('.cursori-figura').dataset.mostrati) > n",
                          arg=[root.element_handle(), before])


def controls_of(tab):
    """I controlli della pagina: ``(locator, (menu, voce) o None)``; le scene di un menu si mostrano scegliendole."""
    found = []
    menus = tab.locator(".cursori-menu")
    for m in range(menus.count()):
        scenes = menus.nth(m).locator(".cursori-scena")
        found += [(scenes.nth(k).locator(".cursori"), (menus.nth(m).locator("select"), k))
                  for k in range(scenes.count())]
    alone = tab.locator(".cursori:not(.cursori-menu .cursori)")
    return found + [(alone.nth(i), None) for i in range(alone.count())]


@pytest.mark.parametrize("page_name", NOTEBOOK_CHAPTERS)
def test_every_static_control_answers_with_the_right_frame(page, site_url, page_name):
    tab = page(1400, 900)
    tab.goto(f"{site_url}{page_name}.html")
    problems = []
    controls = controls_of(tab)
    assert controls, report(page_name, ["nessun controllo con cursori nella pagina"])
    for root, choice in controls:
        if choice is not None:
            select, index = choice
            select.select_option(index=index)
        root.scroll_into_view_if_needed()
        tab.wait_for_function("(root) => Number(root.querySelector('.cursori-figura').dataset.mostrati) > 0",
                              arg=root.element_handle())
        state = root.evaluate(STATE_JS)
        spec = state["spec"]
        positions = [s["start"] for s in spec["sliders"]]
        for i, slider in enumerate(spec["sliders"]):
            control = root.locator(f'input[data-nome="{slider["name"]}"]')
            last = len(slider["values"]) - 1
            seen = []
            for key, target in (("Home", 0), ("End", last), ("Home", 0), ("ArrowRight", 1),
                                ("End", last), ("ArrowLeft", last - 1)):
                if positions[i] == target:
                    continue
                press(tab, root, control, key, state["count"])
                positions[i] = target
                state = root.evaluate(STATE_JS)
                where = f"{slider['label']} = {slider['values'][target]}"
                sources, boxes = expected_images(spec, positions)
                if state["shown"] != sources:
                    problems.append(f"{where}: la figura non mostra il fotogramma atteso")
                elif wrong := misplaced(state["boxes"], boxes):
                    problems.append(f"{where}: gli strati {wrong} non sono al loro posto nella figura")
                if not state["painted"]:
                    problems.append(f"{where}: immagini non caricate")
                if control.get_attribute("aria-valuetext").split(" = ")[-1] != slider["values"][target]:
                    problems.append(f"{where}: aria-valuetext dice {control.get_attribute('aria-valuetext')!r}")
                output = control.locator("xpath=following-sibling::output").inner_text()
                if output != slider["values"][target]:
                    problems.append(f"{where}: la scritta dice {output!r}")
                seen.append((target, tuple(state["shown"])))
            ends = {shown for target, shown in seen if target in (0, last)}
            if len(ends) < 2:
                problems.append(f"cursore {slider['label']}: fra il primo e l'ultimo valore la figura non cambia")
    problems += tab.errors
    assert not problems, report(page_name, problems)


@pytest.mark.parametrize("page_name", NOTEBOOK_CHAPTERS)
def test_static_controls_stack_their_panels_on_a_phone(page, site_url, page_name):
    tab = page(390, 844, phone=True)
    tab.goto(f"{site_url}{page_name}.html")
    problems = []
    figures = tab.locator(".cursori-figura")
    for i in range(figures.count()):
        figure = figures.nth(i)
        if not figure.is_visible():
            continue  # le scene nascoste dei menu
        boxes = figure.evaluate("(f) => [...f.querySelectorAll('.cursori-striscia')].map((s) => {"
                                "const r = s.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; })")
        width = tab.evaluate("() => document.documentElement.clientWidth")
        if any(left < -1 or right > width + 1 for left, right, _, _ in boxes):
            problems.append(f"controllo {i + 1}: un pannello esce dallo schermo ({json.dumps(boxes)})")
        if any(b[2] < a[3] - 1 for a, b in zip(boxes, boxes[1:])):
            problems.append(f"controllo {i + 1}: i pannelli non stanno uno sotto l'altro")
    problems += tab.errors
    assert not problems, report(page_name, problems)
