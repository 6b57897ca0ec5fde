import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='standardpage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('quote', 6), ('image', 9), ('call_to_action', 16), ('related', 18), ('video', 21)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': "The heading's words.", 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Section (level 2)'), ('h3', 'Sub-section (level 3)')], 'help_text': 'Use level 2 for sections and level 3 inside a section.'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'description': 'Text with bold, italic, links and lists', 'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'icon': 'pilcrow', 'preview_value': '<ul><li><b>Consistent presence:</b> someone who shows up, week after week.</li></ul>', 'template': 'blocks/paragraph_block.html'}), 4: ('wagtail.blocks.TextBlock', (), {'help_text': 'The quotation, without quote marks.', 'max_length': 600}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Who said it (optional).', 'max_length': 120, 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('text', 4), ('attribution', 5)]], {}), 7: ('wagtail.images.blocks.ImageBlock', [], {'help_text': 'Describe the image for people who cannot see it.'}), 8: ('wagtail.blocks.CharBlock', (), {'help_text': 'Shown under the image.', 'max_length': 250, 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('image', 7), ('caption', 8)]], {}), 10: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example "Reach out today".', 'max_length': 120}), 11: ('wagtail.blocks.TextBlock', (), {'help_text': 'A sentence or two inviting the reader to act.', 'max_length': 500, 'required': False}), 12: ('wagtail.blocks.CharBlock', (), {'help_text': 'The button\'s words, for example "Contact us".', 'max_length': 60, 'required': False}), 13: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'Where the button goes: a page of this site...', 'required': False}), 14: ('wagtail.blocks.URLBlock', (), {'help_text': '...or an address elsewhere.', 'required': False}), 15: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'help_text': 'Also show the phone number and email address from the site settings.', 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('heading', 10), ('text', 11), ('button_text', 12), ('button_page', 13), ('button_url', 14), ('show_contact_details', 15)]], {}), 17: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'The article to point readers to.', 'page_type': ['blog.BlogPage']}), 18: ('wagtail.blocks.StructBlock', [[('article', 17)]], {}), 19: ('wagtail.blocks.URLBlock', (), {'help_text': "The video's address on YouTube or Vimeo."}), 20: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the video is about: shown on the play button.', 'max_length': 120}), 21: ('wagtail.blocks.StructBlock', [[('url', 19), ('title', 20)]], {})}, help_text="The page's main content."),
        ),
    ]
