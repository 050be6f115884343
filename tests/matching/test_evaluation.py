import math

from navet.matching.evaluation import evaluate, ndcg, recall, violations


def test_ndcg_is_one_for_the_ideal_order_and_less_otherwise() -> None:
    grades = {"a": 3, "b": 1}
    assert ndcg(["a", "b", "x"], grades, 5) == 1.0
    worse = ndcg(["x", "b", "a"], grades, 5)
    expected = (1 / math.log2(3) + 7 / math.log2(4)) / (7 + 1 / math.log2(3))
    assert math.isclose(worse, expected)
    assert ndcg(["a"], {}, 5) == 0.0
    assert ndcg(["a", "a", "b"], grades, 5) == 1.0  # a repeated id counts once


def test_recall_counts_graded_calls_in_the_top_k() -> None:
    assert recall(["a", "x", "b"], {"a": 2, "b": 1}, 2) == 0.5


def test_violations_judge_the_files_own_rules() -> None:
    calls = {
        "ok": {"opens": "2025-09-01", "closes": "2025-10-31", "eligible_applicants": ["kommun"]},
        "closed": {
            "opens": "2025-01-01",
            "closes": "2025-02-01",
            "eligible_applicants": ["kommun"],
        },
        "ngo": {"opens": "2025-09-01", "closes": "2025-10-31", "eligible_applicants": ["ideell"]},
        "costly": {
            "opens": "2025-09-01",
            "closes": "2025-10-31",
            "eligible_applicants": ["kommun"],
            "cofinancing_percent": 40,
        },
    }
    need = {"cofinancing_capacity_percent": 25}
    from datetime import date

    assert violations(list(calls), calls, need, date(2025, 10, 6), 5) == 3


def test_evaluate_averages_over_the_needs() -> None:
    labelled = {
        "today": "2025-10-06",
        "calls": [{"external_id": "a", "closes": "2025-10-31", "eligible_applicants": ["kommun"]}],
        "needs": [{"external_id": "n1"}, {"external_id": "n2"}],
        "qrels": {"n1": {"a": 3}, "n2": {"a": 3}},
    }
    scores = evaluate(labelled, {"n1": ["a"], "n2": []})
    assert scores.ndcg_at_5 == 0.5
    assert scores.recall_at_10 == 0.5
    assert scores.violations_in_top_5 == 0
