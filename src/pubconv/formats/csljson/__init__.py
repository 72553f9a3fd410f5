"""CSL-JSON (placeholder until the reader and writer land)."""

from pubconv.registry import Format

FORMAT = Format(
    name="csljson",
    description="CSL-JSON, the citeproc data format (.json)",
    aliases=("csl", "json", "csl-json"),
    extensions=(".json",),
    sniff=lambda text: text.lstrip()[:1] in ("[", "{"),
)
