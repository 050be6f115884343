"""Made-up Swedish titles and texts, drawn from a seeded random generator."""

import random

ACTIVITIES = {
    "arbete-sysselsattning": ("praktikplatser hos lokala arbetsgivare", "jobbspår inom vården"),
    "sprak": ("språkträning kopplad till yrken", "språkcaféer på biblioteket"),
    "samhallsorientering": ("samhällsorientering på modersmål",),
    "boende-bosattning": ("stöd till hushåll att hitta en bostad",),
    "halsa": ("hälsoskola och hälsokommunikatörer",),
    "psykisk-halsa": ("traumamedvetet bemötande", "stöd vid oro och sömnproblem"),
    "foraldraskap": ("föräldrastöd i grupp",),
    "ensamkommande": ("mentorskap för ensamkommande",),
    "foreningsliv-fritid": ("meningsfull fritid under lov", "mötesplatser i föreningslivet"),
    "digital-inkludering": ("digitala vardagsfärdigheter och e-legitimation",),
}
GROUPS = (
    "nyanlända vuxna",
    "ensamkommande barn och unga",
    "utrikesfödda kvinnor",
    "personer med tillfälligt skydd",
    "unga mellan 16 och 25 år",
    "barn i ekonomiskt utsatta familjer",
)
AIMS = (
    "så att etableringen går snabbare",
    "för att fler ska komma i arbete eller studier",
    "för att minska segregationen",
    "så att kunskaperna i svenska förbättras",
    "för att motverka utanförskap och isolering",
)
FILLERS = (
    "Kommunöverskridande projekt prioriteras.",
    "Insatserna ska kunna föras över till ordinarie verksamhet.",
    "Resultaten ska följas upp och redovisas i en slutrapport.",
    "Målgruppen ska vara delaktig i planering och genomförande.",
    "Samverkan med civilsamhället och regionen är en fördel.",
)
FUNDERS = (
    "Länsstyrelsen Stockholm",
    "Svenska ESF-rådet",
    "Migrationsverket",
    "Allmänna arvsfonden",
    "Tillväxtverket",
    "Socialstyrelsen",
    "Folkhälsomyndigheten",
    "Europeiska kommissionen",
)


def topics(rng: random.Random) -> list[str]:
    return rng.sample(sorted(ACTIVITIES), rng.randint(1, 3))


def title(rng: random.Random, themes: list[str]) -> str:
    activity = rng.choice(ACTIVITIES[themes[0]])
    return f"{activity[0].upper()}{activity[1:]} för {rng.choice(GROUPS)}"


def paragraph(rng: random.Random, themes: list[str], words: int) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        if rng.random() < 0.7:
            activity = rng.choice(ACTIVITIES[rng.choice(themes)])
            sentence = f"Insatsen gäller {activity} för {rng.choice(GROUPS)} {rng.choice(AIMS)}."
        else:
            sentence = rng.choice(FILLERS)
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences)
