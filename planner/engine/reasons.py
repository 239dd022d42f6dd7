"""Why a tactic is in the plan, in the user's terms: plain sentences from the model's
own numbers, with no scores, weights or marginal values in them.

Three kinds of sentence, each built only from what really moved this tactic:

- **fit**: the user's answers it suits (the goals it serves, the market, the place,
  the audience they already have), named only where the fit gate is strong;
- **driver**: the criterion that most sets this tactic apart from the others for this
  scenario (its contribution against the average tactic's), in the guidance's words;
  content ease only counts when the user said their content capacity is limited, and
  never for a tactic that needs no content at all (an event is not chosen for being
  easy to film);
- **hours**: what the hours buy this week.

A left-out tactic gets one sentence on why, from the same gates and bindings, and a
planned tactic's runner-up says why it lost by comparing the two tactics' numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner import fmt
from planner.engine.fit import Gate
from planner.knowledge.schema import Tactic
from planner.models.plan import Contribution
from planner.models.scenario import Scenario

STRONG_GATE = 0.85
"""A gate at least this high counts as a fit worth naming."""
WEAK_GATE = 0.75
"""A gate at most this low counts as what held a tactic back."""
DRIVER_MARGIN = 0.02
"""A criterion is named as a driver only when it adds at least this much more to the
tactic's score than it adds on average: a small contribution is not a reason."""

STRATEGY_ROLE = {
    "broadcast": "Broadcasting content is how social media builds reach and awareness",
    "relationships": "Networking builds trust, loyalty and partnerships one conversation at a time",
}

DRIVER_TEXT = {
    "reach": "it puts your message in front of many people",
    "depth": "it builds lasting trust with each person",
    "feedback": "you hear back from people directly",
    "measurability": "its results can be tied to sales, as you asked",
    "automation": "a scheduling tool can take over much of the routine",
    "speed": "it shows results within weeks",
    "content-ease": "it needs little video or design work, which suits your content capacity",
    "visual": "it shows off the photos and video you can make",
}

FALLS_SHORT = {
    "reach": "it reaches fewer people",
    "depth": "it builds less trust with each person",
    "feedback": "it brings back less feedback",
    "measurability": "its results are harder to tie to sales",
    "automation": "less of it can be automated",
    "speed": "it shows results more slowly",
    "content-ease": "it needs more content work",
    "visual": "it shows off your visuals less",
    "goal-fit": "it serves fewer of your goals",
    "audience-fit": "it suits your audience less",
}
"""Why a runner-up scored lower, by the criterion where it fell furthest behind."""

HELD_BACK: dict[str, str | dict[str, str]] = {
    "market": {"b2b": "it reaches business buyers less", "b2c": "it reaches consumers less"},
    "breadth": {"broad": "it suits a broad audience less", "niche": "it suits a niche audience less"},
    "place": {"local": "it reaches people in your area less", "global": "it works best with people nearby"},
    "goals": "it serves fewer of your goals",
    "audience": "it relies on an audience you do not have yet",
    "content": "it needs more video or design work than you can make",
    "measurability": "its results are harder to tie to sales",
    "horizon": "it is slower to show results than your horizon",
    "budget": "your ad budget buys it little reach",
}


def fit_sentence(tactic: Tactic, scenario: Scenario, goal_labels: Mapping[str, str], gates: Sequence[Gate]) -> str | None:
    """The answers this tactic suits, named only where its gate is strong."""
    factor = {g.id: g.factor for g in gates}
    parts: list[str] = []
    served = [g for g in scenario.goals if g in tactic.goals]
    if served:
        labels = [goal_labels[g].lower() for g in served]
        parts.append(f"your goal{'s' if len(labels) > 1 else ''} ({fmt.listing(labels)})")
    adjectives = []
    if factor.get("place", 1.0) >= STRONG_GATE and scenario.local:
        adjectives.append("local")
    if factor.get("breadth", 1.0) >= STRONG_GATE:
        adjectives.append(scenario.audience)
    kind = ("business" if scenario.market == "b2b" else "consumer") if factor.get("market", 1.0) >= STRONG_GATE else ""
    if adjectives or kind:
        parts.append(" ".join(w for w in ("your", ", ".join(adjectives), kind, "audience") if w))
    if factor.get("audience", 1.0) > 1.0:
        parts.append("the large audience you already have")
    if not parts:
        return None
    return f"Fits {fmt.listing(parts)}."


def driver_sentence(
    tactic: Tactic, scenario: Scenario, contributions: Sequence[Contribution], average: Mapping[str, float]
) -> str:
    """The strategy's role in the guidance, and the criterion that most sets this
    tactic apart here (when one clearly does)."""
    best, margin = None, DRIVER_MARGIN
    for c in contributions:
        if c.criterion not in DRIVER_TEXT:
            continue
        if c.criterion == "content-ease" and (
            scenario.content_capacity == "high" or tactic.scores["content_demand"].value == 0
        ):
            continue
        lead = c.contribution - average.get(c.criterion, 0.0)
        if lead > margin:
            best, margin = c.criterion, lead
    role = STRATEGY_ROLE[tactic.strategy]
    if best is None:
        return f"{role}."
    return f"{role}; this one stands out because {DRIVER_TEXT[best]}."


def hours_sentence(hours: float, output: str) -> str:
    if output.startswith("upkeep only"):
        return f"{fmt.hours(hours)} h covers its upkeep only; more hours would buy new work."
    return f"{fmt.hours(hours)} h buys about {output}."


def held_back(gates: Sequence[Gate], scenario: Scenario, against: Sequence[Gate] = ()) -> str | None:
    """The fit gate that most held a tactic back (against another tactic's gates,
    when given), in words; None when no gate is weak."""
    other = {g.id: g.factor for g in against}
    worst, low = None, WEAK_GATE
    for g in gates:
        ratio = g.factor / max(other.get(g.id, 1.0), 1e-9)
        if ratio < low:
            worst, low = g.id, ratio
    if worst is None:
        return None
    text = HELD_BACK[worst]
    if isinstance(text, str):
        return text
    answer = {"market": scenario.market, "breadth": scenario.audience, "place": "local" if scenario.local else "global"}
    return text[answer[worst]]


def not_planned(binding: str, scenario: Scenario, gates: Sequence[Gate], lo: float) -> str:
    """Why a tactic got no hours, consistent with its binding."""
    if binding == "excluded":
        return "You excluded it, or its platform."
    if binding == "no-ad-budget":
        return "It needs an ad budget, and yours is 0."
    if binding == "needs-audience":
        return "It needs an existing audience to invite, and you have none yet."
    if binding == "no-fit":
        return f"It cannot work for you here: {held_back(gates, scenario) or 'its fit is zero'}."
    if binding == "max-below-minimum":
        return f"Your maximum is below the {fmt.hours(lo)} h it needs to work."
    if binding == "minimum-exceeds-hours":
        return f"It needs at least {fmt.hours(lo)} h a week to work, more than you have."
    weak = held_back(gates, scenario)
    if weak:
        return f"The tactics in the plan do more with these hours: {weak}."
    return f"The tactics in the plan do more with these hours; it needs {fmt.hours(lo)} h a week before it pays."


def lost_to(
    winner: Tactic, winner_gates: Sequence[Gate], winner_fit: float, winner_contributions: Sequence[Contribution],
    loser: Tactic, loser_gates: Sequence[Gate], loser_fit: float, loser_contributions: Sequence[Contribution],
    loser_lo: float, scenario: Scenario,
) -> str:
    """Why ``loser`` missed out where ``winner`` got hours, from their numbers: the
    fit gate or, failing that, the criterion where it fell furthest behind; or, when
    it fits as well, the hours it needs."""
    if loser_fit < winner_fit:
        weak = held_back(loser_gates, scenario, winner_gates)
        if weak is None:
            theirs = {c.criterion: c.contribution for c in loser_contributions}
            gap = {c.criterion: c.contribution - theirs.get(c.criterion, 0.0) for c in winner_contributions}
            behind = max((k for k in gap if k in FALLS_SHORT), key=lambda k: (gap[k], k), default=None)
            weak = FALLS_SHORT[behind] if behind is not None and gap[behind] > 0 else None
        return f"It fits you less well: {weak}." if weak else "It fits your answers less well overall."
    if loser_lo > winner.min_hours.value:
        return f"It fits as well or better, but needs at least {fmt.hours(loser_lo)} h a week to work."
    return (
        f"It fits as well or better, but takes more hours to pay off "
        f"(returns flatten after about {fmt.hours(loser.saturation_hours.value)} h a week)."
    )
