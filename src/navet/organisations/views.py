"""Pages for consortia, municipalities, users and roles. Thin: selectors read, services write."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from navet.core.audit import history_for
from navet.core.confirm import confirm_removal
from navet.core.errors import DomainError
from navet.core.http import AuthenticatedHttpRequest
from navet.core.paging import page_of
from navet.organisations import selectors, services
from navet.organisations.forms import (
    ConsortiumForm,
    MunicipalityCreateForm,
    MunicipalityForm,
    RoleAssignForm,
    UserCreateForm,
)
from navet.organisations.models import Role
from navet.organisations.permissions import permissions_for


def consortium_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/consortium_list.html",
        {
            "consortia": selectors.consortia_for(request.user),
            "can_manage": permissions_for(request.user).can_manage_organisations(),
        },
    )


def consortium_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    consortium = selectors.consortium_get(request.user, slug)
    assignments = sorted(
        consortium.role_assignments.all(), key=lambda a: (a.role, str(a.municipality or ""))
    )
    return render(
        request,
        "organisations/consortium_detail.html",
        {
            "consortium": consortium,
            "assignments": assignments,
            "can_manage": permissions_for(request.user).can_manage_organisations(),
            "history": history_for(consortium),
        },
    )


def consortium_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions_for(request.user).can_manage_organisations().require()
    form = ConsortiumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consortium = services.consortium_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The consortium was created."))
            return redirect("organisations:consortium-detail", slug=consortium.slug)
    return render(request, "organisations/consortium_form.html", {"form": form})


def consortium_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    permissions_for(request.user).can_manage_organisations().require()
    consortium = selectors.consortium_get(request.user, slug)
    initial = {
        "name": consortium.name,
        "slug": consortium.slug,
        "description": consortium.description,
        "members": [m.pk for m in consortium.members.all()],
    }
    form = ConsortiumForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consortium_update(
                actor=request.user, consortium=consortium, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The consortium was saved."))
            return redirect("organisations:consortium-detail", slug=consortium.slug)
    return render(
        request, "organisations/consortium_form.html", {"form": form, "consortium": consortium}
    )


def municipality_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/municipality_list.html",
        {
            "page": page_of(request, selectors.municipalities_sorted()),
            "can_manage": permissions_for(request.user).can_manage_organisations(),
        },
    )


def municipality_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions_for(request.user).can_manage_organisations().require()
    form = MunicipalityCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            municipality = services.municipality_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The municipality was added."))
            return redirect("organisations:municipality-detail", code=municipality.code)
    return render(request, "organisations/municipality_form.html", {"form": form})


def municipality_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    municipality = selectors.municipality_get(code)
    return render(
        request,
        "organisations/municipality_detail.html",
        {
            "municipality": municipality,
            "can_manage": permissions_for(request.user).can_manage_organisations(),
            "history": history_for(municipality),
        },
    )


def municipality_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    permissions_for(request.user).can_manage_organisations().require()
    municipality = selectors.municipality_get(code)
    initial = {
        "name": municipality.name,
        "population": municipality.population,
        "population_year": municipality.population_year,
        "neighbours": [m.pk for m in municipality.neighbours.all()],
    }
    form = MunicipalityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.municipality_update(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The municipality was saved."))
            return redirect("organisations:municipality-detail", code=municipality.code)
    return render(
        request,
        "organisations/municipality_form.html",
        {"form": form, "municipality": municipality},
    )


def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions_for(request.user).can_manage_organisations().require()
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The user was created. Now give them a role."))
            return redirect("organisations:user-detail", user_id=user.pk)
    return render(
        request,
        "organisations/user_list.html",
        {"users": selectors.users_with_roles(), "form": form},
    )


def user_detail(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    permissions_for(request.user).can_manage_organisations().require()
    person = selectors.user_get(user_id)
    form = RoleAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_assign(
                actor=request.user,
                user=person,
                role=Role(form.cleaned_data["role"]),
                consortium=form.cleaned_data["consortium"],
                municipality=form.cleaned_data["municipality"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The role was given."))
            return redirect("organisations:user-detail", user_id=person.pk)
    return render(
        request,
        "organisations/user_detail.html",
        {"person": person, "form": form, "history": selectors.user_history(person)},
    )


def role_revoke(
    request: AuthenticatedHttpRequest, user_id: int, assignment_id: int
) -> HttpResponse:
    permissions_for(request.user).can_manage_organisations().require()
    assignment = selectors.role_assignment_get(user_id, assignment_id)
    if request.method != "POST":
        what = _("The role %(role)s.") % {"role": assignment}
        back = reverse("organisations:user-detail", kwargs={"user_id": user_id})
        return confirm_removal(request, what=what, back=back)
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, _("The role was removed."))
    return redirect("organisations:user-detail", user_id=user_id)
