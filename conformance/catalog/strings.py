"""`str.*` expressions: matching, extraction, replacement, splitting, padding, case and parsing.

Generated strings are arbitrary Unicode and rarely parse as numbers or dates, so the parsing entries
pick per row (`b`) between a value formatted from a typed column and an arbitrary string: both the
parser's happy path and its `strict=False` null path are exercised on every input.
"""

from __future__ import annotations

import polars as pl

from conformance.catalog.operation import Operation, has_attr, has_param
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

STRINGS = {"s": Col(D.strings)}
# `p` is a second arbitrary string, used as a per-row pattern, prefix or separator.
STRING_PAIR = {"s": Col(D.strings), "p": Col(D.strings)}

OPERATIONS = (
    Operation(
        "with_columns_string",
        lambda lf: lf.with_columns(
            len_chars=c("s").str.len_chars(),
            len_bytes=c("s").str.len_bytes(),
            upper=c("s").str.to_uppercase(),
            contains=c("s").str.contains("a", literal=True),
            starts=c("s").str.starts_with("a"),
            replaced=c("s").str.replace_all("a", "-", literal=True),
            sliced=c("s").str.slice(1, 2),
            concat=c("s") + pl.lit("|"),
            stripped=c("s").str.strip_chars(),
        ),
        ({"s": Col(D.strings)},),
    ),
    Operation(
        "str_contains",
        lambda lf: lf.with_columns(
            regex=c("s").str.contains(r"[a-zà-ÿ]\d?"),
            anchored=c("s").str.contains(r"^\W|\s$"),
            case_insensitive=c("s").str.contains(r"(?i)a|ü"),
            literal=c("s").str.contains(".", literal=True),
            empty=c("s").str.contains("", literal=True),
        ),
        (STRINGS,),
    ),
    Operation(
        "str_contains_column_pattern",
        # `p` is mostly not a valid regex: strict=False turns those rows into nulls instead of
        # raising, so the per-row regex cache and its error path are both exercised.
        lambda lf: lf.with_columns(
            literal=c("s").str.contains(c("p"), literal=True),
            regex=c("s").str.contains(c("p"), strict=False),
            self_match=c("s").str.contains(c("s"), literal=True),
        ),
        (STRING_PAIR,),
    ),
    Operation(
        "str_starts_ends_with",
        lambda lf: lf.with_columns(
            starts=c("s").str.starts_with("a"),
            ends=c("s").str.ends_with(""),
            starts_col=c("s").str.starts_with(c("p")),
            ends_col=c("s").str.ends_with(c("p")),
            self_prefix=c("s").str.starts_with(c("s").str.head(1)),
        ),
        (STRING_PAIR,),
    ),
    Operation(
        "str_extract",
        lambda lf: lf.with_columns(
            digits=c("s").str.extract(r"(\d+)", 1),
            second=c("s").str.extract(r"(\w)(\w)", 2),
            whole=c("s").str.extract(r"\S+", 0),
            groups=c("s").str.extract_groups(r"(?<first>\w)(?<rest>.*)"),
        ),
        (STRINGS,),
    ),
    Operation(
        "str_extract_all",
        lambda lf: lf.with_columns(
            words=c("s").str.extract_all(r"\w\w?"),
            non_ascii=c("s").str.extract_all(r"[^\x00-\x7f]"),
        ),
        (STRINGS,),
    ),
    Operation(
        "str_find_count_matches",
        lambda lf: lf.with_columns(
            find_regex=c("s").str.find(r"\d|\s"),
            find_literal=c("s").str.find(".", literal=True),
            count_regex=c("s").str.count_matches(r"\w"),
            count_literal=c("s").str.count_matches("a", literal=True),
        ),
        (STRINGS,),
    ),
    Operation(
        "str_replace_regex",
        lambda lf: lf.with_columns(
            first=c("s").str.replace(r"\w", "-"),
            swapped=c("s").str.replace(r"(\w)(\W)", "$2$1"),
            digit_or_space=c("s").str.replace(r"\s|\d", ""),
            all=c("s").str.replace_all(r"[aeiouü]", "_"),
            all_groups=c("s").str.replace_all(r"(\w)", "${1}${1}"),
        ),
        (STRINGS,),
    ),
    Operation(
        "str_replace_literal",
        lambda lf: lf.with_columns(
            first=c("s").str.replace(".", "*", literal=True),
            dollar=c("s").str.replace("a", "$0", literal=True, n=2),
            all=c("s").str.replace_all("a", "ab", literal=True),
            all_empty=c("s").str.replace_all(" ", "", literal=True),
        ),
        (STRINGS,),
    ),
    Operation(
        "str_split",
        lambda lf: lf.with_columns(
            spaces=c("s").str.split(" "),
            chars=c("s").str.split(""),
            inclusive=c("s").str.split("a", inclusive=True),
            by_column=c("s").str.split(c("p")),
        ),
        (STRING_PAIR,),
    ),
    Operation(
        "str_split_exact_splitn",
        lambda lf: lf.with_columns(
            exact=c("s").str.split_exact(" ", 1),
            exact_inclusive=c("s").str.split_exact("a", 2, inclusive=True),
            splitn=c("s").str.splitn(" ", 2),
        ),
        (STRINGS,),
    ),
    Operation(
        "str_slice_head_tail",
        lambda lf: lf.with_columns(
            middle=c("s").str.slice(1, 2),
            from_end=c("s").str.slice(-3),
            empty=c("s").str.slice(0, 0),
            head=c("s").str.head(2),
            head_negative=c("s").str.head(-1),
            tail=c("s").str.tail(3),
            tail_negative=c("s").str.tail(-2),
        ),
        (STRINGS,),
    ),
    Operation(
        "str_strip",
        lambda lf: lf.with_columns(
            whitespace=c("s").str.strip_chars(),
            chars=c("s").str.strip_chars("a ü"),
            start=c("s").str.strip_chars_start("ab"),
            end=c("s").str.strip_chars_end(None),
            prefix=c("s").str.strip_prefix("a"),
            suffix=c("s").str.strip_suffix(" "),
            prefix_col=c("s").str.strip_prefix(c("p")),
        ),
        (STRING_PAIR,),
    ),
    Operation(
        "str_pad_zfill",
        lambda lf: lf.with_columns(
            start=c("s").str.pad_start(4, "*"),
            end=c("s").str.pad_end(6),
            zfill=c("s").str.zfill(3),
            zfill_number=c("i").cast(pl.String).str.zfill(5),
        ),
        ({"s": Col(D.strings), "i": Col(D.integers)},),
    ),
    Operation(
        "str_case_length_reverse",
        lambda lf: lf.with_columns(
            lower=c("s").str.to_lowercase(),
            upper=c("s").str.to_uppercase(),
            title=c("s").str.to_titlecase(),
            len_bytes=c("s").str.len_bytes(),
            len_chars=c("s").str.len_chars(),
            reversed=c("s").str.reverse(),
        ),
        (STRINGS,),
    ),
    Operation(
        "str_to_integer",
        lambda lf: lf.with_columns(
            t=pl.when(c("b")).then(c("i").cast(pl.String)).otherwise(c("s"))
        ).with_columns(
            parsed=c("t").str.to_integer(strict=False),
            hex=c("t").str.to_integer(base=16, strict=False),
            cast=c("t").cast(pl.Int16, strict=False),
        ),
        ({"b": Col(D.booleans), "i": Col(D.integers), "s": Col(D.strings)},),
    ),
    Operation(
        "str_parse_float_decimal",
        lambda lf: lf.with_columns(
            t=pl.when(c("b")).then(c("f").cast(pl.String)).otherwise(c("s"))
        ).with_columns(
            float=c("t").cast(pl.Float64, strict=False),
            float32=c("t").cast(pl.Float32, strict=False),
            decimal=c("t").str.to_decimal(scale=3),
        ),
        ({"b": Col(D.booleans), "f": Col(D.floats), "s": Col(D.strings)},),
        requires=(has_param(pl.col("s").str.to_decimal, "scale"),),
    ),
    Operation(
        "str_to_date",
        lambda lf: lf.with_columns(
            t=pl.when(c("b")).then(c("d").dt.to_string("%Y-%m-%d")).otherwise(c("s"))
        ).with_columns(
            date=c("t").str.to_date("%Y-%m-%d", strict=False),
            strptime=c("t").str.strptime(pl.Date, "%Y-%m-%d", strict=False),
            inexact=c("t").str.to_date("%Y-%m-%d", strict=False, exact=False),
        ),
        ({"b": Col(D.booleans), "d": Col(D.dates), "s": Col(D.strings)},),
    ),
    Operation(
        "str_to_datetime",
        lambda lf: lf.with_columns(
            t=pl.when(c("b")).then(c("d").dt.to_string("%Y-%m-%d %H:%M:%S%.f")).otherwise(c("s"))
        ).with_columns(
            naive=c("t").str.to_datetime("%Y-%m-%d %H:%M:%S%.f", time_unit="us", strict=False),
            zoned=c("t").str.to_datetime(
                "%Y-%m-%d %H:%M:%S%.f", time_unit="ms", time_zone="Asia/Kathmandu", strict=False
            ),
            strptime=c("t").str.strptime(pl.Datetime("ns"), "%Y-%m-%d %H:%M:%S%.f", strict=False),
        ),
        ({"b": Col(D.booleans), "d": Col(D.datetimes), "s": Col(D.strings)},),
    ),
    Operation(
        "str_concat_horizontal",
        lambda lf: lf.with_columns(
            dash=pl.concat_str(["s", "p"], separator="-"),
            skip_nulls=pl.concat_str([c("s"), pl.lit("|"), c("p")], ignore_nulls=True),
            plus=c("s") + c("p"),
            formatted=pl.format("<{}:{}>", c("s"), c("p")),
        ),
        (STRING_PAIR,),
    ),
    Operation(
        "str_join",
        lambda lf: lf.select(
            comma=c("s").str.join(","),
            with_nulls=c("s").str.join("", ignore_nulls=False),
        ),
        (STRINGS,),
        requires=(has_attr(pl.col("s"), "str.join"),),
    ),
    Operation(
        "str_join_grouped",
        lambda lf: lf.group_by("k", maintain_order=True).agg(joined=c("s").str.join("|")),
        ({"k": Col(D.keys, key=True), "s": Col(D.strings)},),
        requires=(has_attr(pl.col("s"), "str.join"),),
    ),
)
