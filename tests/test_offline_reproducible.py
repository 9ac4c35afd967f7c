"""The site builds with no network at all, and a second build of the same sources is the same,
byte for byte, in every file."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.slow

DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens there
# Exits 3 when the network is unreachable: a direct socket where the namespace cuts everything,
# a proxy-aware request where only the proxies do.
SOCKET_PROBE = "import socket; socket.create_connection(('pypi.org', 443), timeout=5)"
PROXY_PROBE = "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/', timeout=5)"
PROBE = "import sys\ntry:\n    {}\nexcept OSError:\n    sys.exit(3)"


def network_cut() -> tuple[tuple[str, ...], dict[str, str]]:
    """How to run a command with the network cut: in a new user and network namespace where the
    kernel allows one (only a loopback that is down), else with every proxy at a dead port."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False).returncode == 0:
        return ("unshare", "-rn"), {}
    proxies = {name: DEAD_PROXY for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                                             "http_proxy", "https_proxy", "all_proxy")}
    return (), {**proxies, "NO_PROXY": "", "no_proxy": ""}


def file_hashes(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """Each file only in one build or different between them, one line each."""
    return ([f"only in the first build: {name}" for name in sorted(first.keys() - second.keys())]
            + [f"only in the second build: {name}" for name in sorted(second.keys() - first.keys())]
            + [f"differs: {name}" for name in sorted(first.keys() & second.keys()) if first[name] != second[name]])


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    wrapper, env = network_cut()
    site = tmp_path_factory.mktemp("offline-site")
    result = mkdocs_build(ROOT, site, extra_env=env, wrapper=wrapper)
    assert result.returncode == 0, f"offline build failed:\n{result.stdout}\n{result.stderr}"
    return site


def test_the_network_cut_really_cuts_it():
    """Guards the offline build: a connection made under the same cut fails."""
    wrapper, env = network_cut()
    probe = PROBE.format(PROXY_PROBE if env else SOCKET_PROBE)
    result = subprocess.run([*wrapper, sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False,
                            env={**os.environ, **env})
    assert (result.returncode, result.stderr) == (3, "")


def test_the_site_builds_with_the_network_cut(offline_site):
    assert (offline_site / "index.html").is_file()
    assert (offline_site / "sitemap.xml").is_file()


def test_two_builds_of_the_same_sources_are_byte_identical(offline_site, built_site):
    """The session's build and the offline one were made apart, in two processes, into different folders;
    the build keeps nothing between runs, so both turned the data into pages from scratch."""
    assert differences(file_hashes(built_site), file_hashes(offline_site)) == []


def test_differences_names_every_added_removed_and_changed_file():
    assert differences({"a": "1", "b": "2", "c": "3"}, {"b": "2", "c": "4", "d": "5"}) == [
        "only in the first build: a", "only in the second build: d", "differs: c"]
