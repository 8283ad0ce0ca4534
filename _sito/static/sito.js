// Script del sito, caricato prima di require.js e del gestore dei widget.

// Il gestore dei widget (widgets/embed-amd.js) cerca i suoi font nella
// cartella dei suoi moduli AMD ("@jupyter-widgets/controls",
// "@jupyter-widgets/html-manager/dist/libembed-amd", …), che require.js
// collocherebbe accanto alla pagina: qui la cartella è _static/widgets/.
// Un oggetto globale `require` definito prima di require.js ne è la configurazione.
if (window.require === undefined) {
  const widgets = new URL("widgets", document.currentScript.src).href;
  window.require = {
    paths: {
      "@jupyter-widgets/html-manager/dist": widgets,
      "@jupyter-widgets": widgets,
    },
  };
}

// sphinx-togglebutton scrive l'etichetta accessibile "Toggle hidden content"
// fissa nel suo codice; i pulsanti esistono a pagina caricata.
window.addEventListener("load", () => {
  document.querySelectorAll("button.toggle-button").forEach((button) => {
    button.setAttribute("aria-label", "Mostra o nascondi il contenuto");
  });
});

// ipywidgets 8 compone le etichette dei widget con l'API di MathJax 2
// (MathJax.Hub.Queue), che MathJax 3 non ha: senza questo adattatore ogni
// widget scrive un errore nella console. MathJax (defer) è già caricato quando
// arriva DOMContentLoaded, prima che il gestore dei widget disegni.
document.addEventListener("DOMContentLoaded", () => {
  const mathjax = window.MathJax;
  if (mathjax && mathjax.startup && mathjax.Hub === undefined) {
    mathjax.Hub = {
      Queue: ([, , element]) => mathjax.startup.promise.then(() => mathjax.typesetPromise([element])),
    };
  }
});
