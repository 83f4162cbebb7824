"""The Korean edition of what a student reads alone: verdicts, hints, the environment check,
the exercise stubs (rnnlib/ko/messages.md, see rnnlib.language)."""
import difflib
import re

import numpy as np
import pytest

from rnnlib import language
from rnnlib.language import FIELD, code_messages, entry_stub, read_table, table

MESSAGES = language.TABLES / "messages.md"


def fields(template):
    return {m.group(1) for m in FIELD.finditer(template) if m.group(1) is not None}


def test_every_message_of_the_code_has_its_korean_entry():
    """Fails on a message without an entry (new, or changed in English since it was
    translated), printing for each a ready-to-fill entry and the nearest old one."""
    recorded = {english: korean for english, korean in read_table(MESSAGES)}
    todo = {english for english, korean in _raw_entries() if korean.strip() == "TODO"}
    missing = [(t, f) for t, f in code_messages().items() if t not in recorded or t in todo]
    if missing:
        stale = [e for e in recorded if e not in code_messages()]
        report = []
        for template, source in missing:
            near = difflib.get_close_matches(template, stale, n=1, cutoff=0.6)
            was = f"\n(was: en: {near[0]}\n      ko: {recorded[near[0]]})" if near else ""
            report.append(f"# {source}\n{entry_stub(template)}{was}")
        pytest.fail(f"{len(missing)} English messages have no Korean entry in {MESSAGES.name}; "
                    f"add (or update) these entries:\n\n" + "\n\n".join(report))


def _raw_entries():
    """Every (en, ko) pair of the file, TODO ones included."""
    lines = MESSAGES.read_text(encoding="utf-8").splitlines()
    return [(a[4:], b[4:]) for a, b in zip(lines, lines[1:])
            if a.startswith("en: ") and b.startswith("ko: ")]


def test_korean_entries_use_only_the_fields_of_their_english():
    for english, korean in read_table(MESSAGES):
        assert fields(korean) <= fields(english), (english, korean)


def test_korean_entries_follow_the_style_sheet():
    """No semicolon and no ~ in the Korean (notebooks/ko/STYLE.ko.md)."""
    for english, korean in read_table(MESSAGES):
        assert ";" not in korean and "~" not in korean, korean


@pytest.fixture
def ko(monkeypatch):
    monkeypatch.setenv(language.ENV, "ko")


def test_the_language_rule(monkeypatch, tmp_path):
    monkeypatch.delenv(language.ENV, raising=False)
    (tmp_path / "ko").mkdir()
    monkeypatch.chdir(tmp_path / "ko")
    assert language.korean()
    monkeypatch.setenv(language.ENV, "en")
    assert not language.korean()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(language.ENV, "ko")
    assert language.korean()
    monkeypatch.delenv(language.ENV)
    assert not language.korean()


def test_templates_translate_numbers_and_nested_texts():
    t = table("messages")
    assert t.translate("h_next is wrong on test input 2 (largest difference 5.3e+00).") == \
        "h_next (테스트 입력 2): 값이 틀렸다(가장 큰 차이 5.3e+00)."
    assert t.translate("h has shape (N, T) = (2, 3) on test input 1, expected (N, T, H) = "
                       "(2, 3, 4).") == \
        "h (테스트 입력 1): 형상이 (N, T) = (2, 3)이다. 기대한 형상은 (N, T, H) = (2, 3, 4)이다."
    assert t.translate("must return five gradients: (dx, dh, dWx, dWh, db).") == \
        "기울기 다섯 개를 반환해야 한다: (dx, dh, dWx, dWh, db)."
    assert t.translate("an English text no entry knows") == "an English text no entry knows"


def _no_english_sentence(text):
    """Prose left in English: three English words in a row outside code and names."""
    text = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"", "", text)
    return not re.search(r"\b[a-z]{3,} [a-z]{2,} [a-z]{2,}\b", text)


def test_a_verdict_prints_in_korean(ko, capsys):
    from rnnlib import checks
    from rnnlib.checks._exercise import check_cell

    def stub(*args):
        raise NotImplementedError("Exercise 02_rnn_step: write your solution here")

    def no_tanh(x_t, h_prev, Wx, Wh, b):
        return h_prev @ Wh + x_t @ Wx + b

    def right(x_t, h_prev, Wx, Wh, b):
        return np.tanh(h_prev @ Wh + x_t @ Wx + b)

    for fn in (stub, no_tanh, lambda *a: np.zeros((3, 3)), right):
        checks.check_rnn_step(fn)
    check_cell("02_param_count", "def param_count(D, H):\n    return helper(D, H)")
    out = capsys.readouterr().out
    assert out.count("실패 02_rnn_step: ") == 3 and "통과 02_rnn_step: " in out
    assert "힌트: h_prev @ Wh + x_t @ Wx + b를 반환했다: 여기에 np.tanh를 적용하라." in out
    assert "연습 문제 02_rnn_step: 여기에 풀이를 작성하라" in out
    assert "채점: 실패, 예외: NameError" in out
    for line in out.splitlines():
        line = line.replace("name 'helper' is not defined", "")   # Python's own message
        assert _no_english_sentence(line), line


def test_every_exercise_stub_verdict_is_korean(ko, capsys):
    from rnnlib.checks import EXERCISES

    for exercise in EXERCISES.values():
        def stub(*args):
            raise NotImplementedError(f"Exercise {exercise.id}: write your solution here")
        print(exercise.verdict(stub))
        print(exercise.verdict(lambda *args: None))
    for line in capsys.readouterr().out.splitlines():
        assert _no_english_sentence(line), line


def test_verdicts_stay_english_outside_the_korean_edition(monkeypatch, capsys):
    from rnnlib import checks
    monkeypatch.setenv(language.ENV, "en")
    checks.check_rnn_step(lambda *a: 1 / 0)
    assert capsys.readouterr().out.startswith("FAILED 02_rnn_step: your function raised")


def test_the_environment_check_speaks_korean(ko, capsys):
    from rnnlib.envcheck import check_environment
    check_environment(version_of=lambda name: "0.1", folder=None)
    out = capsys.readouterr().out
    assert "너무 오래됨" in out and "커널을 다시 시작하라" in out
    assert all(_no_english_sentence(line) for line in out.splitlines()), out


def test_the_korean_release_has_korean_stubs():
    from rnnlib.course.release import strip_solution
    source = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n"
    assert strip_solution(source, "02_rnn_step", korean=True) == (
        'def f(x):\n    raise NotImplementedError("연습 문제 02_rnn_step: 여기에 풀이를 작성하라")\n')
    assert "write your solution here" in strip_solution(source, "02_rnn_step")
