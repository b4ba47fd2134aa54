"""Scores coded articles against a gold file by the rules of ``design/CODING.md``.

Gold: one JSON object per article with ``raw``, ``published`` and hand-coded ``events``,
``entities``, ``quotes`` and ``counts``. Predictions: ArticleResult JSON objects in the same
order (or coded on the fly from ``raw``). The figures are micro-averaged over all articles.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

# Gold code -> predicted codes also accepted (CODING.md section 9).
ACCEPTED_CAMEO = {"166": {"161"}, "114": {"040"}, "195": {"190"}, "194": {"190"}, "183": {"1831", "1832"}}
ACCEPTED_ACTOR = {"PSEREB": {"PSEGOV"}, "TURMIL": {"TURREB"}}
UNDATED_TOLERANCE_DAYS = 3
MIN_QUOTE_WORDS = 5


@dataclass
class Tally:
    """True positives, predicted and gold totals for one figure."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.matched += matched
        self.predicted += predicted
        self.gold += gold

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "matched": self.matched, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Accuracy:
    """Correct out of total, for a field compared on matched events."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1


@dataclass
class Report:
    """All figures of one evaluation run."""

    root: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    plover: Tally = field(default_factory=Tally)
    quotes: Tally = field(default_factory=Tally)
    counts: Tally = field(default_factory=Tally)
    date: Accuracy = field(default_factory=Accuracy)
    location: Accuracy = field(default_factory=Accuracy)
    fatalities: Accuracy = field(default_factory=Accuracy)
    entities: Accuracy = field(default_factory=Accuracy)
    no_event_articles: int = 0
    events_in_no_event_articles: int = 0
    articles: int = 0
    by_tag: dict[str, Tally] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        """The flat figures the quality gate compares with its floors."""
        return {
            "articles": self.articles,
            "event_root_f1": round(self.root.f1, 4),
            "event_root_precision": round(self.root.precision, 4),
            "event_root_recall": round(self.root.recall, 4),
            "event_strict_f1": round(self.strict.f1, 4),
            "plover_f1": round(self.plover.f1, 4),
            "date_accuracy": round(self.date.value, 4),
            "location_country_accuracy": round(self.location.value, 4),
            "fatalities_accuracy": round(self.fatalities.value, 4),
            "entity_actor_accuracy": round(self.entities.value, 4),
            "quote_f1": round(self.quotes.f1, 4),
            "counts_f1": round(self.counts.f1, 4),
            "events_in_no_event_articles": self.events_in_no_event_articles,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.figures(),
            "root": self.root.as_dict(), "strict": self.strict.as_dict(), "plover": self.plover.as_dict(),
            "quotes": self.quotes.as_dict(), "counts": self.counts.as_dict(),
            "matched_fields": {"date": self.date.total, "location": self.location.total,
                               "fatalities": self.fatalities.total, "entities": self.entities.total},
            "no_event_articles": self.no_event_articles,
            "recall_by_tag": {tag: t.as_dict() for tag, t in sorted(self.by_tag.items())},
        }


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(gold: Iterable[dict[str, Any]], predicted: Iterable[dict[str, Any]]) -> Report:
    """Score predicted article objects (OUTPUT.md form) against gold ones, pairwise in order."""
    report = Report()
    for gold_article, prediction in zip(gold, predicted, strict=True):
        score_article(report, gold_article, prediction)
    return report


def score_article(report: Report, gold: dict[str, Any], predicted: dict[str, Any]) -> None:
    """Add one article's figures to the report."""
    report.articles += 1
    gold_events = [e for e in gold.get("events", []) if not e.get("negated")]
    pred_events = [e for e in predicted.get("events", []) if not e.get("negated")]
    if not gold.get("events"):
        report.no_event_articles += 1
        report.events_in_no_event_articles += len(pred_events)

    pairs = _match(gold_events, pred_events, _root_match)
    report.root.add(len(pairs), len(pred_events), len(gold_events))
    report.strict.add(len(_match(gold_events, pred_events, _strict_match)), len(pred_events), len(gold_events))
    report.plover.add(len(_match(gold_events, pred_events, lambda g, p: g.get("plover") == p.get("plover"))),
                      len(pred_events), len(gold_events))
    matched_gold = {id(g) for g, _ in pairs}
    for g in gold_events:
        for tag in g.get("tags", []):
            report.by_tag.setdefault(tag, Tally()).add(int(id(g) in matched_gold), 0, 1)
    wrong_fields = []
    for g, p in pairs:
        checks = {"date": _date_ok(g, p.get("date")),
                  "location": _country(g.get("location")) == _country(p.get("location")),
                  "fatalities": g.get("fatalities") == p.get("fatalities")}
        report.date.add(checks["date"])
        report.location.add(checks["location"])
        report.fatalities.add(checks["fatalities"])
        wrong_fields += _field_errors(g, p, checks)
    unmatched = [g for g in gold_events if id(g) not in matched_gold]
    matched_pred = {id(p) for _, p in pairs}
    spurious = [p for p in pred_events if id(p) not in matched_pred]
    if unmatched or spurious or wrong_fields:
        report.errors.append({
            "id": gold.get("id"),
            "missed": [f"{_dyad(g)}: {g.get('quote', '')[:90]}" for g in unmatched],
            "spurious": [f"{_dyad(p)}: {p.get('evidence', '')[:90]}" for p in spurious],
            "fields": wrong_fields,
        })

    _score_entities(report, gold.get("entities", []), predicted.get("entities", []))
    _score_quotes(report, gold.get("quotes", []), predicted.get("quotes", []))
    gold_counts = Counter((c["kind"], c["number"]) for c in gold.get("counts", []))
    pred_counts = Counter((c["kind"], c["number"]) for c in predicted.get("counts", []))
    report.counts.add(sum((gold_counts & pred_counts).values()), sum(pred_counts.values()), sum(gold_counts.values()))


def _dyad(event: dict[str, Any]) -> str:
    """"SOURCE->TARGET CAMEO" of a gold or predicted event."""
    return f"{_code(event.get('source'))}->{_code(event.get('target'))} {event.get('cameo')}"


def _field_errors(gold: dict[str, Any], pred: dict[str, Any], checks: dict[str, bool]) -> list[str]:
    """What differs in a root-matched pair: the strict codes and each wrong field, gold vs coded."""
    shown = {"date": lambda e: e.get("date"), "location": lambda e: _country(e.get("location")),
             "fatalities": lambda e: e.get("fatalities")}
    wrong = [] if _strict_match(gold, pred) else [f"codes {_dyad(gold)} coded {_dyad(pred)}"]
    wrong += [f"{name} {shown[name](gold)} coded {shown[name](pred)}" for name, ok in checks.items() if not ok]
    return [f"{'; '.join(wrong)}: {gold.get('quote', '')[:80]}"] if wrong else []


def _code(actor: Any) -> str | None:
    """An actor code from a gold string or a predicted actor object."""
    if isinstance(actor, dict):
        return actor.get("code")
    return actor


def _country(location: Any) -> str | None:
    return location.get("country") if isinstance(location, dict) else None


def _root_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return (_prefix(gold.get("source")) == _prefix(_code(pred.get("source")))
            and _prefix(gold.get("target")) == _prefix(_code(pred.get("target")))
            and gold.get("cameo_root", gold.get("cameo", "")[:2]) == (pred.get("cameo") or "")[:2])


def _strict_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return (_actor_ok(gold.get("source"), _code(pred.get("source")))
            and _actor_ok(gold.get("target"), _code(pred.get("target")))
            and (pred.get("cameo") == gold.get("cameo") or pred.get("cameo") in ACCEPTED_CAMEO.get(gold.get("cameo"), ())))


def _actor_ok(gold: str | None, pred: str | None) -> bool:
    if gold == pred:
        return True
    if gold is None or pred is None:
        return False
    if pred in ACCEPTED_ACTOR.get(gold, ()):
        return True
    return gold.endswith("CVL") and pred == gold[:-3] + "OPP"


def _prefix(code: str | None) -> str | None:
    return code[:3] if code else None


def _match(gold: list, pred: list, same: Callable[[dict, dict], bool]) -> list[tuple[dict, dict]]:
    """One-to-one greedy matching in reading order; among the predictions that match a gold
    event, the one told in the gold event's sentence (then the one agreeing on more fields) is
    taken, so that per-field figures compare the same event."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        candidates = [n for n, p in enumerate(pred) if n not in used and same(g, p)]
        if not candidates:
            continue
        best = max(candidates, key=lambda n: (_affinity(g, pred[n]), -n))
        used.add(best)
        pairs.append((g, pred[best]))
    return pairs


def _affinity(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[bool, bool, bool]:
    """How well a matching prediction fits a gold event beyond the match key."""
    quote = (gold.get("quote") or "").strip()
    same_sentence = bool(quote) and quote[:60] in (pred.get("evidence") or "")
    return same_sentence, _strict_match(gold, pred), _date_ok(gold, pred.get("date"))


def _date_ok(gold: dict[str, Any], predicted: str | None) -> bool:
    """Exact date; a YYYY-MM gold accepts any day of that month; undated_default allows 3 days."""
    value = gold.get("date")
    if value is None or predicted is None:
        return value == predicted
    if len(value) == 7:
        return predicted[:7] == value
    if "undated_default" in gold.get("tags", []) and len(predicted) == 10:
        delta = dt.date.fromisoformat(predicted) - dt.date.fromisoformat(value)
        return abs(delta.days) <= UNDATED_TOLERANCE_DAYS
    return predicted == value


def _score_entities(report: Report, gold: list[dict], predicted: list[dict]) -> None:
    for entity in gold:
        if not entity.get("actor"):
            continue
        text = entity["text"].lower()
        hit = next((p for p in predicted if text in p["text"].lower() or p["text"].lower() in text), None)
        report.entities.add(hit is not None and hit.get("actor") == entity["actor"])


def _score_quotes(report: Report, gold: list[dict], predicted: list[dict]) -> None:
    candidates = [q for q in predicted if q.get("direct") and len(q.get("text", "").split()) >= MIN_QUOTE_WORDS]
    used: set[int] = set()
    matched = 0
    for quote in gold:
        surname = (quote.get("speaker") or "").split()[-1:]
        for n, p in enumerate(candidates):
            if n in used or quote["starts"] not in p.get("text", ""):
                continue
            if surname and surname[0].lower() in (p.get("speaker") or "").lower():
                used.add(n)
                matched += 1
                break
    report.quotes.add(matched, len(candidates), len(gold))


def check_floors(figures: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """The figures that fall below their pinned floor (or above, for *_max floors)."""
    problems = []
    for name, floor in floors.items():
        if name.endswith("_max"):
            key = name[: -len("_max")]
            if figures.get(key, 0) > floor:
                problems.append(f"{key} = {figures.get(key)} > {floor}")
        elif figures.get(name, 0.0) < floor:
            problems.append(f"{name} = {figures.get(name)} < {floor}")
    return problems
