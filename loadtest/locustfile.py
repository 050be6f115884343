"""Load test of Navet: 50 users reading, searching, editing needs, entering expenditures and
voting.

Run against a Navet with generated data (`navet generate --scale county`), served by gunicorn;
see README.md beside this file. Every user logs in as a generated login (password navet-scale):
municipal contacts read, search and edit their municipality's needs and enter expenditures on
its projects; steering representatives read and vote on open motions. Forms are read from the
pages themselves (CSRF token included), so the test follows the product's own forms.
"""

import csv
import random
import re
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, events, task

PASSWORD = "navet-scale"  # noqa: S105  (generated logins of a test installation)
MUNICIPALITIES = Path(__file__).parent.parent / "src/navet/organisations/data/municipalities.csv"
SEARCHES = ("språk", "föräldrastöd", "arbetsgivare", "hälsoskola", "digitala", "bostad")


class Forms(HTMLParser):
    """The forms of a page: action → fields (the first value of each name, the checked radio
    and checkbox values, the selected options)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, list[str]]] = {}
        self._form: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = self.forms.setdefault(a.get("action", ""), {})
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                self._form.setdefault(a["name"], [])
            elif kind not in ("submit", "button", "file"):
                self._form.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "select":
            self._select = a.get("name")
            if self._select:
                self._form.setdefault(self._select, [])
        elif tag == "option" and self._select and "selected" in a:
            self._form[self._select].append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form[self._textarea] = [""]

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str) -> dict[str, dict[str, list[str]]]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def ids(html: str, pattern: str) -> list[str]:
    return sorted(set(re.findall(pattern, html)))


@events.init_command_line_parser.add_listener
def _options(parser: object) -> None:
    parser.add_argument(  # type: ignore[attr-defined]
        "--steering",
        default="",
        help="the steering representatives' logins, comma-separated (see loadtest/README.md)",
    )


class NavetUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/logga-in/", name="/logga-in/")
        form = forms_of(page.text).get("", {}) or next(iter(forms_of(page.text).values()))
        data = {k: v[0] if v else "" for k, v in form.items()}
        data.update(username=self.username, password=PASSWORD)
        with self.client.post(
            "/logga-in/", data=data, name="/logga-in/ POST", catch_response=True
        ) as answer:
            if "/logga-ut/" not in answer.text:
                answer.failure(f"{self.username} kunde inte logga in")

    @task(5)
    def read(self) -> None:
        for url in ("/", "/utlysningar/", "/behov/", "/projekt/", "/beslut/"):
            self.client.get(url)

    @task(3)
    def search(self) -> None:
        word = random.choice(SEARCHES)  # noqa: S311
        self.client.get(f"/utlysningar/?text={word}", name="/utlysningar/?text=")
        self.client.get(f"/behov/?text={word}", name="/behov/?text=")

    @task(2)
    def call_page(self) -> None:
        listing = self.client.get("/utlysningar/", name="/utlysningar/")
        found = ids(listing.text, r'href="/utlysningar/(\d+)/"')
        if found:
            pk = random.choice(found)  # noqa: S311
            self.client.get(f"/utlysningar/{pk}/", name="/utlysningar/[id]/")


class Contact(NavetUser):
    """A municipal contact: reads, searches, and edits its municipality's needs."""

    weight = 3
    code = ""

    def on_start(self) -> None:
        with MUNICIPALITIES.open(encoding="utf-8") as file:
            codes = [row["code"] for row in csv.DictReader(file)]
        self.code = random.choice(codes)  # noqa: S311
        self.username = f"scale-kontakt.{self.code}"
        super().on_start()

    @task(2)
    def edit_need(self) -> None:
        """Change the title of one of the municipality's own needs through its form."""
        listing = self.client.get(f"/behov/?municipality={self.code}", name="/behov/?municipality=")
        found = ids(listing.text, r'href="/behov/(\d+)/"')
        if not found:
            return
        pk = random.choice(found)  # noqa: S311
        page = self.client.get(f"/behov/{pk}/andra/", name="/behov/[id]/andra/")
        form = forms_of(page.text).get("", {})
        if "title" not in form:
            return
        title = form["title"][0].split(" [")[0]
        form["title"] = [f"{title} [{random.randint(1, 999)}]"]  # noqa: S311
        with self.client.post(
            f"/behov/{pk}/andra/", data=form, name="/behov/[id]/andra/ POST", catch_response=True
        ) as answer:
            if "error-summary" in answer.text:
                answer.failure("the need's form was refused")

    @task(1)
    def enter_expenditure(self) -> None:
        """Book a small cost on a budget line of one of the municipality's own projects."""
        listing = self.client.get(
            f"/kommuner/{self.code}/projekt/", name="/kommuner/[code]/projekt/"
        )
        dated = []  # (project, its first day): an expenditure must fall within the period
        for row in re.findall(r"<tr>.*?</tr>", listing.text, re.S):
            project = re.search(r'href="/projekt/(\d+)/"', row)
            days = re.findall(r"\d{4}-\d{2}-\d{2}", row)
            if project and days:
                dated.append((project.group(1), days[0]))
        if not dated:
            return
        pk, first_day = random.choice(dated)  # noqa: S311
        page = self.client.get(f"/projekt/{pk}/uppfoljning/", name="/projekt/[id]/uppfoljning/")
        action = f"/projekt/{pk}/uppfoljning/utfall/"
        form = forms_of(page.text).get(action)
        select = re.search(r'<select name="budget_line".*?</select>', page.text, re.S)
        if form is None or select is None:
            return  # a project the municipality takes part in but does not own
        lines = re.findall(r'<option value="(\d+)"', select.group(0))
        if not lines:
            return
        form.update(
            budget_line=[random.choice(lines)],  # noqa: S311
            spent_on=[first_day],
            amount=[str(random.randint(100, 20_000))],  # noqa: S311
            description=["Lasttest"],
        )
        with self.client.post(
            action, data=form, name="/projekt/[id]/uppfoljning/utfall/ POST", catch_response=True
        ) as answer:
            if "error-summary" in answer.text:
                answer.failure("the expenditure form was refused")


class Steering(NavetUser):
    """A steering representative: reads and votes on the open motions of its consortium."""

    weight = 1

    def on_start(self) -> None:
        self.username = random.choice(self.environment.parsed_options.steering.split(","))  # noqa: S311
        super().on_start()

    @task(2)
    def vote(self) -> None:
        listing = self.client.get("/beslut/", name="/beslut/")
        rows = re.findall(r"<tr>.*?</tr>", listing.text, re.S)
        voting = [row for row in rows if "Röstning pågår" in row]  # open, newest first
        for pk in ids("".join(voting), r'href="/beslut/(\d+)/"')[:10]:
            page = self.client.get(f"/beslut/{pk}/", name="/beslut/[id]/")
            form = forms_of(page.text).get(f"/beslut/{pk}/rosta/")
            if form is None:
                continue  # closed, or not this user's to vote on
            form["choice"] = [random.choice(["yes", "no", "abstain"])]  # noqa: S311
            with self.client.post(
                f"/beslut/{pk}/rosta/",
                data=form,
                name="/beslut/[id]/rosta/ POST",
                catch_response=True,
            ) as answer:
                if "message--error" in answer.text:  # a refusal comes back as a message
                    answer.failure("the vote was refused")
            return
