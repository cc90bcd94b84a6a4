"""What the gazetteer stores: one row per place, many names per place."""

from __future__ import annotations

from dataclasses import dataclass, field

# How a name belongs to its place; matching weighs them differently.
PRIMARY, ALTERNATE, CODE, DEMONYM = 0, 1, 2, 3

# GeoNames feature codes kronika uses, and the ACLED precision each implies.
COUNTRY, REGION, DISTRICT, CAPITAL, TOWN, CONTINENT = "PCLI", "ADM1", "ADM2", "PPLC", "PPL", "CONT"
AREA_FEATURES = {"PCLI", "PCLS", "PCLD", "PCLF", "PCL", "ADM1", "CONT", "RGN", "TERR"}


@dataclass
class Entry:
    """A place. ``id`` is the GeoNames id where there is one, else negative."""

    id: int
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    names: list[tuple[str, int]] = field(default_factory=list, compare=False, repr=False)

    @property
    def is_area(self) -> bool:
        return self.feature in AREA_FEATURES or self.feature.startswith(("PCL", "ADM"))

    @property
    def precision(self) -> int:
        """ACLED: 1 a town, 2 part of a region (a district), 3 a region or country."""
        if self.feature.startswith("PPL"):
            return 1
        if self.feature in {"ADM2", "ADM3", "ADM4", "ADMD"}:
            return 2
        return 3 if self.is_area else 2
