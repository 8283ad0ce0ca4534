// I cursori sul sito statico, senza kernel (i fotogrammi li calcola lib/frames.py).
//
// Ogni .cursori porta in data-cursori la sua descrizione: i cursori (scritte delle
// posizioni), gli sfondi, gli strati con un fotogramma per combinazione dei loro
// cursori (ogni immagine ritagliata sul suo contenuto, con il suo riquadro), le
// strisce della figura. Muovere un cursore cambia l'immagine di ogni strato che ne
// dipende; le immagini vicine si scaricano in anticipo. Sotto i 40em le strisce (i
// pannelli affiancati) vanno una sotto l'altra, solo con il CSS.
// Un menu (.cursori-menu, l'arena) mostra una scena alla volta.
(() => {
  "use strict";

  // Il fotogramma di uno strato: l'ultimo dei suoi cursori cambia più in fretta.
  const frameOf = (spec, layer, positions) =>
    layer.frames[layer.sliders.reduce((index, i) => index * spec.sliders[i].values.length + positions[i], 0)];

  const image = (className, width, height) => {
    const img = document.createElement("img");
    Object.assign(img, { className, alt: "", decoding: "async" });
    if (width) Object.assign(img, { width, height });
    return img;
  };

  // Un'immagine ritagliata va nel suo riquadro [x0, y0, x1, y1], in frazioni della figura intera.
  const place = (img, [x0, y0, x1, y1]) => Object.assign(img.style, {
    left: `${100 * x0}%`, top: `${100 * y0}%`, width: `${100 * (x1 - x0)}%`, height: `${100 * (y1 - y0)}%`,
  });

  function setup(root) {
    const spec = JSON.parse(root.dataset.cursori);
    const [width, height] = spec.size;
    const figure = root.querySelector(".cursori-figura");
    // i cursori nell'ordine della descrizione (la pagina li può raggruppare in un altro ordine)
    const inputs = spec.sliders.map((s) => root.querySelector(`input[data-nome="${s.name}"]`));
    const outputs = inputs.map((input) => input.parentElement.querySelector("output"));
    const positions = inputs.map((input) => Number(input.value));

    // una striscia per pannello: dentro, la tela della figura intera, spostata e ritagliata
    const labelled = spec.layers.filter((layer) => "labels" in layer.frames[0]);
    figure.replaceChildren(...spec.strips.map(([x0, x1]) => {
      const strip = document.createElement("div");
      strip.className = "cursori-striscia";
      strip.style.setProperty("--x0", x0);
      strip.style.setProperty("--w", x1 - x0);
      strip.style.aspectRatio = `${(x1 - x0) * width} / ${height}`;
      const canvas = document.createElement("div");
      canvas.className = "cursori-tela";
      // sopra lo sfondo gli strati, e sopra tutti le scritte degli strati che le hanno a parte
      canvas.append(image("cursori-sfondo", width, height),
                    ...spec.layers.map(() => image("cursori-strato")),
                    ...labelled.map(() => image("cursori-strato")));
      strip.append(canvas);
      return strip;
    }));

    // un'immagine decodificata per indirizzo: si scarica e si decodifica una volta sola
    const decoded = new Map();
    const ready = (src) => {
      if (!decoded.has(src)) {
        const img = new Image();
        img.src = src;
        decoded.set(src, img.decode().catch(() => undefined));
      }
      return decoded.get(src);
    };
    let latest = 0;

    async function show() {
      const frames = spec.layers.map((layer) => frameOf(spec, layer, positions));
      // le linee degli strati nell'ordine del loro z (come il kernel), poi ciò che sta sopra le linee
      const order = frames.map((f, i) => [f.z || 0, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
      const sprites = order.map((i) => [frames[i].src, frames[i].box])
        .concat(frames.filter((f) => f.labels).map((f) => [f.labels, f.lbox]));
      const background = spec.backgrounds[frames[0].b];
      inputs.forEach((input, i) => {
        const slider = spec.sliders[i];
        const text = slider.values[positions[i]];
        outputs[i].textContent = text;
        input.setAttribute("aria-valuetext", `${input.dataset.voce || slider.label} = ${text}`);
      });
      // tutti gli strati cambiano insieme, quando le loro immagini sono pronte (e se nel frattempo il
      // cursore non si è già mosso di nuovo)
      const request = ++latest;
      await Promise.all([background, ...sprites.map(([src]) => src)].map(ready));
      if (request !== latest) return;
      for (const canvas of figure.querySelectorAll(".cursori-tela")) {
        const [back, ...layers] = canvas.children;
        back.src = background;
        layers.forEach((img, i) => {
          img.src = sprites[i][0];
          place(img, sprites[i][1]);
        });
      }
      figure.setAttribute("aria-label", frames.map((f) => f.alt).filter(Boolean).join("; "));
      figure.dataset.mostrati = String(request);
      // i vicini di ogni cursore, per il prossimo movimento
      inputs.forEach((_, i) => {
        for (const step of [-1, 1]) {
          const next = positions.slice();
          next[i] += step;
          if (next[i] < 0 || next[i] >= spec.sliders[i].values.length) continue;
          spec.layers.forEach((layer) => {
            const frame = frameOf(spec, layer, next);
            [frame.src, frame.labels, spec.backgrounds[frame.b]].filter(Boolean).forEach(ready);
          });
        }
      });
    }

    inputs.forEach((input, i) => input.addEventListener("input", () => {
      positions[i] = Number(input.value);
      show();
    }));
    whenNear(root, show);
  }

  // Le immagini di un controllo si scaricano quando arriva a meno di uno schermo dalla finestra: il
  // primo caricamento della pagina non porta i fotogrammi (né i loro vicini) dei controlli lontani.
  const waiting = new Map();
  const observer = "IntersectionObserver" in window && new IntersectionObserver((entries) => {
    entries.filter((entry) => entry.isIntersecting).forEach(({ target }) => {
      observer.unobserve(target);
      waiting.get(target)();
      waiting.delete(target);
    });
  }, { rootMargin: "100% 0px" });
  function whenNear(element, callback) {
    if (!observer) return callback();
    waiting.set(element, callback);
    observer.observe(element);
  }

  // L'arena: un menu di scene, ognuna con i suoi cursori; una scena si prepara la prima volta che si vede.
  function setupMenu(menu) {
    const select = menu.querySelector("select");
    const scenes = [...menu.querySelectorAll(".cursori-scena")];
    const choose = () => scenes.forEach((scene, i) => {
      scene.hidden = i !== select.selectedIndex;
      const root = scene.querySelector(".cursori");
      if (!scene.hidden && !root.dataset.pronto) {
        root.dataset.pronto = "1";
        setup(root);
      }
    });
    select.addEventListener("change", choose);
    choose();
  }

  const start = () => {
    document.querySelectorAll(".cursori-menu").forEach(setupMenu);
    document.querySelectorAll(".cursori").forEach((root) => {
      if (!root.closest(".cursori-menu")) setup(root);
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
