"""Demo calls of earlier years: two years of § 37 and ESF+ calls, from which Navet foresees the
coming year's windows (navet.calls.expected). The windows follow the real rhythm of the
programmes: § 37 opens in February and closes at the end of May, ESF+ programme area A in
Stockholm opens in January and closes in March; these particular calls are examples."""

from datetime import date

# (opens, closes) as month-day, the year before last and last year
LST_37 = (("02-03", "05-29"), ("02-02", "05-28"))
ESF_A = (("01-15", "03-14"), ("01-14", "03-13"))


def demo_earlier_calls(today: date) -> list[dict[str, object]]:
    """Each programme's calls of the last two years whose windows have closed by `today`, so
    that its expected window lies ahead."""
    calls: list[dict[str, object]] = []
    for year, (opens, closes) in _years(today, LST_37):
        calls.append(
            {
                "external_id": f"demo-lst-stockholm-37-{year}-tidigare",
                "funder": "Länsstyrelsen Stockholm",
                "programme": "§ 37",
                "title": f"Utvecklingsmedel § 37 {year}",
                "description": (
                    "Bidrag till kommuner och kommunalförbund för att utveckla kapacitet och "
                    "beredskap i mottagandet av nyanlända."
                ),
                "opens": f"{year}-{opens}",
                "closes": f"{year}-{closes}",
                "cofinancing_percent": 0,
                "eligible_applicants": ["kommun", "kommunalforbund"],
                "themes": ["mottagande-beredskap", "samverkan-metodutveckling"],
                "target_groups": ["nyanlanda-ersattningsforordningen", "ensamkommande"],
            }
        )
    for year, (opens, closes) in _years(today, ESF_A):
        calls.append(
            {
                "external_id": f"demo-esf-a-stockholm-{year}-tidigare",
                "funder": "Svenska ESF-rådet",
                "programme": "ESF+",
                "title": f"ESF+ programområde A – Stockholms län {year}",
                "description": (
                    "Kompetensutveckling och aktiv inkludering för personer som står långt från "
                    "arbetsmarknaden i Stockholms län."
                ),
                "opens": f"{year}-{opens}",
                "closes": f"{year}-{closes}",
                "cofinancing_percent": 46,
                "eligible_applicants": ["kommun", "kommunalforbund", "region", "ideell"],
                "themes": ["arbete-sysselsattning", "kompetensutveckling-validering"],
                "target_groups": ["utrikesfodda"],
            }
        )
    return calls


def _years(
    today: date, windows: tuple[tuple[str, str], tuple[str, str]]
) -> list[tuple[int, tuple[str, str]]]:
    closes_month, closes_day = map(int, windows[1][1].split("-"))
    last = today.year if today > date(today.year, closes_month, closes_day) else today.year - 1
    return [(last - 1, windows[0]), (last, windows[1])]
