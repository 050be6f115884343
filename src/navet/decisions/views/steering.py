"""The steering group's seats: who represents each member municipality and who are its
deputies; coordinators and administrators name and remove them."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from navet.core.confirm import confirm_removal
from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.models import User
from navet.decisions.forms import SeatForm
from navet.decisions.permissions import can_manage_steering
from navet.decisions.selectors import steering as selectors
from navet.decisions.services import steering as services
from navet.organisations.models import Municipality
from navet.organisations.selectors import consortium_for


def deputies(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    manage = can_manage_steering(request.user, consortium)
    form = None
    if manage:
        people = selectors.seat_candidates(consortium)
        form = SeatForm(
            request.POST or None,
            members=Municipality.objects.filter(memberships__consortium=consortium).order_by(
                "name"
            ),
            people=people,
        )
    if request.method == "POST":
        manage.require()
        if form is not None and form.is_valid():
            data = form.cleaned_data
            try:
                services.steering_seat_add(
                    actor=request.user,
                    consortium=consortium,
                    municipality=data["municipality"],
                    user=User.objects.get(pk=data["user"]),
                    deputy=data["deputy"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The seat was added."))
                return redirect("decisions:deputies", slug=slug)
    return render(
        request,
        "decisions/deputies.html",
        {
            "consortium": consortium,
            "rows": selectors.seats_of(consortium),
            "can_manage": manage,
            "form": form,
        },
    )


def seat_remove(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    consortium = consortium_for(request.user, slug)
    can_manage_steering(request.user, consortium).require()
    seat = selectors.seat_get(consortium, pk)
    if seat is None:
        raise NotFound(_("No such seat in the steering group."))
    if request.method != "POST":
        what = _("The seat of %(name)s in the steering group of %(consortium)s.") % {
            "name": seat.user.get_full_name() or seat.user.username,
            "consortium": consortium.name,
        }
        back = reverse("decisions:deputies", kwargs={"slug": slug})
        return confirm_removal(request, what=what, back=back)
    try:
        services.steering_seat_remove(actor=request.user, assignment=seat)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The seat was removed."))
    return redirect("decisions:deputies", slug=slug)
