"""The tolerances catalog entries declare, each with the reason its operation's result is inexact.

Results compare exactly by default: the strategies draw floats (multiples of 1/4, small enough)
whose sums are exact in any order, so a sum, a min or a cast that differs in any bit is a finding.
An entry declares one of these only where its own arithmetic rounds in a way engines may
legitimately do differently (another summation or association order, another math library on the
GPU). Every bound is far below any real error: a sum missing 7,000 of 7.5e8 is 1e-5 relative.
"""

from __future__ import annotations

from conformance.judge.compare import Tolerance

MEAN = Tolerance(
    rel=1e-9,
    abs=1e-12,
    reason="a mean divides the sum by the count, and an engine may compute it as a running mean "
    "merged per chunk, which rounds at every step",
)
STD_VAR = Tolerance(
    rel=1e-9,
    abs=1e-9,
    reason="std and var take (the square root of) a sum of squared deviations, which engines "
    "accumulate per chunk and merge in another order",
)
QUANTILE_LINEAR = Tolerance(
    rel=1e-9,
    abs=1e-9,
    reason="linear interpolation weights the two neighbouring values by a fraction of the rank, "
    "and a*(1-f) + b*f rounds differently from a + (b-a)*f",
)
PRODUCT = Tolerance(
    rel=1e-9,
    abs=0,
    reason="a float product rounds once its factors' bits exceed the mantissa, and engines "
    "multiply partial products (or scan cum_prod) in another association order",
)
MEAN_AND_PRODUCT = Tolerance(
    rel=1e-9,
    abs=1e-12,
    reason=f"{MEAN.reason}; {PRODUCT.reason}",
)
WINDOW_STATISTICS = Tolerance(
    rel=1e-9,
    abs=1e-9,
    reason="rolling means and deviations divide, and rolling std keeps sliding sums of squares "
    "that an engine may recompute per window or per chunk in another order",
)
RECURRENCE = Tolerance(
    rel=1e-9,
    abs=1e-9,
    reason="ewm_mean/ewm_std are recurrences multiplying by non-dyadic weights (alpha, 1-alpha): "
    "every step rounds, and bias corrections divide",
)
INTERPOLATION = Tolerance(
    rel=1e-9,
    abs=1e-9,
    reason="linear interpolation divides the gap between two known values by the run length",
)
MATH_LIBRARY = Tolerance(
    rel=2.5e-7,
    abs=0,
    reason="pow, log, exp and cbrt come from a math library whose last bit differs between "
    "implementations (the GPU's among them), and integer powers beyond 2**53 round differently "
    "as a pow kernel than as repeated multiplication; the inputs include Float32, whose last bit "
    "is 1.2e-7 relative (the streaming engine's Float32 pow differs from in-memory by one)",
)
WIDE_INTEGER_MEAN = Tolerance(
    rel=1e-9,
    abs=1e-9,
    reason="the mean of integers over their full range adds values beyond 2**53 as floats, which "
    "round in summation order",
)
