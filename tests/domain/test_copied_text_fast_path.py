"""The fast `prose.last_year` measure (`text.similarity`, `text.sentence_index`, `text.matching`)
against the straightforward one it replaced: every sentence normalised on its own with two
regex passes, then compared with every one of last year's by `difflib.SequenceMatcher.ratio()`.
Same shares, same sentences, on generated texts full of near copies, ties and odd characters;
both ways of ruling candidates out (one by one, and all at once in lanes) are run."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from difflib import SequenceMatcher

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.domain.checks.text import sentence_index, similarity
from editor.domain.checks.text.matching import longest_match, matches_reach
from editor.domain.checks.text.numerals import CHINESE_NUMERAL_CHARS, normalize_width

# --- the straightforward computation (the code before the fast path, minus its shortcuts) ---

_PART = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_NUMBER = re.compile(rf"[\d{CHINESE_NUMERAL_CHARS}〇]+(?:[.,．][\d]+)*")
_NOT_WORD = re.compile(r"[^\w#]|_")


def reference_normalized(sentence: str) -> str:
    return _NOT_WORD.sub("", _NUMBER.sub("#", normalize_width(sentence)))


def reference_sentences(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _PART.finditer(text):
        norm = reference_normalized(m.group())
        if len(norm) >= sentence_index.MIN_SENTENCE:
            raw = m.group()
            out.append((m.start() + len(raw) - len(raw.lstrip()), m.end(), norm))
    return out


def reference_copied(text: str, last_text: str) -> tuple[float, int, int, list[tuple[int, int]]]:
    """(share, copied characters, all characters, copied sentences' ranges)."""
    mine = reference_sentences(text)
    total = sum(len(n) for _s, _e, n in mine)
    if not mine or not last_text.strip():
        return 0.0, 0, total, []
    theirs = {n for _s, _e, n in reference_sentences(last_text)}
    spans, copied, near_left = [], 0, similarity.MAX_NEAR_SENTENCES
    for start, end, norm in mine:
        if norm in theirs:
            hit = True
        elif near_left > 0 and len(norm) <= similarity.MAX_NEAR_SENTENCE:
            near_left -= 1
            hit = any(
                SequenceMatcher(None, other, norm, autojunk=False).ratio()
                >= sentence_index.SIMILAR_RATIO
                for other in theirs
            )
        else:
            hit = False
        if hit:
            spans.append((start, end))
            copied += len(norm)
    return copied / total, copied, total, spans


# --- generated texts ---

# Few letters, so that sentences share most of their characters and near copies, ties between
# equally long blocks and sentences just under and over the ratio all occur.
_LETTERS = "政府信息公开申请办理平台"
_ODD = ["", "２０２４年", "二十七", "3.5", "1,234", " ", "、", "_", "#", "a", "𠀀", "（", "\u3000"]
_ENDS = ["。", "；", "！", "?", "\n", "，"]


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    words = draw(st.text(alphabet=_LETTERS, min_size=2, max_size=30))
    at = draw(st.integers(min_value=0, max_value=len(words)))
    odd = draw(st.sampled_from(_ODD))
    return words[:at] + odd + words[at:] + draw(st.sampled_from(_ENDS))


@st.composite
def _edited(draw: st.DrawFn, sentence: str) -> str:
    """`sentence` with a few characters replaced, inserted or deleted."""
    chars = list(sentence)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=max(len(chars) - 1, 0)))
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        letter = draw(st.sampled_from(_LETTERS + "改"))
        if kind == "insert" or not chars:
            chars.insert(at, letter)
        elif kind == "replace":
            chars[at] = letter
        else:
            del chars[at]
    return "".join(chars)


@st.composite
def _years(draw: st.DrawFn) -> tuple[str, str]:
    """(this year's text, last year's): last year's sentences kept, edited, or new."""
    last = draw(st.lists(_sentence(), min_size=0, max_size=12))
    this = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        how = draw(st.sampled_from(["kept", "edited", "new"])) if last else "new"
        if how == "new":
            this.append(draw(_sentence()))
        else:
            sentence = draw(st.sampled_from(last))
            this.append(sentence if how == "kept" else draw(_edited(sentence)))
    return "".join(this), "".join(last)


@pytest.fixture(params=["one by one", "in lanes"])
def candidates_path(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Every length slice looked at one by one, or every one through the lanes."""
    few = 10**9 if request.param == "one by one" else 0
    monkeypatch.setattr(sentence_index, "FEW_CANDIDATES", few)
    yield
    _clear_caches()


def _clear_caches() -> None:
    for cached in (
        similarity.copied_text,
        similarity.last_year_sentences,
        similarity._sentences_of,
    ):
        cached.cache_clear()


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    years=_years(),
    min_share=st.sampled_from([0.0, 0.3, 0.5, 0.8, 1.0]),
    min_chars=st.integers(min_value=0, max_value=60),
)
def test_copied_text_matches_the_straightforward_measure(
    candidates_path: None, years: tuple[str, str], min_share: float, min_chars: int
) -> None:
    _clear_caches()
    text, last_text = years
    reference = reference_copied(text, last_text)

    def enough(copied: int, total: int) -> bool:
        return total > 0 and copied / total >= min_share and copied >= min_chars

    # Asked first, so that it measures on its own what it needs (the longest first).
    assert similarity.copied_reaches(text, last_text, enough) is enough(*reference[1:3])
    result = similarity.copied_text(text, last_text)
    share, copied, total, spans = reference
    assert (result.share, result.copied_chars, result.total_chars) == (share, copied, total)
    assert list(result.spans) == spans
    assert result.sentences == len(spans)
    assert result.first_span == (spans[0] if spans else None)


def test_copied_text_matches_on_the_samples_near_copies() -> None:
    """Real sentences lightly edited (a word replaced, one dropped, two swapped): the near
    matches the fast path finds are the ones difflib finds."""
    from editor.domain.storage import load_report
    from tests.conftest import SAMPLE

    prose = "".join(load_report(SAMPLE).prose.values())
    parts = [p for p in re.split("(?<=[。；])", prose) if p.strip()]
    rng = random.Random(11)
    for _ in range(30):
        edited = []
        for part in parts:
            chars = list(part)
            for _ in range(rng.randint(0, 8)):
                at = rng.randrange(len(chars))
                chars[at] = rng.choice("改进完善落实")
            edited.append("".join(chars))
        rng.shuffle(edited)
        text = "".join(edited)
        _clear_caches()
        result = similarity.copied_text(text, prose)
        share, copied, _total, spans = reference_copied(text, prose)
        assert (result.share, result.copied_chars, list(result.spans)) == (share, copied, spans)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_normalized_is_the_two_pass_normalisation(text: str) -> None:
    assert similarity.normalized(text) == reference_normalized(text)
    parts = similarity.normalized_parts(text) if _PART.search(text) else []
    assert parts == [reference_normalized(m.group()) for m in _PART.finditer(text)]


def test_normalized_ideograph_range_holds_letters_only() -> None:
    """The fast branch of the normaliser takes U+4E00–U+9FEF as letters: every one is."""
    assert all(chr(c).isalnum() for c in range(0x4E00, 0x9FF0))


def test_sentence_index_surrogates_and_astral_characters_do_not_break_it() -> None:
    last = "申请办理平台\udc80公开。政府信息𠀀公开办理。"
    text = "申请办理平台\udc80公开。政府信息𠀁公开办理。"
    result = similarity.copied_text(text, last)
    assert result.share == reference_copied(text, last)[0] == 1.0


@settings(max_examples=300, deadline=None)
@given(
    a=st.text(alphabet="abc", max_size=25),
    b=st.text(alphabet="abc", max_size=25),
    data=st.data(),
)
def test_matches_reach_is_difflibs_block_count(a: str, b: str, data: st.DataObject) -> None:
    """On three letters nearly every block ties with another: the tie-break must be difflib's."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    blocks = sum(m.size for m in matcher.get_matching_blocks())
    need = data.draw(st.integers(min_value=0, max_value=blocks + 2))
    assert matches_reach(a, b, need) is (blocks >= need)
    alo = data.draw(st.integers(min_value=0, max_value=len(a)))
    ahi = data.draw(st.integers(min_value=alo, max_value=len(a)))
    blo = data.draw(st.integers(min_value=0, max_value=len(b)))
    bhi = data.draw(st.integers(min_value=blo, max_value=len(b)))
    expected = matcher.find_longest_match(alo, ahi, blo, bhi)
    i, j, k = longest_match(a, b, alo, ahi, blo, bhi)
    assert k == expected.size
    if k:
        assert (i, j) == (expected.a, expected.b)


def test_similar_ratio_in_integers_is_the_float_comparison() -> None:
    """The bounds use 5·M ≥ 2·(a + b) for ratio() ≥ 0.8: the same for any lengths up to 2 × the
    longest sentence measured and the longest candidate."""
    longest = similarity.MAX_NEAR_SENTENCE * 5 // 2
    for total in range(2, longest + 1):
        for matches in (2 * total // 5 - 1, 2 * total // 5, 2 * total // 5 + 1):
            if 0 <= matches <= total // 2:
                ratio = 2.0 * matches / total
                assert (ratio >= sentence_index.SIMILAR_RATIO) is (5 * matches >= 2 * total)


def test_sentence_index_measures_few_per_sentence_however_alike_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Hundreds of sentences of four letters pass every bound for each other: each of this
    year's is measured against at most MAX_MEASURED of them (it took seconds per check)."""
    measured: list[str] = []

    def counting(a: str, b: str, need: int) -> bool:
        measured.append(b)
        return matches_reach(a, b, need)

    monkeypatch.setattr(sentence_index, "matches_reach", counting)
    rng = random.Random(7)
    last = ["".join(rng.choice("政府信息") for _ in range(30)) for _ in range(300)]
    this = ["".join(rng.choice("政府信息") for _ in range(30)) for _ in range(50)]
    index = sentence_index.LastYearSentences(last)
    for sentence in this:
        index.has_near(sentence)
    assert measured
    assert max(measured.count(s) for s in this) <= sentence_index.MAX_MEASURED
