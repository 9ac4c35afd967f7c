"""mkdocs-macros bridge: registers the handbook's section functions as page macros.

A page in docs/ opts in with `render_macros: true` and calls e.g. `{{ skills_table() }}`;
the function gets the validated handbook and the page's path, and returns text.
"""

from __future__ import annotations

from pathlib import Path

from handbook.build import current_build
from handbook.render.sections import MACROS


def define_env(env):
    data_dir = Path(env.conf.config_file_path).parent / "data"

    def bind(function):
        def macro(*args, **kwargs):
            return function(current_build(data_dir).handbook, env.page.file.src_uri, *args, **kwargs)

        macro.__name__ = function.__name__
        macro.__doc__ = function.__doc__
        return macro

    for name, function in MACROS.items():
        env.macro(bind(function), name)
