"""Warnings: where the plan bends to a constraint, or where the guidance says to
watch out. Each has a stable ``code`` (scripts may match on it) and, where it rests
on the guidance, the source. Thresholds live in ``[advice]`` of the knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.engine.allocate import Item
from planner.knowledge.schema import KnowledgeBase
from planner.models.plan import PlanWarning, Split, TacticPlan
from planner.models.scenario import Scenario


def unallocated_warning(
    scenario: Scenario, items: list[Item], quarters: dict[str, int], usable: int, allocated: int, share_bound: bool
) -> PlanWarning | None:
    """Say why hours were left over, if they were."""
    left = usable - allocated
    if left <= 0:
        return None
    active = [i for i in items if quarters.get(i.id, 0) > 0]
    at_cap = all(quarters[i.id] >= i.hi for i in active)
    idle = [i for i in items if quarters.get(i.id, 0) == 0]
    fits = [i for i in idle if i.lo <= left]
    if not items:
        why = "no tactic is left to plan after your exclusions and bounds"
    elif at_cap and not fits:
        why = (
            "every chosen tactic is at its useful maximum and no other tactic's minimum effective hours fit "
            "in what is left"
        )
    elif share_bound:
        why = "your floor or ceiling on the broadcast share stops the rest from being placed"
    else:
        why = "the remaining tactics add no value for this scenario"
    return PlanWarning.model_construct(
        code="hours-unallocated",
        message=f"{left / 4:g} of {scenario.hours_per_week:g} h are not allocated: {why}. "
        "Add tactics, raise maximums or use the time elsewhere.",
    )


def guidance_warnings(
    scenario: Scenario, kb: KnowledgeBase, split: Split, tactics: Sequence[TacticPlan]
) -> list[PlanWarning]:
    a = kb.advice
    out: list[PlanWarning] = []
    if (
        scenario.roi_horizon_months <= a.short_horizon_months.value
        and split.relationships >= a.relationship_heavy_share.value
    ):
        out.append(PlanWarning.model_construct(
            code="short-horizon-relationships",
            message=f"Relationships take {split.relationships:.0%} of the plan, but your ROI horizon is "
            f"{scenario.roi_horizon_months} month{'s' if scenario.roi_horizon_months != 1 else ''}. "
            "Relationship building pays off slowly; expect trust and referrals before revenue.",
            source=kb.citation(a.short_horizon_months.source),
        ))
    if scenario.content_capacity == "low":
        heavy = [
            t for t in tactics
            if kb.tactic(t.id).scores["content_demand"].value >= a.video_content_demand.value
        ]
        for t in heavy:
            out.append(PlanWarning.model_construct(
                code="content-capacity",
                message=f"{t.name} needs video or strong visuals, and you said content capacity is low. "
                "Batch production, reuse footage, or exclude it.",
                source=kb.citation(a.video_content_demand.source),
                tactic=t.id,
            ))
    if (
        scenario.roi_measurability == "high"
        and not scenario.sales_tracking
        and split.broadcast >= a.broadcast_heavy_share.value
    ):
        out.append(PlanWarning.model_construct(
            code="roi-attribution",
            message=f"Broadcast takes {split.broadcast:.0%} of the plan and you need measurable ROI, but no "
            "sales tracking is in place. Broadcast results are hard to attribute without it: add tracked "
            "links, discount codes or analytics.",
            source=kb.citation(a.broadcast_heavy_share.source),
        ))
    if not scenario.scheduler and split.broadcast >= a.scheduler_broadcast_share.value:
        out.append(PlanWarning.model_construct(
            code="no-scheduler",
            message=f"Broadcast takes {split.broadcast:.0%} of the plan and you use no scheduling tool. "
            "Writing posts in one batch and queueing them saves time every week.",
            source=kb.citation(a.scheduler_broadcast_share.source),
        ))
    return out


def fit_warnings(
    scenario: Scenario,
    kb: KnowledgeBase,
    tactics: Sequence[TacticPlan],
    excluded: dict[str, str],
    worth: dict[str, float],
    at_reference: dict[str, float],
) -> list[PlanWarning]:
    """Where the plan bends to the business's facts: slow tactics kept inside a short
    horizon, and paid tactics that would fit but have no budget. ``at_reference``: each
    paid tactic's worth as if the ad budget were the reference budget."""
    out: list[PlanWarning] = []
    horizon = scenario.roi_horizon_months
    for t in tactics:
        months = t.months_to_results
        if months > horizon:
            tactic = kb.tactic(t.id)
            out.append(PlanWarning.model_construct(
                code="slow-for-horizon",
                message=f"{t.name} usually takes about {months:g} months to show a first result, longer than "
                f"your {horizon}-month horizon. Keep it only if you can wait, or shorten it in favour of faster tactics.",
                source=kb.citation(tactic.months_to_results.source),
                tactic=t.id,
            ))
    unfunded = [tid for tid, why in excluded.items() if why == "no-ad-budget"]
    if unfunded and scenario.ad_budget_per_month == 0:
        # A paid tactic at the reference budget against the plan's weakest tactic: the
        # same comparison of worth the optimiser makes.
        weakest = min((worth[t.id] for t in tactics), default=0.0)
        would = sorted((tid for tid in unfunded if at_reference[tid] > weakest), key=lambda t: (-at_reference[t], t))
        if would:
            names = ", ".join(kb.tactic(t).name for t in would[:3])
            out.append(PlanWarning.model_construct(
                code="no-ad-budget",
                message=f"With an ad budget, paid tactics would fit this plan ({names}). Your ad budget is 0, so "
                "none are planned; set one to see what it would buy.",
                source=kb.citation(kb.fit.budget_reference.source),
            ))
    return out
