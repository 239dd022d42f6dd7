"""Words, not widgets: the wizard's steps and their help, and the key reference.

Kept apart from the screens (as Frogmouth keeps its data apart) so the help screen,
the wizard and docs/guide.md all read the same text. The help paraphrases the guidance
articles in the knowledge base's sources registry (strategies/sources.toml); each step
cites the section it draws on, in the knowledge base's citation form.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    question: str
    brief: str
    """One line of help shown above the fields; ``help`` follows below them."""
    help: str
    source: str


STEPS: tuple[Step, ...] = (
    Step(
        "goals",
        "Goals",
        "Reach many people, or deepen relationships?",
        "Broadcast = reach and awareness; relationships = trust and partners.",
        "Broadcast (social media) spreads your content to a wide audience: it drives "
        "visibility and awareness. Relationships (social networking) means two-way "
        "conversations with fewer people: it builds trust, partners and loyalty. Most "
        "businesses blend both; slide towards what you need most, then tick your goals.",
        "000_0e9b7650b6e63694.txt#Social Media vs Social Networking: Core Differences",
    ),
    Step(
        "time",
        "Time",
        "How much time and content each week?",
        "Broadcast can be scheduled ahead; relationships take hands-on time.",
        "Broadcast work can be batched and scheduled ahead with a tool such as Buffer, "
        "Hootsuite or Sprout Social. Relationships have no shortcut: every conversation "
        "needs its own care. Social media also asks for pictures and video, so tell the "
        "planner how much visual content you can make.",
        "001_2b34fe8df5fac4ca.txt#Time and effort",
    ),
    Step(
        "roi",
        "ROI",
        "When do you need results, and how measured?",
        "Networking is easier to attribute; broadcast needs sales tracking.",
        "Networking results are easier to attribute: you see the replies and the new "
        "contacts. Broadcast results are buzz and engagement, harder to tie to revenue "
        "unless you run your own sales tracking and analytics. Relationships take time "
        "to grow, so a short horizon favours faster tactics. Paid ads need a budget: the "
        "money buys the reach, and your hours go on managing the campaigns.",
        "001_2b34fe8df5fac4ca.txt#ROI measurement",
    ),
    Step(
        "audience",
        "Audience",
        "Who are you talking to?",
        "Broad audiences suit social media; niche ones suit networking.",
        "Social media suits a broad audience; networking narrows down to specific groups "
        "and people. Selling to businesses (B2B) leans on professional networks; selling "
        "to consumers (B2C) leans on content people see in their feeds. A local business "
        "needs channels that reach its area, and channels that speak only to your own "
        "followers need followers first.",
        "000_0e9b7650b6e63694.txt#Social Media vs Social Networking: Core Differences",
    ),
    Step(
        "channels",
        "Channels",
        "Anything to leave out, or hours to fix?",
        "Ticked = in the plan: untick what you will not use.",
        "Every platform and tactic starts ticked. Untick what you will not use: a platform "
        "(all its tactics) or one tactic. Then "
        "give a minimum or maximum of hours a week for any platform or tactic; the "
        "planner keeps within them and says when they bind.",
        "000_0e9b7650b6e63694.txt#The Overlap Between Social Media and Social Networking",
    ),
    Step(
        "review",
        "Review",
        "Name it and check your answers.",
        "The plan already reflects every answer; go back to change one.",
        "Every change is already in the plan on the right. Give the scenario a name and "
        "notes for yourself; go back to any step to change an answer.",
        "000_0e9b7650b6e63694.txt#Why Understanding Social Media vs Social Networking Matters",
    ),
)

STEP_IDS = tuple(step.id for step in STEPS)


def step(step_id: str) -> Step:
    return STEPS[STEP_IDS.index(step_id)]


FIELD_HELP: dict[str, str] = {
    "reach_priority": "←/→ by 5, shift+←/→ by 1, or click.",
    "goals": "Space ticks a goal; the line below explains the highlighted one.",
    "hours_per_week": "Hours a week you can spend on marketing, e.g. 8 or 2.5.",
    "scheduler": "Do you schedule posts with a tool (Buffer, Hootsuite, Sprout Social…)?",
    "content_capacity": "How much photo and video content you can make.",
    "roi_horizon_months": "Months until you need to see results (1 to 120).",
    "roi_measurability": "How much it matters that results are directly measurable.",
    "sales_tracking": "Do you have sales tracking or analytics that attribute revenue?",
    "audience": "Broad: anyone might buy. Niche: a specific group.",
    "market": "Selling to consumers (B2C) or to businesses (B2B).",
    "local": "A town, a neighbourhood or a region: local groups, events and a local visual presence win.",
    "existing_audience": "None: build reach first; a list or a community of your own comes later. Large: your own channels count more.",
    "ad_budget_per_month": "Money for paid ads each month, in your currency. 0 plans no paid tactics.",
    "exclude": "✓ = the plan may use it. Untick a platform (all its tactics) or one tactic to leave it out.",
    "bounds": "Pick a platform or tactic, then type its min and/or max hours a week. Leave empty for no limit.",
    "name": "A name for this scenario.",
    "notes": "Anything you want to remember about it.",
}


KEYS_BEYOND_BINDINGS: tuple[tuple[str, str], ...] = (
    ("tab / shift+tab", "Next / previous field"),
    ("enter", "In a number field: go to the next field"),
    ("space", "Tick or untick the highlighted goal or channel; flip a switch"),
    ("← / →", "Move the reach slider by 5 (shift: by 1); pick a choice"),
    ("home / end", "Reach slider to 0 (all relationships) / 100 (all reach)"),
    ("↑ / ↓", "Move through lists; in the tactics table, pick the tactic whose why is shown"),
    ("click", "Focus a field; click a step number to jump to it; click a tactic row"),
    ("escape", "Close this help, the command palette or a dialog (cancels it); on Scenarios or Compare: back"),
    ("/ then type", "On Scenarios: search by name; ↓ or Enter moves back to the list"),
)
"""Keys handled by widgets themselves rather than by a binding; the help screen lists
them after every binding it collects from the app and the screen."""
