"""`python3 -m pip install ./python --no-build-isolation` builds and installs
a package that imports and works: here into a scratch directory (--target),
from a copy of python/ (pip builds in the tree it is given), linking the
build's libdataspaces.a as setup.py does by default."""
import os
import shutil
import subprocess
import sys

import dataspaces
import conftest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)                  # python/
CHECKOUT = os.path.dirname(SOURCE)


def test_pip_install(tmp_path, minidump):
    src = tmp_path / "python"
    shutil.copytree(SOURCE, src, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info",
                                                               "__pycache__"))
    site = tmp_path / "site"
    env = dict(os.environ, DATASPACES_STATIC=os.path.join(conftest.BUILD, "libdataspaces.a"),
               DATASPACES_INCLUDE=os.path.join(CHECKOUT, "include"),
               PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INDEX="1")
    if conftest.under_asan():  # the archive is instrumented: link its runtime too
        env["LDFLAGS"] = "-fsanitize=address,undefined"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation",
                        "--no-deps", "--target", str(site), "-q", str(src)],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    installed = os.listdir(site / "dataspaces")
    assert "__init__.pyi" in installed and "py.typed" in installed
    assert any(f.startswith("_dataspaces") and f.endswith(".so") for f in installed)
    check = ("import dataspaces, sys\n"
             "assert dataspaces.__file__.startswith(sys.argv[1]), dataspaces.__file__\n"
             "with dataspaces.open(sys.argv[2]) as t:\n"
             "    print(t.kind, t.read(0x20000000, 4).hex())\n")
    run_env = dict(os.environ, PYTHONPATH=str(site))
    if conftest.PRELOAD:
        run_env["LD_PRELOAD"] = conftest.PRELOAD
    r = subprocess.run([sys.executable, "-c", check, str(site), minidump.path],
                       capture_output=True, text=True, env=run_env, cwd=str(tmp_path), timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    start, data = [(s, d) for s, d in minidump.ranges if s == 0x20000000][0]
    assert r.stdout.split() == ["minidump", data[:4].hex()]
    assert dataspaces.__file__ != str(site)  # this interpreter still uses the build's
