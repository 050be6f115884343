"""Measures of a ranking against graded judgements (pure Python, no Django).

nDCG@k with gain 2^grade − 1 and a log2 discount, recall@k over the graded calls, and the number
of suggestions in the top k that break a hard rule of the labelled file (not open on the day,
municipalities may not apply, more co-financing than the need can pay).
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Scores:
    ndcg_at_5: float
    recall_at_10: float
    violations_in_top_5: int
    needs: int


def ndcg(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Discounted gain of the first k distinct ids over the best possible; 0 if nothing graded."""
    gains = [grades.get(cid, 0) for cid in dict.fromkeys(ranked)][:k]
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = _dcg(ideal)
    return _dcg(gains) / best if best > 0 else 0.0


def recall(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    graded = {cid for cid, grade in grades.items() if grade > 0}
    return len(graded & set(ranked[:k])) / len(graded) if graded else 0.0


def violations(
    ranked: Sequence[str],
    calls: Mapping[str, Mapping[str, Any]],
    need: Mapping[str, Any],
    today: date,
    k: int,
) -> int:
    """How many of the first k calls break a hard rule, judged on the labelled file's own data."""
    bad = 0
    capacity = need.get("cofinancing_capacity_percent") or 0
    for cid in ranked[:k]:
        call = calls[cid]
        opens = date.fromisoformat(call["opens"]) if call.get("opens") else None
        open_today = (opens is None or opens <= today) and today <= date.fromisoformat(
            call["closes"]
        )
        eligible = "kommun" in call.get("eligible_applicants", [])
        affordable = (call.get("cofinancing_percent") or 0) <= capacity
        bad += not (open_today and eligible and affordable)
    return bad


def evaluate(labelled: Mapping[str, Any], rankings: Mapping[str, Sequence[str]]) -> Scores:
    """Average nDCG@5 and recall@10 over the labelled needs, and hard-rule breaks in the top 5."""
    today = date.fromisoformat(labelled["today"])
    calls = {call["external_id"]: call for call in labelled["calls"]}
    qrels = labelled["qrels"]
    ndcgs, recalls, broken = [], [], 0
    for need in labelled["needs"]:
        ranked = list(rankings.get(need["external_id"], []))
        grades = qrels.get(need["external_id"], {})
        ndcgs.append(ndcg(ranked, grades, 5))
        recalls.append(recall(ranked, grades, 10))
        broken += violations(ranked, calls, need, today, 5)
    count = len(ndcgs)
    return Scores(
        ndcg_at_5=sum(ndcgs) / count if count else 0.0,
        recall_at_10=sum(recalls) / count if count else 0.0,
        violations_in_top_5=broken,
        needs=count,
    )


def _dcg(gains: Sequence[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(gains))
