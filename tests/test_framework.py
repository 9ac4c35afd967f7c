"""The skills model of the career framework: pillar families, 'You can' descriptors at every proficiency and
the facts of the review it answers (issue 25), each held as a regression. The data rules themselves are the
loader's (src/handbook/framework.py); their bad-data cases are in tests/fixtures/bad/ and run by
test_errors_corpus."""

from __future__ import annotations

from handbook.framework import DESCRIPTOR_OPENING, DESCRIPTORS_PER_STEP, EXPERT_SCOPES, role_pillars
from handbook.loader import load_handbook
from tests.conftest import ROOT

HANDBOOK = load_handbook(ROOT / "data")

PRODUCT_PILLARS = ["customer-discovery", "experiment-design", "analytics", "roadmapping", "technical-collaboration",
                   "ai-evaluation", "gtm-coordination"]


def test_the_seven_product_pillars_stay_and_the_new_families_exist():
    assert [pillar for pillar in HANDBOOK.pillars if pillar in PRODUCT_PILLARS] == PRODUCT_PILLARS
    assert {"research", "responsible-ai", "leadership", "communication", "domain"} <= set(HANDBOOK.families)
    families = {pillar.family for pillar in HANDBOOK.pillars.values()}
    assert families == set(HANDBOOK.families)


def test_the_domain_pillar_leaves_the_domain_to_the_reader():
    domain = [pillar for pillar in HANDBOOK.pillars.values() if pillar.family == "domain"]
    assert len(domain) == 1 and "name" in domain[0].summary


def test_every_pillar_has_two_to_four_you_can_statements_at_every_step():
    low, high = DESCRIPTORS_PER_STEP
    for pillar in HANDBOOK.pillars.values():
        assert list(pillar.descriptors) == list(HANDBOOK.proficiency_scale), pillar.id
        for statements in pillar.descriptors.values():
            assert low <= len(statements) <= high
            assert all(statement.startswith(DESCRIPTOR_OPENING) for statement in statements)


def test_researchers_and_specialists_are_not_rated_on_product_pillars():
    """The review found researchers rated on 'Analytics (SQL and Python): cohorts, funnels' and go-to-market."""
    for role_id in ("ai-researcher", "specialist", "ai-training-generalist"):
        role = HANDBOOK.roles[role_id]
        assert "analytics" not in role.skills and "gtm-coordination" not in role.skills, role_id
        assert "product" not in role.families
    assert {"research-depth", "research-engineering"} <= set(HANDBOOK.roles["ai-researcher"].skills)
    assert HANDBOOK.roles["specialist"].skills["domain-expertise"] == "high"


def test_each_role_is_rated_on_exactly_the_pillars_of_its_families():
    for role in HANDBOOK.roles.values():
        assert set(role.skills) == {pillar.id for pillar in role_pillars(HANDBOOK.pillars, role)}, role.id


def test_shapes_express_their_legs_with_the_new_pillars():
    pi = HANDBOOK.roles["pi-shaped"]
    assert [pillar for pillar, strength in pi.skills.items() if strength == "high"] == ["ai-evaluation",
                                                                                         "domain-expertise"]


def test_expert_is_never_given_at_one_area_scope_or_narrower():
    for ladder in HANDBOOK.levels.values():
        for level in ladder.levels:
            if "expert" in level.proficiency.values():
                assert level.scope in EXPERT_SCOPES, (ladder.id, level.id)


def test_group_pm_and_head_of_product_differ_in_proficiency():
    levels = {level.id: level for level in HANDBOOK.levels["product-manager"].levels}
    assert levels["group-product-manager"].proficiency != levels["head-of-product"].proficiency


def _level(role_id: str, level_id: str):
    return next(level for level in HANDBOOK.levels[role_id].levels if level.id == level_id)


def test_group_pm_is_a_manager_and_staff_ai_pm_an_ic_so_they_no_longer_share_a_grade():
    group, staff = _level("product-manager", "group-product-manager"), _level("ai-product-manager",
                                                                             "staff-ai-product-manager")
    assert (group.ladder.track, group.ladder.ic) == ("manager", None)
    assert (staff.ladder.track, staff.ladder.ic) == ("ic", "IC4")


def test_head_of_product_is_not_given_an_ic_grade():
    head = _level("product-manager", "head-of-product")
    assert head.ladder.track == "manager" and head.ladder.ic is None


def test_contract_work_is_not_mapped_to_big_tech_grades():
    ladder = HANDBOOK.levels["ai-training-generalist"]
    assert ladder.employment == "contract"
    assert all(level.ladder is None for level in ladder.levels)


def test_the_senior_ai_pm_page_does_not_show_the_researcher_premium_as_its_pay():
    pay = _level("ai-product-manager", "senior-ai-product-manager").pay
    assert pay is not None and pay.figures == [] and pay.context == ["mid-level-researcher-premium"]


def test_no_level_cites_a_gap_between_roles_as_its_pay_or_mixes_salaried_and_contract():
    figures = HANDBOOK.compensation
    for ladder in HANDBOOK.levels.values():
        kind = "contract" if ladder.employment == "contract" else "salaried"
        for level in ladder.levels:
            if level.pay:
                assert not any(figures[figure_id].difference for figure_id in level.pay.figures)
                assert {figures[i].group for i in (*level.pay.figures, *level.pay.context)} <= {kind}


def test_every_level_addresses_every_theme_of_its_ladder():
    """The review found themes dropping out between levels, so two levels could not be compared theme by theme."""
    for ladder in HANDBOOK.levels.values():
        for level in ladder.levels:
            assert {item.theme for item in level.expectations} == set(ladder.themes), (ladder.id, level.id)
