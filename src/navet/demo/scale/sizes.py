"""How much data each scale holds."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    municipalities: int  # Stockholm County's 26 are real; the others are made up
    consortia: int  # Stockholm County's 3 are real; the others are made up
    calls: int
    needs: int
    projects: int
    meetings: int
    motions: int
    expenditures: int = 0


SIZES = {
    "county": Size(
        "county",
        municipalities=26,
        consortia=3,
        calls=1_000,
        needs=2_000,
        projects=1_000,
        meetings=250,
        motions=250,
        expenditures=20_000,
    ),
    "national": Size(
        "national",
        municipalities=290,
        consortia=30,
        calls=10_000,
        needs=40_000,
        projects=20_000,
        meetings=5_000,
        motions=5_000,
        expenditures=1_000_000,
    ),
}
