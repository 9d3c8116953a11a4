"""Failures: the library's HRESULT and sentence in Error; wrong argument
types (TypeError) and values (ValueError, OverflowError), never a crash."""
import os

import pytest

import dataspaces


def test_open_failures(tmp_path):
    missing = str(tmp_path / "no-such.dmp")
    with pytest.raises(dataspaces.Error) as e:
        dataspaces.open(missing)
    assert e.value.hresult == 0x80070002  # HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)
    assert missing in str(e.value) and "No such file" in str(e.value)
    assert isinstance(e.value, OSError)
    junk = tmp_path / "junk"
    junk.write_bytes(b"not a dump" * 100)
    with pytest.raises(dataspaces.Error) as e:
        dataspaces.open(junk)  # os.PathLike
    assert str(junk) in str(e.value)
    with pytest.raises(dataspaces.Error):
        dataspaces.open(os.fsencode(str(junk)))


def test_connect_fails_cleanly():
    # Until the remote backend is built the library says so; once it is, a
    # port nobody listens on is refused. Either way: Error with a sentence.
    with pytest.raises(dataspaces.Error) as e:
        dataspaces.connect("127.0.0.1:1")
    assert "127.0.0.1:1" in str(e.value)
    assert e.value.hresult & 0x80000000


def test_attach_failures():
    with pytest.raises(dataspaces.Error) as e:
        dataspaces.attach(os.getpid())  # itself: refused by the library
    assert e.value.hresult == dataspaces.E_INVALIDARG and str(e.value)
    with pytest.raises(dataspaces.Error) as e:
        dataspaces.attach(2 ** 31 - 2)
    assert str(2 ** 31 - 2) in str(e.value)


def test_bad_opener_arguments():
    with pytest.raises(TypeError):
        dataspaces.open(123)
    with pytest.raises(ValueError):
        dataspaces.open("a\0b")
    with pytest.raises(TypeError):
        dataspaces.open("x", True)  # writable is keyword-only
    with pytest.raises(TypeError):
        dataspaces.attach("1")
    with pytest.raises(ValueError):
        dataspaces.attach(-5)
    with pytest.raises(ValueError):
        dataspaces.attach(2 ** 40)
    with pytest.raises(ValueError):
        dataspaces.launch([])
    with pytest.raises(TypeError):
        dataspaces.launch("ls")
    with pytest.raises(TypeError):
        dataspaces.launch([1, 2])
    with pytest.raises(TypeError):
        dataspaces.launch(None)
    with pytest.raises(TypeError):
        dataspaces.connect(b"host:1")
    with pytest.raises(TypeError):
        dataspaces.Target()


def test_bad_method_arguments(live, helper):
    p = helper["ptrs"]
    bad = [
        (TypeError, lambda: live.read("x", 8)),
        (TypeError, lambda: live.read(p)),
        (TypeError, lambda: live.read(p, 8, 9)),
        (TypeError, lambda: live.read(1.5, 8)),
        (TypeError, lambda: live.read(p, None)),
        (OverflowError, lambda: live.read(-1, 8)),
        (OverflowError, lambda: live.read(2 ** 64, 8)),
        (ValueError, lambda: live.read(p, -1)),
        (OverflowError, lambda: live.read(p, 2 ** 64)),
        (TypeError, lambda: live.read_u64()),
        (TypeError, lambda: live.read_u64("p")),
        (OverflowError, lambda: live.read_u64(-8)),
        (TypeError, lambda: live.read_into(p, b"immutable")),
        (TypeError, lambda: live.read_into(p, "str")),
        (TypeError, lambda: live.read_into(p, 5)),
        (OverflowError, lambda: live.read_pointers(p, 2 ** 32)),
        (ValueError, lambda: live.read_pointers(p, -1)),
        (ValueError, lambda: live.read_string(p, 0)),
        (ValueError, lambda: live.read_wstring(p, 1)),
        (LookupError, lambda: live.read_string(helper["hello"], encoding="no-such-codec")),
        (TypeError, lambda: live.write(p, "str")),
        (TypeError, lambda: live.write(p, 5)),
        (ValueError, lambda: live.fill(p, 8, b"")),
        (TypeError, lambda: live.fill(p, 8, "x")),
        (TypeError, lambda: live.search("str")),
        (ValueError, lambda: live.search(b"")),
        (ValueError, lambda: live.search(b"ab", granularity=0)),
        (ValueError, lambda: live.search(b"abc", granularity=2)),
        (ValueError, lambda: live.search(b"ab", 0, -1)),
        (TypeError, lambda: live.regions("0")),
        (OverflowError, lambda: live.query(-1)),
        (ValueError, lambda: setattr(live, "cache_size", -1)),
        (TypeError, lambda: setattr(live, "cache_size", "big")),
        (AttributeError, lambda: setattr(live, "pointer_size", 4)),
    ]
    for i, (exc, call) in enumerate(bad):
        with pytest.raises(exc):
            call()
            pytest.fail("bad[%d] raised nothing" % i)
    # index-able ints are addresses too
    class Addr:
        def __index__(self):
            return p
    assert live.read_u64(Addr()) == 0x1122334455667788


def test_closed_target(helper):
    t = dataspaces.attach(helper.pid)
    it = t.search(b"never-there-\xff")
    regions = t.regions()
    t.close()
    assert t.closed and "closed" in repr(t)
    t.close()  # twice: nothing
    for call in (lambda: t.read(0, 1), lambda: t.read_u64(0), lambda: t.pointer_size,
                 lambda: t.modules, lambda: t.threads, lambda: next(it), lambda: next(regions),
                 lambda: t.query(0), lambda: t.flush_cache(), lambda: t.write(0, b"x"),
                 lambda: t.search(b"x"), lambda: t.__enter__()):
        with pytest.raises(ValueError):
            call()
    with dataspaces.attach(helper.pid) as t2:
        assert not t2.closed
    assert t2.closed
    # the process runs on after close
    helper.proc.stdin.write("exit\n")
    helper.proc.stdin.flush()
    assert helper.proc.wait(timeout=30) == 0
