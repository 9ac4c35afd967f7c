"""mkdocs-macros bridge: registers the handbook's section functions as page macros.

A page in docs/ opts in with `render_macros: true` and calls e.g. `{{ skills_table() }}`;
the function gets the validated handbook and the page's path, and returns text.
"""

from __future__ import annotations

from handbook.build import active_build
from handbook.render.sections import MACROS, section


def define_env(env):
    def bind(name, function):
        def macro(*args, **kwargs):
            return section(active_build().handbook, name, env.page.file.src_uri, *args, **kwargs)

        macro.__name__ = name
        macro.__doc__ = function.__doc__
        return macro

    for name, function in MACROS.items():
        env.macro(bind(name, function), name)
