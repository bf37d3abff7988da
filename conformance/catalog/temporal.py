"""`dt.*` expressions: truncation, rounding, offsets, components, epochs, time zones, durations.

Datetime groups mix naive and zoned columns (with a DST zone and a 45-minute offset zone), so every
calendar operation also meets local-time arithmetic; operations that can land on a non-existent or
ambiguous local time say how to resolve it, so no input raises on one lane only.
"""

from __future__ import annotations

import polars as pl

from conformance.catalog.operation import Operation, has_attr, has_param
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

DATE_LIKE = {"t": Col(D.dates | D.datetimes)}
DATETIMES = {"t": Col(D.datetimes)}
DURATIONS = {"d": Col(D.durations)}

OPERATIONS = (
    Operation(
        "with_columns_temporal",
        lambda lf: lf.with_columns(
            year=c("t").dt.year(),
            month=c("t").dt.month(),
            weekday=c("t").dt.weekday(),
            truncated=c("t").dt.truncate("1mo"),
            shifted=c("t").dt.offset_by("1d"),
            date=c("t").dt.date(),
        ),
        ({"t": Col(D.dates | D.datetimes)},),
    ),
    Operation(
        "dt_truncate_calendar",
        lambda lf: lf.with_columns(
            week=c("t").dt.truncate("1w"),
            two_days=c("t").dt.truncate("2d"),
            month=c("t").dt.truncate("1mo"),
            quarter=c("t").dt.truncate("1q"),
            year=c("t").dt.truncate("1y"),
        ),
        (DATE_LIKE,),
    ),
    Operation(
        "dt_truncate_clock",
        lambda lf: lf.with_columns(
            hour=c("t").dt.truncate("1h"),
            quarter_hour=c("t").dt.truncate("15m"),
            odd_seconds=c("t").dt.truncate("90s"),
            millis=c("t").dt.truncate("3ms"),
            day=c("t").dt.truncate("1d"),
        ),
        (DATETIMES,),
    ),
    Operation(
        "dt_round",
        lambda lf: lf.with_columns(
            hour=c("t").dt.round("1h"),
            half_hour=c("t").dt.round("30m"),
            seconds=c("t").dt.round("7s"),
            day=c("t").dt.round("1d"),
            month=c("t").dt.round("1mo"),
        ),
        (DATETIMES,),
    ),
    Operation(
        "dt_offset_by_calendar",
        lambda lf: lf.with_columns(
            month=c("t").dt.offset_by("1mo"),
            back_months=c("t").dt.offset_by("-2mo"),
            year_month=c("t").dt.offset_by("1y2mo"),
            quarter=c("t").dt.offset_by("1q"),
            back_days=c("t").dt.offset_by("-3d"),
            weeks=c("t").dt.offset_by("2w"),
        ),
        (DATE_LIKE,),
    ),
    Operation(
        "dt_offset_by_clock",
        lambda lf: lf.with_columns(
            back_minutes=c("t").dt.offset_by("-90m"),
            day_and_half=c("t").dt.offset_by("1d12h"),
            nanos=c("t").dt.offset_by("1500ns"),
        ),
        (DATETIMES,),
    ),
    Operation(
        "dt_date_components",
        lambda lf: lf.with_columns(
            year=c("t").dt.year(),
            iso_year=c("t").dt.iso_year(),
            quarter=c("t").dt.quarter(),
            month=c("t").dt.month(),
            week=c("t").dt.week(),
            weekday=c("t").dt.weekday(),
            day=c("t").dt.day(),
            ordinal_day=c("t").dt.ordinal_day(),
            leap=c("t").dt.is_leap_year(),
            century=c("t").dt.century(),
            millennium=c("t").dt.millennium(),
        ),
        (DATE_LIKE,),
    ),
    Operation(
        "dt_time_components",
        lambda lf: lf.with_columns(
            hour=c("t").dt.hour(),
            minute=c("t").dt.minute(),
            second=c("t").dt.second(),
            fractional_second=c("t").dt.second(fractional=True),
            millisecond=c("t").dt.millisecond(),
            microsecond=c("t").dt.microsecond(),
            nanosecond=c("t").dt.nanosecond(),
        ),
        ({"t": Col(D.datetimes | D.times)},),
    ),
    Operation(
        "dt_days_in_month",
        lambda lf: lf.with_columns(days=c("t").dt.days_in_month()),
        (DATE_LIKE,),
        requires=(has_attr(pl.col("t"), "dt.days_in_month"),),
    ),
    Operation(
        "dt_epoch_timestamp",
        lambda lf: lf.with_columns(
            days=c("t").dt.epoch("d"),
            seconds=c("t").dt.epoch("s"),
            millis=c("t").dt.epoch("ms"),
            micros=c("t").dt.epoch("us"),
            nanos=c("t").dt.epoch("ns"),
            timestamp_ms=c("t").dt.timestamp("ms"),
            timestamp_ns=c("t").dt.timestamp("ns"),
        ),
        (DATE_LIKE,),
    ),
    Operation(
        "dt_convert_time_zone",
        lambda lf: lf.with_columns(
            kathmandu=c("t").dt.convert_time_zone("Asia/Kathmandu"),
            utc=c("t").dt.convert_time_zone("UTC"),
            new_york_hour=c("t").dt.convert_time_zone("America/New_York").dt.hour(),
        ),
        ({"t": Col(D.zoned_datetimes)},),
    ),
    Operation(
        "dt_replace_time_zone",
        lambda lf: lf.with_columns(
            new_york=c("t").dt.replace_time_zone(
                "America/New_York", ambiguous="earliest", non_existent="null"
            ),
            new_york_latest=c("t").dt.replace_time_zone(
                "America/New_York", ambiguous="latest", non_existent="null"
            ),
            kathmandu=c("t").dt.replace_time_zone("Asia/Kathmandu", non_existent="null"),
            naive=c("t").dt.replace_time_zone(None),
        ),
        (DATETIMES,),
    ),
    Operation(
        "dt_duration_totals",
        lambda lf: lf.with_columns(
            days=c("d").dt.total_days(),
            hours=c("d").dt.total_hours(),
            minutes=c("d").dt.total_minutes(),
            seconds=c("d").dt.total_seconds(),
            millis=c("d").dt.total_milliseconds(),
            micros=c("d").dt.total_microseconds(),
            nanos=c("d").dt.total_nanoseconds(),
        ),
        (DURATIONS,),
    ),
    Operation(
        "dt_duration_totals_fractional",
        lambda lf: lf.with_columns(
            days=c("d").dt.total_days(fractional=True),
            hours=c("d").dt.total_hours(fractional=True),
            seconds=c("d").dt.total_seconds(fractional=True),
            millis=c("d").dt.total_milliseconds(fractional=True),
        ),
        (DURATIONS,),
        requires=(has_param(pl.col("d").dt.total_days, "fractional"),),
    ),
    Operation(
        "dt_month_start_end",
        lambda lf: lf.with_columns(start=c("t").dt.month_start(), end=c("t").dt.month_end()),
        (DATE_LIKE,),
    ),
    Operation(
        "dt_duration_arithmetic",
        lambda lf: lf.with_columns(
            plus=c("t") + c("d"),
            minus=c("t") - c("d"),
            between=c("t") - c("t").reverse(),
            tripled=c("d") * 3,
            halved=c("d") / 2,
            negated=-c("d"),
        ),
        ({"t": Col(D.dates | D.datetimes), "d": Col(D.durations)},),
    ),
    Operation(
        "dt_duration_constructor",
        lambda lf: lf.with_columns(
            days=c("t") + pl.duration(days=c("n")),
            mixed=c("t") - pl.duration(weeks=1, hours=c("n"), minutes=30),
        ),
        ({"t": Col(D.dates | D.datetimes), "n": Col(D.integers, key=True)},),
    ),
    Operation(
        "dt_to_string",
        lambda lf: lf.with_columns(
            iso=c("t").dt.to_string(),
            date=c("t").dt.to_string("%Y-%m-%d"),
            names=c("t").dt.strftime("%a %d %b %Y, day %j, week %U/%W/%V"),
        ),
        (DATE_LIKE,),
    ),
    Operation(
        "dt_to_string_clock",
        lambda lf: lf.with_columns(
            clock=c("t").dt.to_string("%H:%M:%S%.f"),
            twelve_hour=c("t").dt.strftime("%I:%M %p"),
        ),
        ({"t": Col(D.datetimes | D.times)},),
    ),
    Operation(
        "dt_to_string_default",
        lambda lf: lf.with_columns(text=c("t").dt.to_string()),
        ({"t": Col(D.temporal)},),
    ),
    Operation(
        "dt_date_time_parts",
        lambda lf: lf.with_columns(
            date=c("t").dt.date(),
            time=c("t").dt.time(),
            millis=c("t").dt.cast_time_unit("ms"),
            combined=c("t").dt.combine(pl.time(12, 30)),
        ),
        (DATETIMES,),
    ),
)
