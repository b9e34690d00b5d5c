from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")


class PlainSelect(forms.Select):
    """A <select> whose options are written in Python, for flat lists of choices.

    Django renders every <option> through a template and builds a dict per option;
    for the public search's long lists (every state, every activity) that took most
    of the page's time on the busiest page of the national night. Same markup."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = tuple((str(choice), str(label)) for choice, label in self.choices)
        chosen = frozenset(str(v) for v in self.format_value(value))
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), _options(choices, chosen))


@lru_cache(maxsize=1024)
def _options(choices, chosen):
    """The <option>s of `choices` ((value, label) strings), `chosen` ones selected: the
    same few menus and values come back on every search."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((choice, SELECTED if choice in chosen else "", label) for choice, label in choices),
    )


class PlainInput:
    """Mixed into an <input> widget: the same markup as Django's template, written in
    Python (a template per field cost a fifth of the public search page)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        markup = {"type": widget["type"], "name": widget["name"]}
        if widget["value"] is not None:
            markup["value"] = str(widget["value"])
        return format_html("<input{}>", flatatt({**markup, **widget["attrs"]}))


class PlainTextInput(PlainInput, forms.TextInput):
    pass


class PlainDateInput(PlainInput, forms.DateInput):
    pass
