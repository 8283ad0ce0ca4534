"""Stile italiano per la bibliografia (pybtex, usato da sphinxcontrib-bibtex).

Lo stile ``alpha`` di pybtex (etichette come [KB15], voci in ordine di autore,
anno e titolo) scrive in inglese le parole che compone: «and», «In», «URL:»,
«editors», «pages», «Technical Report»… Qui le stesse voci con le parole
italiane; i dati della voce (titoli, nomi dei convegni e delle riviste)
restano come sono in ``references.bib``.

``sito.py`` registra lo stile con il nome ``italiano``; ``_config.yml`` lo
sceglie con ``bibtex_default_style: italiano``.
"""

from __future__ import annotations

from pybtex.style.formatting import toplevel
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.formatting.unsrt import date, pages
from pybtex.style.template import (
    field,
    first_of,
    href,
    join,
    names,
    optional,
    optional_field,
    sentence,
    tag,
    together,
    words,
)

NAME = "italiano"


class StileItaliano(AlphaStyle):
    """Lo stile ``alpha`` di pybtex con le parole in italiano."""

    def format_names(self, role, as_sentence=True):
        # «Rossi, Bianchi e Verdi»: in italiano nessuna virgola prima di «e»
        formatted_names = names(role, sep=", ", sep2=" e ", last_sep=" e ")
        return sentence[formatted_names] if as_sentence else formatted_names

    def format_editor(self, e, as_sentence=True):
        # «a cura di Rossi e Bianchi» (in inglese «Rossi and Bianchi, editors»)
        result = words["a cura di", self.format_names("editor", as_sentence=False)]
        return sentence(capfirst=True)[result] if as_sentence else result

    def get_article_template(self, e):
        volume_and_pages = first_of[
            optional[
                join[field("volume"), optional["(", field("number"), ")"], ":", pages],
            ],
            words["pagine", pages],
        ]
        return toplevel[
            self.format_names("author"),
            self.format_title(e, "title"),
            sentence[tag("em")[field("journal")], optional[volume_and_pages], date],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def format_volume_and_series(self, e, as_sentence=True):
        volume_and_series = optional[
            words[
                together["vol.", field("volume")],
                optional[words["di", field("series")]],
            ]
        ]
        number_and_series = optional[
            words[
                together["n.", field("number")],
                optional[words["in", field("series")]],
            ]
        ]
        result = first_of[volume_and_series, number_and_series, optional_field("series")]
        return sentence(capfirst=True)[result] if as_sentence else result

    def format_chapter_and_pages(self, e):
        return join(sep=", ")[
            optional[together["capitolo", field("chapter")]],
            optional[together["pagine", pages]],
        ]

    def format_edition(self, e):
        return optional[words[field("edition", apply_func=lambda x: x.lower()), "edizione"]]

    def get_inbook_template(self, e):
        return toplevel[
            self.format_author_or_editor(e),
            sentence[
                self.format_btitle(e, "title", as_sentence=False),
                self.format_chapter_and_pages(e),
            ],
            self.format_volume_and_series(e),
            sentence[
                field("publisher"),
                optional_field("address"),
                self.format_edition(e),
                date,
                optional_field("note"),
            ],
            self.format_web_refs(e),
        ]

    def get_incollection_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            # «Nel volume <titolo>, a cura di …» (in inglese «In <curatori>, editors, <titolo>»)
            words[
                "Nel volume",
                sentence[
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    optional[self.format_editor(e, as_sentence=False)],
                    self.format_volume_and_series(e, as_sentence=False),
                    self.format_chapter_and_pages(e),
                ],
            ],
            sentence[
                optional_field("publisher"),
                optional_field("address"),
                self.format_edition(e),
                date,
            ],
            self.format_web_refs(e),
        ]

    def get_inproceedings_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            words[
                "Atti di",
                sentence[
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    optional[self.format_editor(e, as_sentence=False)],
                    self.format_volume_and_series(e, as_sentence=False),
                    optional[words["pagine", pages]],
                ],
                self.format_address_organization_publisher_date(e),
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_mastersthesis_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence["Tesi di laurea magistrale", field("school"),
                     optional_field("address"), date],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_phdthesis_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_btitle(e, "title"),
            sentence[
                first_of[optional_field("type"), "Tesi di dottorato"],
                field("school"),
                optional_field("address"),
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_techreport_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[
                words[first_of[optional_field("type"), "Rapporto tecnico"],
                      optional_field("number")],
                field("institution"),
                optional_field("address"),
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def format_web_refs(self, e):
        return sentence[
            optional[self.format_url(e), optional[" (consultato il ", field("urldate"), ")"]],
            optional[self.format_eprint(e)],
            optional[self.format_pubmed(e)],
            optional[self.format_doi(e)],
        ]

    def format_url(self, e):
        url = field("url", raw=True)
        return words["In rete:", href(url)[url]]
