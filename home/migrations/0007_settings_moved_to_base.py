"""The site settings and menus now belong to the base app (its 0001): forgotten here,
their tables kept."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('base', '0001_initial'),
        ('home', '0006_search_text_statistics'),
    ]

    state_operations = [
        migrations.RemoveField(
            model_name='mainmenuitem',
            name='link_page',
        ),
        migrations.RemoveField(
            model_name='mainmenuitem',
            name='settings',
        ),
        migrations.RemoveField(
            model_name='navigationsettings',
            name='site',
        ),
        migrations.RemoveField(
            model_name='sitesettings',
            name='site',
        ),
        migrations.RemoveField(
            model_name='sociallink',
            name='settings',
        ),
        migrations.DeleteModel(
            name='FooterMenuItem',
        ),
        migrations.DeleteModel(
            name='MainMenuItem',
        ),
        migrations.DeleteModel(
            name='NavigationSettings',
        ),
        migrations.DeleteModel(
            name='SiteSettings',
        ),
        migrations.DeleteModel(
            name='SocialLink',
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
