"""Background work for calls. Arguments are ids; the body loads by id and calls a service."""

from django_tasks import task

from navet.calls import services


@task()
def run_source(run_id: int) -> None:
    services.import_run_execute(run_id)
