"""The site settings and menus, moved here from the home app. Their tables stay as
they were (`db_table`): only Django's record of which app holds them changes, and
their content types follow, so that groups keep their permissions on them."""

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.db import migrations, models


MOVED = ["sitesettings", "sociallink", "navigationsettings", "mainmenuitem", "footermenuitem"]


def relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old, model__in=MOVED).update(app_label=new)


def move_content_types(apps, schema_editor):
    relabel(apps, "home", "base")


def move_content_types_back(apps, schema_editor):
    relabel(apps, "base", "home")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('home', '0006_search_text_statistics'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    state_operations = [
        migrations.CreateModel(
            name='NavigationSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'navigation',
                'verbose_name_plural': 'navigation',
                'db_table': 'home_navigationsettings',
            },
        ),
        migrations.CreateModel(
            name='MainMenuItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('link_url', models.URLField(blank=True, help_text='A full web address elsewhere, used when no page is chosen.', verbose_name='address')),
                ('link_text', models.CharField(blank=True, help_text="The link's words. Leave empty to use the page's title.", max_length=60, verbose_name='text')),
                ('link_page', models.ForeignKey(blank=True, help_text='A page of this site. Choose a page or enter an address, not both.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.page', verbose_name='page')),
                ('settings', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='main_menu_items', to='base.navigationsettings')),
            ],
            options={
                'db_table': 'home_mainmenuitem',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='FooterMenuItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('link_url', models.URLField(blank=True, help_text='A full web address elsewhere, used when no page is chosen.', verbose_name='address')),
                ('link_text', models.CharField(blank=True, help_text="The link's words. Leave empty to use the page's title.", max_length=60, verbose_name='text')),
                ('link_page', models.ForeignKey(blank=True, help_text='A page of this site. Choose a page or enter an address, not both.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.page', verbose_name='page')),
                ('settings', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='footer_menu_items', to='base.navigationsettings')),
            ],
            options={
                'db_table': 'home_footermenuitem',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='SiteSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('organisation_name', models.CharField(default='New Unity Inc.', help_text='Shown in the header and footer.', max_length=120)),
                ('contact_email', models.EmailField(blank=True, default='hello@newunity.org', help_text='Public address readers can write to.', max_length=254)),
                ('phone', models.CharField(blank=True, default='(555) 010-2040', help_text='Public phone number, written as readers should see it.', max_length=40)),
                ('address', models.TextField(blank=True, help_text='Postal address, one line each.', max_length=300)),
                ('opening_hours', models.CharField(blank=True, help_text='For example "Monday to Friday, 9am to 5pm".', max_length=200)),
                ('footer_text', models.TextField(blank=True, help_text='A short line at the foot of every page.', max_length=500)),
                ('crisis_notice_enabled', models.BooleanField(default=True, help_text='Shown on every page.', verbose_name='show the crisis-support notice')),
                ('crisis_notice', wagtail.fields.RichTextField(default='<p>In crisis or thinking about suicide? Call or text <b>988</b>, the Suicide &amp; Crisis Lifeline, any time. In an emergency, call 911.</p>', help_text='Keep it short: it sits at the top of every page.')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'site settings',
                'verbose_name_plural': 'site settings',
                'db_table': 'home_sitesettings',
            },
        ),
        migrations.CreateModel(
            name='SocialLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('label', models.CharField(help_text='The network\'s name, like "Instagram".', max_length=60)),
                ('url', models.URLField(help_text='The full address of the profile.', verbose_name='URL')),
                ('settings', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='social_links', to='base.sitesettings')),
            ],
            options={
                'db_table': 'home_sociallink',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
