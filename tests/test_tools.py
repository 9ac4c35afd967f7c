"""The tools' arithmetic and rules: what the build works out in Python, what only the page's JavaScript
works out (run in Node, see tests/js.py), and the one test that the two agree where both need a formula."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from handbook.errors import DataErrors
from handbook.loader import load_handbook
from handbook.render.tools import earnings_setup, role_fit_setup, self_check_setup, self_check_tool
from handbook.scaffold import new_record
from handbook.tools import (
    FIT_DIGITS,
    FitContext,
    FitRole,
    adjust_weights,
    annual_cents,
    apportion,
    fixed_text,
    hours_text,
    lead,
    money_text,
    rank_by_kind,
    rank_roles,
    round_half_up,
    to_units,
    weekly_cents,
)
from tests import js
from tests.conftest import FIXTURES, ROOT, TEMPLATES

PAGE = "tools/role-fit.md"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def fixture_data(tmp_path: Path) -> Path:
    """The minimal fixture data (roles alpha and beta) with the tool settings of tests/fixtures/tools."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "tools").mkdir()
    for name in ("role-fit.yaml", "earnings.yaml", "self-check.yaml"):
        shutil.copy(FIXTURES / "tools" / name, data / "tools" / name)
    return data


@pytest.fixture
def small(tmp_path):
    return load_handbook(fixture_data(tmp_path), TEMPLATES)


# Role fit ------------------------------------------------------------------------------------------

def test_seed_example_gives_the_generalist_0_68_and_the_pm_0_61(handbook):
    setup = role_fit_setup(handbook, PAGE)
    scores = {item.role.id: item.units for item in rank_roles(setup.roles, setup.example, setup.contexts[0])}
    assert setup.example == (60, 50, 80, 70)
    assert scores["product-generalist"] == 67_500 and fixed_text(scores["product-generalist"], 5, 2) == "0.68"
    assert scores["product-manager"] == 61_000 and fixed_text(scores["product-manager"], 5, 2) == "0.61"


def test_seed_weights_are_marked_as_the_sources_and_every_role_is_scored(handbook):
    setup = role_fit_setup(handbook, PAGE)
    origins = {role.id: role.origin for role in setup.roles}
    assert origins["product-generalist"] == origins["product-manager"] == "seed"
    assert {role.id for role in setup.roles} == set(handbook.roles)
    assert all(sum(role.weights) == 1000 for role in setup.roles)


def test_weights_in_thousandths_keep_their_written_values_and_role_links_are_relative(small):
    setup = role_fit_setup(small, PAGE)
    assert [(role.id, role.weights, role.url) for role in setup.roles] == [
        ("alpha", (250, 250, 250, 250), "../roles/alpha.md"),
        ("beta", (100, 200, 300, 400), "../roles/beta.md"),
    ]


def test_small_fixture_scores_and_ranking_by_hand(small):
    setup = role_fit_setup(small, PAGE)
    as_written, discovery = setup.contexts
    assert setup.example == (50, 25, 100, 0)
    assert [(i.role.id, i.units) for i in rank_roles(setup.roles, setup.example, as_written)] == [
        ("alpha", 43_750), ("beta", 40_000)]
    ranked = rank_roles(setup.roles, setup.example, discovery)
    assert [(i.role.id, i.weights, i.units) for i in ranked] == [
        ("alpha", (167, 167, 500, 166), 62_525), ("beta", (63, 125, 562, 250), 62_475)]


def test_a_context_that_multiplies_u_and_d_raises_them_and_still_sums_to_1000():
    assert adjust_weights([200, 200, 350, 250], [1, 1, 1.5, 1.5]) == [154, 154, 404, 288]
    assert adjust_weights([350, 350, 150, 150], [1.5, 1.5, 1, 1]) == [389, 389, 111, 111]  # 525, 525, 150, 150 of 1350
    assert adjust_weights([350, 350, 150, 150], [1, 1, 1, 1]) == [350, 350, 150, 150]


def test_apportion_gives_leftover_units_to_the_largest_remainder_then_the_earlier_value():
    assert apportion([1, 1, 1]) == [334, 333, 333]
    assert apportion([0.2, 0.2, 0.35, 0.25]) == [200, 200, 350, 250]
    assert apportion([1, 2, 2], total=4) == [1, 2, 1]


# The match --------------------------------------------------------------------------------------

LABELLED = yaml.safe_load((FIXTURES / "role-fit-profiles.yaml").read_text(encoding="utf-8"))
MATCH = """
return input.cases.map(([ratings, answers]) => {
  const profile = core.readerProfile(ratings, answers, input.setup.trade_offs, input.setup.step);
  const jobs = core.rankMatches(input.setup.roles.filter((role) => role.kind === "role"), profile);
  const verdict = core.matchVerdict(jobs, profile, input.setup.margin);
  return { profile, ranked: jobs.map((item) => [item.role.id, item.units]), clear: verdict.clear,
           close: verdict.close.map((item) => item.role.id), text: core.matchText(input.setup, jobs, profile) };
});"""


def match(setup, cases):
    """What core.js makes of (ratings as 0–1 numbers, trade-off answers) for each case: profile, jobs ranked by
    match, verdict and its words."""
    units = [([to_units(value, 100) for value in ratings], answers or []) for ratings, answers in cases]
    return js.run(MATCH, {"setup": dataclasses.asdict(setup), "cases": units})


def test_a_jobs_profile_is_the_average_of_the_pillars_it_is_rated_on_in_each_dimension(handbook):
    setup = role_fit_setup(handbook, PAGE)
    profiles = {role.id: role.profile for role in setup.roles}
    # S O U D (the article's), then research, domain, responsible AI, leadership, engineering, design: high 3,
    # medium 2, low 1 over 3, averaged over the dimension's pillars the job is rated on, 0 where it has none
    assert [d.key for d in setup.added] == ["research", "domain", "responsible_ai", "leadership", "engineering",
                                            "design"]
    assert profiles["product-manager"] == (100, 100, 100, 78, 0, 0, 0, 83, 0, 0)
    assert profiles["ai-researcher"] == (0, 0, 0, 100, 100, 0, 67, 50, 0, 0)
    assert profiles["specialist"] == (0, 0, 0, 83, 0, 100, 67, 67, 0, 0)
    # a researcher is as deep in research as research depth says, not diluted by statistical modelling,
    # a pillar of the data scientist's family it is not rated on
    assert profiles["data-scientist"][4] == 100 and profiles["research-engineer"][4] == 83


@pytest.mark.parametrize("profile", LABELLED["profiles"], ids=lambda profile: profile["id"])
def test_a_labelled_profile_ranks_its_job_first_and_clearly(handbook, profile):
    [result] = match(role_fit_setup(handbook, PAGE), [(profile["ratings"], profile.get("trade_offs"))])
    assert result["ranked"][0][0] == profile["job"], (profile["why"], result["ranked"])
    assert result["clear"] and result["text"].startswith(f"Closest job: {handbook.roles[profile['job']].name}, ")


def test_labelled_profiles_cover_every_shipped_job_with_every_rating_given(handbook):
    """The twelve jobs the handbook ships (a job a contributor adds is labelled when it is written, so the
    scaffold's copy of this suite does not ask for one)."""
    shipped = {"product-generalist", "product-manager", "ai-product-manager", "ai-researcher", "specialist",
               "ai-training-generalist", "machine-learning-engineer", "ai-engineer", "research-engineer",
               "data-scientist", "responsible-ai-lead", "ai-product-designer"}
    setup = role_fit_setup(handbook, PAGE)
    every = len(setup.dimensions) + len(setup.added)
    assert shipped <= {role.id for role in handbook.roles.values() if role.kind == "role"}
    assert {profile["job"] for profile in LABELLED["profiles"]} == shipped
    assert all(len(profile["ratings"]) == every for profile in LABELLED["profiles"] + LABELLED["no_clear_fit"])


@pytest.mark.parametrize("profile", LABELLED["no_clear_fit"], ids=lambda profile: profile["id"])
def test_answers_that_do_not_single_out_a_job_say_no_clear_fit(handbook, profile):
    [result] = match(role_fit_setup(handbook, PAGE), [(profile["ratings"], profile.get("trade_offs"))])
    assert not result["clear"] and result["text"].startswith("No clear fit: "), result
    assert "Closest job" not in result["text"]


def test_equal_ratings_say_no_clear_fit_at_every_level(handbook):
    setup = role_fit_setup(handbook, PAGE)
    every = len(setup.dimensions) + len(setup.added)
    results = match(setup, [([level / 10] * every, None) for level in range(11)])
    assert [result["clear"] for result in results] == [False] * 11
    assert all("every answer is the same" in result["text"] for result in results)


def test_two_jobs_with_the_same_profile_tie_and_the_tie_names_both_without_a_winner(small):
    setup = role_fit_setup(small, PAGE)
    twin = dataclasses.replace(setup.roles[0], id="twin", name="Twin")
    [result] = match(dataclasses.replace(setup, roles=(setup.roles[0], twin)), [([0.2, 0.4, 0.6, 0.8, 0.3], None)])
    assert result["ranked"][0][1] == result["ranked"][1][1]
    assert not result["clear"] and result["close"] == ["alpha", "twin"]
    assert result["text"].startswith("No clear fit: Alpha (0.") and "Twin (0." in result["text"]


def test_a_gap_and_a_surplus_lower_the_match_alike(small):
    """Alpha's profile is (1, 1, 1, 0.33, 0.33): 0.2 below it on S or 0.2 above it on D costs the same."""
    setup = role_fit_setup(small, PAGE)
    below, above, exact = match(dataclasses.replace(setup, roles=setup.roles[:1]), [
        ([0.8, 1, 1, 0.33, 0.33], None), ([1, 1, 1, 0.53, 0.33], None), ([1, 1, 1, 0.33, 0.33], None)])
    assert below["ranked"] == above["ranked"] == [["alpha", 91]]  # 1 − √(0.2² / 5) = 0.9106
    assert exact["ranked"] == [["alpha", 100]]


def test_a_trade_off_moves_the_chosen_dimension_up_and_the_other_down_within_0_and_1(small):
    setup = role_fit_setup(small, PAGE)  # questions: users (U) or depth; plan (S) or run (O); step 0.1
    results = match(setup, [([0.5, 0.5, 0.95, 0.5, 0.05], [0, 1]), ([0.5, 0.5, 0.5, 0.5, 0.5], [1, None]),
                            ([0.5, 0.5, 0.5, 0.5, 0.5], [None, None])])
    assert [result["profile"] for result in results] == [[40, 60, 100, 50, 0], [50, 50, 40, 50, 60],
                                                          [50, 50, 50, 50, 50]]


def test_a_role_added_as_yaml_is_matched_from_its_skills_with_no_code_change(tmp_path):
    """A scaffolded job, rated high on responsible AI and low elsewhere, gets its profile from its file and is
    the closest job for a reader whose strength is responsible AI."""
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    new_record("role", "safety-lead", data, dt.date(2026, 1, 15), TEMPLATES)
    path = data / "roles" / "safety-lead.yaml"
    text = re.sub(r"^(  [a-z-]+): medium$", r"\1: low", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    for pillar in ("responsible-ai", "ai-governance", "safety-operations"):
        text = text.replace(f"  {pillar}: low", f"  {pillar}: high")
    path.write_text(text, encoding="utf-8")
    setup = role_fit_setup(load_handbook(data, TEMPLATES), PAGE)
    assert next(role for role in setup.roles if role.id == "safety-lead").profile == (33,) * 6 + (100,) + (33,) * 3
    [result] = match(setup, [([0.3] * 6 + [0.95] + [0.3] * 3, None)])
    assert result["ranked"][0][0] == "safety-lead" and result["clear"]


def role_fit_role(role_id, weights, kind="role"):
    return FitRole(role_id, role_id.upper(), f"../{role_id}/", kind, "handbook", weights, {"same": weights})


def test_every_role_carries_its_weights_under_every_context_worked_out_at_build_time(small):
    setup = role_fit_setup(small, PAGE)
    settings = small.tools["role-fit"].role_fit
    for role in setup.roles:
        assert list(role.in_context) == [context.id for context in settings.contexts]
        for context in settings.contexts:
            assert list(role.in_context[context.id]) == adjust_weights(role.weights, list(context.multipliers.values()))
    assert setup.roles[0].in_context["discovery-heavy"] == (167, 167, 500, 166)


def test_equal_scores_keep_data_order():
    context = FitContext("same", "Same")
    roles = [role_fit_role("b", (250, 250, 250, 250)), role_fit_role("a", (250, 250, 250, 250))]
    assert [item.role.id for item in rank_roles(roles, (10, 20, 30, 40), context)] == ["b", "a"]


@pytest.mark.parametrize(("value", "expected"), [(0.5, 1), (1.4999, 1), (2.5, 3), (28.999999999999996, 29), (0.0, 0)])
def test_round_half_up_matches_javascripts_math_round(value, expected):
    assert round_half_up(value) == expected


@pytest.mark.parametrize(("units", "digits", "places", "expected"), [
    (67_500, 5, 2, "0.68"), (12_500, 5, 2, "0.13"), (12_499, 5, 2, "0.12"), (100_000, 5, 2, "1.00"),
    (350, 3, 3, "0.350"), (7, 2, 2, "0.07"), (0, 5, 2, "0.00"),
])
def test_fixed_text_rounds_halves_up_on_exact_units(units, digits, places, expected):
    assert fixed_text(units, digits, places) == expected


def test_to_units_reads_decimals_that_binary_floats_cannot_hold():
    assert [to_units(0.29, 100), to_units(0.57, 100), to_units(12.5, 2), to_units(42, 100)] == [29, 57, 25, 4200]


def test_role_fit_report_lists_ratings_answers_context_result_and_rows_ranked_by_match(small):
    """Alpha's profile is (1, 1, 1, 0.33, 0.33) and Beta's (0.33, 0.33, 0.33, 1, 1); choosing users over evals
    moves U up (clamped at 1) and depth down by 0.1, so the profile is (0.50, 0.25, 1, 0, 0.40)."""
    setup = dataclasses.asdict(role_fit_setup(small, PAGE))
    report = js.run("return core.roleFitReport(input, [50, 25, 100, 0, 50], [0, null], 'discovery-heavy');", setup)
    assert report["facts"] == [["Strategy rating", "0.50"], ["Operations rating", "0.25"],
                               ["User discovery rating", "1.00"], ["Data and evaluation rating", "0.00"],
                               ["Depth rating", "0.50"], ["Trade-off 1", "Users."], ["Trade-off 2", "not answered"],
                               ["Team context", "Discovery heavy"],
                               ["Result", ("Closest job: Alpha, match 0.57. Largest gap: Operations (you 0.25, the job "
                                           "1.00). Where you exceed it most: Depth (you 0.40, the job 0.33).")]]
    assert report["header"] == ["List", "Rank", "Role", "Match", "Article score", "Strategy weight",
                                "Operations weight", "User discovery weight", "Data and evaluation weight",
                                "Weights from"]
    assert report["rows"] == [
        ["Job", "1", "Alpha", "0.57", "0.63", "0.167", "0.167", "0.500", "0.166", "this handbook"],
        ["Skill shape", "1", "Beta", "0.39", "0.62", "0.063", "0.125", "0.562", "0.250", "this handbook"]]


# Earnings ------------------------------------------------------------------------------------------

def test_every_preset_reproduces_the_figure_its_source_states(handbook):
    settings = handbook.tools["earnings"].earnings
    for preset, scenario in zip(settings.presets, earnings_setup(handbook).presets):
        if preset.claimed_weekly is not None:
            assert weekly_cents(scenario.rate_cents, scenario.half_hours) == to_units(preset.claimed_weekly, 100)
        if preset.claimed_annual is not None:
            assert annual_cents(scenario.rate_cents, scenario.half_hours, scenario.weeks) == \
                to_units(preset.claimed_annual, 100)


def test_the_seeds_two_annual_examples():
    assert money_text(annual_cents(3000, 40, 46)) == "$27,600"
    assert money_text(annual_cents(4200, 30, 46)) == "$28,980"


def test_weekly_earnings_of_the_seeds_three_scenarios():
    assert [money_text(weekly_cents(rate * 100, hours * 2)) for rate, hours in [(35, 10), (40, 20), (45, 12)]] == \
        ["$350", "$800", "$540"]


def test_half_cents_round_up_and_money_shows_cents_only_when_there_are_some():
    assert weekly_cents(3333, 3) == 5000  # $33.33 × 1.5 h = $49.995
    assert [money_text(5000), money_text(123_456_78), money_text(5), hours_text(25), hours_text(24)] == \
        ["$50", "$123,456.78", "$0.05", "12.5", "12"]


def test_earnings_report_rows(small):
    report = js.run("return core.earningsReport(input, 4250, 25, 40);", dataclasses.asdict(earnings_setup(small)))
    assert report["rows"] == [["Hourly rate", "$42.50"], ["Billable hours per week", "12.5"],
                              ["Working weeks per year", "40"], ["Weekly earnings", "$531.25"],
                              ["Annual earnings", "$21,250"]]


# Self-check ----------------------------------------------------------------------------------------

ROLES = ["a", "b", "c"]
LEANS = ["a", "b", "c", "a", "b", "c"]


def test_the_roles_with_the_most_ticks_win_and_nothing_wins_before_a_tick():
    every = [list(checked) for checked in itertools.product([False, True], repeat=6)]
    results = js.run("return input.every.map((checked) => core.verdict(checked, input.leans, input.roles));",
                     {"every": every, "leans": LEANS, "roles": ROLES})
    for checked, result in zip(every, results, strict=True):
        counts = [sum(tick for tick, lean in zip(checked, LEANS) if lean == role) for role in ROLES]
        if not any(checked):
            assert result == []
        else:
            assert result == [role for role, count in zip(ROLES, counts) if count == max(counts)], checked


def test_the_real_checklist_covers_every_job_and_only_jobs_evenly(handbook):
    setup = self_check_setup(handbook)
    jobs = [role.id for role in handbook.roles.values() if role.kind == "role"]
    assert [role.id for role in setup.roles] == jobs
    counts = {job: [s.leans for s in setup.statements].count(job) for job in jobs}
    assert len(set(counts.values())) == 1 and min(counts.values()) >= 2


def test_no_statement_names_the_job_it_points_to(handbook):
    setup = self_check_setup(handbook)
    names = [role.name.lower() for role in handbook.roles.values()]
    for statement in setup.statements:
        assert not any(name in statement.text.lower() for name in names), statement.text


def test_consecutive_statements_point_to_different_jobs(handbook):
    leans = [s.leans for s in self_check_setup(handbook).statements]
    assert all(first != second for first, second in itertools.pairwise(leans))


def test_the_static_page_gives_no_answer_beside_any_statement(handbook):
    html = self_check_tool(handbook, "tools/self-check.md")
    checklist = html[html.index('id="self-check-list"'):html.index("</fieldset>")]
    for role in handbook.roles.values():
        assert role.name not in checklist


def test_self_check_report(small):
    ticks = [[True, False, False, False], [True, True, False, False], [False] * 4]
    reports = js.run("return input.ticks.map((checked) => core.selfCheckReport(input.setup, checked));",
                     {"setup": dataclasses.asdict(self_check_setup(small)), "ticks": ticks})
    assert reports[0]["facts"] == [["Result", "Alpha"]]
    assert reports[0]["rows"] == [["1", "I like open problems.", "Alpha", "yes"],
                                  ["2", "I like scoring answers.", "Beta", "no"],
                                  ["3", "I run cheap experiments.", "Alpha", "no"],
                                  ["4", "I read every rubric twice.", "Beta", "no"]]
    assert reports[1]["facts"] == [["Result", "Alpha and Beta"]]
    assert reports[2]["facts"] == [["Result", "No statement ticked yet"]]


# Keeping a result ----------------------------------------------------------------------------------

REPORT = {"title": "Fit | test", "facts": [["Team context", "Early\nstage"]], "header": ["Role", "Score"],
          "rows": [["A|B", "0.50"], ["=cmd", 'say "hi", twice'], ["<script>x</script>", "{{ 7*7 }}"],
                   ["=cmd|' /C calc'!A0", "@SUM(1)"], ["+1", "-1"]]}


def test_markdown_escapes_pipes_and_folds_line_breaks():
    assert js.run("return core.reportMarkdown(input, 'http://127.0.0.1/tools/?s=1');", REPORT) == (
        "## Fit \\| test\n\n- Team context: Early stage\n- Link: http://127.0.0.1/tools/?s=1\n\n"
        "| Role | Score |\n| --- | --- |\n| A\\|B | 0.50 |\n| =cmd | say \"hi\", twice |\n"
        "| <script>x</script> | {{ 7*7 }} |\n| =cmd\\|' /C calc'!A0 | @SUM(1) |\n| +1 | -1 |\n")


def test_csv_repeats_the_facts_on_every_row_quotes_and_defuses_formulas():
    assert js.run("return core.reportCsv(input);", REPORT) == (
        'Team context,Role,Score\r\n"Early\nstage",A|B,0.50\r\n"Early\nstage",\'=cmd,"say ""hi"", twice"\r\n'
        '"Early\nstage",<script>x</script>,{{ 7*7 }}\r\n"Early\nstage",\'=cmd|\' /C calc\'!A0,\'@SUM(1)\r\n'
        '"Early\nstage",\'+1,\'-1\r\n')


# Where Python and JavaScript both need a formula ---------------------------------------------------

SHARED_FIT = """
return input.cases.map(([ratings, contextId]) => {
  const context = input.setup.contexts.find((item) => item.id === contextId);
  const lists = core.rankByKind(input.setup.roles, ratings, context, ["role", "shape"]);
  const rows = lists.map(([kind, ranked]) => [kind, ranked.map((item) =>
    [item.role.id, item.weights, item.units, core.fixedText(item.units, core.FIT_DIGITS, 2)])]);
  const jobs = lists[0][1];
  const ahead = core.lead(jobs[0], jobs[1], ratings);
  return [rows, [ahead.gap, ahead.dimension]];
});"""
SHARED_EARNINGS = """
return input.map(([rate, halfHours, weeks]) => {
  const weekly = core.weeklyCents(rate, halfHours);
  const annual = core.annualCents(rate, halfHours, weeks);
  return [weekly, annual, core.moneyText(weekly), core.moneyText(annual), core.hoursText(halfHours),
    core.fixedText(rate, 2, 2)];
});"""


def test_python_and_javascript_agree_on_shared_cases(handbook):
    """The one place the two languages must agree: a page's worked example, printed by the build, and the
    same formula live in the page. Every team context for the data's example, the extremes and a seeded
    sample of ratings (fit score, ranking, lead, rounding), and every preset with a sample of rates, hours
    and weeks (earnings, half cents, money and hours text)."""
    setup = role_fit_setup(handbook, PAGE)
    rng = random.Random(20260501)
    ratings = [setup.example, (0, 0, 0, 0), (100, 100, 100, 100), (50, 50, 50, 50),
               *(tuple(rng.randint(0, 100) for _ in range(4)) for _ in range(40))]
    cases = [(list(rating), context.id) for rating in ratings for context in setup.contexts]
    python = []
    for rating, context_id in cases:
        context = next(item for item in setup.contexts if item.id == context_id)
        lists = rank_by_kind(setup.roles, rating, context, ["role", "shape"])
        rows = [[kind, [[item.role.id, list(item.weights), item.units, fixed_text(item.units, FIT_DIGITS, 2)]
                        for item in ranked]] for kind, ranked in lists]
        ahead = lead(lists[0][1][0], lists[0][1][1], rating)
        python.append([rows, [ahead.gap, ahead.dimension]])
    assert js.run(SHARED_FIT, {"setup": dataclasses.asdict(setup), "cases": cases}) == python

    money = [(p.rate_cents, p.half_hours, p.weeks or 46) for p in earnings_setup(handbook).presets]
    money += [(3333, 3, 1), (0, 0, 0), (1_000_000, 200, 52), (5, 1, 1)]
    money += [(rng.randint(0, 1_000_000), rng.randint(0, 200), rng.randint(0, 52)) for _ in range(200)]
    assert js.run(SHARED_EARNINGS, money) == [
        [weekly_cents(r, h), annual_cents(r, h, w), money_text(weekly_cents(r, h)), money_text(annual_cents(r, h, w)),
         hours_text(h), fixed_text(r, 2, 2)] for r, h, w in money]


# Data ----------------------------------------------------------------------------------------------

def test_the_tool_fixtures_load(small):
    assert sorted(small.tools) == ["earnings", "role-fit", "self-check"]


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("role-fit.yaml", "key: operations", "key: strategy",
     ("data/tools/role-fit.yaml:4:1: role_fit: dimensions must be strategy, operations, user_discovery, "
      "data_evaluation, in that order; got strategy, strategy, user_discovery, data_evaluation")),
    ("role-fit.yaml", "user_discovery: 3", "user_discovery: 0",
     ("data/tools/role-fit.yaml:12:117: role_fit.contexts[1].multipliers.user_discovery: "
      "expected a number at least 0.1; got 0")),
    ("role-fit.yaml", "{text: Run., dimension: operations}", "{text: Run., dimension: strategy}",
     ("data/tools/role-fit.yaml:4:1: role_fit: match.trade_offs[1]: the two options lean toward the same dimension "
      "'strategy'; a trade-off sets two against each other")),
    ("role-fit.yaml", "{text: Run., dimension: operations}", "{text: Run., dimension: reach}",
     ("data/tools/role-fit.yaml:4:1: role_fit: match.trade_offs[1]: unknown dimension 'reach'; expected one of "
      "strategy, operations, user_discovery, data_evaluation, depth")),
    ("role-fit.yaml", "pillars: [evaluation], letter: R", "pillars: [evaluation], letter: S",
     "data/tools/role-fit.yaml:4:1: role_fit: each dimension letter id must be unique; repeated: S"),
    ("earnings.yaml", "start: full-year", "start: weekly-only",
     "data/tools/earnings.yaml:4:1: earnings: start preset 'weekly-only' gives no weeks; open with one that does"),
    ("earnings.yaml", "source: source-two", "source: source-nine",
     ("data/tools/earnings.yaml:8:95: earnings.presets[1].source: unknown source 'source-nine'; "
      "expected one of source-one, source-two; did you mean 'source-one'?")),
    ("self-check.yaml", "I read every rubric twice., leans: beta", "I read every rubric twice., leans: alpha",
     "data/tools/self-check.yaml:4:1: self_check: every role needs the same number of statements; found alpha 3, beta 1"),
    ("self-check.yaml", "leans: beta}\n    - {text: I run", "leans: gamma}\n    - {text: I run",
     ("data/tools/self-check.yaml:7:39: self_check.statements[1].leans: unknown role 'gamma'; "
      "expected one of alpha, beta")),
])
def test_bad_tool_settings_are_reported_with_file_line_and_field(tmp_path, monkeypatch, file, old, new, expected):
    data = fixture_data(tmp_path)
    path = data / "tools" / file
    path.write_text(path.read_text().replace(old, new))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as caught:
        load_handbook(Path("data"), TEMPLATES)
    assert expected in [str(error) for error in caught.value.errors]


def test_a_tool_file_with_another_tools_section_says_which_section_it_needs(tmp_path, monkeypatch):
    data = fixture_data(tmp_path)
    role_fit = (data / "tools" / "role-fit.yaml").read_text()
    (data / "tools" / "self-check.yaml").write_text(role_fit.replace("id: role-fit", "id: self-check"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as caught:
        load_handbook(Path("data"), TEMPLATES)
    assert [str(error) for error in caught.value.errors] == [
        "data/tools/self-check.yaml:2:1: the self-check tool needs its settings under 'self_check:'"]


def test_hostile_statement_text_reaches_the_page_and_its_json_as_inert_text(tmp_path):
    data = fixture_data(tmp_path)
    path = data / "tools" / "self-check.yaml"
    path.write_text(path.read_text().replace("I like scoring answers.", "'</script><script>alert(1)</script> {{ 7*7 }}'"))
    html = self_check_tool(load_handbook(data, TEMPLATES), "tools/self-check.md")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e {{ 7*7 }}" in html
    assert "<script>alert" not in html
