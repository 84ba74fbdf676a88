"""WeasyPrint's C libraries found from one `ldconfig -p` listing, as ctypes would find them."""

from __future__ import annotations

import subprocess
import sys

from docgen.engines import libraries

LISTING = """3 libs found in cache `/etc/ld.so.cache'
\tlibharfbuzz.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz.so.0
\tlibharfbuzz-subset.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz-subset.so.0
\tlibgobject-2.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgobject-2.0.so.0
"""


def test_a_library_is_found_by_its_soname_and_a_missing_name_is_not(tmp_path, monkeypatch):
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    assert libraries._find("harfbuzz", LISTING) == "libharfbuzz.so.0"
    assert libraries._find("harfbuzz-subset", LISTING) == "libharfbuzz-subset.so.0"
    assert libraries._find("gobject-2.0", LISTING) == "libgobject-2.0.so.0"
    assert libraries._find("gobject-2.0-0", LISTING) is None  # a Windows name
    assert libraries._find("harfbuzz-vector", LISTING) is None
    (tmp_path / "libharfbuzz-vector.so.0").write_bytes(b"")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path))
    assert libraries._find("harfbuzz-vector", LISTING) == str(tmp_path / "libharfbuzz-vector.so.0")


def test_weasyprint_opens_the_same_libraries_as_with_ctypes_search():
    probe = ("import sys; {load}; from weasyprint.text import ffi; "
             "print([name for name in ('harfbuzz_subset', 'harfbuzz_vector') "
             "if getattr(ffi, name) is not None])")
    def opened(load):
        return subprocess.run([sys.executable, "-c", probe.format(load=load)], capture_output=True,
                              text=True, check=True).stdout
    quick = opened("from docgen.engines.libraries import import_weasyprint; import_weasyprint()")
    assert quick == opened("import weasyprint")
    if sys.platform.startswith("linux"):
        assert "harfbuzz_subset" in quick  # the subsetter WeasyPrint wants (else fontTools)
