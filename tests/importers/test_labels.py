"""The shared label normaliser: punctuation and spacing variants match, different rows do not."""

from __future__ import annotations

import pytest

from editor.domain.forms import FORM_2021
from editor.importers.labels import MATCH_THRESHOLD, label_score, normalise_label, split_enumerator


def test_normalise_label_folds_width_spaces_and_quotes() -> None:
    assert normalise_label(" （二）部分 公开\u3000") == "(二)部分公开"
    assert normalise_label("3.危及“三安全一稳定”") == normalise_label('3. 危及"三安全一稳定"')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、本年新收", ("一、", "本年新收")),
        ("（三）不予公开", ("(三)", "不予公开")),
        ("1、属于国家秘密", ("1.", "属于国家秘密")),
        ("1．属于国家秘密", ("1.", "属于国家秘密")),
        ("2023年", ("", "2023年")),
    ],
)
def test_split_enumerator_reads_every_numbering_style(text: str, expected: tuple[str, str]) -> None:
    assert split_enumerator(text) == expected


@pytest.mark.parametrize(
    ("official", "found"),
    [
        ("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"),
        ("5.属于三类内部事务信息", "5、属于三类内容事务信息"),
        ("行政复议", "行政法复议"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二) 部分公开"),
    ],
)
def test_label_score_accepts_known_variants_below_exact(official: str, found: str) -> None:
    assert MATCH_THRESHOLD <= label_score(official, found) < 1.0


def test_label_score_refuses_a_short_label_without_its_number() -> None:
    assert label_score("3.其他", "其他") == 0.0
    assert label_score("（七）总计", "总计") == 0.0
    assert label_score("（七）总计", "（七） 总 计") == 1.0


def test_label_score_keeps_every_pair_of_official_rows_apart() -> None:
    for table in FORM_2021.tables:
        labels = [r.label for r in table.rows] + [c.label for c in table.columns]
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                if a != b:
                    assert label_score(a, b) < MATCH_THRESHOLD, (a, b)
