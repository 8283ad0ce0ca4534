// Traduzioni italiane dei testi scritti da JavaScript (ricerca, evidenziazione).
// Sphinx usa il primo sphinx.js che trova in locale_dirs al posto del proprio,
// che lascia in inglese il messaggio di fine ricerca.
Documentation.addTranslations({
    "locale": "it",
    "messages": {
        ", in ": ", in ",
        "Hide Search Matches": "Nascondi i risultati della ricerca",
        "Preparing search...": "Preparo la ricerca…",
        "Search Results": "Risultati della ricerca",
        "Search finished, found ${resultCount} page(s) matching the search query.": "Ricerca completata: ${resultCount} pagine corrispondenti.",
        "Searching": "Ricerca in corso",
        "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.": "Nessuna pagina corrisponde alla ricerca. Controllate che le parole siano scritte correttamente."
    },
    "plural_expr": "n != 1 ? 1 : 0"
});
