"""The Korean edition speaks with one voice: notebooks/ko/STYLE.ko.md, held by a test.

Each rule below is one line of the style sheet: a pattern that only a variant the sheet rules
out can match, and the word the sheet chooses instead. The rules read the Korean prose of every
translation (notebooks/ko/translations/*.md) and of README.ko.md, with code, math, HTML and
link targets taken out, so `x; y` in code or $[x_t; h_{t-1}]$ in a formula is not prose.
"""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = sorted((ROOT / "notebooks" / "ko" / "translations").glob("[0-9][0-9]_*.md"))
SOURCES = TRANSLATIONS + [ROOT / "README.ko.md"]

# Code blocks, code spans, math, HTML comments and tags, link targets, HTML entities.
NOT_PROSE = re.compile(r"```.*?```|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]+?\$|<!--.*?-->|<[^>\n]+>"
                       r"|\]\([^)\n]*\)|&[A-Za-z]+;|&#\d+;", re.DOTALL)

# A unit that follows a number written in digits (or a symbol such as T, $H$): glued to it.
COUNTER = (r"(?:%|개(?![념선발별혁])|번째|번(?![역호])|회(?![귀전의])|배(?![치열율경포])|절(?![반대차])|자리"
           r"|초(?![과기])|분(?![류석포야산리해명기자열모])|편(?![향차집의리]))")

# Hangul syllables that end in a final consonant (받침): all but every 28th from 가.
BATCHIM = "".join(f"{chr(0xAC00 + 28 * k + 1)}-{chr(0xAC00 + 28 * k + 27)}" for k in range(399))

# (name, pattern of the variant, what the style sheet writes instead)
RULES = [
    ("time step", r"(?<!타임)(?<!복소 )스텝|타임 스텝|시간 스텝|시간 단계|단계",
     "타임스텝 (최적화의 한 걸음은 '업데이트', 유한 차분의 폭은 '간격')"),
    ("slope", r"경사(?! 하강)", "미분값 (tanh의 미분값 $1 - h_t^2$)"),
    ("entry", r"성분", "원소"),
    ("squashing", r"스쿼싱|찌그러뜨리|짓누르|짓눌", "압축 함수"),
    ("weight scale", r"가중치 배율|배율 \d|배율이 1|가중치 크기 배율", "가중치 스케일"),
    ("course", r"강의", "강좌"),
    ("source notes", r"(?:출처|시드|바탕|소스|강의) 노트|(?<!원본 )(?<![가-힣])노트(?!북)", "원본 노트"),
    ("i.e.", r"(?<![가-힣])곧(?![가-힣])", "즉 (또는 '바로')"),
    ("character-level", r"문자 수준|문자 레벨|글자 단위|글자 수준|캐릭터 단위", "문자 단위"),
    ("section", r"섹션|§|(?<![A-Za-z_\d.,])\d+ 절(?![반대차])", "N절 (3절, 노트북 01의 6절)"),
    ("check cell", r"(?:검사|체크|점검|채점|확인용) 셀", "확인 셀"),
    ("upstream gradient", r"업스트림|위에서 내려오는 기울기|윗단 기울기", "상류 기울기"),
    ("heat map", r"히트 맵|열지도|열 지도", "히트맵"),
    ("exercise mood", r"작성하자|작성해 보자|작성해 봅시다|작성해라|작성하시오|구현하자|구현해 보자|구현하라",
     "작성하라"),
    ("exercise", r"연습 \d", "연습 문제 N"),
    ("network", r"네트워크", "신경망"),
    ("shape", r"모양", "형상 (날짜 문자열의 꼴은 '형식')"),
    ("gradient check", r"기울기 검사", "기울기 검증"),
    ("held-out", r"평가용", "떼어 둔 (떼어 둔 날짜, 떼어 둔 원문)"),
    ("pre-activation", r"사전 활성화", "활성화 전 값"),
    ("machine epsilon", r"머신 엡실론", "기계 엡실론"),
    ("standard deviation", r"표준편차", "표준 편차"),
    ("control run", r"대조 실험", "대조 실행"),
    ("convention", r"규약", "관례"),
    ("feature", r"특성", "특징"),
    ("feed", r"(?<!되)먹(?:이|여|인)", "넣다 (출력을 다시 입력으로는 '되먹이다')"),
    ("shift invariance", r"눈멀|알아보지 못한", "평행 이동해도 바뀌지 않는다"),
    ("raw score", r"날것|원점수", "점수, 정규화 전 점수"),
    ("section by quoted title", r"'\d+\. [^'\n]+'", "N절 (4절에서, 2절의 표)"),
    ("thousands separator", r"(?<![\d.,])\d{1,3} \d{3}(?![\d])", "쉼표 (30,000배, 100,000 문자)"),
    ("particle after a final consonant",
     r"(?:타임스텝|신경망|층)\**(?:는|가|를|와|로)(?![가-힣])|셀\**(?:는|가|를|와)(?![가-힣])",
     "받침 뒤의 조사 (타임스텝은, 신경망이, 층을, 셀과)"),
    ("particle after a parenthesis",
     rf"[{BATCHIM}]\**\([^()\n]*\)(?:가|를|는|와)(?![가-힣])",
     "괄호 앞 낱말의 받침을 따르는 조사 (감성 분석(노트북 01)이)"),
    ("character", r"글자 정확도|(?:원문|출력|목표|정답|진짜|틀린) 글자|\d+ ?글자|글자 하나를 (?:\*\*)?토큰",
     "문자 (글자는 letter에만: `May`의 마지막 글자)"),
    ("scratch cell", r"연습용 셀|연습은 ", "임시 셀 (연습 문제 셀과 헷갈리지 않게)"),
    ("call", r"[을를] 부르[지는고면]|[을를] 불러(?![오와온])|호출할 수 없다", "호출하다 (호출하면 안 된다)"),
    ("solution", r"연습 문제의 정답|정답을 (?:보지|지운|뺀)|정답이 들어 있는", "풀이"),
    ("flatten", r"펼쳐 넣", "평탄화 (펼치기는 unrolling)"),
    ("Python", r"파이썬", "Python"),
    ("training data", r"학습 데이터|학습용 (?:원문|데이터|텍스트)", "훈련 데이터, 훈련용 원문"),
    ("absolute value", r"절대값", "절댓값"),
    ("identity matrix", r"항등 행렬|항등 \$", "단위 행렬"),
    ("long-range", r"장거리", "장기 의존성"),
    ("the check is not grading", r"채점에서 실패|채점은 모든|채점된다\. 노트북 08", "검사 (채점은 채점기의 일)"),
    ("semicolon", r";", "마침표나 쉼표 (한국어 산문에는 쌍반점을 쓰지 않는다)"),
    ("tilde", r"~", "'0.3에서 1' 또는 '0.3–1' (JupyterLab은 ~ 한 쌍을 취소선으로 그린다)"),
    ("number and counter",
     r"(?:(?<![A-Za-z_\d.,])\d+(?:[.,]\d+)*|(?<![A-Za-z_])[A-Za-z]) " + COUNTER,
     "숫자와 단위를 붙여 쓴다 (5개, 3번째, 2배, 4절, 10%, T개)"),
    ("space before a particle",
     r"\*\*\([A-Za-z][^)\n]*\) (?:은|는|이|가|을|를|에서는|에서|에|와|과|로|으로|의|도)(?![가-힣])",
     "**한국어**(English)에서는 (조사는 괄호에 붙인다)"),
    ("bold glued after punctuation", r"[)\]\"'’”.,:!?]\*\*[가-힣A-Za-z0-9]",
     "**한국어**(English)는 (닫는 ** 앞이 문장 부호이고 뒤에 글자가 붙으면 굵게 되지 않는다)"),
]


def prose(text):
    """The text with everything that is not Korean prose blanked out, line numbers kept."""
    return NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def violations(text, pattern):
    """(line number, excerpt) for each match of pattern in the prose of text."""
    plain = prose(text)
    found = []
    for m in re.finditer(pattern, plain):
        line = plain.count("\n", 0, m.start()) + 1
        found.append((line, text[max(0, m.start() - 30):m.end() + 20].replace("\n", " ")))
    return found


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name, pattern, instead", RULES, ids=[r[0] for r in RULES])
def test_one_word_for_each_idea(source, name, pattern, instead):
    found = violations(source.read_text(encoding="utf-8"), pattern)
    assert not found, (f"{source.name}: {name}: write {instead} (notebooks/ko/STYLE.ko.md)\n"
                       + "\n".join(f"  line {n}: ...{s}..." for n, s in found))


# Each rule fails on the variant it rules out, and passes the word it chooses.
EXAMPLES = {
    "time step": ("각 스텝에서", "각 타임스텝에서"),
    "slope": ("tanh의 경사", "tanh의 미분값, 경사 하강법"),
    "entry": ("행렬의 성분", "행렬의 원소"),
    "squashing": ("스쿼싱 함수", "압축 함수"),
    "weight scale": ("가중치 배율 1.5", "가중치 스케일 1.5, 늘어나는 배율"),
    "course": ("이 강의는", "이 강좌는"),
    "source notes": ("노트 004는", "원본 노트 004와 노트북 02"),
    "i.e.": ("활성화 함수, 곧 tanh", "활성화 함수, 즉 tanh, 곧장"),
    "character-level": ("문자 수준 언어 모델", "문자 단위 언어 모델"),
    "section": ("6 절에서, 섹션 6", "6절에서"),
    "check cell": ("검사 셀을 실행하라", "확인 셀을 실행하라"),
    "upstream gradient": ("업스트림 기울기", "상류 기울기"),
    "heat map": ("히트 맵", "히트맵"),
    "exercise mood": ("함수를 작성하자", "함수를 작성하라"),
    "exercise": ("연습 1 · 한 타임스텝", "연습 문제 1 · 한 타임스텝"),
    "network": ("네트워크가 배운다", "신경망이 배운다"),
    "shape": ("모양은 (N, H)", "형상은 (N, H)"),
    "gradient check": ("기울기 검사를 한다", "기울기 검증을 한다"),
    "held-out": ("평가용 날짜", "떼어 둔 날짜"),
    "pre-activation": ("사전 활성화 $a_t$", "활성화 전 값 $a_t$"),
    "machine epsilon": ("머신 엡실론", "기계 엡실론"),
    "standard deviation": ("표준편차 0.035", "표준 편차 0.035"),
    "control run": ("대조 실험에서는", "대조 실행에서는"),
    "convention": ("행 벡터 규약", "행 벡터 관례"),
    "feature": ("특성이 3개인 입력", "특징이 3개인 입력"),
    "feed": ("정답을 먹여 줘도, 글자를 먹인다", "정답을 넣어 줘도, 출력을 되먹인다"),
    "shift invariance": ("이동에 눈멀어 있다", "평행 이동해도 바뀌지 않는다"),
    "raw score": ("날것의 점수, 원점수", "정규화 전 점수"),
    "section by quoted title": ("'4. 기울기가 살아남는 이유'에서", "4절에서, 'ok'와 '3'"),
    "thousands separator": ("30 000배", "30,000배, 100,000 문자"),
    "particle after a final consonant": ("**순환 한 타임스텝**는, 신경망가, 층를, 셀와",
                                         "**순환 한 타임스텝**은, 신경망이, 층을, 셀과, 셀로, 타임스텝마다"),
    "particle after a parenthesis": ("감성 분석(노트북 01)가, **순환층**(recurrent layer)는",
                                     "감성 분석(노트북 01)이, **은닉 상태**(hidden state)는, 서울(수도)로"),
    "character": ("글자 정확도, 원문 글자, 29글자, 글자 하나를 **토큰** 하나로",
                  "문자 정확도, 원문 문자, 29 문자, `May`의 마지막 글자, 자주 나오는 글자"),
    "scratch cell": ("연습용 셀에서, 연습은 새 셀에서 하자", "임시 셀에서, 연습 문제 셀"),
    "call": ("함수를 부르지 않는다, 이를 부르는 셀, 호출할 수 없다",
             "함수를 호출하지 않는다, 셀이라고 부른다, 다른 이름으로 불러와, `rnnlib`을 불러오고"),
    "solution": ("연습 문제의 정답, 정답을 보지 않고", "연습 문제의 풀이, 정답 문자, 정답일 때"),
    "flatten": ("문장을 펼쳐 넣은 밀집층", "평탄화한 문장, 펼친 그래프"),
    "Python": ("파이썬 내장 함수", "Python 내장 함수"),
    "training data": ("학습 데이터에서, 학습용 원문", "훈련 데이터에서, 훈련용 원문, 학습률"),
    "absolute value": ("절대값 $10^{-8}$", "절댓값 $10^{-8}$"),
    "identity matrix": ("항등 $W_h$, 항등 행렬", "단위 행렬 $W_h$, 항등 함수"),
    "long-range": ("장거리 과제", "장기 의존성 과제"),
    "the check is not grading": ("셀은 채점에서 실패한다. 채점은 모든 원소를",
                                 "셀은 검사에서 실패한다. 채점되는 것은 이 셀뿐이다"),
    "semicolon": ("줄어든다; 곱이", "줄어든다. 곱이 $[x_t; h_{t-1}]$, `a; b`"),
    "tilde": ("0.6~6%가 남는다 … 0.3~1%", "0.6에서 6%가 남는다 … 0.3–1%"),
    "number and counter": ("유닛 3 개, T 개, 2 배, 25 분, 54 편", "유닛 3개, T개, 2배, 1 초과, 5.배치, 25분, $b$ 편향, 2 분류"),
    "space before a particle": ("**기울기 검증**(gradient check) 에서는", "**기울기 검증**(gradient check)에서는"),
    "bold glued after punctuation": ("**로짓(logit)**은", "**로짓**(logit)은"),
}


@pytest.mark.parametrize("name, pattern, instead", RULES, ids=[r[0] for r in RULES])
def test_rule_catches_its_variant_and_passes_the_chosen_word(name, pattern, instead):
    bad, good = EXAMPLES[name]
    assert violations(bad, pattern), f"{name}: {bad!r} should fail"
    assert not violations(good, pattern), \
        f"{name}: {good!r} should pass: {violations(good, pattern)}"


BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def bold_with_english_inside(text):
    """Bold spans (paired left to right, as Markdown pairs them) holding "(English)"."""
    return [m.group() for m in BOLD.finditer(prose(text)) if re.search(r"\([A-Za-z]", m.group(1))]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_bold_term_is_korean_then_english_then_particle(source):
    found = bold_with_english_inside(source.read_text(encoding="utf-8"))
    assert not found, (f"{source.name}: write **한국어**(English) followed by its particle, "
                       f"not {found}")


def test_bold_rule_catches_english_inside_the_bold():
    assert bold_with_english_inside("**잘린 BPTT(truncated BPTT)는** 텍스트를, **게이트(gate)란**")
    assert not bold_with_english_inside("**잘린 BPTT**(truncated BPTT)는 **A**, **B** (c)")
    # a bold term that wraps across a line break is inspected too
    assert bold_with_english_inside("**순환층 쌓기(stacked recurrent\nlayers)**, 즉")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_answer_is_labelled_dap(source):
    """The answer of an exercise opens with <summary>답</summary>, never 정답."""
    assert "<summary>정답" not in source.read_text(encoding="utf-8"), \
        f"{source.name}: write <details><summary>답</summary> (notebooks/ko/STYLE.ko.md)"
