"""What a document is made of: a title, the names its pages carry, and a sequence of blocks."""

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: Sequence[str]


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""
    numeric: Sequence[int] = ()  # indexes of right-aligned columns


@dataclass(frozen=True)
class Bars:
    """A horizontal bar chart; each value is also written out, so it reads without the bars.
    A negative share (a loss) grows left from the zero line."""

    caption: str
    rows: Sequence[tuple[str, float, str]]  # label, share of the longest bar (−1–1), value text


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | Bars | PageBreak


@dataclass(frozen=True)
class Document:
    """`consortium` and `project` name the document in the header of every page."""

    title: str
    blocks: Sequence[Block] = field(default_factory=tuple)
    subtitle: str = ""
    author: str = "Navet"
    consortium: str = ""
    project: str = ""

    @property
    def running_header(self) -> str:
        return " · ".join(part for part in (self.consortium, self.project) if part) or self.title
