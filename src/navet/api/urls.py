"""The REST API under /api/v1/: routers per app, one permission layer, problem-detail errors."""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_noop, ngettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.security import HttpBearer, django_auth

from navet.applications.api import router as applications_router
from navet.applications.services import SectionConflict
from navet.calls.api import router as calls_router
from navet.core.errors import DomainError, NotFound, PermissionDenied
from navet.core.models import User
from navet.core.tokens import user_for_token
from navet.decisions.api import router as decisions_router
from navet.decisions.services import VotingClosed
from navet.economics.api import router as economics_router
from navet.followup.api import router as followup_router
from navet.knowledge.api import router as knowledge_router
from navet.matching.api import router as matching_router
from navet.needs.api import router as needs_router
from navet.organisations.api import router as organisations_router
from navet.projects.api import router as projects_router
from navet.projects.services import TransitionRefused
from navet.risks.api import router as risks_router


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, tokens from `navet token USERNAME`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class NulCharacter(ValueError):
    """A body with a NUL character, which PostgreSQL can neither store nor compare."""


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


class NavetParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        if _holds_nul(data):
            raise NulCharacter
        return data


# The texts of the schema that are written in the code as English message ids: summaries,
# descriptions (of operations, parameters and fields; a schema's docstring is its description)
# and tags. A response's description is the HTTP status's own phrase ("Not Found").
_TRANSLATED = {"summary", "description"}


def _translate(part: Any) -> None:
    """Translate the schema's texts in place, at every depth."""
    if isinstance(part, dict):
        for key, value in part.items():
            if key == "responses":
                continue
            if key in _TRANSLATED and isinstance(value, str):
                part[key] = gettext(value)
            elif key == "tags" and isinstance(value, list):
                part[key] = [gettext(tag) if isinstance(tag, str) else tag for tag in value]
            else:
                _translate(value)
    elif isinstance(part, list):
        for item in part:
            _translate(item)


class NavetAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> OpenAPISchema:
        """The texts in the request's language (their English texts are message ids), and error
        responses documented with the media type they are sent with."""
        schema = super().get_openapi_schema(*args, **kwargs)
        _translate(schema)
        for path in schema["paths"].values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        return schema


api = NavetAPI(
    title="Navet API",
    version="1",
    description=gettext_noop("Navet's REST API, with the same permissions as the pages."),
    auth=[TokenAuth(), django_auth],
    parser=NavetParser(),
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/", organisations_router)
api.add_router("/", calls_router)
api.add_router("/", needs_router)
api.add_router("/", matching_router)
api.add_router("/", projects_router)
api.add_router("/", decisions_router)
api.add_router("/", economics_router)
api.add_router("/", risks_router)
api.add_router("/", followup_router)
api.add_router("/", knowledge_router)
api.add_router("/", applications_router)


def _problem(request: HttpRequest, status: int, title: str, detail: str) -> HttpResponse:
    """An RFC 9457 (formerly 7807) problem document."""
    response = api.create_response(
        request,
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status=status,
    )
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, error: NotFound) -> HttpResponse:
    return _problem(request, 404, gettext("Not found"), error.message)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return _problem(request, 403, gettext("Not allowed"), error.message)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    return _problem(request, 400, gettext("Invalid request"), error.message)


@api.exception_handler(TransitionRefused)
def transition_refused(request: HttpRequest, error: TransitionRefused) -> HttpResponse:
    return _problem(request, 422, gettext("The status change is not allowed"), error.message)


@api.exception_handler(VotingClosed)
def voting_closed(request: HttpRequest, error: VotingClosed) -> HttpResponse:
    return _problem(request, 409, gettext("Voting is not open"), error.message)


@api.exception_handler(SectionConflict)
def section_conflict(request: HttpRequest, error: SectionConflict) -> HttpResponse:
    """A save based on an old version: the problem document carries both texts."""
    response = api.create_response(
        request,
        {
            "type": "about:blank",
            "title": gettext("Someone else has saved the section"),
            "status": 409,
            "detail": error.message,
            "current_version": error.section.version,
            "current_text": error.section.text,
            "your_text": error.attempted,
        },
        status=409,
    )
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _problem(
        request, 401, gettext("Not logged in"), gettext("Log in or send a valid API token.")
    )


# Why a value was refused, by pydantic's type of error; the rarer ones keep pydantic's words.
_REASONS = {
    "missing": gettext_noop("required"),
    "string_pattern_mismatch": gettext_noop("not written in the form the field takes"),
    "string_type": gettext_noop("not a text"),
    "greater_than": gettext_noop("more than %(gt)s"),
    "greater_than_equal": gettext_noop("at least %(ge)s"),
    "less_than": gettext_noop("less than %(lt)s"),
    "less_than_equal": gettext_noop("at most %(le)s"),
    "int_parsing": gettext_noop("not a whole number"),
    "int_type": gettext_noop("not a whole number"),
    "decimal_parsing": gettext_noop("not a number"),
    "decimal_max_digits": gettext_noop("at most %(max_digits)s digits"),
    "decimal_max_places": gettext_noop("at most %(decimal_places)s decimals"),
    "bool_parsing": gettext_noop("neither true nor false"),
    "date_from_datetime_parsing": gettext_noop("not a date (YYYY-MM-DD)"),
    "date_parsing": gettext_noop("not a date (YYYY-MM-DD)"),
    "datetime_parsing": gettext_noop("not a time (ISO 8601)"),
    "datetime_from_date_parsing": gettext_noop("not a time (ISO 8601)"),
    "literal_error": gettext_noop("not one of the values the schema names"),
    "enum": gettext_noop("not one of the values the schema names"),
    "model_attributes_type": gettext_noop("not an object"),
    "dict_type": gettext_noop("not an object"),
    "list_type": gettext_noop("not a list"),
}


def _length_reason(kind: str, context: dict[str, Any]) -> str | None:
    """Why a text or a list was refused for its length; None for any other error."""
    bound = int(context.get("min_length", context.get("max_length", 0)))
    if kind == "string_too_short":
        text = ngettext("at least %(n)s character", "at least %(n)s characters", bound)
    elif kind == "string_too_long":
        text = ngettext("at most %(n)s character", "at most %(n)s characters", bound)
    elif kind == "too_short":
        text = ngettext("at least %(n)s item", "at least %(n)s items", bound)
    elif kind == "too_long":
        text = ngettext("at most %(n)s item", "at most %(n)s items", bound)
    else:
        return None
    return text % {"n": bound}


def _reason(item: dict[str, Any]) -> str:
    kind, context = item.get("type", ""), item.get("ctx", {})
    length = _length_reason(kind, context)
    if length is not None:
        return length
    reason = _REASONS.get(kind)
    if reason is None:
        # A validator's own message comes as "Value error, <message>".
        return str(item.get("msg", "")).removeprefix("Value error, ")
    return gettext(reason) % context


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    detail = "; ".join(
        f"{'.'.join(str(part) for part in item.get('loc', []))}: {_reason(item)}"
        for item in error.errors
    )
    return _problem(request, 422, gettext("Invalid values"), detail)


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return _problem(
        request,
        413,
        gettext("Request too large"),
        gettext("The content may be at most %(size)s MB.") % {"size": size},
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    # django-ninja answers a body it could not parse with an English 400; its cause says why.
    if isinstance(error.__cause__, NulCharacter):
        detail = gettext("The text may not contain NUL characters (\\u0000).")
    elif isinstance(error.__cause__, ValueError):
        detail = gettext("The content is not valid JSON.")
    else:
        detail = str(error)
    return _problem(request, error.status_code, gettext("Error"), detail)
