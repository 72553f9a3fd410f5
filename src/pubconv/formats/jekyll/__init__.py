"""Jekyll Markdown publication pages (placeholder until the reader and writer land)."""

from pubconv.registry import Format

FORMAT = Format(
    name="jekyll",
    description="Jekyll Markdown publication page (.md)",
    aliases=("md", "markdown"),
    extensions=(".md", ".markdown"),
    sniff=lambda text: text.startswith("---") and "**" in text,
)
