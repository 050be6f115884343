from django import forms
from django.utils.translation import gettext_lazy as _

from navet.matching.models import Dismissal


class DismissForm(forms.Form):
    """Why a suggested call is set aside for a need: a reason from the list, and in words."""

    reason = forms.ChoiceField(
        label=_("Why is the call not worth pursuing?"),
        choices=Dismissal.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("In a few words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=Dismissal.NOTE_LIMIT,
        required=False,
        help_text=_("Needed for another reason; others read it under Dismissed."),
    )
