"""Demo articles, written for this site in its house style: a posted date, an opening quote,
sections with headings, lists with a bold lead-in, a "Related:" link and a closing call to
reach out. Idempotent: pages are found by slug, snippets by name, images by title."""

import datetime

from base.demo import demo_image, get_or_create_child, stream

from .models import Author, BlogCategory, BlogIndexPage, BlogPage

CATEGORIES = {
    "peer-support": (
        "Peer support",
        "What it means to be supported by someone who has been there, and how to find it.",
    ),
    "recovery": (
        "Recovery",
        "Practical ideas for the long road of mental-health and addiction recovery.",
    ),
    "wellbeing": (
        "Wellbeing",
        "Small, everyday habits that help body and mind through hard seasons.",
    ),
    "community": (
        "Community",
        "Families, faith groups and neighbours: the people around recovery.",
    ),
}

AUTHORS = [
    (
        "Maya Thompson",
        "Peer support coordinator",
        "Maya has been in recovery for eleven years and has run New Unity's peer groups since "
        "2019. She believes the most powerful words in any language are “me too”.",
    ),
    (
        "Luis Ortega",
        "Recovery coach",
        "Luis mentors people in their first year of recovery. Before joining New Unity he spent "
        "a decade in construction, and he still fixes the community room's chairs.",
    ),
]

CLOSING = {
    "heading": "You don't have to do this alone",
    "text": (
        "If anything here sounds familiar, reach out. Call us or send an email: a peer who "
        "understands will get back to you, and there is never any cost or pressure."
    ),
    "button_text": "",
    "button_page": None,
    "button_url": "",
    "show_contact_details": True,
}

ARTICLES = [
    {
        "slug": "role-of-peer-support-in-mental-health-recovery",
        "title": "The Role of Peer Support in Mental Health Recovery",
        "date": datetime.date(2025, 9, 17),
        "author": "Maya Thompson",
        "categories": ["peer-support", "recovery"],
        "tags": ["peer support", "mental health", "recovery"],
        "related": "boost-your-mental-health-with-faith-based-counseling",
        "image": ("Two paths meeting", ["#e9f0ec", "#9cc5a1", "#5b8e7d", "#f2d7a6"]),
        "alt": "Soft green and sand-coloured circles blending into each other.",
        "summary": (
            "Why talking with someone who has walked the same road can make recovery feel "
            "possible, and what good peer support looks like in practice."
        ),
        "quote": (
            "I had seen plenty of professionals. What changed things was sitting across from "
            "someone who said, “I've been exactly where you are, and it got better.”",
            "A member of our Thursday group",
        ),
        "sections": [
            (
                "What peer support is",
                "<p>Peer support is help from someone who shares your experience. Our peer "
                "workers have lived with depression, anxiety, addiction or all three, and they "
                "have been trained to use that experience to help others. They are not there to "
                "diagnose or to fix. They are there to listen, to encourage, and to walk "
                "alongside you.</p>",
            ),
            (
                "Why it works",
                "<p>Recovery can be lonely. A peer brings something no textbook can:</p><ul>"
                "<li><b>Consistent presence:</b> someone who shows up, week after week, "
                "whether it is a good week or a hard one.</li>"
                "<li><b>Hope you can see:</b> a living example that recovery is real and "
                "that setbacks are part of it, not the end of it.</li>"
                "<li><b>Understanding without explaining:</b> you do not have to find the "
                "words for what it feels like. They already know.</li>"
                "<li><b>Practical know-how:</b> which forms to fill in, what to say at an "
                "appointment, how to get through a Sunday afternoon.</li></ul>",
            ),
            (
                "Working alongside clinical care",
                "<p>Peer support is not a replacement for doctors, therapists or medication. "
                "It works best next to them. Many people tell us that having a peer made them "
                "more confident in their treatment, because they had someone to talk it "
                "through with between appointments.</p>",
            ),
            (
                "How to get started",
                "<ul><li><b>Come to a group:</b> you can simply listen for as long as you "
                "like.</li><li><b>Ask for a mentor:</b> one-to-one time with a trained peer, "
                "at a pace that suits you.</li><li><b>Bring a question:</b> there is no wrong "
                "reason to get in touch.</li></ul>",
            ),
        ],
    },
    {
        "slug": "boost-your-mental-health-with-faith-based-counseling",
        "title": "Boost Your Mental Health With Faith-Based Counseling",
        "date": datetime.date(2025, 8, 27),
        "author": "Luis Ortega",
        "categories": ["wellbeing", "community"],
        "tags": ["faith", "counseling", "mental health"],
        "related": "role-of-peer-support-in-mental-health-recovery",
        "image": ("Evening stillness", ["#efe8f3", "#b9a5cf", "#7d6a9e", "#f3d9b1"]),
        "alt": "Lavender and warm amber shapes softly blurred together.",
        "summary": (
            "For many people, faith is a source of strength. Here is how counseling that "
            "respects your beliefs can support your mental health."
        ),
        "quote": (
            "My faith was the one thing I never lost, even at my lowest. It made sense to "
            "bring it with me into recovery.",
            "Luis Ortega",
        ),
        "sections": [
            (
                "Faith and mental health can go together",
                "<p>Some people worry that asking for help with their mental health means "
                "setting their faith aside. It does not. Faith-based counseling brings "
                "spiritual beliefs into the conversation, alongside proven ways of coping, "
                "for those who want that.</p>",
            ),
            (
                "What it can offer",
                "<ul><li><b>A shared language:</b> talking about hope, forgiveness and purpose "
                "in words that already mean something to you.</li>"
                "<li><b>A community around you:</b> a congregation can offer meals, lifts to "
                "appointments and simple company.</li>"
                "<li><b>Meaning in hard times:</b> many people find that their beliefs help "
                "them make sense of suffering and keep going.</li>"
                "<li><b>Practices that calm:</b> prayer, reflection and quiet can sit "
                "comfortably next to breathing and grounding exercises.</li></ul>",
            ),
            (
                "Choosing a counselor",
                "<p>Look for someone who is properly qualified and who respects your beliefs "
                "without pressing their own. A good first conversation should leave you "
                "feeling heard, not judged. It is fine to ask about training and approach "
                "before you begin.</p>",
            ),
            (
                "Everyone is welcome at New Unity",
                "<p>Our peer groups include people of many faiths and of none. We can "
                "introduce you to local faith-based counselors, and to others if you prefer. "
                "What matters is that the support fits you.</p>",
            ),
        ],
    },
    {
        "slug": "what-to-expect-at-your-first-peer-support-group",
        "title": "What to Expect at Your First Peer Support Group",
        "date": datetime.date(2025, 10, 8),
        "author": "Maya Thompson",
        "categories": ["peer-support"],
        "tags": ["groups", "first steps"],
        "related": "role-of-peer-support-in-mental-health-recovery",
        # Chosen by staff for the "Keep reading" cards; the others fall back to shared topics.
        "suggested": [
            "supporting-a-loved-one-in-addiction-recovery",
            "small-steps-for-managing-stress-and-anxiety",
        ],
        "image": ("Circle of chairs", ["#f4ead9", "#e8b86d", "#c98b5a", "#9cc5a1"]),
        "alt": "Warm yellow and terracotta circles on a cream background.",
        "summary": (
            "Walking into a group for the first time takes courage. Here is what happens, "
            "step by step, so there are no surprises."
        ),
        "quote": (
            "I sat by the door the first three weeks, just in case. By the fourth I was "
            "making the tea.",
            "A group member",
        ),
        "sections": [
            (
                "Before you arrive",
                "<p>You do not need to book, and you do not need to bring anything. If you "
                "would like to come with a friend or family member for the first visit, that "
                "is fine too. Arrive a little early and one of the facilitators will say "
                "hello.</p>",
            ),
            (
                "During the meeting",
                "<ul><li><b>A warm welcome:</b> we start with introductions, first names "
                "only.</li><li><b>A few ground rules:</b> what is said in the room stays in "
                "the room, and we listen without interrupting.</li><li><b>Time to share, or "
                "not:</b> you can pass every time. Listening is taking part.</li><li><b>A "
                "gentle close:</b> we end on time, with tea and a chance to chat.</li></ul>",
            ),
            (
                "Afterwards",
                "<p>It is normal to feel tired, or a bit raw, after a first meeting. Be kind "
                "to yourself that evening. Most people find the second visit much easier than "
                "the first.</p>",
            ),
        ],
    },
    {
        "slug": "building-a-daily-routine-that-supports-recovery",
        "title": "Building a Daily Routine That Supports Your Recovery",
        "date": datetime.date(2025, 7, 15),
        "author": "Luis Ortega",
        "categories": ["recovery", "wellbeing"],
        "tags": ["routine", "self-care", "recovery"],
        "related": "small-steps-for-managing-stress-and-anxiety",
        "image": ("Steady morning", ["#e6eef4", "#8fb3cf", "#f2d7a6", "#5b7f9e"]),
        "alt": "Pale blue and soft gold shapes, like early morning light.",
        "summary": (
            "A steady day is a quiet ally in recovery. Simple ways to build a routine that "
            "holds you up without boxing you in."
        ),
        "quote": (
            "Recovery didn't arrive in one big moment. It came in small, boring, wonderful "
            "days that looked a lot like each other.",
            "A peer mentor",
        ),
        "sections": [
            (
                "Why routine helps",
                "<p>When life has been chaotic, a predictable day gives the mind a rest. "
                "Routine lowers the number of decisions you have to make, and it leaves less "
                "empty time for old habits to creep back in.</p>",
            ),
            (
                "The building blocks",
                "<ul><li><b>A regular wake-up time:</b> the rest of the day tends to follow "
                "it.</li><li><b>Meals at set times:</b> hunger can feel a lot like anxiety or "
                "craving.</li><li><b>Something that moves your body:</b> a short walk "
                "counts.</li><li><b>One connection a day:</b> a call, a message, a group, a "
                "coffee with a friend.</li><li><b>A wind-down hour:</b> screens off, lights "
                "low, the same few steps each night.</li></ul>",
            ),
            (
                "Keep it flexible",
                "<p>A routine is a support, not a test. Some days will not go to plan. When "
                "that happens, pick up at the next step rather than starting from scratch "
                "tomorrow.</p>",
            ),
        ],
    },
    {
        "slug": "supporting-a-loved-one-in-addiction-recovery",
        "title": "How to Support a Loved One in Addiction Recovery",
        "date": datetime.date(2025, 6, 10),
        "author": "Maya Thompson",
        "categories": ["recovery", "community"],
        "tags": ["family", "addiction", "recovery"],
        "related": "what-to-expect-at-your-first-peer-support-group",
        "image": ("Held together", ["#f6e9e4", "#e0a99a", "#9cc5a1", "#c4726a"]),
        "alt": "Rose and sage green circles overlapping gently.",
        "summary": (
            "Loving someone in recovery can be exhausting and hopeful at the same time. "
            "Ways to help them, and to look after yourself too."
        ),
        "quote": (
            "I used to think helping meant fixing. Now I know it mostly means showing up and "
            "staying honest.",
            "A parent at our family evening",
        ),
        "sections": [
            (
                "Start with understanding",
                "<p>Addiction is not a lack of willpower or love. It is a health condition, "
                "and recovery usually takes time, with ups and downs. Learning a little about "
                "it can take some of the anger and fear out of the house.</p>",
            ),
            (
                "Ways to help",
                "<ul><li><b>Listen more than you advise:</b> ask how they are, and let the "
                "answer be whatever it is.</li><li><b>Celebrate small wins:</b> a week, a "
                "month, a hard conversation handled well.</li><li><b>Keep clear "
                "boundaries:</b> you can love someone and still say no to lending money.</li>"
                "<li><b>Plan for hard days:</b> agree together what to do if things start "
                "slipping.</li></ul>",
            ),
            (
                "Look after yourself",
                "<p>You cannot pour from an empty cup. Family members need support too, and "
                "our monthly family evening is open to anyone with a loved one in recovery. "
                "You do not need their permission to come.</p>",
            ),
        ],
    },
    {
        "slug": "small-steps-for-managing-stress-and-anxiety",
        "title": "Small Steps for Managing Stress and Anxiety",
        "date": datetime.date(2025, 10, 29),
        "author": "Luis Ortega",
        "categories": ["wellbeing"],
        "tags": ["anxiety", "stress", "self-care"],
        "related": "building-a-daily-routine-that-supports-recovery",
        "image": ("Slow breath", ["#e8f2ef", "#a7d3c6", "#6fa8a0", "#d8e3b5"]),
        "alt": "Mint and teal shapes fading softly into a pale background.",
        "summary": (
            "Stress and anxiety are part of life, and a big part of many recoveries. A few "
            "simple techniques you can use today, anywhere."
        ),
        "quote": (
            "The breathing felt silly at first. Then one day on a crowded bus it was the only "
            "thing that worked.",
            "A workshop participant",
        ),
        "sections": [
            (
                "Notice it early",
                "<p>Anxiety is easier to calm when you catch it early. Tight shoulders, a "
                "racing heart and short, quick breaths are common first signs. Simply naming "
                "what is happening (“this is anxiety”) can take some of its power away.</p>",
            ),
            (
                "Techniques that help",
                "<ul><li><b>Slow breathing:</b> breathe in for four counts and out for six, "
                "for two minutes.</li><li><b>Grounding:</b> name five things you can see, "
                "four you can hear and three you can touch.</li><li><b>Move a little:</b> a "
                "walk around the block can settle a busy mind.</li><li><b>Write it down:</b> "
                "worries often shrink once they are on paper.</li></ul>",
            ),
            (
                "When to ask for more help",
                "<p>If anxiety is stopping you from sleeping, working or seeing people, it is "
                "time to talk to someone. Our skills workshops teach these techniques in a "
                "friendly group, and a peer can help you find clinical support if you need "
                "it.</p>",
            ),
        ],
    },
]


def body(article, related_page=None):
    blocks = [("quote", {"text": article["quote"][0], "attribution": article["quote"][1]})]
    for heading, html in article["sections"]:
        blocks += [("heading", heading), ("paragraph", html)]
    if related_page is not None:
        blocks.append(("related", {"article": related_page.pk}))
    blocks.append(("call_to_action", CLOSING))
    return stream(*blocks)


def article_image(article):
    title, colours = article["image"]
    # Larger than the 1200×630 sharing image, so that it is cropped to exactly that size.
    image = demo_image(title, colours, size=(1600, 900))
    if not image.description:
        image.description = article["alt"]
        image.save(update_fields=["description"])
    return image


def load(home):
    index = get_or_create_child(
        home,
        BlogIndexPage,
        "blog",
        title="Blog",
        intro="Stories, ideas and practical advice from our peer-support community.",
    )
    categories = {
        slug: BlogCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for slug, (name, description) in CATEGORIES.items()
    }
    authors = {
        name: Author.objects.get_or_create(name=name, defaults={"role": role, "bio": bio})[0]
        for name, role, bio in AUTHORS
    }
    pages = {}
    # Each article links to another, so every article is created first and linked after.
    for article in ARTICLES:
        page = index.get_children().filter(slug=article["slug"]).specific().first()
        if page is None:
            page = BlogPage(
                slug=article["slug"],
                title=article["title"],
                date=article["date"],
                summary=article["summary"],
                author=authors[article["author"]],
                feature_image=article_image(article),
                body=body(article),
                live=False,
            )
            page.categories = [categories[slug] for slug in article["categories"]]
            page.tags.add(*article["tags"])
            index.add_child(instance=page)
        pages[article["slug"]] = page
    for article in ARTICLES:
        page = pages[article["slug"]]
        if page.live:
            continue
        page.body = body(article, related_page=pages[article["related"]])
        page.chosen_articles = [("article", pages[slug]) for slug in article.get("suggested", [])]
        page.save_revision().publish()
