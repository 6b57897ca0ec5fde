"""Demo content for the site-wide pages. Every loader here is idempotent:
pages are found by slug, images by title, and both are left alone when they
already exist."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, Site

from base.demo import choose_key_page, demo_image, get_or_create_child, stream
from base.models import NavigationSettings, SiteSettings

from .models import HomePage, StandardPage


def load_home_page(hero_image=None):
    """The site's home page, replacing the placeholder page Wagtail installs. `hero_image`
    in place of the demo's drawn picture (tests give a one-pixel one: drawing takes long)."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="New Unity",
            slug="home",
            hero_heading="You don't have to do this alone",
            hero_text=(
                "New Unity offers free peer support for mental-health and addiction recovery, "
                "from people who have walked the road themselves."
            ),
            hero_image=hero_image
            or demo_image("Morning light", ["#f4ead9", "#e8b86d", "#9cc5a1", "#5b8e7d"]),
            quote_text=(
                "The first time someone said “me too” and meant it, I stopped feeling like the "
                "only person in the world who was struggling."
            ),
            quote_attribution="A member of our Tuesday group",
            cta_text=(
                "Call, write, or send us a message. A real person will answer, and there is "
                "never any cost or pressure."
            ),
        )
        # The placeholder holds the "home" slug at this level.
        Page.objects.filter(depth=2, slug="home").exclude(id=home.id).update(slug="welcome")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="New Unity",
        )
    elif site.root_page_id != home.id:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = "New Unity"
        site.save()
        if type(placeholder.specific) is Page and not placeholder.get_children().exists():
            placeholder.delete()
    return home


def load(home):
    get_or_create_child(
        home,
        StandardPage,
        "about",
        title="About us",
        intro=(
            "New Unity Inc. is a peer-run nonprofit. Everyone who works with you here has lived "
            "experience of mental-health challenges or addiction recovery."
        ),
        body=ABOUT_BODY,
    )
    privacy_page = get_or_create_child(
        home,
        StandardPage,
        "privacy-policy",
        title="Privacy policy",
        intro=(
            "What we keep when you contact us, who can see it, and how long we keep it. "
            "In short: as little as we can, as few people as possible, for no longer than a year."
        ),
        body=PRIVACY_BODY,
    )
    get_or_create_child(
        home,
        StandardPage,
        "accessibility",
        title="Accessibility statement",
        intro=(
            "We want everyone to be able to read this site and reach us, whatever device or "
            "assistive technology they use."
        ),
        body=ACCESSIBILITY_BODY,
    )
    get_or_create_child(
        home,
        StandardPage,
        "crisis-support",
        title="Help in a crisis",
        intro=(
            "If you are thinking about suicide, have taken too much of something, or fear "
            "for someone's safety, help is there right now, day and night."
        ),
        body=CRISIS_BODY,
    )
    load_site_settings(home.get_site(), privacy_page=privacy_page)


def load_site_settings(site, *, privacy_page):
    """Fill in the opening hours and footer the first time, and choose the privacy policy
    unless staff have chosen one; later edits by staff are kept. The phone number and
    email address are the organisation's own (the settings' defaults); the street
    address stays empty until staff add the real one."""
    site_settings = SiteSettings.for_site(site)
    if not site_settings.footer_text:
        site_settings.opening_hours = "Monday to Friday, 9am to 5pm"
        site_settings.footer_text = (
            "New Unity Inc. is a nonprofit. Our peer support is free and is not a substitute "
            "for medical care."
        )
        site_settings.save()
    choose_key_page(privacy_page, "privacy_page")


# What people in trouble type, and the pages they should see first for it: the crisis
# page, then the contact page.
PROMOTED_SEARCHES = ["suicide", "crisis", "988", "overdose"]
PROMOTED_PAGES = [
    ("crisis-support", "Call or text 988 any time. In an emergency, call 911."),
    ("contact", "Send us a message and a peer will get back to you."),
]


def load_search_promotions(home):
    """Pin the crisis and contact pages to the searches of people in trouble, once:
    promotions staff have since changed or removed for a search are left alone."""
    pages = {page.slug: page for page in home.get_children()}
    for query_string in PROMOTED_SEARCHES:
        query, created = Query.objects.get_or_create(query_string=query_string)
        if not created:
            continue
        SearchPromotion.objects.bulk_create(
            SearchPromotion(
                query=query, page=pages[slug], description=description, sort_order=order
            )
            for order, (slug, description) in enumerate(PROMOTED_PAGES)
        )


def load_navigation(home):
    """The main and footer menus, once the pages they link to exist."""
    navigation = NavigationSettings.for_site(home.get_site())
    if navigation.main_menu_items.exists() or navigation.footer_menu_items.exists():
        return
    pages = {page.slug: page for page in home.get_children()}
    navigation.main_menu_items = [
        navigation.main_menu_items.model(link_page=pages[slug])
        for slug in ("services", "meetings", "blog", "about", "contact")
    ]
    navigation.footer_menu_items = [
        navigation.footer_menu_items.model(link_page=pages[slug])
        for slug in ("privacy-policy", "accessibility", "contact")
    ]
    navigation.save()


CRISIS_BODY = stream(
    ("heading", "Call or text 988"),
    (
        "paragraph",
        "<p>The 988 Suicide &amp; Crisis Lifeline answers calls and texts to <b>988</b> at "
        "any hour, free and confidential, in English and Spanish. You can call for "
        "yourself or for someone you are worried about.</p>",
    ),
    ("heading", "In an emergency, call 911"),
    (
        "paragraph",
        "<p>If someone's life is in danger now, call <b>911</b>.</p>",
    ),
    ("heading", "If someone may have overdosed"),
    (
        "paragraph",
        "<ul><li><b>Call 911:</b> say the person is not breathing or will not wake up."
        "</li><li><b>Give naloxone (Narcan) if you have it:</b> it reverses an opioid "
        "overdose and cannot harm someone who has not taken opioids.</li><li><b>Stay with "
        "them:</b> lay them on their side and keep watching their breathing until help "
        "arrives.</li></ul>",
    ),
    ("heading", "What we can do"),
    (
        "paragraph",
        "<p>New Unity is not a crisis service, and we cannot answer straight away. When "
        "the crisis has passed, our peer workers are here to talk, to listen and to walk "
        "with you.</p>",
    ),
)

ABOUT_BODY = stream(
    ("heading", "Who we are"),
    (
        "paragraph",
        "<p>New Unity began as a handful of people meeting in a borrowed room, each of us "
        "recovering from something and tired of feeling alone with it. We found that sitting "
        "with someone who truly understood made the hard days easier. That is still the whole "
        "idea.</p><p>Today our peer workers run groups, mentor one to one, teach practical "
        "skills, and help people find their way through services that can feel like a maze. "
        "Every one of them has lived experience, and every one has been trained to listen "
        "well.</p>",
    ),
    ("heading", "What we believe"),
    (
        "paragraph",
        "<ul><li><b>Recovery belongs to you:</b> you set the goals and the pace; we walk "
        "alongside.</li><li><b>Nobody is a case:</b> you are a person with a story, not a "
        "file number.</li><li><b>Kindness is practical:</b> a phone call returned, a form "
        "filled in together, a seat saved for you.</li><li><b>Everyone is welcome:</b> "
        "whatever your background, beliefs, or where you are in recovery.</li></ul>",
    ),
    ("heading", "What we are not"),
    (
        "paragraph",
        "<p>We are not a crisis service and our peer workers are not doctors or therapists. "
        "We work alongside clinical care, never instead of it, and we are glad to help you "
        "find it. If you are in crisis, call or text 988 at any time.</p>",
    ),
)

PRIVACY_BODY = stream(
    ("heading", "What we store when you contact us"),
    (
        "paragraph",
        "<p>When you send the contact form we store exactly what you give us:</p><ul>"
        "<li><b>Your name</b> and <b>email address</b>.</li>"
        "<li><b>Your phone number</b>, if you choose to give it.</li>"
        "<li><b>How you would like us to contact you.</b></li>"
        "<li><b>The service you are interested in</b>, if you choose one.</li>"
        "<li><b>Your message.</b></li>"
        "<li><b>Your acknowledgement</b> that the form is not for emergencies.</li>"
        "<li><b>The date and time</b> you sent it.</li></ul>"
        "<p>As we help you, our intake staff add a status (for example “contacted”), the "
        "name of the staff member looking after your message, and short internal notes. "
        "Nothing else is added.</p><p>To stop floods of spam we count how many messages "
        "come from each internet connection, for up to a day. The count is kept under a "
        "scrambled code, not your internet address, and never with your message.</p>",
    ),
    ("heading", "Who can see it"),
    (
        "paragraph",
        "<p>Only the members of our staff who handle intake, and our site administrators, can "
        "see contact messages. Every time one of them views or exports a message, that is "
        "recorded, so we always know who has seen what.</p><p>When a message arrives we email "
        "our intake staff a notice. That email contains no personal details: no name, no "
        "contact details and no message. It says only which service you chose, if any, and "
        "links to our site, where staff sign in to read the message.</p>",
    ),
    ("heading", "How long we keep it"),
    (
        "paragraph",
        "<p>Contact messages are deleted automatically 365 days after they arrive. Messages we "
        "identify as spam are deleted after 30 days.</p><p>You can ask us to delete your "
        "message sooner at any time, without giving a reason: email us at the contact address "
        "shown at the foot of every page and we will delete it.</p>",
    ),
    ("heading", "No tracking"),
    (
        "paragraph",
        "<p>This site uses no analytics and no third-party trackers. It loads nothing from "
        "other companies' servers: no fonts, no scripts, no adverts. Videos from other sites "
        "only load if you choose to play them.</p>",
    ),
)

ACCESSIBILITY_BODY = stream(
    ("heading", "Our goal"),
    (
        "paragraph",
        "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. "
        "The site is built to work with a keyboard alone, with screen readers, with text "
        "enlarged up to twice its size, and on slow connections and small screens.</p>",
    ),
    ("heading", "What we do"),
    (
        "paragraph",
        "<ul><li><b>Plain words:</b> we write short sentences and explain any term we "
        "use.</li><li><b>Keyboard first:</b> every link, menu and form can be reached and "
        "used without a mouse, with a visible focus outline.</li><li><b>Checked on every "
        "change:</b> automated accessibility tests run each time the site's "
        "code changes.</li><li><b>Images described:</b> pictures that carry meaning have text "
        "alternatives.</li></ul>",
    ),
    ("heading", "Tell us about a problem"),
    (
        "paragraph",
        "<p>If something on this site is hard to use, or you need information in another "
        "format, please tell us. Email or call us using the details at the foot of every page, "
        "or use the contact form, and say which page you were on and what happened. We will "
        "reply within five working days and fix what we can as soon as we can.</p>",
    ),
)
