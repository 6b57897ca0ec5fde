"""Contact form fields saved without a position (the default fields of pages made before
they were numbered) get one, in the order they were created."""

from django.db import migrations


def number_fields(apps, schema_editor):
    ContactFormField = apps.get_model("forms", "ContactFormField")
    unordered = ContactFormField.objects.filter(sort_order__isnull=True)
    for page_id in unordered.values_list("page_id", flat=True).distinct():
        fields = ContactFormField.objects.filter(page_id=page_id).order_by("pk")
        for position, field in enumerate(fields):
            field.sort_order = position
            field.save(update_fields=["sort_order"])


class Migration(migrations.Migration):
    dependencies = [("forms", "0003_intake_group")]

    operations = [migrations.RunPython(number_fields, migrations.RunPython.noop)]
