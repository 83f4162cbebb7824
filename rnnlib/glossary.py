"""The course glossary: every key term with its Korean name and the notebook that introduces it.

Notebook 00 prints this table (Korean first in the Korean edition); ``tests/test_glossary.py``
checks that each term appears as ``English (한국어)`` in the notebook that introduces it, and
as ``한국어(English)`` in its Korean twin.
"""
from pathlib import Path

# (English term, Korean term, number of the notebook that introduces it)
GLOSSARY = [
    ("recurrent neural network", "순환 신경망", 0),
    ("notebook", "노트북", 0),
    ("slider", "슬라이더", 0),
    ("exercise", "연습 문제", 0),
    ("sequential data", "순차 데이터", 1),
    ("feed-forward neural network", "피드포워드 신경망", 1),
    ("time step", "타임스텝", 1),
    ("sequence", "시퀀스", 1),
    ("token", "토큰", 1),
    ("tokenization", "토큰화", 1),
    ("vocabulary", "어휘 사전", 1),
    ("one-hot encoding", "원-핫 인코딩", 1),
    ("word embedding", "단어 임베딩", 1),
    ("mini-batch", "미니배치", 1),
    ("one-to-one", "일대일", 1),
    ("one-to-many", "일대다", 1),
    ("many-to-one", "다대일", 1),
    ("many-to-many", "다대다", 1),
    ("image captioning", "이미지 캡셔닝", 1),
    ("sentiment classification", "감성 분석", 1),
    ("machine translation", "기계 번역", 1),
    ("hidden state", "은닉 상태", 2),
    ("cell", "셀", 2),
    ("weight", "가중치", 2),
    ("bias", "편향", 2),
    ("shape", "형상", 2),
    ("broadcasting", "브로드캐스팅", 2),
    ("parameter", "파라미터", 2),
    ("weight sharing", "가중치 공유", 2),
    ("pre-activation", "활성화 전 값", 2),
    ("activation function", "활성화 함수", 3),
    ("hyperbolic tangent", "하이퍼볼릭 탄젠트", 3),
    ("non-linearity", "비선형성", 3),
    ("derivative", "도함수", 3),
    ("sigmoid", "시그모이드", 3),
    ("concatenation", "연결", 4),
    ("fully connected layer", "완전 연결 계층", 4),
    ("output layer", "출력층", 4),
    ("softmax", "소프트맥스", 4),
    ("logit", "로짓", 4),
    ("forward pass", "순전파", 5),
    ("unrolling", "펼치기", 5),
    ("stacked recurrent layers", "순환층 쌓기", 5),
    ("backpropagation through time", "시간에 따른 역전파", 6),
    ("gradient", "기울기", 6),
    ("loss function", "손실 함수", 6),
    ("binary cross-entropy", "이진 교차 엔트로피", 6),
    ("gradient check", "기울기 검증", 6),
    ("learning rate", "학습률", 6),
    ("epoch", "에포크", 6),
    ("vanishing gradient", "기울기 소실", 6),
    ("exploding gradient", "기울기 폭주", 6),
    ("gradient clipping", "기울기 클리핑", 6),
    ("long short-term memory", "장단기 메모리", 7),
    ("long-term dependency", "장기 의존성", 7),
    ("cell state", "셀 상태", 7),
    ("gate", "게이트", 7),
    ("forget gate", "망각 게이트", 7),
    ("input gate", "입력 게이트", 7),
    ("candidate cell state", "후보 셀 상태", 7),
    ("output gate", "출력 게이트", 7),
    ("language model", "언어 모델", 8),
    ("temporal softmax loss", "시간 소프트맥스 손실", 8),
    ("bigram model", "바이그램 모델", 8),
    ("truncated BPTT", "잘린 BPTT", 8),
    ("temperature", "온도", 8),
    ("gated recurrent unit", "게이트 순환 유닛", 9),
    ("encoder", "인코더", 9),
    ("decoder", "디코더", 9),
    ("attention", "어텐션", 9),
    ("context vector", "문맥 벡터", 9),
    ("teacher forcing", "교사 강요", 9),
    ("exposure bias", "노출 편향", 9),
    ("mask", "마스크", 9),
]

# Terms the English notebooks use as plain words but a Korean student meets only in Korean:
# the Korean edition introduces each as "한국어(English)" (tests/test_korean.py) and lists it
# in its glossary table. (Moving one into GLOSSARY needs "English (한국어)" in the English
# notebook too.)
KOREAN_EDITION_TERMS = [
    ("dense layer", "밀집층", 1),                 # = fully connected layer, 완전 연결 계층 (04)
    ("singular value", "특잇값", 3),
    ("spectral radius", "스펙트럼 반경", 3),
    ("Jacobian", "야코비안", 7),
    ("held-out data", "떼어 둔 데이터", 7),
    ("marker", "표식", 7),
    ("distractor", "방해 기호", 7),
    ("free running", "자유 실행", 9),
]


def glossary_markdown(korean_first=None):
    """The glossary as a Markdown table, sorted by notebook then by term.

    korean_first : bool, optional
        Korean column first, sorted by the Korean term, with KOREAN_EDITION_TERMS added.
        ``None`` (the default): Korean first when the notebook runs from ``notebooks/ko``, the
        Korean edition, whose kernels start in that folder; so both editions share one code cell.
    """
    if korean_first is None:
        korean_first = Path.cwd().name == "ko"
    if korean_first:
        rows = ["| 한국어 | 영어 | 노트북 |", "|---|---|---|"]
        terms = GLOSSARY + KOREAN_EDITION_TERMS
        for english, korean, nb in sorted(terms, key=lambda t: (t[2], t[1])):
            rows.append(f"| {korean} | {english} | {nb:02d} |")
    else:
        rows = ["| English | 한국어 | notebook |", "|---|---|---|"]
        for english, korean, nb in sorted(GLOSSARY, key=lambda t: (t[2], t[0])):
            rows.append(f"| {english} | {korean} | {nb:02d} |")
    return "\n".join(rows)
