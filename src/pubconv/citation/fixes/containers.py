"""CSL 1.0.2 containers rendered from flat plans: the children of ``cs:layout``, ``cs:macro``,
``cs:if``/``cs:else-if``/``cs:else``; ``cs:choose``; ``cs:group``; macro calls.

Each container is compiled once per parsed style into one function, its children into
*runners*, functions ``run(item, delimiter, kwargs)`` that render one child, bound into the
container's function (no look-up of them per call).  A child that is itself a container (a
``cs:choose``, a group whose only attribute is its delimiter, a ``<text macro="..."/>`` with no
other attribute) runs through its own compiled function directly, passed over for entries
that lack all of its variables (:mod:`.pruning`); citeproc-py went through each element's
method chain (``render`` -> ``process`` -> ``markup`` -> ``wrap`` -> ..., a dozen mixin layers)
for some 75,000 macro calls, 50,000 groups and 80,000 ``cs:choose`` per 1,000 APA entries,
which was most of a cold run.  Two kinds of leaf are planned too: a ``cs:text`` of a variable
or a ``cs:names`` without ``cs:substitute`` whose variables the item lacks counts the call and
renders nothing without being rendered, and a ``cs:text`` of a variable or term whose only
other attributes are its affixes is wrapped in them directly.  Other leaves (``cs:date``,
``cs:number``, ``cs:label``, texts with case, quotes or formatting) and containers with
affixes, formatting, quotes, case or display keep their element's ``render``.  The answers are
those of the methods the plans replace: the same children, called with the same arguments,
joined the same way.

The element proxies live as long as the style's index (:mod:`.lookups`), so the plans do too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from citeproc import model as cm
from citeproc.source import VariableError

from pubconv.citation.fixes.elements import _COUNTS, note_called
from pubconv.citation.fixes.needs import any_present, variables_needed
from pubconv.citation.fixes.plans import item_language, plan_of
from pubconv.citation.fixes.pruning import pruned
from pubconv.citation.fixes.punctuation import PunctuationMerging, merging_join

Runner = Callable[[Any, str, dict[str, Any]], Any]
"""``run(item, delimiter, kwargs)``: one child's text (``None``: nothing), or ``VariableError``.
``kwargs`` are the keyword arguments the child's ``render`` gets (``context``, ...); the
delimiter is the enclosing one, which only a ``cs:choose`` passes on (it is transparent)."""

BARE_MACRO_CALL, MACRO_CALL, NOT_A_MACRO_CALL = "bare macro call", "macro call", "no macro call"
"""What a ``cs:text`` is (:func:`macro_call_kind`)."""


def macro_call_kind(text: Any) -> str:
    """Whether a ``cs:text`` calls a macro, and whether with no other attribute (no affix,
    case, quotes, formatting or display to apply: citeproc-py's ``markup`` leaves the macro's
    text as it is), read once per element."""
    kind: str | None = text.__dict__.get("pubconv_macro_call")
    if kind is None:
        keys = set(text.attrib.keys())
        if "macro" not in keys:
            kind = NOT_A_MACRO_CALL
        else:
            kind = BARE_MACRO_CALL if keys == {"macro"} else MACRO_CALL
        text.__dict__["pubconv_macro_call"] = kind
    return kind


def run_macro_call(text: Any, item: Any, context: Any, sort_options: Any) -> Any:
    """A bare ``<text macro="..."/>``: its macro's children joined (as ``cs:macro`` renders
    them), counted for the groups around it (:func:`elements.macro_rendered`)."""
    return _macro_call(text)(item, context, sort_options)


def _macro_call(text: Any) -> Callable[[Any, Any, Any], Any]:
    """:func:`run_macro_call` for ``text`` as one function, made on first use."""
    call: Callable[[Any, Any, Any], Any] | None = text.__dict__.get("pubconv_macro_call_run")
    if call is None:
        call = text.__dict__["pubconv_macro_call_run"] = _compile_macro_call(text)
    return call


def _compile_macro_call(text: Any) -> Callable[[Any, Any, Any], Any]:
    """:func:`run_macro_call` for ``text``, its macro's runner found on the first call."""
    body: Runner | None = None
    counts = _COUNTS

    def call(item: Any, context: Any, sort_options: Any) -> Any:
        nonlocal body
        if body is None:
            body = children_runner(text.get_macro(text.get("macro")))
        called, filled = counts
        kwargs = {"context": text if context is None else context, "sort_options": sort_options}
        rendered = body(item, "", kwargs)
        if not rendered:
            return None
        if isinstance(rendered, (int, float)):
            rendered = str(rendered)
        if counts[0] == called and counts[1] == filled and str(rendered):
            # :func:`elements.macro_rendered`: a macro that called no variable counts as one
            counts[0] += 1
            counts[1] += 1
        return rendered

    return call


def run_children(parent: Any, item: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
    """What ``parent``'s children render, joined by ``delimiter`` with punctuation merged at
    every seam (``None`` when none rendered); a child raising ``VariableError`` is left out."""
    return children_runner(parent)(item, delimiter, kwargs)


def children_runner(parent: Any) -> Runner:
    """:func:`run_children` for ``parent`` as one function, made on first use: its children's
    runners are read once (the element's proxy lives as long as the style's index)."""
    run: Runner | None = parent.__dict__.get("pubconv_children_run")
    if run is None:
        run = parent.__dict__["pubconv_children_run"] = _compile_children(
            tuple(runner(child) for child in parent.iterchildren())
        )
    return run


def _compile_children(runners: tuple[Runner, ...]) -> Runner:
    def run(item: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        output = []
        for run_child in runners:
            try:
                text = run_child(item, delimiter, kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        return merging_join(output, delimiter) if output else None

    return run


def run_choose(choose: Any, item: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
    """The text of the first branch of ``choose`` whose conditions hold (``None`` if none):
    a planned condition (:func:`plans.plan_of`) is tested without rendering its branch, and
    ``cs:else`` always holds; other conditions render their branch and raise
    ``ConditionFailed`` when they fail."""
    return choose_runner(choose)(item, delimiter, kwargs)


def choose_runner(choose: Any) -> Runner:
    """:func:`run_choose` for ``choose`` as one function, made on first use."""
    run: Runner | None = choose.__dict__.get("pubconv_choose_run")
    if run is None:
        run = choose.__dict__["pubconv_choose_run"] = _compile_choose(choose)
    return run


def _compile_choose(choose: Any) -> Runner:
    branches = tuple(
        (branch, plan_of(branch) if isinstance(branch, cm.If) else _always)
        for branch in choose.getchildren()
    )
    bodies = tuple(None if plan is None else children_runner(branch) for branch, plan in branches)
    steps = tuple(zip(branches, bodies, strict=True))

    def run(item: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        inner = kwargs if "context" in kwargs else {"context": None, **kwargs}
        for (branch, plan), body in steps:
            if body is None:
                try:
                    return branch.render(item, delimiter=delimiter, **inner)
                except cm.ConditionFailed:
                    continue
            if plan is _always or plan(item):
                return body(item, delimiter, inner)
        return None

    return run


def _always(item: Any) -> bool:
    """The plan of ``cs:else``."""
    return True


def runner(child: Any) -> Runner:
    """How to render ``child`` as a container renders its children: a container's own
    compiled function where the child is one (a ``cs:choose``, a bare macro call or group),
    else the child's ``render`` (``partial`` objects where a function only needs the child
    bound: they call it without a Python frame of their own)."""
    if isinstance(child, cm.Choose):
        return pruned(choose_runner(child), child)
    if isinstance(child, cm.Text) and macro_call_kind(child) is BARE_MACRO_CALL:
        return pruned(_bare_macro_call_runner(child), child)
    if isinstance(child, FixedGroup) and child.is_bare():
        return pruned(_bare_group_runner(child), child)
    render = _plain_text(child) or _marked_up_text(child) or child.render
    wanted = variables_needed(child)
    if wanted is not None:
        return partial(_render_if_present, render, wanted, child.calls_variable())
    if isinstance(child, cm.Group) or (
        isinstance(child, cm.Text) and macro_call_kind(child) is MACRO_CALL
    ):
        return pruned(partial(_render, render), child)
    return partial(_render, render)


def _bare_macro_call_runner(text: Any) -> Runner:
    call = _macro_call(text)  # its macro's children are compiled on the first call

    def run(item: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        return call(item, kwargs.get("context"), kwargs.get("sort_options"))

    return run


def _bare_group_runner(group: Any) -> Runner:
    joined = group.joiner()

    def run(item: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
        text = joined(item, kwargs if "context" in kwargs else {"context": None, **kwargs})
        if not text:
            return None
        return str(text) if isinstance(text, (int, float)) else text

    return run


def _render(render: Callable[..., Any], item: Any, delimiter: str, kwargs: dict[str, Any]) -> Any:
    return render(item, **kwargs)


def _render_if_present(
    render: Callable[..., Any],
    wanted: tuple[str, ...],
    counted: bool,
    item: Any,
    delimiter: str,
    kwargs: dict[str, Any],
) -> Any:
    """``render`` when the item holds one of the variables the leaf needs; else nothing, the
    call counted (:func:`elements.note_called`) as rendering it would have counted it."""
    if any_present(wanted, item.reference):
        return render(item, **kwargs)
    if counted:
        note_called()
    return None


_PLAIN_TEXT = frozenset({"variable", "term", "form", "plural", "prefix", "suffix"})
"""The attributes of a ``cs:text`` whose markup is its affixes only."""


def _plain_text(text: Any) -> Callable[..., Any] | None:
    """``render`` for a ``cs:text`` of a variable or a term with no attribute but its affixes
    (no case, quotes, formatting, display or stripped periods): the text citeproc-py's
    ``markup`` would give, the affixes put on by the element's own ``wrap``, without the five
    steps that leave such a text as it is; ``None`` for other elements."""
    content = _text_content(text)
    if content is None or not _PLAIN_TEXT.issuperset(text.attrib.keys()):
        return None
    wrap = text.wrap

    def render(item: Any, context: Any = None, **kwargs: Any) -> Any:
        value = content(item, text if context is None else context)
        if not value:
            return None
        return wrap(str(value) if isinstance(value, (int, float)) else value)

    return render


def _text_content(text: Any) -> Callable[[Any, Any], Any] | None:
    """What a ``cs:text`` of a variable or a term (not a macro call, not a value) renders
    before its markup, as ``content(item, context)``; ``None`` for other elements."""
    if not isinstance(text, cm.Text) or macro_call_kind(text) is not NOT_A_MACRO_CALL:
        return None
    keys = text.attrib.keys()
    if ("variable" in keys) == ("term" in keys):
        return None
    if "variable" in keys:
        variable: Callable[[Any, Any], Any] = text._variable
        return variable
    return lambda item, context: text._term(item)


class MergingChildren:
    """``cs:if``/``cs:else-if``/``cs:else`` join what they render with the enclosing group's
    delimiter (``cs:choose`` is transparent), and macros and layouts join their children;
    citeproc-py used its plain seam rule there, which cannot see through formatting markers
    (``Steven S.`` + ``. `` gave ``S..``)."""

    def render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        return run_children(self, item, delimiter, kwargs)


class FlatChoose:
    """``cs:choose`` rendering its taken branch (:func:`run_choose`)."""

    def render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kw: Any) -> Any:
        return run_choose(self, item, delimiter, {"context": context, **kw})


_CHOOSE, _COUNTED, _CALLS, _QUIET = "choose", "counted", "calls", "quiet"
"""How a group counts a child: a ``cs:choose`` (the taken branch renders), a nested group
or a macro (by what they called, :func:`elements.counts`), or an element that calls a
variable or not (``calls_variable``, which holds for the whole style)."""


class FixedGroup(PunctuationMerging, cm.Group):  # type: ignore[misc]
    """CSL 1.0.2 "Group": a group is suppressed when it calls variables and all are empty.
    Only the branch of a ``cs:choose`` that is taken counts; citeproc-py also counted the
    untaken branches, so APA printed a spurious ``(Publication)`` for every thesis.  And, as
    CSL 1.0.2 words it, "a non-empty nested cs:group is treated as a non-empty variable" and so
    is a non-empty ``cs:text macro=``; citeproc-py counted neither (NLM dropped ``In.``).

    What a ``cs:choose``, a macro or a nested group called and filled is counted as it renders
    (:func:`elements.counts`): a macro is empty as a group would be, so when the variables it
    called are all empty its terms do not fill the group (Chicago's ``<text term="in"/>``
    before an empty container title in one macro: no ``In.``, as in citeproc-js and pandoc),
    while a macro that called none (``n.d.`` from an ``else``) is non-empty
    (:func:`elements.macro_rendered`)."""

    def is_bare(self) -> bool:
        """Whether the group's only attribute is its delimiter (no affix, formatting or
        display): what it joined is its text as it is, citeproc-py's ``markup`` unchanged."""
        bare: bool | None = self.__dict__.get("pubconv_bare")
        if bare is None:
            bare = self.__dict__["pubconv_bare"] = set(self.attrib.keys()) <= {"delimiter"}
        return bare

    def run_bare(self, item: Any, kwargs: dict[str, Any]) -> Any:
        """:meth:`render` of a bare group, given ``render``'s keyword arguments."""
        text = self._joined(item, kwargs if "context" in kwargs else {"context": None, **kwargs})
        if not text:
            return None
        return str(text) if isinstance(text, (int, float)) else text

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if not self.is_bare():
            return super().render(item, context=context, **kwargs)
        return self.run_bare(item, {"context": context, **kwargs})

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        return self._joined(item, {"context": context, **kwargs})

    def _joined(self, item: Any, kwargs: dict[str, Any]) -> Any:
        return self.joiner()(item, kwargs)

    def joiner(self) -> Callable[[Any, dict[str, Any]], Any]:
        """The group's children rendered, counted and joined, as one function made on first
        use (``VariableError`` when the group is suppressed)."""
        joined: Callable[[Any, dict[str, Any]], Any] | None = self.__dict__.get(
            "pubconv_group_joined"
        )
        if joined is None:
            joined = self.__dict__["pubconv_group_joined"] = self._compile_joined()
        return joined

    def _compile_joined(self) -> Callable[[Any, dict[str, Any]], Any]:
        plan = tuple(self._plan())
        delimiter = self.get("delimiter", "")
        counts = _COUNTS
        join = (
            partial(merging_join, delimiter=delimiter)
            if type(self).join is PunctuationMerging.join
            else self.join
        )

        def joined(item: Any, kwargs: dict[str, Any]) -> Any:
            output = []
            called = rendered = False
            for run, mode in plan:
                before_called, before_filled = counts
                try:
                    text = run(item, delimiter, kwargs)
                except VariableError:
                    text = None
                if mode is _CALLS or mode is _QUIET:
                    calls = mode is _CALLS
                    filled = calls and text is not None
                else:
                    calls = counts[0] > before_called
                    filled = text is not None and counts[1] > before_filled
                called = called or calls
                rendered = rendered or filled
                if text is not None:
                    output.append(text)
            counts[0] += 1  # :func:`elements.note_called`
            if output and (not called or rendered):
                counts[1] += 1  # a non-empty group is a non-empty variable to the one around it
                return join(output)
            raise VariableError

        return joined

    def _plan(self) -> list[tuple[Runner, str]]:
        """The group's children, each with its runner and how it is counted."""
        plan: list[tuple[Runner, str]] | None = self.__dict__.get("pubconv_group_plan")
        if plan is None:
            plan = []
            for child in self.iterchildren():
                if isinstance(child, cm.Choose):
                    mode = _CHOOSE
                elif isinstance(child, cm.Group) or (
                    isinstance(child, cm.Text) and macro_call_kind(child) is not NOT_A_MACRO_CALL
                ):
                    mode = _COUNTED
                else:
                    mode = _CALLS if child.calls_variable() else _QUIET
                plan.append((runner(child), mode))
            self.__dict__["pubconv_group_plan"] = plan
        return plan


def _marked_up_text(text: Any) -> Callable[..., Any] | None:
    """``render`` for a ``cs:text`` of a variable or a term with markup (case, quotes,
    stripped periods, formatting, display): citeproc-py's ``render`` -> ``process`` ->
    ``markup`` with each step read once from the element, so a step the element does not ask
    for is not called (each of them would return the text as it is).  ``None`` for other
    elements (macro calls, values)."""
    content = _text_content(text)
    if content is None:
        return None
    strip = text.get("strip-periods", "false").lower() == "true"
    cased = text.get("text-case") is not None
    quoted = text.get("quotes", "false").lower() == "true"
    strip_periods, case, quote = text.strip_periods, text.case, text.quote
    format_, wrap = text.format, text.wrap

    def render(item: Any, context: Any = None, **kwargs: Any) -> Any:
        language = item_language(text, item)
        value = content(item, text if context is None else context)
        if not value:
            return None
        if strip:
            value = strip_periods(value)
        if cased:
            value = case(value, language)
        value = format_(value)
        if quoted:
            value = quote(value)
        return wrap(value)

    return render
