"""Notebook 09's translation task: dates as people write them -> ISO dates, character by character.

Each date is written in one of five forms people use; the target is always the ISO form
``YYYY-MM-DD``::

    "3 Mar 2021"                      ->  "2021-03-03"
    "March 3, 2021"                   ->  "2021-03-03"
    "Wednesday, March 3, 2021"        ->  "2021-03-03"
    "Wed, 3 Mar 2021"                 ->  "2021-03-03"
    "3.3.2021"                        ->  "2021-03-03"

The source and the target differ in length (8 to 29 characters in, always 10 out) and in
order: every source form puts the year last and the ISO form puts it first, so the decoder
must look back at different places of the source at different steps. (English only: the
figures' font has no Hangul glyphs.)

Every sequence is a row of integer ids. Source ids come from :data:`SOURCE_CHARS`, target ids
from :data:`TARGET_CHARS`; id 0 is padding ``<pad>`` in both, the target also has a start
``<s>`` (id 1) and an end ``</s>`` (id 2) token::

    target row:  <s> 2 0 2 1 - 0 3 - 0 3 </s>       (12 ids, the decoder reads all but the
                                                     last and predicts all but the first)
    source row:  3 _ M a r _ 2 0 2 1 <pad> <pad> ...  (padded on the right to the longest)

Examples
--------
>>> from rnnlib.dates import date_pairs
>>> pairs = date_pairs(3, seed=0)
>>> [len(target) for source, target in pairs]
[10, 10, 10]
"""
import datetime as _dt

import numpy as np

PAD, START, END = 0, 1, 2
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST, LAST = _dt.date(1950, 1, 1), _dt.date(2049, 12, 31)

FORMATS = {                                    # name -> how a date is written
    "d Mon yyyy": lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
    "Month d, yyyy": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "Weekday, Month d, yyyy": lambda d: f"{DAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, "
                                        f"{d.year}",
    "Wkd, d Mon yyyy": lambda d: f"{DAYS[d.weekday()][:3]}, {d.day} {MONTHS[d.month - 1][:3]} "
                                 f"{d.year}",
    "d.m.yyyy": lambda d: f"{d.day}.{d.month}.{d.year}",
}

SOURCE_CHARS = ["<pad>"] + sorted(set("".join(
    f(_dt.date(2000, m, 1) + _dt.timedelta(days=k)) for f in FORMATS.values()
    for m in range(1, 13) for k in range(7)) + "0123456789"))
TARGET_CHARS = ["<pad>", "<s>", "</s>"] + list("-0123456789")
SOURCE_IDS = {c: i for i, c in enumerate(SOURCE_CHARS)}
TARGET_IDS = {c: i for i, c in enumerate(TARGET_CHARS)}


def iso(date):
    """The target form ``YYYY-MM-DD`` of a :class:`datetime.date`."""
    return date.isoformat()


def date_pairs(n, seed=0, exclude=()):
    """``n`` distinct (source, target) string pairs, drawn from ``seed``.

    Dates are uniform between 1950-01-01 and 2049-12-31, forms uniform over :data:`FORMATS`.
    ``exclude``: source strings never to return (held-out pairs stay out of training).
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"date_pairs: n must be a positive integer, got {n!r}")
    rng = np.random.default_rng(seed)
    span = (LAST - FIRST).days + 1
    forms = list(FORMATS.values())
    seen, out = set(exclude), []
    while len(out) < n:
        date = FIRST + _dt.timedelta(days=int(rng.integers(span)))
        source = forms[int(rng.integers(len(forms)))](date)
        if source not in seen:
            seen.add(source)
            out.append((source, iso(date)))
    return out


def encode_sources(sources, length=None):
    """Source strings -> ids (N, S), padded with ``PAD`` on the right to the longest source
    (or to ``length``)."""
    S = max(len(s) for s in sources) if length is None else length
    ids = np.full((len(sources), S), PAD, dtype=np.intp)
    for n, s in enumerate(sources):
        if len(s) > S:
            raise ValueError(f"encode_sources: source {n} has {len(s)} characters, more than "
                             f"length = {S}")
        try:
            ids[n, :len(s)] = [SOURCE_IDS[c] for c in s]
        except KeyError as e:
            raise ValueError(f"encode_sources: source {n} ({s!r}) has the character {e.args[0]!r}, "
                             f"which is not in SOURCE_CHARS") from None
    return ids


def encode_targets(targets):
    """Target strings -> ids (N, L + 2): ``<s>``, the characters, ``</s>``, then padding."""
    L = max(len(t) for t in targets)
    ids = np.full((len(targets), L + 2), PAD, dtype=np.intp)
    ids[:, 0] = START
    for n, t in enumerate(targets):
        ids[n, 1:len(t) + 1] = [TARGET_IDS[c] for c in t]
        ids[n, len(t) + 1] = END
    return ids


def decode_target(ids):
    """Target ids -> the string they spell, stopping at ``</s>``; ``<s>`` and padding dropped."""
    out = []
    for i in ids:
        if i == END:
            break
        if i not in (PAD, START):
            out.append(TARGET_CHARS[i])
    return "".join(out)


def translation_data(n_train=2000, n_test=500, seed=0):
    """Training and held-out pairs, encoded, with no held-out source among the training ones.

    Returns
    -------
    dict
        ``"train"`` and ``"test"``: each a dict with ``"sources"``, ``"targets"`` (strings),
        ``"src"`` (N, S) ids and ``"tgt"`` (N, L + 2) ids. Both sets are padded to the same
        S, the longest source of the two.
    """
    test = date_pairs(n_test, seed=seed + 1000)
    train = date_pairs(n_train, seed=seed, exclude=[s for s, _ in test])
    S = max(len(s) for s, _ in train + test)
    out = {}
    for name, pairs in (("train", train), ("test", test)):
        sources, targets = [s for s, _ in pairs], [t for _, t in pairs]
        out[name] = dict(sources=sources, targets=targets, src=encode_sources(sources, S),
                         tgt=encode_targets(targets))
    return out
