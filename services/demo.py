"""Demo services: what New Unity offers, in the words a first-time reader needs."""

from taggit.models import Tag

from base.demo import demo_image, get_or_create_child, stream

from .models import ServiceFormat, ServiceIndexPage, ServicePage, ServicePageTag

COMMUNITY_ROOM = "New Unity community room"

SERVICES = [
    {
        "slug": "peer-run-groups",
        "tags": ["groups", "peer support"],
        "title": "Peer-run groups",
        "summary": (
            "Small, friendly groups where people in recovery listen to each other, share what "
            "helps and remind each other that nobody is in this alone."
        ),
        "who_it_is_for": (
            "<ul><li>Anyone living with a mental-health challenge, an addiction, or "
            "both.</li><li>People at any point in recovery, including those who are not sure "
            "where to start.</li><li>Family members, at our monthly open evening.</li></ul>"
        ),
        "what_to_expect": (
            "<p>Groups have eight to twelve people and two trained peer facilitators. We sit "
            "in a circle, agree a few simple ground rules, and take turns to speak. You can "
            "just listen for as long as you like: nobody is ever made to share.</p><p>What is "
            "said in the group stays in the group.</p>"
        ),
        "body": stream(
            ("heading", "Your first visit"),
            (
                "paragraph",
                "<p>Come ten minutes early if you can and one of the facilitators will say "
                "hello, show you where things are and answer any questions. Tea and coffee are "
                "always on.</p>",
            ),
        ),
        "format": ServiceFormat.BOTH,
        "schedule": "Tuesdays and Thursdays, 6pm to 7:30pm; online on Sundays at 4pm",
        "location": COMMUNITY_ROOM,
        "cost": "Free",
        "colours": ["#f1e4d3", "#d98f5c", "#7fb3a5", "#3f6f73"],
    },
    {
        "slug": "one-to-one-mentoring",
        "tags": ["peer support", "first steps"],
        "title": "One-to-one mentoring",
        "summary": (
            "Regular time with a peer mentor who has been where you are: someone to talk "
            "things through with, set goals with, and check in with between the hard days."
        ),
        "who_it_is_for": (
            "<ul><li>Adults who would like steady, personal support in their recovery.</li>"
            "<li>People who find groups daunting, or want support alongside a group.</li>"
            "<li>Anyone leaving hospital, treatment or prison who wants a familiar face on "
            "the outside.</li></ul>"
        ),
        "what_to_expect": (
            "<p>After a first conversation we match you with a mentor, thinking about what "
            "matters to you. You meet for about an hour a week, for as long as it helps, "
            "usually three to six months.</p><p>Your mentor will not tell you what to do. "
            "They listen, share what worked for them, and help you take the next small "
            "step.</p>"
        ),
        "format": ServiceFormat.BOTH,
        "schedule": "Weekly, at a time that suits you both",
        "location": "Our community room, a café near you, by phone or by video",
        "cost": "Free",
        "colours": ["#e9eef0", "#8fb8c9", "#e3b35f", "#4c7a8c"],
    },
    {
        "slug": "skill-workshops",
        "tags": ["self-care", "stress"],
        "title": "Skill workshops",
        "summary": (
            "Practical, hands-on sessions on the everyday skills that make recovery easier "
            "to sustain, from managing stress to budgeting and cooking on little money."
        ),
        "who_it_is_for": (
            "<ul><li>Anyone in recovery who wants to build confidence with everyday "
            "life.</li><li>People who learn best by doing, together with others.</li></ul>"
        ),
        "what_to_expect": (
            "<p>Each workshop runs for four weeks, one evening a week. Sessions are relaxed "
            "and practical: a short introduction, then time to try things out with help from "
            "the group. You take home simple notes and ideas you can use the next day.</p>"
            "<p>Current topics include:</p><ul><li><b>Calm under pressure:</b> breathing, "
            "grounding and planning for difficult moments.</li><li><b>Money basics:</b> "
            "budgeting, bills and dealing with debt.</li><li><b>Good food, small "
            "budget:</b> simple, healthy meals for one or two.</li></ul>"
        ),
        "format": ServiceFormat.IN_PERSON,
        "schedule": "Wednesdays, 6pm to 8pm, in four-week courses",
        "location": COMMUNITY_ROOM,
        "cost": "Free, and materials are provided",
        "colours": ["#f3efe2", "#a7c4a0", "#e07a5f", "#3d5a80"],
    },
    {
        "slug": "resource-coaching-and-advocacy",
        "tags": ["first steps", "family"],
        "title": "Resource coaching and advocacy",
        "summary": (
            "Help finding and getting the support you are entitled to: housing, benefits, "
            "treatment, employment and more, with someone on your side at every step."
        ),
        "who_it_is_for": (
            "<ul><li>Anyone who feels lost among forms, waiting lists and phone "
            "queues.</li><li>People who have been turned away and are not sure what to do "
            "next.</li></ul>"
        ),
        "what_to_expect": (
            "<p>A resource coach sits down with you to work out what you need and what is "
            "available. Together you make a plan, fill in forms and make the calls. If you "
            "want us to, we can come with you to appointments and speak up for you.</p><p>We "
            "keep in touch until things are sorted, or until you tell us you have what you "
            "need.</p>"
        ),
        "format": ServiceFormat.BOTH,
        "schedule": "Drop in Monday to Friday, 10am to 3pm, or book a time",
        "location": COMMUNITY_ROOM,
        "cost": "Free",
        "colours": ["#eef2e6", "#c9a66b", "#6d9886", "#2f4858"],
    },
    {
        "slug": "addiction-recovery-peer-support",
        "tags": ["addiction", "recovery"],
        "title": "Peer support in addiction recovery",
        "summary": (
            "Support from people in long-term recovery from alcohol or drugs, whether you "
            "are thinking about cutting down, newly sober, or working to stay that way."
        ),
        "who_it_is_for": (
            "<ul><li>Anyone affected by their use of alcohol or drugs, whatever their goal "
            "is.</li><li>People in or after treatment who want support close to home.</li>"
            "<li>Those who have tried before and want to try again: you are welcome every "
            "time.</li></ul>"
        ),
        "what_to_expect": (
            "<p>We meet you where you are. A recovery peer worker talks with you about what "
            "you want to change and the support that fits: a weekly recovery group, a "
            "mentor, or help getting into treatment.</p><p>We will never judge you for a "
            "setback. Setbacks are part of many people's recovery, including ours.</p>"
        ),
        "body": stream(
            ("heading", "If you need medical help"),
            (
                "paragraph",
                "<p>Stopping some substances suddenly can be dangerous. We will help you talk "
                "to a doctor or a treatment service about doing it safely.</p>",
            ),
        ),
        "format": ServiceFormat.BOTH,
        "schedule": "Recovery group on Mondays, 6pm to 7:30pm; mentoring at times that suit you",
        "location": COMMUNITY_ROOM,
        "cost": "Free",
        "colours": ["#f6ede4", "#b5838d", "#6d9dc5", "#355070"],
    },
    {
        "slug": "faith-based-counseling",
        "tags": ["faith", "counseling"],
        "title": "Faith-based counseling",
        "summary": (
            "Conversations with trained peer counselors who bring their own faith to their "
            "recovery, for people who want their beliefs to be part of healing."
        ),
        "who_it_is_for": (
            "<ul><li>People for whom faith is an important part of life and recovery.</li>"
            "<li>Anyone wrestling with questions of meaning, guilt or forgiveness.</li>"
            "<li>People of every faith tradition: our counselors come from several.</li></ul>"
        ),
        "what_to_expect": (
            "<p>You meet a peer counselor for an hour, as often as you find helpful. You "
            "decide how much faith is part of the conversation, and you will never be asked "
            "to believe anything or join anything.</p><p>Our counselors are trained peer "
            "supporters, not licensed therapists. If you would benefit from clinical care, "
            "they will help you find it.</p>"
        ),
        "format": ServiceFormat.BOTH,
        "schedule": "By appointment, weekdays and Saturday mornings",
        "location": "Our quiet room, or by phone",
        "cost": "Free",
        "colours": ["#f2ebe3", "#d4a373", "#a3b18a", "#588157"],
    },
]

FEATURED_ON_HOME = ["peer-run-groups", "one-to-one-mentoring", "addiction-recovery-peer-support"]


def load(home):
    index = get_or_create_child(
        home,
        ServiceIndexPage,
        "services",
        title="Services",
        intro=(
            "Everything we offer is free and run by people with lived experience. Start "
            "wherever feels right, and get in touch if you are not sure which is for you."
        ),
    )
    for service in SERVICES:
        fields = dict(service)
        fields["image"] = demo_image(fields["title"], fields.pop("colours"))
        # Tags shared with articles suggest related reading (see ServicePage).
        fields["tagged_items"] = [
            ServicePageTag(tag=Tag.objects.get_or_create(name=name)[0])
            for name in fields.pop("tags")
        ]
        get_or_create_child(index, ServicePage, **fields)
    feature_services(home)


def feature_services(home):
    """Choose the home page's featured services, unless staff already have."""
    if home.featured_services.exists():
        return
    services = {page.slug: page for page in ServicePage.objects.filter(slug__in=FEATURED_ON_HOME)}
    home.featured_services = [
        home.featured_services.model(service=services[slug]) for slug in FEATURED_ON_HOME
    ]
    home.save_revision().publish()
