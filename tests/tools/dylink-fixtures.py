#!/usr/bin/env python3
"""dylink-fixtures.py - write the hand-made side modules the tests use:

  tests/golden/dylink.wasm        a small side module (every dylink.0 subsection,
                                  weak function imports of several C types): the
                                  golden suite checks its emitted X__dylink
  tests/diag/dylink-*.wasm        side modules the translator must reject (the
                                  cli suite checks the exact .err diagnostics)

Run from the repository root after changing this file, then `make test UPDATE=1`
and review the diff.  (tests/binary/dylink/ holds a side module built by real
tools from C; binary.sh covers the other malformed dylink.0 cases in hex.)
"""
import os


def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def name(s):
    b = s.encode() if isinstance(s, str) else s
    return leb(len(b)) + b


def vec(items):
    return leb(len(items)) + b"".join(items)


def sec(id, payload):
    return bytes([id]) + leb(len(payload)) + payload


def custom(nm, payload):
    return sec(0, name(nm) + payload)


def sub(id, payload):  # a dylink.0 subsection
    return bytes([id]) + leb(len(payload)) + payload


HEADER = b"\0asm\x01\0\0\0"
I32, I64 = 0x7F, 0x7E


def functype(params, results):
    return b"\x60" + vec([bytes([t]) for t in params]) + vec([bytes([t]) for t in results])


def imp(mod, field, desc):
    return name(mod) + name(field) + desc


def mem_info(size, align, tsize, talign):
    return sub(1, leb(size) + leb(align) + leb(tsize) + leb(talign))


# The imports every side module has, then its own: globals 0 and 1 are
# __memory_base and __table_base.
BASE_IMPORTS = [
    imp("env", "memory", b"\x02\x00\x01"),
    imp("env", "__indirect_function_table", b"\x01\x70\x00\x01"),
    imp("env", "__memory_base", b"\x03\x7f\x00"),
    imp("env", "__table_base", b"\x03\x7f\x00"),
]


def side_module(dylink, funcs_imports=(), data=b"", data_len=None):
    """A side module: types 0 (i32)->i32, 1 ()->(i32 i64), 2 ()->(); the given
    function imports; own function side_next (type 0) calling import 0; one
    active data segment at __memory_base; one elem segment at __table_base."""
    types = sec(1, vec([functype([I32], [I32]), functype([], [I32, I64]), functype([], [])]))
    imports = sec(2, vec(BASE_IMPORTS + list(funcs_imports)))
    nimp = sum(1 for i in funcs_imports if i[-2] == 0)  # function imports (kind 0, typeidx < 128)
    funcs = sec(3, vec([leb(0)]))
    exports = sec(7, vec([name("side_next") + b"\x00" + leb(nimp)]))
    elems = sec(9, vec([b"\x00\x23\x01\x0b" + vec([leb(nimp)])]))
    body = b"\x00\x20\x00" + (b"\x10\x00" if nimp else b"") + b"\x0b"
    code = sec(10, vec([leb(len(body)) + body]))
    datas = sec(11, vec([b"\x00\x23\x00\x0b" + name(data)]))
    return HEADER + dylink + types + imports + funcs + exports + elems + code + datas


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


WEAK_IMPORTS = [
    imp("env", "maybe", b"\x00\x00"),  # func (i32)->i32, weak
    imp("env", "pair", b"\x00\x01"),  # func ()->(i32 i64), weak
    imp("env", "strong", b"\x00\x02"),  # func ()->(), not weak
    imp("GOT.mem", "weak_data", b"\x03\x7f\x01"),  # weak, but not a function
]

golden = custom(
    "dylink.0",
    mem_info(16, 2, 1, 0)
    + sub(2, vec([name("libdep.so"), name('lib"odd?\\.so')]))
    + sub(3, vec([name("side_next") + leb(1)]))
    + sub(4, vec([
        name("env") + name("maybe") + leb(0x11),
        name("env") + name("pair") + leb(1),
        name("env") + name("strong") + leb(0x10),
        name("GOT.mem") + name("weak_data") + leb(1),
        name("env") + name("maybe") + leb(1),  # again: one stub
    ]))
    + sub(5, vec([name("$ORIGIN/lib")]))
    + sub(9, b"\xff\xff"),  # a later subsection: skipped
)
write("tests/golden/dylink.wasm", side_module(golden, WEAK_IMPORTS, b"hi\0side"))

plain = mem_info(16, 2, 1, 0)
write("tests/diag/dylink-old-format.wasm",
      side_module(custom("dylink", leb(16) + leb(2) + leb(1) + leb(0) + leb(0))))
write("tests/diag/dylink-tls.wasm",
      side_module(custom("dylink.0", plain + sub(3, vec([name("tls_counter") + leb(0x100)])))))
write("tests/diag/dylink-data-past-mem-size.wasm",
      side_module(custom("dylink.0", mem_info(4, 2, 1, 0)), data=b"8 bytes!"))
write("tests/diag/dylink-not-first.wasm",
      HEADER + custom("producers", b"\0") + side_module(custom("dylink.0", plain))[8:])
