"""The Korean edition's figures and sliders: every text in Korean (rnnlib/ko/figures.md),
drawn with a Hangul font that installs with the course, and the English figures unchanged."""
import io
import re
import warnings

import numpy as np
import pytest

from rnnlib import language

MATH_OR_NUMBER = re.compile(r"^[\s\d.,:;+\-−=<>()\[\]{}/×·%|'\"^_*$\\a-zA-Z]*$")


def _memory_gates():
    rng = np.random.default_rng(0)
    return {k: rng.uniform(size=(6, 8, 3)) for k in "ifgoc"}, np.array([0, 1] * 3)


def _history():
    return {"loss": np.linspace(1, 0.1, 20), "accuracy": np.linspace(0.5, 1, 20)}


def _lm_history():
    loss = np.linspace(4, 1.8, 120)
    return {"loss": loss, "smooth_loss": loss}


def _dates():
    sources = ["2024-01-0" + str(k % 9 + 1) + "x" * (k % 12) for k in range(120)]
    rng = np.random.default_rng(0)
    return sources, {"plain": rng.uniform(size=120), "attention": rng.uniform(size=120)}


def figures():
    """(name, callable returning a Figure) for every figure of the course: the calls of the
    notebooks, with small made-up data where a notebook trains a model first, and the
    default figure of every explorer."""
    from rnnlib import plots
    from rnnlib.widgets import EXPLORERS
    p = plots
    out = [
        ("tanh_point", lambda: p.nonlinearity.draw_tanh_point(x=4.0)),
        ("feedforward_vs_recurrent", p.sequences.draw_feedforward_vs_recurrent),
        ("batch", lambda: p.sequences.draw_batch(
            np.eye(3)[[[0, 0, 1], [1, 0, 0], [0, 1, 0]]],
            ["as as soon", "soon as as", "as soon as"], {"as": 0, "soon": 1, "<pad>": 2})),
        ("patterns", p.sequences.draw_patterns),
        ("shapes", lambda: p.shapes.draw_shapes(N=2, D=3, H=4)),
        ("activations", p.nonlinearity.plot_activations),
        ("derivatives", p.nonlinearity.plot_derivatives),
        ("recurrence", lambda: p.nonlinearity.draw_recurrence(1.5, "relu", 30)),
        ("w_blocks", lambda: p.weights.draw_w_blocks(np.arange(20.0).reshape(5, 4) / 20, 3)),
        ("concat_w", lambda: p.weights.draw_concat_w(D=3, H=2)),
        ("output_activations", lambda: p.weights.plot_output_activations([2.0, 1.0, -1.0])),
        ("hidden_states", lambda: p.forward.plot_hidden_states(
            np.tanh(np.arange(36.0).reshape(3, 3, 4) / 9 - 2))),
        ("unrolled", lambda: p.forward.draw_unrolled(T=3)),
        ("hidden_size", lambda: p.forward.draw_hidden_size(H=6)),
        ("stacked", lambda: p.forward.draw_stacked(T=3)),
        ("history", lambda: p.backward.plot_history(_history())),
        ("gradient_norms", lambda: p.backward.draw_gradient_norms(weight_scale=0.5, T=30)),
        ("lstm_cell", p.lstm.draw_lstm_cell),
        *[(f"lstm_cell_{h}", lambda h=h: p.lstm.draw_lstm_cell(highlight=h))
          for h in ("f", "ig", "c", "o")],
        ("highway", lambda: p.lstm.draw_gradient_highway(forget_bias=3.0)),
        ("race_table", lambda: p.lstm.plot_race_table(
            {"rnn": [0.5, 0.6], "lstm": [1.0, 0.97], "lstm_keras": [0.9, 1.0]})),
        ("memory", lambda: p.lstm.plot_memory(*_memory_gates())),
        ("gate_biases", lambda: p.lstm.draw_gate_biases(forget_bias=3.0, input_bias=-2.0)),
        ("lm_history", lambda: p.language_model.plot_lm_history(
            [_lm_history(), _lm_history()], baseline=2.5, count_model=2.0, uniform=4.2,
            held_out=[(100, 2.0), (100, 2.1)])),
        ("gru_cell", p.seq2seq.draw_gru_cell),
        ("accuracy_by_length", lambda: p.seq2seq.plot_accuracy_by_length(
            _dates()[0], _dates()[1], ylabel="held-out character accuracy")),
        ("translation_seeds", lambda: p.seq2seq.plot_translation_seeds(
            [{"plain": 0.3, "attention": 0.9}, {"plain": 0.4, "attention": 0.95}])),
    ]
    for factory in EXPLORERS:
        out.append((factory.__name__, lambda f=factory: _explorer_figure(f)))
    return out


def _attention_map():
    """A small made-up AttentionMap (the explorer's default trains a model first)."""
    from rnnlib.plots.seq2seq import AttentionMap
    sources = ["Saturday, May 16, 1970", "16/05/1970"]
    weights = np.random.default_rng(0).dirichlet(np.ones(22), size=(2, 10))
    return AttentionMap(sources, ["1970-05-16", "1970-05-16"], weights)


def _explorer_figure(factory):
    from rnnlib.widgets import attention_explorer
    w = factory(_attention_map()) if factory is attention_explorer else factory()
    return w.f(**w.kwargs).figure


FIGURES = figures()


@pytest.fixture
def ko(monkeypatch):
    monkeypatch.setenv(language.ENV, "ko")


def _texts(fig):
    from matplotlib.text import Text
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def _png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


@pytest.mark.parametrize("name, draw", FIGURES, ids=[n for n, _ in FIGURES])
def test_korean_figure_has_no_english_word_and_no_missing_glyph(ko, name, draw):
    fig = draw()
    with warnings.catch_warnings():
        warnings.simplefilter("error")            # "Glyph ... missing from font(s)" fails
        _png(fig)
    english = {t: language.untranslated_words(t) for t in _texts(fig)}
    english = {t: w for t, w in english.items() if w}
    assert not english, (
        f"{name}: texts without a Korean entry in rnnlib/ko/figures.md; add:\n\n"
        + "\n".join(f"en: {t}\nko: TODO" for t in english))


def test_sliders_are_labelled_in_korean(ko):
    from rnnlib.widgets import EXPLORERS
    from rnnlib.widgets import attention_explorer
    for factory in EXPLORERS:
        made = factory(_attention_map()) if factory is attention_explorer else factory()
        for w in made.kwargs_widgets:
            assert not language.untranslated_words(w.description), (factory.__name__,
                                                                    w.description)


def test_activation_choice_shows_korean_names_and_passes_the_english_key(ko):
    """03's dropdown shows 시그모이드, ReLU, 선형 (as the legends do); the code still gets
    "sigmoid", "relu", "linear"."""
    from rnnlib.widgets.nonlinearity import weight_scale_explorer
    made = weight_scale_explorer()
    [choice] = [w for w in made.kwargs_widgets if hasattr(w, "options")]
    assert [label for label, _ in choice.options] == ["tanh", "ReLU", "시그모이드", "선형"]
    assert [value for _, value in choice.options] == ["tanh", "relu", "sigmoid", "linear"]
    assert choice.value == "tanh"
    choice.value = "sigmoid"
    assert made.kwargs["activation"] == "sigmoid"


def test_english_figures_stay_english(monkeypatch):
    monkeypatch.setenv(language.ENV, "en")
    from rnnlib.plots import nonlinearity
    fig = nonlinearity.plot_activations()
    _png(fig)
    assert not any(language.has_hangul(t) for t in _texts(fig))
    assert all("NanumGothic" not in t.get_fontfamily() for t in fig.findobj(
        __import__("matplotlib").text.Text))


def test_figure_table_entries_use_only_their_fields():
    from rnnlib.language import FIELD, read_table
    for english, korean in read_table(language.TABLES / "figures.md"):
        f = {m.group(1) for m in FIELD.finditer(english) if m.group(1) is not None}
        g = {m.group(1) for m in FIELD.finditer(korean) if m.group(1) is not None}
        assert g <= f, (english, korean)
        assert "~" not in korean, korean
