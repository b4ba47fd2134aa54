"""The scorer follows CODING.md's rules, on hand-made gold and predicted articles."""

from eventwire.evaluate import evaluate


def gold_event(source="RUSGOV", target="FRAGOV", cameo="036", **fields):
    return {"source": source, "target": target, "cameo": cameo, "cameo_root": cameo[:2],
            "quote": fields.pop("quote", "Russia said it was ready to work with France"),
            "date": fields.pop("date", "2015-11-26"), "location": fields.pop("location", {"country": "RUS"}),
            "fatalities": None, **fields}


def coded_event(source="RUSGOV", target="FRAGOV", cameo="036", **fields):
    return {"source": {"code": source}, "target": {"code": target} if target else None, "cameo": cameo,
            "evidence": fields.pop("evidence", "Russia said it was ready to work with France."),
            "date": fields.pop("date", "2015-11-26"), "location": fields.pop("location", {"country": "RUS"}),
            "fatalities": None, **fields}


def score(gold_events, coded_events):
    return evaluate([{"id": "x", "events": gold_events}], [{"events": coded_events}])


def test_root_level_needs_countries_and_root_strict_needs_full_codes():
    report = score([gold_event()], [coded_event(source="RUS", cameo="030")])
    assert (report.root.matched, report.strict.matched) == (1, 0)
    assert report.errors[0]["fields"] == ["codes RUSGOV->FRAGOV 036 coded RUS->FRAGOV 030: "
                                          "Russia said it was ready to work with France"]


def test_matching_is_one_to_one():
    report = score([gold_event()], [coded_event(), coded_event()])
    assert (report.root.matched, report.root.predicted, report.root.gold) == (1, 2, 1)
    assert len(report.errors[0]["spurious"]) == 1 and not report.errors[0]["missed"]


def test_negated_gold_is_not_required_and_negated_predictions_are_left_out():
    report = score([gold_event(negated=True)], [coded_event(negated=True)])
    assert (report.root.predicted, report.root.gold) == (0, 0)
    report = score([gold_event(negated=True)], [coded_event()])
    assert (report.root.matched, report.root.predicted, report.root.gold) == (0, 1, 0)


def test_a_month_gold_date_accepts_any_day_of_it_and_wrong_fields_are_listed():
    report = score([gold_event(date="2015-11")], [coded_event(date="2015-11-03")])
    assert report.date.correct == 1 and not report.errors
    report = score([gold_event()], [coded_event(date="2015-11-25", location={"country": "FRA"})])
    assert report.date.correct == 0 and report.location.correct == 0
    assert report.errors[0]["fields"][0].startswith("date 2015-11-26 coded 2015-11-25; location RUS coded FRA:")


def test_events_in_no_event_articles_are_counted():
    report = score([], [coded_event()])
    assert report.events_in_no_event_articles == 1 and report.no_event_articles == 1
