"""The study's 3×3 matrix: every cell by hand, and the order's properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navet.risks import matrix
from navet.risks.matrix import Consequence as C
from navet.risks.matrix import Level as L
from navet.risks.matrix import Likelihood as P

CELLS = [
    # likelihood, consequence, score, rank, level
    (P.LOW, C.SERIOUS, 1, 1, L.LOW),
    (P.MEDIUM, C.SERIOUS, 2, 2, L.LOW),
    (P.LOW, C.MORE_SERIOUS, 2, 3, L.LOW),
    (P.HIGH, C.SERIOUS, 3, 4, L.MEDIUM),
    (P.LOW, C.VERY_SERIOUS, 3, 5, L.MEDIUM),
    (P.MEDIUM, C.MORE_SERIOUS, 4, 6, L.MEDIUM),
    (P.HIGH, C.MORE_SERIOUS, 6, 7, L.HIGH),
    (P.MEDIUM, C.VERY_SERIOUS, 6, 8, L.HIGH),
    (P.HIGH, C.VERY_SERIOUS, 9, 9, L.HIGH),
]


@pytest.mark.parametrize(("likelihood", "consequence", "score", "rank", "level"), CELLS)
def test_every_cell(likelihood, consequence, score, rank, level) -> None:
    assert matrix.score(likelihood, consequence) == score
    assert matrix.rank(likelihood.value, consequence.value) == rank
    assert matrix.level(likelihood, consequence) == level


def test_the_studys_three_main_risks() -> None:
    assert matrix.level("high", "very_serious") == L.HIGH  # svårt att nå konsensus
    assert matrix.level("high", "serious") == L.MEDIUM  # brist på interna resurser
    assert matrix.level("medium", "more_serious") == L.MEDIUM  # olika förväntningar
    assert matrix.rank("high", "serious") < matrix.rank("medium", "more_serious")


def test_the_layout_puts_high_likelihood_on_top_and_grave_consequence_right() -> None:
    rows = matrix.rows()
    assert [row[0].likelihood for row in rows] == [P.HIGH, P.MEDIUM, P.LOW]
    assert [cell.consequence for cell in rows[0]] == [C.SERIOUS, C.MORE_SERIOUS, C.VERY_SERIOUS]
    assert rows[0][2].rank == 9
    assert rows[2][0].rank == 1
    assert sorted(cell.rank for row in rows for cell in row) == list(range(1, 10))


def test_values_off_the_scales_are_refused() -> None:
    with pytest.raises(ValueError, match="huge"):
        matrix.rank("huge", "serious")


likelihoods = st.sampled_from(matrix.LIKELIHOODS)
consequences = st.sampled_from(matrix.CONSEQUENCES)


@given(likelihoods, likelihoods, consequences)
def test_a_likelier_risk_is_never_less_severe(a, b, consequence) -> None:
    if matrix.LIKELIHOODS.index(a) < matrix.LIKELIHOODS.index(b):
        assert matrix.rank(a, consequence) < matrix.rank(b, consequence)


@given(consequences, consequences, likelihoods)
def test_a_graver_consequence_is_never_less_severe(a, b, likelihood) -> None:
    if matrix.CONSEQUENCES.index(a) < matrix.CONSEQUENCES.index(b):
        assert matrix.rank(likelihood, a) < matrix.rank(likelihood, b)


@given(likelihoods, consequences, likelihoods, consequences)
def test_rank_is_a_total_order_that_agrees_with_the_level(la, ca, lb, cb) -> None:
    same_cell = (la, ca) == (lb, cb)
    assert (matrix.rank(la, ca) == matrix.rank(lb, cb)) == same_cell
    levels = [L.LOW, L.MEDIUM, L.HIGH]
    if matrix.rank(la, ca) < matrix.rank(lb, cb):
        assert levels.index(matrix.level(la, ca)) <= levels.index(matrix.level(lb, cb))
        assert matrix.score(la, ca) <= matrix.score(lb, cb)
