from django import forms
from django.utils.translation import gettext_lazy as _

from navet.applications.services import MAX_TEXT


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    # The version the writer started from: a save after someone else's is a conflict.
    based_on = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    merged = forms.BooleanField(required=False, widget=forms.HiddenInput)


class BasedOnForm(forms.Form):
    based_on = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class TypedForm(BasedOnForm):
    """An action of the section's editor, sent with the text the writer has typed so far."""

    text = forms.CharField(required=False, max_length=MAX_TEXT, strip=False)


class CopyForm(TypedForm):
    # The pressed button's value: "section:<id>" or "entry:<id>".
    copy = forms.RegexField(regex=r"^(section|entry):[1-9][0-9]{0,17}$")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if "copy" in data:
            data["kind"], source = str(data["copy"]).split(":")
            data["source"] = int(source)
        return data


class RestoreForm(BasedOnForm):
    number = forms.IntegerField(min_value=1, max_value=2**31 - 1)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CompareForm(forms.Form):
    old = forms.IntegerField(label=_("Older version"), min_value=1, max_value=2**31 - 1)
    new = forms.IntegerField(label=_("Newer version"), min_value=1, max_value=2**31 - 1)
