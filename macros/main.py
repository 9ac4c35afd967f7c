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
        def macro(*args, _function=function, **kwargs):
            return _function(env.page.file.src_uri, *args, **kwargs)

        macro.__name__ = name
        macro.__doc__ = function.__doc__
        env.macro(macro, name)
