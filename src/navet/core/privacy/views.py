"""The page "Mina personuppgifter": see, download and ask to erase one's data; administrators
see, download and erase anyone's."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from navet.core.errors import DomainError, NotFound
from navet.core.http import AuthenticatedHttpRequest
from navet.core.models import User
from navet.core.privacy.erasure import erasure_request, is_erased, user_erase
from navet.core.privacy.export import export_json, personal_data_export, personal_data_summary
from navet.core.privacy.permissions import is_administrator


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=gettext_lazy("Type the user name to confirm"),
        max_length=150,
        help_text=gettext_lazy(
            "The account is closed and renamed; the person's name, e-mail, roles, follows, "
            "feeds and notifications are removed. Votes, minutes and other records are kept."
        ),
    )

    def __init__(self, *args: object, subject: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.subject = subject

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"].strip()
        if value != self.subject.username:
            raise forms.ValidationError(
                _("Type %(username)s exactly to confirm.") % {"username": self.subject.username}
            )
        return value


class FindForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)


def _subject(actor: User, user_id: int) -> User:
    """The person whose data is shown: "not found" also when the actor may not see it."""
    subject = User.objects.filter(pk=user_id).first()
    if subject is None or (subject.pk != actor.pk and not is_administrator(actor)):
        raise NotFound(_("There is no such user."))
    return subject


def _download(actor: User, subject: User) -> HttpResponse:
    content = export_json(personal_data_export(actor=actor, subject=subject))
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"navet-personuppgifter-{subject.pk}.json"
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    )
    return response


def privacy_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    admin = is_administrator(user)
    find = FindForm(request.GET or None) if admin else None
    if find is not None and find.is_valid():
        found = User.objects.filter(username=find.cleaned_data["username"].strip()).first()
        if found is not None:
            return redirect("privacy-user", found.pk)
        find.add_error("username", _("There is no user with that user name."))
    return render(
        request,
        "core/privacy.html",
        {
            "subject": user,
            "summary": personal_data_summary(actor=user, subject=user),
            "find_form": find,
        },
    )


@require_GET
def privacy_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _download(request.user, request.user)


@require_POST
def privacy_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        told = erasure_request(actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if told:
            messages.success(request, _("Your request was sent to the administrators."))
        else:
            messages.info(request, _("Your request has already been sent to the administrators."))
    return redirect("privacy")


def privacy_user(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    subject = _subject(request.user, user_id)
    if subject.pk == request.user.pk:
        return redirect("privacy")
    form = EraseForm(request.POST or None, subject=subject)
    if request.method == "POST" and form.is_valid():
        try:
            user_erase(actor=request.user, subject=subject)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The user was erased and is now shown as %(name)s.") % {"name": subject}
            )
            return redirect("privacy-user", subject.pk)
    return render(
        request,
        "core/privacy_user.html",
        {
            "subject": subject,
            "summary": personal_data_summary(actor=request.user, subject=subject),
            "erased": is_erased(subject),
            "form": form,
        },
    )


@require_GET
def privacy_user_export(request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
    return _download(request.user, _subject(request.user, user_id))
