from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import default_task_backend


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with JSON when the database and the task queue answer; 503 otherwise."""
    checks = {"database": _check_database(), "tasks": _check_tasks()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  (any failure means "not healthy")
        return f"error: {type(error).__name__}"
    return "ok"


def _check_tasks() -> str:
    errors = list(default_task_backend.check())
    return "ok" if not errors else f"error: {errors[0].msg}"
