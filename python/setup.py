"""Builds the extension dataspaces._dataspaces (pyproject.toml holds the
rest). Which libdataspaces it links, first found wins:

1. DATASPACES_STATIC=/path/to/libdataspaces.a: that archive, linked in
   (its headers from DATASPACES_INCLUDE, default ../include).
2. ../build/libdataspaces.a of this checkout (`make lib` first): linked in,
   so the installed module needs no libdataspaces.so at run time.
3. pkg-config dataspaces (after `make install`): the shared library,
   found at run time by the loader (the library's directory must be one it
   searches, e.g. /usr/local/lib after ldconfig).
"""
import os
import shlex
import subprocess

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def pkg_config(*args):
    try:
        out = subprocess.run(["pkg-config"] + list(args), check=True, capture_output=True,
                             text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return shlex.split(out)


def link_plan():
    static = os.environ.get("DATASPACES_STATIC") or os.path.join(TOP, "build", "libdataspaces.a")
    if os.path.exists(static):
        include = os.environ.get("DATASPACES_INCLUDE") or os.path.join(TOP, "include")
        libelf = pkg_config("--libs", "libelf") or ["-lelf"]
        return dict(include_dirs=[include], extra_objects=[static],
                    extra_link_args=["-Wl,--exclude-libs,ALL", "-pthread"] + libelf)
    cflags, libs = pkg_config("--cflags", "dataspaces"), pkg_config("--libs", "dataspaces")
    if libs is None:
        raise SystemExit("dataspaces: no library to link: run `make lib` in the checkout "
                         "(../build/libdataspaces.a), set DATASPACES_STATIC, or `make install` "
                         "so that pkg-config finds dataspaces")
    return dict(extra_compile_args=cflags, extra_link_args=libs + ["-pthread"])


plan = link_plan()
sources = sorted(os.path.join("src", f) for f in os.listdir(os.path.join(HERE, "src"))
                 if f.endswith(".c"))
setup(ext_modules=[Extension(
    "dataspaces._dataspaces", sources=sources, depends=["src/ext.h"],
    define_macros=[("_GNU_SOURCE", "1")],
    include_dirs=plan.get("include_dirs", []),
    extra_compile_args=["-std=c11", "-fvisibility=hidden"] + plan.get("extra_compile_args", []),
    extra_objects=plan.get("extra_objects", []),
    extra_link_args=plan.get("extra_link_args", []))])
