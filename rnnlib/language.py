"""The language of what rnnlib prints and draws: English, or Korean for the Korean edition.

The rule (the one :func:`rnnlib.glossary.glossary_markdown` follows): Korean when the kernel
runs in a folder named ``ko`` (``notebooks/ko``, the Korean edition, whose kernels start
there), English otherwise. The environment variable ``RNN_COURSE_LANGUAGE`` (``ko`` or
``en``) overrides it, for tests and for an instructor.

Text is translated at the few points where it leaves the library, never where it is made:
a check's verdict when it is printed (:class:`rnnlib.checks._verdict.Verdict`), the
environment check's lines, a figure's texts when it is drawn (:mod:`rnnlib.style`), an
explorer's slider labels. The translations are tables in ``rnnlib/ko/*.md``, one entry a
pair of lines::

    en: {name} is wrong{where} (largest difference {diff:.1e}).
    ko: {name}의 값이{where} 틀렸다(가장 큰 차이 {diff:.1e}).

The ``en:`` line records the English exactly as the code writes it, as a Python format
string: ``{...}`` stands for a value filled in at run time (a number, a name, or a text that
is itself translated when the table has it), ``{{`` and ``}}`` for literal braces. The
``ko:`` line uses the same ``{...}`` fields, in any order. A text that no entry matches stays
English. ``tests/test_korean_messages.py`` fails, printing ready-to-fill entries, when a
message of the code has no entry (new, or changed since it was translated).
"""
import ast
import os
import re
from functools import lru_cache
from pathlib import Path

ENV = "RNN_COURSE_LANGUAGE"
TABLES = Path(__file__).resolve().parent / "ko"
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
# What a field matches, when "any text" is ambiguous: ``{where}`` follows another field in
# "{name} has shape {got}{where}, expected {expected}.", and is empty or names a test input.
# A field named int... matches a whole number only, num... a number (a sign, digits, a point,
# an exponent, a percent sign), so that a short template ("{int1} of {int2}") matches nothing
# else.
FIELD_PATTERNS = {"where": "(?: on test input .*?)?"}
PREFIX_PATTERNS = {"int": r"\d+", "num": r"[-+]?\d[\d.]*(?:e[-+]?\d+)?%?"}
NEWLINE = "\u23ce"             # ⏎ stands for a line break in a table


def korean():
    """Whether rnnlib speaks Korean here (see the module's docstring)."""
    chosen = os.environ.get(ENV, "").strip().lower()
    if chosen in ("ko", "en"):
        return chosen == "ko"
    return Path.cwd().name == "ko"


def read_table(path):
    """The entries of a table file: a list of ``(English template, Korean template)``."""
    entries, english = [], None
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.replace(NEWLINE, "\n")
        if line.startswith("en: "):
            english = line[4:]
        elif line.startswith("ko: "):
            if english is None:
                raise ValueError(f"{path}, line {number}: a ko: line without its en: line")
            if line[4:].strip() != "TODO":
                entries.append((english, line[4:]))
            english = None
    return entries


def _field_pattern(name):
    if name in FIELD_PATTERNS:
        return FIELD_PATTERNS[name]
    prefix = next((p for p in PREFIX_PATTERNS if name.startswith(p)), None)
    return PREFIX_PATTERNS[prefix] if prefix else ".*?"


def _pattern(template):
    """The regular expression of an English template, and its fields in order."""
    parts, fields, end = [], [], 0
    for m in FIELD.finditer(template):
        parts.append(re.escape(template[end:m.start()]))
        if m.group(1) is None:
            parts.append(re.escape(m.group(0)[0]))
        else:
            parts.append(f"(?P<f{len(fields)}>{_field_pattern(m.group(1))})")
            fields.append(m.group(1))
        end = m.end()
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts), re.DOTALL), fields


def literal_text(template):
    """The fixed text of a template: its fields left out, braces unescaped."""
    return FIELD.sub(lambda m: m.group(0)[0] if m.group(1) is None else "", template)


class Table:
    """One translation table: exact entries and templates with fields."""

    def __init__(self, entries):
        self.exact, self.templates = {}, []
        for english, korean_text in entries:
            if FIELD.search(english) and any(m.group(1) is not None
                                             for m in FIELD.finditer(english)):
                pattern, fields = _pattern(english)
                self.templates.append((len(literal_text(english)), pattern, fields,
                                       korean_text))
            else:
                self.exact[literal_text(english)] = literal_text(korean_text)
        self.templates.sort(key=lambda t: -t[0])        # the most specific template first
        self.translate = lru_cache(maxsize=4096)(self._translate)

    def _translate(self, text):
        if text in self.exact:
            return self.exact[text]
        for _, pattern, fields, korean_text in self.templates:
            m = pattern.fullmatch(text)
            if m is None:
                continue
            values = {field: self.translate(m.group(f"f{k}")) for k, field in enumerate(fields)}
            return FIELD.sub(lambda f: f.group(0)[0] if f.group(1) is None
                             else values.get(f.group(1), f.group(0)), korean_text)
        return text


@lru_cache(maxsize=None)
def table(name):
    """The table ``rnnlib/ko/<name>.md`` (``messages`` or ``figures``)."""
    return Table(read_table(TABLES / f"{name}.md"))


def say(text, name="messages"):
    """``text`` in the language of :func:`korean`: translated by table ``name`` under ko."""
    if not text or not korean():
        return text
    return table(name).translate(text)


def has_hangul(text):
    return bool(HANGUL.search(text))


# ---- the English messages of the code, for the tests -------------------------------------

PROSE = re.compile(r"[A-Za-z]{2,}[:,.;]?\s+[A-Za-z]+|[A-Za-z]{3,}\s+\{|\}\s+[A-Za-z]{3,}")
# Where the messages a student reads are written (rnnlib/checks/_cell.py only rebuilds the
# notebook's cells, and its strings are code).
MESSAGE_SOURCES = ["checks/_verdict.py", "checks/_exercise.py", "checks/backward.py",
                   "checks/forward.py", "checks/language_model.py", "checks/lstm.py",
                   "checks/nonlinearity.py", "checks/seq2seq.py", "checks/sequences.py",
                   "checks/shapes.py", "checks/weights.py", "envcheck.py", "course/release.py"]
# The dicts of those files whose strings are str.format templates.
FORMAT_DICTS = {"TEXT", "TOKENS_HINTS"}
# Strings of those files that are not messages (matched exactly).
NOT_MESSAGES = {"no temperature", "no tanh", "no bias", "prompt no bias", "prompt no tanh",
                "prompt no Wh", "no feedback", "last only", "skip first", "h0 ones",
                "iid {tau}", "chain {lag}", "out of bounds", "too many indices", "array over 50 MB",
                "array of dtype {value.dtype}", "{'PASSED' if self.ok else 'FAILED'} "
                "{self.exercise}: {self.message}",
                "recorded what {getattr(fn, '__name__', 'the function')} returned on "
                "{len(cases)} test inputs",
                "{requirement:28s} {status if status == 'ok' else status.upper():8s} "
                "({purpose})",
                '{indent}raise NotImplementedError("{stub_message(ex_id, korean)}")'}


def _escape(text):
    return text.replace("{", "{{").replace("}", "}}")


def _template(node, formatted):
    """The English template of a string node: a constant, or an f-string with its fields."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if formatted else _escape(node.value)
    if isinstance(node, ast.JoinedStr):
        out = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                out.append(_escape(v.value))
                continue
            spec = "" if v.format_spec is None else ":" + "".join(
                p.value if isinstance(p, ast.Constant) else "{" + ast.unparse(p.value) + "}"
                for p in v.format_spec.values)
            conv = "" if v.conversion == -1 else "!" + chr(v.conversion)
            field = ast.unparse(v.value) + conv + spec
            out.append("{" + field.replace("{", "(").replace("}", ")") + "}")
        return "".join(out)
    return None


def code_messages(root=Path(__file__).resolve().parent):
    """Every English message of :data:`MESSAGE_SOURCES`: ``{template: file}``.

    A message is a string (or f-string) that reads as prose (two words), outside a docstring
    and a ``raise``. Strings of a dict named ``TEXT`` are format strings already (their
    ``{...}`` are fields), and so are those of the other dicts of :data:`FORMAT_DICTS`;
    every other constant string is literal text. Dict keys are names, not messages.
    """
    found = {}
    for source in MESSAGE_SOURCES:
        tree = ast.parse((root / source).read_text(encoding="utf-8"))
        skip, formatted = set(), set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                    and isinstance(body[0].value, (ast.Constant, ast.JoinedStr)):
                skip.add(id(body[0].value))
            if isinstance(node, ast.Raise) and node.exc is not None:
                skip.update(id(n) for n in ast.walk(node.exc))
            if isinstance(node, ast.JoinedStr):
                skip.update(id(n) for n in ast.walk(node) if n is not node)
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id in FORMAT_DICTS
                    for t in node.targets):
                formatted.update(id(n) for n in ast.walk(node.value))
            if isinstance(node, ast.Dict):
                skip.update(id(k) for k in node.keys if k is not None)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            template = _template(node, id(node) in formatted)
            if template and PROSE.search(template) and template not in NOT_MESSAGES:
                found.setdefault(template, source)
    return found


def entry_stub(english):
    """A ready-to-fill table entry for an English template."""
    return f"en: {english}\nko: TODO"


# ---- the verdict of a check, in Korean ---------------------------------------------------

def korean_verdict(verdict):
    """How a :class:`~rnnlib.checks._verdict.Verdict` prints in the Korean edition::

        통과 02_rnn_step: 테스트 입력 3개에서 rnnlib.rnn_step_forward와 일치한다.
        실패 02_param_count: ...
          힌트: ...
    """
    messages = table("messages")
    text = f"{'통과' if verdict.ok else '실패'} {verdict.exercise}: " \
           f"{messages.translate(verdict.message)}"
    return text + (f"\n  힌트: {messages.translate(verdict.hint)}" if verdict.hint else "")


# ---- figures and sliders ------------------------------------------------------------------

FONT = "NanumGothic"          # the Hangul font of koreanize-matplotlib (SIL Open Font License)
ENGLISH_WORD = re.compile(r"(?<![\\$_^{])\b[A-Za-z]{2,}\b")


@lru_cache(maxsize=None)
def hangul_font():
    """Register the Hangul font with matplotlib, once; its family name.

    The font file is the one ``koreanize-matplotlib`` installs (a dependency of the course);
    only its file is used: importing that package would change matplotlib's settings for
    every figure, English ones included.
    """
    import dataclasses
    import importlib.util

    from matplotlib import font_manager
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the Korean edition draws its figures with the NanumGothic font of "
                          "koreanize-matplotlib: pip install koreanize-matplotlib")
    path = Path(spec.submodule_search_locations[0]) / "fonts" / f"{FONT}.ttf"
    font_manager.fontManager.addfont(str(path))
    bold = path.with_name(f"{FONT}Bold.ttf")      # bold labels (04's P/Q/R/S) without a findfont warning
    if bold.exists() and not any(e.fname == str(bold) for e in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(bold))
        # matplotlib reads this face as weight 600 and warns when asked for "bold" (700): it is the bold face.
        font_manager.fontManager.ttflist = [dataclasses.replace(e, weight=700) if e.fname == str(bold) else e
                                            for e in font_manager.fontManager.ttflist]
    return FONT


def _with_hangul(text_artist):
    """Draw ``text_artist`` in the Hangul font, the course's font for the glyphs it lacks.

    The Hangul font comes first: the text outside ``$...$`` of a label with math is drawn by
    mathtext in the label's first font alone, without fallback.
    """
    families = list(text_artist.get_fontfamily())
    if families[:1] != [hangul_font()]:
        text_artist.set_fontfamily([hangul_font()] + [f for f in families if f != FONT])


def translate_figure(figure):
    """Translate every text of ``figure`` by the table ``figures`` (titles, labels, legends,
    text artists, fixed tick labels), and let them use the Hangul font. Idempotent."""
    from matplotlib.text import Text
    figures = table("figures")
    record = os.environ.get("RNN_COURSE_UNTRANSLATED")
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = _fixed_labels(axis.get_major_formatter())
            if labels is None:
                continue
            for key, label in list(labels.items()):
                labels[key] = figures.translate(str(label))
            if any(has_hangul(str(label)) for label in labels.values()):
                for tick in axis.get_major_ticks():
                    _with_hangul(tick.label1)
                    _with_hangul(tick.label2)
    for artist in figure.findobj(Text):
        text = artist.get_text()
        if not text or has_hangul(text):
            continue
        korean_text = figures.translate(text)
        if korean_text != text:
            artist.set_text(korean_text)
            _with_hangul(artist)
        elif record and untranslated_words(text):
            with open(record, "a", encoding="utf-8") as f:
                f.write(text.replace("\n", "\\n") + "\n")


class _ListAsDict(dict):
    """The labels of a FixedFormatter, written back to it when changed."""

    def __init__(self, formatter):
        super().__init__(enumerate(formatter.seq))
        self.formatter = formatter

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.formatter.seq = [self[k] for k in range(len(self))]


def _fixed_labels(formatter):
    """The tick labels of an axis whose ticks were given labels (``set_xticks(ticks, labels)``
    or ``set_xticklabels``), as a dict to change in place; None for computed labels."""
    import functools

    from matplotlib.axis import Axis
    from matplotlib.ticker import FixedFormatter, FuncFormatter
    if isinstance(formatter, FixedFormatter):
        return _ListAsDict(formatter)
    func = getattr(formatter, "func", None) if isinstance(formatter, FuncFormatter) else None
    if isinstance(func, functools.partial) and func.func is Axis._format_with_dict \
            and func.args and isinstance(func.args[0], dict):
        return func.args[0]
    return None


def untranslated_words(text):
    """The English words of ``text`` outside math (``$...$``) and quoted data (a sentence,
    a date, a prompt): what a Korean figure must not show. Names (PyTorch, NumPy, LSTM, ...) and the course's symbols are allowed."""
    prose = re.sub(r"\$[^$]*\$|'[^'\n]*'|\"[^\"\n]*\"", " ", text)   # math; quoted data
    return [w for w in ENGLISH_WORD.findall(prose) if w not in ALLOWED_WORDS]


# Words a Korean figure may show as they are: names, code, and symbols of the course.
ALLOWED_WORDS = {
    "RNN", "RNNs", "LSTM", "GRU", "PyTorch", "NumPy", "Keras", "BPTT", "tanh",
    "ReLU", "softmax", "argmax", "exp", "log", "ln", "max", "min", "sum", "np",
    "Wx", "Wh", "Wy", "by", "dWx", "dWh", "dx", "dh", "dc", "db", "da", "Wcat", "cat",
    "prev", "next", "nats", "dB", "lstm", "rnn", "gru", "ih", "hh", "x_t", "h_t",
    "ig", "id", "The", "as", "soon", "pad", "nats", "vs",
}


def translate_slider(widget):
    """The slider's description in Korean (table ``figures``), in the Korean edition; for a
    choice (a Dropdown), the labels it shows too, while the values the code receives stay the
    English keys."""
    if not korean():
        return widget
    figures = table("figures")
    if getattr(widget, "description", ""):
        widget.description = figures.translate(widget.description)
    labels = getattr(widget, "_options_labels", None)
    values = getattr(widget, "_options_values", None)
    if labels is not None and values is not None:
        value = widget.value
        widget.options = [(figures.translate(str(label)), v) for label, v in zip(labels, values)]
        widget.value = value
    return widget
