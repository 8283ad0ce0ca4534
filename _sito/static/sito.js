// Script del sito (interfaccia, tipografia, ricerca); i cursori statici sono in cursori.js.

// sphinx-togglebutton scrive l'etichetta accessibile "Toggle hidden content"
// fissa nel suo codice; i pulsanti esistono a pagina caricata.
window.addEventListener("load", () => {
  document.querySelectorAll("button.toggle-button").forEach((button) => {
    button.setAttribute("aria-label", "Mostra o nascondi il contenuto");
  });
});

// Suggerimenti (tooltip di Bootstrap): un clic del mouse lascia il fuoco sul
// pulsante e il suggerimento resta sopra le icone vicine. sphinx-book-theme
// toglie il fuoco solo al primo pulsante di ogni tipo; qui a tutti, e solo per
// i clic del puntatore (event.detail > 0): chi usa la tastiera tiene il fuoco.
document.addEventListener("click", (event) => {
  const button = event.target.closest('[data-bs-toggle="tooltip"]');
  if (!button || event.detail === 0) return;
  const tooltip = window.bootstrap && window.bootstrap.Tooltip.getInstance(button);
  if (tooltip) tooltip.hide();
  button.blur();
});

// Pulsante del tema: pydata-sphinx-theme passa da «chiaro» a «automatico», che
// su un sistema chiaro non cambia niente, e il lettore crede che il pulsante
// non funzioni. Qui ogni clic cambia ciò che si vede: chiaro ↔ scuro (da
// «automatico», salvato da una visita precedente, si va al contrario di ciò
// che il sistema mostra). Il gestore, in cattura su document, arriva prima di
// quello del tema e lo ferma.
document.addEventListener("click", (event) => {
  if (!event.target.closest(".theme-switch-button")) return;
  event.stopImmediatePropagation();
  const root = document.documentElement;
  const theme = root.dataset.theme === "dark" ? "light" : "dark";
  root.dataset.mode = theme;
  root.dataset.theme = theme;
  localStorage.setItem("mode", theme);
  localStorage.setItem("theme", theme);
  document.querySelectorAll(".dropdown-menu").forEach((menu) => {
    menu.classList.toggle("dropdown-menu-dark", theme === "dark");
  });
}, true);

// Pulsante «copia» di sphinx-copybutton: la sua traduzione italiana dice
// «Copiare» e «Copiato negli appunti» (prima della copia). `messages` è una
// costante globale del suo script, letta a ogni clic: la si corregge e si
// rinominano i pulsanti già creati (DOMContentLoaded, prima di "load").
window.addEventListener("load", () => {
  if (typeof messages === "undefined" || !messages.it) return;
  Object.assign(messages.it, {
    copy: "Copia",
    copy_to_clipboard: "Copia negli appunti",
    copy_success: "Copiato",
    copy_failure: "Copia non riuscita",
  });
  document.querySelectorAll("button.copybtn").forEach((button) => {
    button.dataset.tooltip = messages.it.copy;
    const title = button.querySelector("svg title");
    if (title) title.textContent = messages.it.copy_to_clipboard;
  });
});

// Formule che scorrono di lato (sito.css): la classe .sito-scorre ne sfuma il
// bordo dove continuano; sito-in-mezzo e sito-in-fondo seguono lo scorrimento.
// In linea scorre span.math, in display mjx-container. Si ricalcola quando
// cambia la larghezza.
(() => {
  const BOXES = 'span.math, mjx-container[display="true"]';

  function followScroll(box) {
    const end = box.scrollLeft + box.clientWidth >= box.scrollWidth - 2;
    box.classList.toggle("sito-in-fondo", end);
    box.classList.toggle("sito-in-mezzo", box.scrollLeft > 2 && !end);
  }

  function markScrollingMath() {
    document.querySelectorAll(BOXES).forEach((box) => {
      const scrolls = box.scrollWidth > box.clientWidth + 2;
      box.classList.toggle("sito-scorre", scrolls);
      if (scrolls && !box.dataset.sitoSegue) {
        box.dataset.sitoSegue = "1";
        box.addEventListener("scroll", () => followScroll(box), { passive: true });
      }
      if (scrolls) followScroll(box);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const mathjax = window.MathJax;
    if (!mathjax || !mathjax.startup || !mathjax.startup.promise) return;
    mathjax.startup.promise.then(markScrollingMath);
    let pending = null;
    window.addEventListener("resize", () => {
      clearTimeout(pending);
      pending = setTimeout(markScrollingMath, 200);
    });
  });
})();

// Ricerca (search.html): l'estratto sotto ogni risultato è il testo della
// pagina trovata. Sphinx prende tutto [role=main]: pulsanti dell'intestazione
// («.ipynb», «.pdf»), l'indice «In questa pagina», il codice delle celle e le
// formule in TeX grezzo («\(v_k = \beta\,v_{k-1}…\)»). Qui solo l'articolo,
// senza codice né etichette, con le formule in testo leggibile.
(() => {
  const SNIPPET_SKIP = [
    ".headerlink", "script", "style", "#jb-print-docs-body", ".cell_input",
    "summary", "button", ".toggle-details__summary", ".sito-torna-esercizio",
  ];
  const BLOCKS = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, td, th, figcaption, caption, div";
  const TEX_SYMBOLS = {
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε",
    eta: "η", theta: "θ", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", rho: "ρ",
    sigma: "σ", tau: "τ", phi: "φ", varphi: "φ", omega: "ω", Delta: "Δ", Sigma: "Σ",
    nabla: "∇", cdot: "·", times: "×", odot: "⊙", le: "≤", leq: "≤", ge: "≥",
    geq: "≥", ne: "≠", neq: "≠", approx: "≈", to: "→", infty: "∞", in: "∈",
    pm: "±", sum: "Σ", dots: "…", ldots: "…", cdots: "⋯", sqrt: "√",
    Longleftrightarrow: "⟺", iff: "⟺", quad: " ", qquad: " ",
  };

  // Numeratore o denominatore: fra parentesi se non è un solo termine.
  const group = (text) => (/^[^\s+\-=/]+$/.test(text.trim()) ? text.trim() : `(${text.trim()})`);

  // Una formula TeX in testo da leggere: simboli in Unicode, \frac{a}{b} → a/b,
  // niente comandi di spaziatura, di dimensione o di stile, niente graffe.
  function texToText(tex) {
    let text = tex.replace(/^\s*(\\\(|\\\[|\$\$?)|(\\\)|\\\]|\$\$?)\s*$/g, "");
    text = text.replace(/\\hat\s*\{?([A-Za-z])\}?/g, "$1\u0302");
    for (let i = 0; i < 3; i++) {
      text = text
        .replace(/\\sqrt\s*\{([^{}]*)\}/g, "√($1)")
        .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, (match, top, bottom) => `${group(top)}/${group(bottom)}`);
    }
    text = text
      .replace(/\\(left|right|big|Big|bigg|Bigg)\b/g, "")
      .replace(/\\(mathrm|text|operatorname|mathbf|boldsymbol|bar|tilde)\b/g, "")
      .replace(/\\([A-Za-z]+)/g, (match, name) => TEX_SYMBOLS[name] ?? "")
      .replace(/\\[,;:! ]/g, " ")
      .replace(/[{}]/g, "");
    return text.replace(/\s+/g, " ").trim();
  }

  function snippetText(htmlString, anchor) {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    SNIPPET_SKIP.forEach((selector) => page.querySelectorAll(selector).forEach((el) => el.remove()));
    page.querySelectorAll("span.math, div.math").forEach((math) => {
      math.textContent = texToText(math.textContent);
    });
    const article = page.querySelector("article.bd-article") || page.querySelector('[role="main"]');
    if (!article) return "";
    // fra un blocco e il successivo uno spazio («momentum» «Una memoria…»)
    article.querySelectorAll(BLOCKS).forEach((block) => block.append(" "));
    const section = anchor && article.querySelector(anchor);
    return (section || article).textContent.replace(/\s+/g, " ");
  }

  // searchtools.js (solo in search.html) definisce `Search` e cerca a
  // DOMContentLoaded; questo gestore, registrato prima, arriva prima.
  document.addEventListener("DOMContentLoaded", () => {
    if (typeof Search !== "undefined") Search.htmlToText = snippetText;
  });
})();

// Righe di codice e di stampa che vanno a capo (sito.css): la continuazione
// di una riga spezzata rientra di due caratteri oltre il rientro della riga
// stessa, così il corpo di un `for` resta sotto il `for` e non torna al
// margine. Ogni riga non vuota diventa un <span class="sito-riga"> con il suo
// rientro; i "\n" restano nel testo, e il pulsante «copia» copia lo stesso
// codice. Senza JavaScript resta il rientro fisso di sito.css.
(() => {
  // Le righe di `pre` come liste di nodi; un elemento che attraversa più righe
  // (una stringa su più righe) è copiato in ciascuna.
  function lines(pre) {
    const found = [[]];
    const visit = (node, wrap) => {
      if (node.nodeType === Node.TEXT_NODE) {
        node.data.split("\n").forEach((part, index) => {
          if (index > 0) found.push([]);
          if (part) found[found.length - 1].push(wrap(document.createTextNode(part)));
        });
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        node.childNodes.forEach((child) => visit(child, (inner) => {
          const copy = node.cloneNode(false);
          copy.appendChild(inner);
          return wrap(copy);
        }));
      }
    };
    pre.childNodes.forEach((child) => visit(child, (node) => node));
    return found;
  }

  function indentRows(pre) {
    const rows = lines(pre);
    pre.textContent = "";
    rows.forEach((nodes, index) => {
      if (index > 0) pre.append("\n");
      if (!nodes.length) return;
      const text = nodes.map((node) => node.textContent).join("");
      const row = document.createElement("span");
      row.className = "sito-riga";
      row.style.setProperty("--rientro", `${text.length - text.trimStart().length}ch`);
      row.append(...nodes);
      pre.append(row);
    });
    pre.classList.add("sito-righe");
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".bd-article pre").forEach(indentRows);
  });
})();
