"""Reading the dashboard's HTML in tests, with the standard library's parser: links, forms and their
fields, elements by id, table rows, and the page's visible text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    id: str | None
    method: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)  # hidden and text inputs, first value wins
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value)
    options: dict[str, list[str]] = field(default_factory=dict)  # select name -> option values


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Page:
    urls: list[str]  # every href, src and form action
    forms: list[Form]
    by_id: dict[str, Element]
    rows: list[Element]  # every <tr>, with its text
    text: str  # all visible text
    labels: dict[str, str]  # label `for` -> label text
    controls: list[Element]  # input (not hidden), select, textarea, button

    @classmethod
    def parse(cls, html: str) -> Page:
        parser = _Parser()
        parser.feed(html)
        parser.close()
        return cls(
            urls=parser.urls,
            forms=parser.forms,
            by_id=parser.by_id,
            rows=parser.rows,
            text=" ".join(" ".join(parser.texts).split()),
            labels=parser.labels,
            controls=parser.controls,
        )

    def form(self, form_id: str) -> Form:
        for form in self.forms:
            if form.id == form_id:
                return form
        if form_id == "sign-out":
            for form in self.forms:
                if form.action == "/logout":
                    return form
        raise AssertionError(f"no form {form_id!r}; forms: {[f.id or f.action for f in self.forms]}")

    def rows_with(self, css_class: str) -> list[Element]:
        return [row for row in self.rows if css_class in row.attrs.get("class", "").split()]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.forms: list[Form] = []
        self.by_id: dict[str, Element] = {}
        self.rows: list[Element] = []
        self.texts: list[str] = []
        self.labels: dict[str, str] = {}
        self.controls: list[Element] = []
        self._open: list[Element] = []  # elements with an id, a tr, a label, an option: collecting text
        self._form: Form | None = None
        self._select: str | None = None
        self._skip = 0  # inside <title>, <style>, <script>

    def handle_starttag(self, tag: str, attrs_list) -> None:  # noqa: ANN001
        attrs = {k: v or "" for k, v in attrs_list}
        for key in ("href", "src", "action"):
            if key in attrs:
                self.urls.append(attrs[key])
        if tag in ("script", "style") or (tag == "title" and not self._in_svg()):
            self._skip += 1
        element = Element(tag, attrs)
        if tag == "form":
            self._form = Form(attrs.get("id"), attrs.get("method", "get").lower(), attrs.get("action", ""))
            self.forms.append(self._form)
        if tag in ("input", "select", "textarea", "button") and attrs.get("type") != "hidden":
            self.controls.append(element)
        if self._form is not None:
            name = attrs.get("name")
            if tag == "input" and name:
                self._form.fields.setdefault(name, attrs.get("value", ""))
            elif tag == "textarea" and name:
                self._form.fields.setdefault(name, "")
            elif tag == "button" and name:
                self._form.buttons.append((name, attrs.get("value", "")))
            elif tag == "select" and name:
                self._select = name
                self._form.options.setdefault(name, [])
            elif tag == "option" and self._select:
                self._form.options[self._select].append(attrs.get("value", ""))
        if "id" in attrs or tag in ("tr", "label", "svg"):
            self._open.append(element)
            if "id" in attrs:
                self.by_id.setdefault(attrs["id"], element)
            if tag == "tr":
                self.rows.append(element)
        if tag in ("input", "br", "img", "meta", "link", "rect"):  # void: close at once
            self._close(tag)

    def _in_svg(self) -> bool:
        return any(e.tag == "svg" for e in self._open)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") or (tag == "title" and self._skip):
            self._skip = max(0, self._skip - 1)
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None
        self._close(tag)

    def _close(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                element = self._open.pop(index)
                element.text = " ".join(element.text.split())
                if tag == "label" and "for" in element.attrs:
                    self.labels[element.attrs["for"]] = element.text
                return

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.texts.append(data)
        for element in self._open:
            element.text += " " + data
