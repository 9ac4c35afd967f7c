"""mkdocs-macros bridge: registers the handbook's section functions as page macros.

A page in docs/ opts in with `render_macros: true` and calls e.g. `{{ skills_table() }}`; the function
gets this build's handbook (from the `handbook` plugin, which runs first) and the page's path, and
returns text.
"""

from __future__ import annotations

from handbook.render.sections import page_macros


def define_env(env):
    build = env.conf.plugins["handbook"].current()
    for name, function in page_macros(build.handbook, build.template_files).items():
        env.macro(_on_page(env, function), name)


def _on_page(env, function):
    """`function` called with the path of the page being rendered; named and documented as the section
    it renders (mkdocs-macros lists each macro with its signature, so nothing large is bound into it)."""
    def macro(*args, **kwargs):
        return function(env.page.file.src_uri, *args, **kwargs)

    macro.__name__ = function.func.__name__
    macro.__doc__ = function.func.__doc__
    return macro
