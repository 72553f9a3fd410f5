"""CSL 1.0.2 "Gender-specific Ordinals": "When a number variable is rendered with cs:number in
the "ordinal" or "long-ordinal" form, the ordinal term of the same gender is used, with a
fallback to the neuter variant if the feminine or masculine variant is undefined.  When the
"day" date-part is rendered in the "ordinal" form, the ordinal gender is matched against that
of the month term."

The locale below is the specification's own example (genders on ``edition`` and ``month-01``)
plus a masculine ``volume``, a feminine ``month-02``, a month without gender and a feminine
``long-ordinal-01`` beside the neuter one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from csl_styles import style
from pubconv.citation.engine import render_csl


def render(path: Path, items: list[dict[str, Any]]) -> list[str]:
    """The entries of ``items`` in the style at ``path``, in French."""
    keys = [str(i["id"]) for i in items]
    return [e.text for e in render_csl(items, keys, str(path), "fr-FR", cache=False, jobs=1)]


LOCALE = """<locale xml:lang="fr-FR"><terms>
  <term name="edition" gender="feminine"><single>édition</single><multiple>éditions</multiple></term>
  <term name="volume" gender="masculine"><single>volume</single><multiple>volumes</multiple></term>
  <term name="issue"><single>numéro</single><multiple>numéros</multiple></term>
  <term name="month-01" gender="masculine">janvier</term>
  <term name="month-02" gender="feminine">février</term>
  <term name="month-03">mars</term>
  <term name="ordinal">e</term>
  <term name="ordinal-01" gender-form="feminine" match="whole-number">re</term>
  <term name="ordinal-01" gender-form="masculine" match="whole-number">er</term>
  <term name="long-ordinal-01" gender-form="feminine">première</term>
  <term name="long-ordinal-01">premier</term>
</terms></locale>"""

DAY = (
    '<date variable="issued" delimiter=" ">'
    '<date-part name="day" form="ordinal"/><date-part name="month"/></date>'
)


def _one(tmp_path: Path, layout: str, item: dict[str, Any], name: str = "test") -> str:
    path = style(tmp_path, layout, macros=LOCALE, name=name)
    return render(path, [{"id": "a", "type": "book", **item}])[0]


def _day(tmp_path: Path, month: int, day: int = 1) -> str:
    return _one(tmp_path, DAY, {"issued": {"date-parts": [[2001, month, day]]}})


def test_day_takes_the_masculine_ordinal_of_a_masculine_month(tmp_path: Path) -> None:
    assert _day(tmp_path, 1) == "1er janvier"


def test_day_takes_the_feminine_ordinal_of_a_feminine_month(tmp_path: Path) -> None:
    assert _day(tmp_path, 2) == "1re février"


def test_month_redefined_without_gender_keeps_the_locale_files_gender(tmp_path: Path) -> None:
    """The style's ``month-03`` has no ``gender``; fr-FR's ``mars`` is masculine."""
    assert _day(tmp_path, 3) == "1er mars"


def test_noun_without_gender_takes_the_neuter_variant(tmp_path: Path) -> None:
    """``number`` has no gender in the style or fr-FR: ``ordinal-01`` has no neuter
    variant here, so the next term, ``ordinal``, gives the suffix."""
    layout = '<number variable="number" form="ordinal"/>'
    assert _one(tmp_path, layout, {"number": "1"}) == "1e"


def test_limit_day_ordinals_to_day_1(tmp_path: Path) -> None:
    """Days after the first are numbers when ``limit-day-ordinals-to-day-1`` is on (the fr-FR
    locale turns it on), ordinals with the default suffix when it is off."""
    items = [
        {"id": "a", "type": "book", "issued": {"date-parts": [[2001, 1, 1]]}},
        {"id": "b", "type": "book", "issued": {"date-parts": [[2001, 1, 2]]}},
    ]
    for limit, second in (("true", "2 janvier"), ("false", "2e janvier")):
        option = f'<style-options limit-day-ordinals-to-day-1="{limit}"/><terms>'
        locale = LOCALE.replace("<terms>", option, 1)
        path = style(tmp_path, DAY, macros=locale, name=limit)
        assert sorted(render(path, items)) == ["1er janvier", second]


def test_number_takes_the_gender_of_its_variables_term(tmp_path: Path) -> None:
    layout = '<number variable="{}" form="ordinal"/>'
    assert _one(tmp_path, layout.format("edition"), {"edition": "1"}, "ed") == "1re"
    assert _one(tmp_path, layout.format("volume"), {"volume": "1"}, "vol") == "1er"
    assert _one(tmp_path, layout.format("volume"), {"volume": "2"}, "vol2") == "2e"


def test_long_ordinal_falls_back_to_the_neuter_variant(tmp_path: Path) -> None:
    layout = '<number variable="{}" form="long-ordinal"/>'
    assert _one(tmp_path, layout.format("edition"), {"edition": "1"}, "ed") == "première"
    assert _one(tmp_path, layout.format("volume"), {"volume": "1"}, "vol") == "premier"


def test_bundled_french_locale_agrees_with_masculine_months(tmp_path: Path) -> None:
    """The fr-FR locale marks every month masculine: the first of October is ``1ᵉʳ``."""
    path = style(tmp_path, DAY)
    item = {"id": "a", "type": "book", "issued": {"date-parts": [[2004, 10, 1]]}}
    assert render(path, [item]) == ["1ᵉʳ octobre"]


# --- "Ordinal Suffixes" --------------------------------------------------------------------


def _editions(tmp_path: Path, numbers: list[int], locale: str = "", lang: str = "en-US") -> str:
    """The editions ``numbers`` as ordinals, joined by spaces, in a style with ``locale``."""
    layout = '<number variable="edition" form="ordinal"/>'
    path = style(tmp_path, layout, macros=locale, name=f"ed{len(locale)}")
    items = [{"id": f"{n:05}", "type": "book", "edition": str(n)} for n in numbers]
    keys = [i["id"] for i in items]
    entries = render_csl(items, keys, str(path), lang, cache=False, jobs=1)
    return " ".join(e.text for e in sorted(entries, key=lambda e: e.key))


def test_two_digit_terms_win_over_last_digit_terms(tmp_path: Path) -> None:
    """ "When a number has matching terms from both groups (e.g. "13" can match "ordinal-03"
    and "ordinal-13"), the term from the "ordinal-10" through "ordinal-99" group is used";
    ``ordinal-11`` matches the last two digits by default, so 111 is "111th"."""
    numbers = [1, 2, 3, 4, 11, 12, 13, 21, 101, 111, 112, 113, 122]
    expected = "1st 2nd 3rd 4th 11th 12th 13th 21st 101st 111th 112th 113th 122nd"
    assert _editions(tmp_path, numbers) == expected


def test_match_attribute_limits_a_term(tmp_path: Path) -> None:
    """``last-two-digits`` on ``ordinal-02`` matches 2 and 102, not 22; ``whole-number`` on
    ``ordinal-03`` matches 3 only."""
    locale = """<locale><terms>
      <term name="ordinal">x</term>
      <term name="ordinal-02" match="last-two-digits">b</term>
      <term name="ordinal-03" match="whole-number">c</term>
    </terms></locale>"""
    assert _editions(tmp_path, [2, 3, 22, 23, 102, 103], locale) == "2b 3c 22x 23x 102b 103x"


def test_ordinal_terms_of_a_style_locale_replace_all_others(tmp_path: Path) -> None:
    """ "(re)defining any of the ordinal terms through cs:locale replaces all previously defined
    ordinal terms": en-US's ``ordinal-01`` (``st``) no longer applies."""
    locale = '<locale><terms><term name="ordinal">x</term></terms></locale>'
    assert _editions(tmp_path, [1, 2, 11], locale) == "1x 2x 11x"


def test_an_empty_suffix_term_is_an_empty_suffix(tmp_path: Path) -> None:
    """A defined term with no text gives no suffix; it is not a missing term that falls back
    to another locale (en-US's ``st``)."""
    locale = '<locale><terms><term name="ordinal"/></terms></locale>'
    assert _editions(tmp_path, [1, 5], locale) == "1 5"


def test_csl_1_0_scheme_without_an_ordinal_term(tmp_path: Path) -> None:
    """ "When neither the style or locale file define the "ordinal" term, but do define the
    terms "ordinal-01" through "ordinal-04", the original CSL 1.0 scheme is used"."""
    terms = "".join(
        f'<term name="ordinal-0{n}">{c}</term>' for n, c in zip("1234", "abcd", strict=True)
    )
    locale = f"<locale><terms>{terms}</terms></locale>"
    numbers = [1, 2, 3, 4, 11, 12, 13, 21, 112]
    assert _editions(tmp_path, numbers, locale) == "1a 2b 3c 4d 11d 12d 13d 21a 112d"
