from django import forms

from .models import Report
from .services import MAX_NAME, MAX_TEXT


class ReportForm(forms.Form):
    """The contributor's form; the service checks the values again (the API skips this)."""

    group = forms.ChoiceField(label="Group")
    kind = forms.ChoiceField(choices=Report.Kind.choices, initial=Report.Kind.REPORT)
    place = forms.CharField(
        required=False,
        max_length=MAX_NAME,
        help_text="City, province or country, in English or Persian.",
    )
    attendance = forms.IntegerField(
        required=False, min_value=0, help_text="Check-ins: how many people came."
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEXT}),
        help_text=f"What happened (at most {MAX_TEXT:,} characters). Shown publicly.",
    )
    submitter_name = forms.CharField(
        required=False,
        max_length=MAX_NAME,
        label="Your name (optional)",
        help_text="Never shown: stored encrypted, for the editors.",
    )
    contact = forms.CharField(
        required=False,
        max_length=MAX_NAME,
        label="How to reach you (optional)",
        help_text="Never shown: stored encrypted, for the editors.",
    )

    def __init__(self, *args, groups=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(str(g.pk), g.name) for g in groups]
