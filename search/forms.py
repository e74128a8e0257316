from __future__ import annotations

from django import forms

from .models import Synonym


class SynonymForm(forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ["terms", "note", "active"]
        widgets = {"terms": forms.TextInput(attrs={"size": 80})}
