"""The filters of /meetings/: by group, by service, in person or online."""

from django import forms

ATTENDANCE_CHOICES = [("", "In person or online"), ("in_person", "In person"), ("online", "Online")]


class MeetingFilterForm(forms.Form):
    group = forms.ChoiceField(required=False, label="Group")
    service = forms.ChoiceField(required=False, label="Service")
    attendance = forms.ChoiceField(
        required=False, label="In person or online", choices=ATTENDANCE_CHOICES
    )

    def __init__(self, *args, groups, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "All groups")] + [(g.slug, g.title) for g in groups]
        self.fields["service"].choices = [("", "All services")] + [
            (s.slug, s.title) for s in services
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = (
                "That choice is no longer on the list: all meetings are shown instead."
            )

    def chosen_groups(self, groups, service_of):
        """The groups of `groups` (GroupPages) matching the filters chosen."""
        data = self.cleaned_data
        chosen = []
        for group in groups:
            service = service_of.get(group.pk)
            if data["group"] and group.slug != data["group"]:
                continue
            if data["service"] and (service is None or service.slug != data["service"]):
                continue
            if data["attendance"] == "in_person" and not group.meets_in_person:
                continue
            if data["attendance"] == "online" and not group.meets_online:
                continue
            chosen.append(group)
        return chosen
