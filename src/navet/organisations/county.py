"""The facts of Stockholm County, shipped with Navet as data files.

`data/municipalities.csv`: SCB code, name, organisation number (where known for sure), county,
population (with its reference year) and the regional consortium; `data/adjacency.csv`: pairs of
municipalities that share a land border.
Sources are listed in docs/county-data.md.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
COUNTY_CODE = "01"


@dataclass(frozen=True)
class MunicipalityFact:
    code: str
    name: str
    organisation_number: str
    county_name: str
    population: int
    population_year: int
    consortium: str


@dataclass(frozen=True)
class ConsortiumFact:
    name: str
    slug: str
    description: str


# The regional consortia of the county. The county-wide one stands for the collaboration
# agreement of all 26 municipalities about newly arrived people (KSL, 2013).
CONSORTIA = [
    ConsortiumFact(
        "Koordination Norrort",
        "koordination-norrort",
        "Samverkansöverenskommelse sedan 2014 mellan de 15 norrortskommunerna om "
        "flyktingmottagande och etablering av nyanlända.",
    ),
    ConsortiumFact(
        "Etablering Södertörn",
        "etablering-sodertorn",
        "De åtta Södertörnskommunernas samverkan om mottagande och etablering av nyanlända.",
    ),
]
WHOLE_COUNTY = ConsortiumFact(
    "Stockholms län",
    "stockholms-lan",
    "Överenskommelse om samverkan i Stockholms län gällande nyanlända: länets alla 26 kommuner.",
)


def read_municipalities() -> list[MunicipalityFact]:
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8", newline="") as file:
        return [
            MunicipalityFact(
                code=row["code"],
                name=row["name"],
                organisation_number=row["organisation_number"].strip(),
                county_name=row["county"],
                population=int(row["population"]),
                population_year=int(row["population_year"]),
                consortium=row["consortium"].strip(),
            )
            for row in csv.DictReader(file)
        ]


def read_borders() -> list[tuple[str, str]]:
    with (DATA_DIR / "adjacency.csv").open(encoding="utf-8", newline="") as file:
        return [(row["code_a"], row["code_b"]) for row in csv.DictReader(file)]
