"""Kinds of page, by URL path: what the browser walk samples."""

from handbook.pagekinds import OWN_KIND, kind_of, sample_of_kind


def test_each_generated_page_has_its_kind_and_a_hand_written_one_is_its_own():
    assert [kind_of(path) for path in ("roles/pm/", "roles/pm/levels/", "roles/pm/levels/senior-pm/",
                                       "roles/pm/levels/pm-to-senior-pm/", "compare/a-vs-b/", "templates/prd/",
                                       "cases/x/", "roles/pm/levels/senior-pm/hiring/", "interviews/pm/",
                                       "interviews/practice/", "roles/grades/", "", "roles/", "skills/", "print/", "404.html")] == [
        "role", "ladder", "level", "level step", "comparison", "template", "case", "hiring kit", "interview bank",
        OWN_KIND, OWN_KIND, OWN_KIND, OWN_KIND, OWN_KIND, OWN_KIND, OWN_KIND]


def test_a_kind_is_sampled_at_both_ends_and_pages_of_their_own_all_of_them():
    paths = ["roles/c/", "roles/a/", "roles/b/", "skills/", "", "roles/a/levels/"]
    assert sample_of_kind(paths, "role") == ["roles/a/", "roles/c/"]
    assert sample_of_kind(paths, "ladder") == ["roles/a/levels/"]
    assert sample_of_kind(paths, OWN_KIND) == ["", "skills/"]
    assert sample_of_kind(paths, "case") == []
