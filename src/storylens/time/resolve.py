"""What a time expression means: TIMEX3 values from grammar matches and an anchoring context.

Dates are resolved against the document creation time (the article's publication date) and, for
narrative expressions ("two days later", "that morning"), against the last fully dated expression
before them (the reference time). Expressions without a year ("Oct. 3", "April", "on Saturday")
take the tense of their governing verb: past tense picks the latest candidate on or before
publication, future tense the earliest on or after it, anything else the nearest one. This is
where dateparser goes wrong most often (it has one global preference), measured in
``storylens bench time``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storylens.time.grammar import Candidate
from storylens.time.lexicon import (
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    VAGUE_NUMBERS,
    month_number,
    number_value,
    unit_code,
    weekday_number,
)

__all__ = ["Context", "Resolution", "granularity_of", "resolve"]

Tense = str  # "past" | "present" | "future"

#: Days after publication a "past" month-day may still fall on (see ``_pick_day``).
TENSE_SLACK_DAYS = 30


def spoken_year(text: str) -> int | None:
    """``"nineteen ninety-six"`` -> 1996; ``"two thousand and one"`` -> 2001."""
    words = text.lower().replace("-", " ").replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = number_value(" ".join(words[2:])) if words[2:] else 0
        return 2000 + (rest or 0)
    if words[:1] == ["nineteen"]:
        rest = number_value(" ".join(words[1:]))
        return 1900 + rest if rest is not None else None
    return None


def _year_value(text: str) -> int | None:
    return int(text) if text.isdigit() else spoken_year(text)


@dataclass(frozen=True, slots=True)
class Context:
    """What an expression is resolved against.

    ``dct`` is the document creation time (publication date), ``reference`` the last expression
    resolved to a day in the same text, ``tense`` the tense of the governing verb, ``sentence``
    the sentence around the expression (used for financial "a year ago" = the year-ago quarter).
    """

    dct: dt.date | None
    tense: Tense | None = None
    reference: dt.date | None = None
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class Resolution:
    """A TIMEX3 type and value; ``relation`` holds ``("after", "P2D")`` for event-relative spans."""

    type: str
    value: str
    mod: str | None = None
    relation: tuple[str, str] | None = None


def granularity_of(value: str) -> str:
    """``2010-05-04`` -> day, ``2010-W18`` -> week, ``2010-05`` -> month, ``2010`` -> year."""
    if re.fullmatch(r"\d{4}-\d\d-\d\dT.*", value):
        return "time"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d\d(-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return "other"


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _reporting_quarter(dct: dt.date) -> tuple[int, int]:
    """The quarter a company reports on around ``dct``: the one that ended most recently."""
    back = dct - dt.timedelta(days=45)
    return back.year, _quarter(back)


def _pick_day(month: int, day: int, ctx: Context) -> dt.date | None:
    """A year for a month-day date from the tense (past: on/before dct; future: on/after)."""
    assert ctx.dct is not None
    options = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    # A past event cannot follow publication: a candidate within a month after it means the tense
    # was misread (reported speech), so the slack keeps it.
    slack = dt.timedelta(days=TENSE_SLACK_DAYS)
    if ctx.tense == "past":
        before = [d for d in options if d <= ctx.dct + slack]
        return max(before) if before else min(options)
    if ctx.tense == "future":
        after = [d for d in options if d >= ctx.dct - slack]
        return min(after) if after else max(options)
    dct = ctx.dct
    return min(options, key=lambda d: (abs((d - dct).days), d > dct))


def _pick_month(month: int, ctx: Context, prefer: str | None = None) -> tuple[int, int]:
    assert ctx.dct is not None
    here = ctx.dct.year * 12 + ctx.dct.month - 1
    options = [(y, month) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    index = {o: o[0] * 12 + o[1] - 1 for o in options}
    tense = prefer or ctx.tense
    slack = 1 if prefer is None else 0
    if tense == "past":
        return max((o for o in options if index[o] <= here + slack), key=index.__getitem__)
    if tense == "future":
        return min((o for o in options if index[o] >= here - slack), key=index.__getitem__)
    return min(options, key=lambda o: (abs(index[o] - here), index[o] > here))


def _weekday(target: int, ctx: Context, relation: str | None) -> dt.date:
    assert ctx.dct is not None
    base = ctx.dct
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    rel = (relation or "").lower()
    if rel in {"last", "this past", "the previous"}:
        return base - dt.timedelta(days=back or 7)
    if rel in {"next", "this coming", "coming", "the following"}:
        return base + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return base + dt.timedelta(days=target - base.weekday())
    if ctx.tense == "future":
        return base + dt.timedelta(days=ahead)
    # News reports mostly what happened: with no tense, the weekday is the one just gone.
    if ctx.tense in {"past", None} or back <= ahead:
        return base - dt.timedelta(days=back)
    return base + dt.timedelta(days=ahead)


def _clock(text: str) -> str | None:
    """``"5 p.m. EST"`` -> ``"17:00"``; ``"noon"`` -> ``"12:00"``."""
    low = text.lower()
    if low.startswith("noon"):
        return "12:00"
    if low.startswith("midnight"):
        return "24:00"
    match = re.match(r"(\d{1,2})(?::(\d\d))?(?::(\d\d))?\s*([ap])?", low)
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[4] == "p" and hour < 12:
        hour += 12
    if match[4] == "a" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    clock = f"{hour:02d}:{minute:02d}"
    return clock + (f":{match[3]}" if match[3] else "")


_APPROX_MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN",
    "a little over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "less than": "LESS_THAN",
    "fewer than": "LESS_THAN", "under": "LESS_THAN", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "barely": "LESS_THAN", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}  # fmt: skip


def _approx_mod(approx: str | None) -> str | None:
    if not approx:
        return None
    return _APPROX_MODS.get(approx.lower(), "APPROX")


def _duration(num: str | None, unit: str) -> str:
    code, is_time = unit_code(unit)
    low = (num or "").lower()
    if low.startswith("half"):
        return {"H": "PT30M", "D": "PT12H", "Y": "P6M", "M": "P2W"}.get(code, f"PX{code}")
    count = None if (not num or low in VAGUE_NUMBERS) else number_value(num)
    if unit.lower().startswith("fortnight") and count:
        count *= 2
    if code == "DE":
        return f"P{count * 10}Y" if count and count > 1 else f"P{count or 'X'}E"
    if code == "CE":
        return f"P{count or 'X'}C"
    amount = "X" if count is None else str(count)
    return f"PT{amount}{code}" if is_time else f"P{amount}{code}"


def _edge_mod(edge: str | None) -> str | None:
    low = (edge or "").lower()
    if low in {
        "earlier",
        "early",
        "the beginning of",
        "the start of",
        "the beginning of the",
        "the start of the",
        "the first half of",
    }:
        return "START"
    if low in {"later", "late", "the end of", "the end of the", "the second half of"}:
        return "END"
    if low.startswith("the middle of") or low == "mid":
        return "MID"
    return None


def _date(day: dt.date) -> Resolution:
    return Resolution("DATE", day.isoformat())


def _calendar_unit(unit: str, day: dt.date, offset: int, past: bool = False) -> str | None:
    """The calendar unit containing ``day`` shifted by ``offset`` units, as a TIMEX3 value."""
    unit = unit.lower()
    if unit == "day":
        return (day + dt.timedelta(days=offset)).isoformat()
    if unit in {"week", "weekend"}:
        if unit == "weekend" and offset == 0 and day.weekday() < 4 and past:
            offset = -1  # "over the weekend" said on a weekday: the weekend just gone
        value = _week(day + dt.timedelta(weeks=offset))
        return value + "-WE" if unit == "weekend" else value
    if unit == "month":
        return _month(*_shift_month(day.year, day.month, offset))
    if unit == "quarter":
        index = day.year * 4 + _quarter(day) - 1 + offset
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit in {"year", "fiscal year"}:
        return str(day.year + offset)
    if unit == "decade":
        return str(day.year // 10 + offset)
    if unit == "century":
        return str(day.year // 100 + offset)
    return None


_BACK = {
    "last",
    "the last",
    "the past",
    "previous",
    "the previous",
    "the preceding",
    "the prior",
    "this past",
    "past",
}
_AHEAD = {"next", "coming", "the following"}
_SPAN_RELS = {"the past", "the last", "the next", "the coming"}


def _season(season: str, rel: str | None, year: str | None, ctx: Context) -> Resolution | None:
    code = SEASONS[season.lower()]
    if year:
        return Resolution("DATE", f"{_year_value(year)}-{code}")
    if ctx.dct is None:
        return Resolution("DATE", f"XXXX-{code}")
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    rel = (rel or "").lower()
    prefer = (
        "past"
        if rel in _BACK | {"the past"}
        else "future"
        if rel in _AHEAD | {"the coming"}
        else None
    )
    if rel in {"this", "the", ""} and prefer is None:
        prefer = ctx.tense
    if rel in _BACK | {"the past"}:
        # "last autumn" means the last finished one: its start is at least a season back.
        back = ctx.dct - dt.timedelta(days=91)
        y = back.year if start_month <= back.month else back.year - 1
        return Resolution("DATE", f"{y}-{code}")
    if rel in _AHEAD | {"the coming"}:
        y = ctx.dct.year if start_month > ctx.dct.month else ctx.dct.year + 1
        return Resolution("DATE", f"{y}-{code}")
    y, _ = _pick_month(start_month, ctx, prefer)
    return Resolution("DATE", f"{y}-{code}")


def resolve(cand: Candidate, ctx: Context) -> Resolution | None:
    """The TIMEX3 type and value of one matched expression, or None when it cannot be resolved.

    Relative expressions in a text without a creation time get ``X`` placeholders
    (``XXXX-10-03``), as TimeML does, and are never given an invented year.
    """
    handler = _HANDLERS[cand.rule]
    return handler(cand.match, ctx)


def _iso(m: re.Match[str], ctx: Context) -> Resolution | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return Resolution("TIME", f"{day.isoformat()}T{m['hh']}:{m['mi']}")
    return _date(day)


def _numeric(m: re.Match[str], ctx: Context) -> Resolution | None:
    year = int(m["y"])
    if year < 100:
        year += 1900 if year >= 30 else 2000
    try:
        day = dt.date(year, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    time = m["time"]
    if time:
        if re.fullmatch(r"\d\d:\d\d:\d\d", time):
            return Resolution("TIME", f"{day.isoformat()}T{time}")
        packed = re.match(r"(\d\d)(\d\d)\s*[A-Z]{3}", time)
        clock = f"{packed[1]}:{packed[2]}" if packed else _clock(time)
        if clock:
            return Resolution("TIME", f"{day.isoformat()}T{clock}")
    return _date(day)


def _month_day(m: re.Match[str], ctx: Context) -> Resolution | None:
    month, day = month_number(m["mon"]), int(re.sub(r"\D", "", m["d"]))
    if m["y"]:
        try:
            date = dt.date(int(m["y"]), month, day)
        except ValueError:
            return None
    elif ctx.dct is None:
        return Resolution("DATE", f"XXXX-{month:02d}-{day:02d}")
    else:
        picked = _pick_day(month, day, ctx)
        if picked is None:
            return None
        date = picked
    groups = m.groupdict()
    if groups.get("time") and (clock := _clock(groups["time"])):
        return Resolution("TIME", f"{date.isoformat()}T{clock}")
    return Resolution("DATE", date.isoformat(), _edge_mod(groups.get("mod")))


def _month_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    if m["y"]:
        year = _year_value(m["y"])
    elif ctx.dct is None:
        return None
    else:
        year = ctx.dct.year + {"last year": -1, "next year": 1}.get(m["yrel"].lower(), 0)
    if year is None:
        return None
    return Resolution("DATE", _month(year, month_number(m["mon"])), _edge_mod(m["mod"]))


def _month_only(m: re.Match[str], ctx: Context) -> Resolution | None:
    month = month_number(m["mon"])
    mod = (m["mod"] or "").lower()
    if ctx.dct is None:
        return Resolution("DATE", f"XXXX-{month:02d}")
    prefer = None
    if mod in {"last", "this past"}:
        prefer = "past"
    elif mod in {"next", "this coming"}:
        prefer = "future"
    elif mod == "this":
        return Resolution("DATE", _month(ctx.dct.year, month))
    elif mod in {"since", "after"}:
        prefer = "past"
    elif mod in {"until", "by"}:
        prefer = ctx.tense or "future"
    year, month = _pick_month(month, ctx, prefer)
    if mod in {"last", "next"} and (year, month) == (ctx.dct.year, ctx.dct.month):
        year += -1 if mod == "last" else 1
    return Resolution("DATE", _month(year, month), _edge_mod(mod))


def _weekday_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
    word = m["wd"]
    target = weekday_number(word.rstrip("s") if word.lower().endswith("days") else word)
    groups = m.groupdict()
    part = (groups.get("part") or "").lower().rstrip("s")
    code = PARTS_OF_DAY.get(part, "")
    if word.lower().endswith("days"):
        return Resolution("SET", f"XXXX-WXX-{target + 1}" + (f"T{code}" if code else ""))
    if ctx.dct is None:
        return Resolution("DATE", f"XXXX-WXX-{target + 1}")
    day = _weekday(target, ctx, groups.get("rel"))
    if code:
        return Resolution("TIME", f"{day.isoformat()}T{code}")
    return _date(day)


def _weekday_pair(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "on Monday and Tuesday": the week both days fall in (or the first day if they straddle)."""
    if ctx.dct is None:
        return None
    first = _weekday(weekday_number(m["wd"]), ctx, None)
    second = _weekday(weekday_number(m["wd2"]), ctx, None)
    if first.isocalendar()[:2] == second.isocalendar()[:2]:
        return Resolution("DATE", _week(first))
    return _date(min(first, second))


def _part_weekday(m: re.Match[str], ctx: Context) -> Resolution | None:
    if ctx.dct is None:
        return None
    return Resolution("DATE", _weekday(weekday_number(m["wd"]), ctx, None).isoformat())


def _deictic_day(word: str, ctx: Context) -> dt.date | None:
    if ctx.dct is None:
        return None
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    return ctx.dct + dt.timedelta(days=offsets.get(word.lower(), 0))


def _time(m: re.Match[str], ctx: Context) -> Resolution | None:
    clock = _clock(m["time"])
    if clock is None:
        return None
    groups = m.groupdict()
    day: dt.date | None = ctx.reference or ctx.dct
    if groups.get("deictic"):
        day = _deictic_day(groups["deictic"], ctx)
    elif groups.get("wd") and ctx.dct:
        day = _weekday(weekday_number(groups["wd"]), ctx, None)
    elif groups.get("mon") and ctx.dct:
        day = _pick_day(month_number(groups["mon"]), int(re.sub(r"\D", "", groups["d"])), ctx)
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    return Resolution("TIME", f"{prefix}T{clock}")


_REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "presently": "PRESENT_REF", "the present": "PRESENT_REF", "recently": "PAST_REF",
    "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "these days": "PRESENT_REF",
}  # fmt: skip


def _deictic(m: re.Match[str], ctx: Context) -> Resolution | None:
    word = " ".join(m["word"].lower().split())
    if word in _REFS:
        return Resolution("DATE", _REFS[word])
    if ctx.dct is None:
        return None
    if word == "the day before yesterday":
        return _date(ctx.dct - dt.timedelta(days=2))
    if word == "the day after tomorrow":
        return _date(ctx.dct + dt.timedelta(days=2))
    if word in {"today", "yesterday", "tomorrow"}:
        return _date(_deictic_day(word, ctx) or ctx.dct)
    if word in {"tonight", "overnight"}:
        return Resolution("TIME", f"{ctx.dct.isoformat()}TNI")
    first, _, part = word.rpartition(" ")
    code = PARTS_OF_DAY[part]
    if first in {"this", "last"}:
        day = ctx.dct - dt.timedelta(days=1 if first == "last" else 0)
    elif first in {"yesterday", "tomorrow"}:
        day = _deictic_day(first, ctx) or ctx.dct
    else:
        day = ctx.reference or ctx.dct
    return Resolution("TIME", f"{day.isoformat()}T{code}")


def _relative(m: re.Match[str], ctx: Context) -> Resolution | None:
    rel = " ".join(m["rel"].lower().split())
    unit = " ".join(m["unit"].lower().split())
    mod = _edge_mod(m["edge"])
    if unit == "season":
        return None
    if unit in SEASONS:
        return _season(unit, rel, None, ctx)
    if rel in _SPAN_RELS and unit not in {"day", "decade", "century"}:
        return Resolution("DURATION", _duration("1", unit if unit != "fiscal year" else "year"))
    if ctx.dct is None:
        return None
    anchored = rel in {"that", "the same", "the following", "the preceding", "the prior"}
    base = (ctx.reference or ctx.dct) if anchored else ctx.dct
    if rel in {"the year-earlier", "the year-ago"}:
        if unit not in {"quarter", "period"}:
            return None
        year, quarter = _reporting_quarter(ctx.dct)
        return Resolution("DATE", f"{year - 1}-Q{quarter}")
    if rel in {"the", "the latest", "the current", "current"} and unit in {"quarter", "period"}:
        year, quarter = _reporting_quarter(ctx.dct)
        return Resolution("DATE", f"{year}-Q{quarter}")
    if rel == "the" and unit not in {"year", "month", "week", "weekend"}:
        return None
    offset = (
        -1
        if rel in _BACK or rel == "the preceding" or rel == "the prior"
        else 1
        if rel in _AHEAD
        else 0
    )
    value = _calendar_unit(unit, base, offset, past=ctx.tense == "past")
    if value is None:
        return None
    return Resolution("DATE", value, mod)


def _quarter_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
    number = ORDINALS[m["ord"].lower()]
    half = m["unit"].lower() == "half"
    text = m.group(0).lower()
    if m["y"] or m["y0"]:
        year = int(m["y"] or m["y0"])
    elif ctx.dct is None:
        return Resolution("DATE", f"XXXX-{'H' if half else 'Q'}{number}")
    else:
        year = ctx.dct.year
        yrel = (m["yrel"] or "").lower()
        if (
            yrel == "last year"
            or "last year's" in text
            or "year-earlier" in text
            or "year-ago" in text
        ):
            year -= 1
        elif yrel == "next year":
            year += 1
        elif not yrel and "this year" not in text:
            current = (ctx.dct.month - 1) // (6 if half else 3) + 1
            if number > current and ctx.tense != "future":
                year -= 1
    return Resolution("DATE", f"{year}-{'H' if half else 'Q'}{number}")


def _fiscal_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    year = _year_value(m["y"])
    return Resolution("DATE", str(year)) if year else None


def _year_ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    if ctx.dct is None:
        return None
    if "quarter" in ctx.sentence.lower():
        year, quarter = _reporting_quarter(ctx.dct)
        return Resolution("DATE", f"{year - 1}-Q{quarter}")
    return Resolution("DATE", str(ctx.dct.year - 1))


def _year(m: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution("DATE", m["y"], _edge_mod(m["mod"]))


def _decade(m: re.Match[str], ctx: Context) -> Resolution | None:
    if m["dec"]:
        return Resolution("DATE", m["dec"][:3], _edge_mod(m["mod"]))
    century = ctx.dct.year // 100 if ctx.dct else 19
    decade = int(m["short"][0])
    if ctx.dct and century * 100 + decade * 10 > ctx.dct.year:
        century -= 1
    return Resolution("DATE", f"{century}{decade}", _edge_mod(m["mod"]))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip


def _decade_word(m: re.Match[str], ctx: Context) -> Resolution | None:
    decade = _DECADE_WORDS[m["dec"].lower()]
    century = ctx.dct.year // 100 if ctx.dct else 19
    if ctx.dct and century * 100 + decade * 10 > ctx.dct.year:
        century -= 1
    return Resolution("DATE", f"{century}{decade}", _edge_mod(m["mod"]))


def _century(m: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution("DATE", f"{int(m['n']) - 1:02d}")


def _season_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
    return _season(m["season"], m["rel"], m["y"], ctx)


_UNIT_VALUE = {"day": "day", "night": "day", "week": "week", "fortnight": "week", "month": "month",
               "quarter": "quarter", "year": "year", "decade": "decade", "century": "century"}  # fmt: skip


def _ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    direction = m["dir"].lower()
    unit = m["unit"].lower().rstrip("s")
    unit = "century" if unit == "centurie" else unit
    duration = _duration(m["num"], m["unit"])
    mod = _approx_mod(m["approx"])
    count = number_value(m["num"]) if m["num"].lower() not in VAGUE_NUMBERS else None
    sign = (
        1 if direction in {"later", "after", "from now", "hence", "afterwards", "afterward"} else -1
    )
    anchored = direction not in {"ago", "from now", "hence"}
    base = (ctx.reference or ctx.dct) if anchored else ctx.dct
    if base is None or count is None or unit not in _UNIT_VALUE:
        if count is None and anchored and base is not None and unit == "day":
            # "a few days earlier": the week around three days before the reference time
            return Resolution("DATE", _week(base + dt.timedelta(days=3 * sign)), mod)
        if count is None and not anchored:
            if unit == "year" and sign < 0 and ctx.dct:
                return Resolution("DATE", f"{str(ctx.dct.year)[:3]}X", mod)
            return Resolution("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
        return Resolution("DURATION", duration, mod)
    if unit == "year" and sign < 0 and "quarter" in ctx.sentence.lower() and ctx.dct:
        year, quarter = _reporting_quarter(ctx.dct)
        return Resolution("DATE", f"{year - count}-Q{quarter}", mod)
    kind = _UNIT_VALUE[unit]
    if kind == "day":
        day = base + dt.timedelta(days=sign * count)
        return Resolution("DATE", day.isoformat(), mod)
    if kind == "week":
        weeks = count * (2 if unit == "fortnight" else 1)
        return Resolution("DATE", _week(base + dt.timedelta(weeks=sign * weeks)), mod)
    if kind == "month":
        return Resolution("DATE", _month(*_shift_month(base.year, base.month, sign * count)), mod)
    value = _calendar_unit(kind, base, sign * count)
    return Resolution("DATE", value, mod) if value else None


def _event_relative(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "two days after the dam burst": a duration, and the relation the stage resolves."""
    res = _duration(m["num"], m["unit"])
    return Resolution("DURATION", res, _approx_mod(m["approx"]), (m["dir"].lower(), res))


def _ago_or_relation(m: re.Match[str], ctx: Context) -> Resolution | None:
    if m["dir"].lower() in {"before", "after"}:
        rest = m.string[m.end() : m.end() + 2]
        if rest[:1] == " " and rest[1:2].isalnum():
            return _event_relative(m, ctx)
    return _ago(m, ctx)


def _duration_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
    num = m["num"]
    if num.lower() in {"a", "an"} and not m["rel"] and not m["approx"]:
        before = m.string[max(0, m.start() - 16) : m.start()].lower()
        if re.search(
            r"(?:\d|million|billion|thousand|percent|%|cents?|dollars?|times)\s*$", before
        ):
            return Resolution("SET", _duration("1", m["unit"]))
    return Resolution("DURATION", _duration(num, m["unit"]), _approx_mod(m["approx"]))


def _vague_duration(m: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution("DURATION", _duration(None, m["unit"]))


_ADVERB_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M",
                "biweekly": "P2W"}  # fmt: skip


def _set(m: re.Match[str], ctx: Context) -> Resolution | None:
    if m["adv"]:
        return Resolution("SET", _ADVERB_SETS[m["adv"].lower()])
    if m["wd"]:
        return Resolution("SET", f"XXXX-WXX-{weekday_number(m['wd']) + 1}")
    if m["mon"]:
        return Resolution("SET", f"XXXX-{month_number(m['mon']):02d}")
    unit = m["unit"].lower()
    if unit == "weekend":
        return Resolution("SET", "XXXX-WXX-WE")
    return Resolution("SET", _duration(m["num"] or "1", unit))


_HANDLERS = {
    "iso": _iso,
    "numeric": _numeric,
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month_year,
    "month": _month_only,
    "weekday": _weekday_rule,
    "part_weekday": _part_weekday,
    "weekday_pair": _weekday_pair,
    "time": _time,
    "time_after": _time,
    "deictic": _deictic,
    "relative": _relative,
    "quarter": _quarter_rule,
    "fiscal_year": _fiscal_year,
    "spoken_year": lambda m, ctx: Resolution("DATE", str(spoken_year(m["y"]))),
    "year_ago": _year_ago,
    "year": _year,
    "decade": _decade,
    "decade_word": _decade_word,
    "century": _century,
    "season": _season_rule,
    "ago": _ago_or_relation,
    "duration": _duration_rule,
    "vague_duration": _vague_duration,
    "set": _set,
}
