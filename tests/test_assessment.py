"""The data of the "Where am I?" self-assessment, as each built ladder page embeds it (#assess): every job
role's ladder has it, it says what the ladder says, its links open, and its skill-profile format is the
template's own, checked by the schema the site publishes."""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

import jsonschema
import pytest
from lxml import html

from handbook.loader import load_handbook
from handbook.models import Expectation
from handbook.render.assessment import assessment_data, expectation_ids, profile_template
from handbook.render.download_schemas import download_schema
from handbook.render.downloads import json_file, values_for
from handbook.render.html import json_script
from handbook.render.levels import level_pages

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TEMPLATES = ROOT / "templates"
HANDBOOK = load_handbook(ROOT / "data")
LADDERS = sorted(HANDBOOK.levels)


def _page(site: Path, role_id: str):
    return html.parse(str(site / "roles" / role_id / "levels" / "index.html")).getroot()


def _embedded(site: Path, role_id: str) -> dict:
    return json.loads(_page(site, role_id).get_element_by_id("assess-data").text)


def _ladders(site: Path, role_id: str) -> list[dict]:
    """The file of every ladder the page's data points to (one file for all ladder pages)."""
    url = _embedded(site, role_id)["ladders_url"]
    return json.loads((site / posixpath.normpath(posixpath.join(f"roles/{role_id}/levels/", url))).read_text())


def test_every_job_role_with_levels_has_a_ladder_with_the_assessment(built_site):
    job_roles = {role.id for role in HANDBOOK.roles.values() if role.kind == "role"}
    assert set(LADDERS) <= job_roles
    with_section = {path.parent.parent.name for path in (built_site / "roles").glob("*/levels/index.html")
                    if _page(built_site, path.parent.parent.name).xpath("//h2[@id='assess']")}
    assert with_section == set(LADDERS)


@pytest.mark.parametrize("role_id", LADDERS)
def test_the_embedded_data_is_the_ladder_itself(built_site, role_id):
    data = _embedded(built_site, role_id)
    ladder = HANDBOOK.levels[role_id]
    assert data["role"] == {"id": role_id, "name": HANDBOOK.roles[role_id].name}
    assert [step["id"] for step in data["scale"]] == list(HANDBOOK.proficiency_scale)
    assert [pillar["id"] for pillar in data["pillars"]] == list(HANDBOOK.pillars)
    assert [level["id"] for level in data["levels"]] == [level.id for level in ladder.ordered()]
    for embedded, level in zip(data["levels"], ladder.ordered(), strict=True):
        assert [(item["theme"], item["behaviour"]) for item in embedded["expectations"]] == [
            (item.theme, item.behaviour) for item in level.expectations]
        assert embedded["signals"] == level.ready_signals
        assert embedded["crux"] == (level.step_up.crux if level.step_up else None)
    ladders = _ladders(built_site, role_id)
    assert [other["id"] for other in ladders] == list(HANDBOOK.levels)
    for other in ladders:
        for embedded, level in zip(other["levels"], HANDBOOK.levels[other["id"]].ordered(), strict=True):
            scale = list(HANDBOOK.proficiency_scale)
            # 0 marks a pillar outside the role's families, which the level does not ask for.
            assert [scale[int(digit) - 1] if digit != "0" else None for digit in embedded["steps"]] == [
                level.proficiency.get(pillar_id) for pillar_id in HANDBOOK.pillars]
            assert [f"{level.id}.{key}" for key in embedded["keys"]] == expectation_ids(level)


@pytest.mark.parametrize("role_id", LADDERS)
def test_expectation_ids_are_unique_on_every_ladder(role_id):
    ids = [item for level in HANDBOOK.levels[role_id].levels for item in expectation_ids(level)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("role_id", LADDERS)
def test_every_link_in_the_data_opens_a_built_file(built_site, role_id):
    data = _embedded(built_site, role_id)
    base = f"roles/{role_id}/levels/"
    urls = [pillar["url"] for pillar in data["pillars"]]
    urls += [item["url"] for item in data["templates"].values()]
    steps = zip(data["levels"], data["levels"][1:])
    urls += [f"./{lower['id']}-to-{upper['id']}/" for lower, upper in steps if lower["crux"]]
    named = {item for pillar in data["pillars"] for item in pillar["templates"]}
    assert named | {item for level in data["levels"] for item in level["templates"]} <= set(data["templates"])
    urls += [data["profile"][key] for key in ("url", "download_url", "schema_url")]
    # The ladders file's links are relative to the file, in roles/.
    urls += [posixpath.relpath(posixpath.join("roles", other["url"] + level), base)
             for other in _ladders(built_site, role_id) for level in ["", *(item["id"] + "/" for item in other["levels"])]]
    missing = []
    for url in urls:
        target = posixpath.normpath(posixpath.join(base, url.split("#")[0]))
        if not ((built_site / target).is_file() or (built_site / target / "index.html").is_file()):
            missing.append(url)
    assert missing == []


def test_the_format_is_the_skill_profile_download_and_its_published_schema(built_site):
    data = _embedded(built_site, "product-manager")["profile"]
    template = HANDBOOK.templates["skill-profile"]
    assert profile_template(HANDBOOK) is template
    base = "roles/product-manager/levels/"
    schema = built_site / posixpath.normpath(posixpath.join(base, data["schema_url"]))
    assert json.loads(schema.read_text(encoding="utf-8")) == download_schema(template, HANDBOOK)
    blank = built_site / posixpath.normpath(posixpath.join(base, data["download_url"]))
    assert blank.read_bytes() == json_file(template, HANDBOOK, values_for(template, {}), None)
    jsonschema.validate(json.loads(blank.read_bytes()), download_schema(template, HANDBOOK))
    assert (data["id"], data["version"]) == ("skill-profile", template.version)


def test_the_skill_profile_rates_pillars_on_the_levels_scale():
    schema = download_schema(HANDBOOK.templates["skill-profile"], HANDBOOK)
    profile = schema["properties"]["profile"]["properties"]
    assert profile["pillar_levels"] == {"const": list(HANDBOOK.proficiency_scale)}
    assert profile["pillars"]["properties"]["analytics"]["properties"]["level"]["enum"] == [
        *HANDBOOK.proficiency_scale, None]


def _profile(**change) -> dict:
    template = HANDBOOK.templates["skill-profile"]
    document = json.loads(json_file(template, HANDBOOK, values_for(template, {}), None))
    document["profile"].update(change)
    return document


def test_ticks_are_optional_so_profiles_written_before_them_still_validate():
    schema = download_schema(HANDBOOK.templates["skill-profile"], HANDBOOK)
    jsonschema.validate(_profile(), schema)
    level = HANDBOOK.levels["product-manager"].ordered()[0]
    jsonschema.validate(_profile(expectations_met={"product-manager": expectation_ids(level)}), schema)
    for bad in ({"Product Manager": []}, {"product-manager": ["no-dot"]}, {"product-manager": ["a.b", "a.b"]},
                {"product-manager": "a.b"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(_profile(expectations_met=bad), schema)


def test_expectation_ids_follow_the_theme_and_a_repeated_theme_gets_its_own():
    level = HANDBOOK.levels["product-manager"].ordered()[0]
    reworded = level.model_copy(update={"expectations": [
        Expectation(theme=item.theme, behaviour=item.behaviour + " Reworded.") for item in level.expectations]})
    assert expectation_ids(reworded) == expectation_ids(level)
    first = level.expectations[0]
    twice = level.model_copy(update={"expectations": [first, first, *level.expectations[1:]]})
    assert expectation_ids(twice)[:2] == [expectation_ids(level)[0], expectation_ids(level)[0] + "-2"]


def _minimal_with_levels(tmp_path: Path, behaviour: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "levels").mkdir()
    text = (FIXTURES / "levels" / "alpha.yaml").read_text(encoding="utf-8")
    quoted = "'" + behaviour.replace("'", "''") + "'"
    (data / "levels" / "alpha.yaml").write_text(text.replace("behaviour: Does work.", f"behaviour: {quoted}"),
                                                encoding="utf-8")
    return data


def test_hostile_text_in_a_level_stays_data_in_the_embedded_json(tmp_path):
    hostile = "</script><script>alert('x')</script> {{ 7*7 }} & <!--"
    handbook = load_handbook(_minimal_with_levels(tmp_path, hostile), TEMPLATES)
    ladder = next(iter(handbook.levels.values()))
    data = assessment_data(handbook, ladder, lambda target: target)
    text = str(json_script(data))
    assert "<" not in text and ">" not in text and "&" not in text
    assert hostile in [item["behaviour"] for level in json.loads(text)["levels"] for item in level["expectations"]]
    body = next(page.body for page in level_pages(handbook) if page.path.endswith("levels/index.md"))
    assert "</script><script>alert(" not in body


def test_a_handbook_without_a_skill_profile_template_still_has_the_assessment(tmp_path):
    handbook = load_handbook(_minimal_with_levels(tmp_path, "Does work."), TEMPLATES)
    assert profile_template(handbook) is None
    body = next(page.body for page in level_pages(handbook) if page.path.endswith("levels/index.md"))
    assert 'id="assess-tool"' in body and 'id="assess-export"' not in body and 'id="assess-import"' not in body


def test_without_javascript_the_page_explains_the_assessment_needs_it(built_site):
    page = _page(built_site, "product-manager")
    note = page.get_element_by_id("assess-nojs")
    assert "needs JavaScript" in note.text_content() and note.get("hidden") is None
    assert page.get_element_by_id("assess-tool").get("hidden") is not None
