"""BibTeX/BibLaTeX (placeholder until the reader and writer land)."""

from pubconv.registry import Format

FORMAT = Format(
    name="bibtex",
    description="BibTeX / BibLaTeX database (.bib)",
    aliases=("bib", "biblatex"),
    extensions=(".bib",),
    sniff=lambda text: text.lstrip().startswith("@"),
)
