"""A BibTeX ``references`` field that lists ``\\cite`` commands is no CSL ``references``.

CSL 1.0.2 defines ``references`` as "resources related to the procedural history of a legal
case or legislation" (or of another item: a retraction, a cancelled conference), and styles
print it: APA in parentheses after the title, Vancouver at the end.  BibTeX databases such as
plume-bib use a ``references`` field for the works an entry cites (``\\cite{key} ...``);
pandoc, Zotero and citation-js leave that field out of CSL.  pubconv keeps it in the record
(so ``.bib`` -> CSL-JSON -> ``.bib`` stays exact) but derives no CSL variable from it; a
``references`` written by csl2bib from a CSL item is still read back as the variable.
"""

from __future__ import annotations

import json

import pubconv
from pubconv.formats.bibtex.cslmap import own_meaning

CITES = "@inproceedings{s,\n  title = {T},\n  year = 1997,\n  references = {\\cite{a} \\cite{b}\n    \\nocite{c}},\n}\n"


def test_a_list_of_cites_is_not_the_csl_variable() -> None:
    (item,) = json.loads(pubconv.dumps(pubconv.loads(CITES, "bibtex"), "csljson"))
    assert "references" not in item
    assert ["references", "\\cite{a} \\cite{b}\n    \\nocite{c}"] in item["custom"]["pubconv"][
        "extra"
    ]


def test_the_bib_round_trip_keeps_the_field() -> None:
    csl = pubconv.dumps(pubconv.loads(CITES, "bibtex"), "csljson")
    back = pubconv.dumps(pubconv.loads(csl, "csljson"), "bibtex")
    assert "references = {\\cite{a} \\cite{b}" in back


def test_a_csl_references_still_reads_back() -> None:
    item = {
        "id": "x",
        "type": "paper-conference",
        "title": "T",
        "references": "Conference canceled",
    }
    bib = pubconv.dumps(pubconv.loads(json.dumps([item]), "csljson"), "bibtex")
    (back,) = json.loads(pubconv.dumps(pubconv.loads(bib, "bibtex"), "csljson"))
    assert back["references"] == "Conference canceled"


def test_own_meaning() -> None:
    assert own_meaning("references", " \\cite{a}, \\citep{b}; \\nocite{c} ")
    assert not own_meaning("references", "Retracted; see \\cite{a}")
    assert not own_meaning("references", "")
    assert not own_meaning("source", "\\cite{a}")
