#!/usr/bin/env python3
"""Generates c/large.c: a deterministic large C program for the twasm benchmarks.

The output has NUM_FUNCS distinct small functions of varied shapes (straight-line arithmetic,
branches, switches, counted loops, memory reads/writes on a global array, 64-bit arithmetic,
f64 arithmetic, calls to other functions) and a run() that calls every one of them twice (from
two call sites) in each of ROUNDS rounds, accumulating a checksum. It exists to measure parse,
validation, instantiation and warm-up (many functions reaching compilation thresholds) costs of
a Wasm engine.

Usage: python3 gen/large_program.py > c/large.c   (output depends only on SEED)
All arithmetic is unsigned (wrapping), shifts use constant counts 1..31, divisors are non-zero
and f64->int conversions stay in range, so the program has no undefined behaviour.
"""
import random
import sys

SEED = 20240611
NUM_FUNCS = 2000
GROUP = 100          # functions called per group function
ROUNDS = 360
MEM_WORDS = 1024


def u32(rng):
    return rng.getrandbits(32)


def odd(rng):
    return rng.getrandbits(32) | 1


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.leaves = []   # indices of functions that call nothing
        self.out = []

    def expr_step(self, var, other):
        """One random in-place update of `var` using `other` and constants."""
        r = self.rng
        k = r.randrange(12)
        if k == 0:
            return f"{var} = {var} * 0x{odd(r):08x}u + {other};"
        if k == 1:
            return f"{var} ^= {var} >> {r.randrange(1, 32)};"
        if k == 2:
            return f"{var} = ROTL({var}, {r.randrange(1, 32)}) + 0x{u32(r):08x}u;"
        if k == 3:
            return f"{var} += {other} ^ 0x{u32(r):08x}u;"
        if k == 4:
            return f"{var} -= ({other} << {r.randrange(1, 32)}) | {r.randrange(1, 1000)}u;"
        if k == 5:
            return f"{var} = ({var} & 0x{u32(r):08x}u) | ({other} & 0x{u32(r):08x}u);"
        if k == 6:
            return f"{var} = {var} / {r.randrange(2, 5000)}u + {other};"
        if k == 7:
            return f"{var} = {var} % {r.randrange(3, 70000)}u * 0x{odd(r):05x}u + ({other} >> {r.randrange(1, 32)});"
        if k == 8:
            return f"{var} = ({var} < {other}) ? {var} + 0x{u32(r):08x}u : {var} - {other};"
        if k == 9:
            return f"{var} = ~{var} ^ ({other} * {r.randrange(3, 99)}u);"
        if k == 10:
            return f"{var} += ({var} >> {r.randrange(1, 16)}) * {r.randrange(2, 9)}u;"
        return f"{var} = ({var} ^ {other}) * 0x{odd(r):08x}u;"

    def steps(self, n, var="x", other="y", indent="    "):
        return "\n".join(indent + self.expr_step(var, other) for _ in range(n))

    def body(self, i):
        r = self.rng
        shape = r.randrange(9)
        if shape == 7 and len(self.leaves) < 4:
            shape = 0
        lines = []
        if shape != 7:
            self.leaves.append(i)
        if shape == 0:  # straight-line arithmetic
            lines.append("    uint32_t x = a, y = b;")
            lines.append(self.steps(r.randrange(4, 10)))
            lines.append(self.steps(r.randrange(2, 5), "y", "x"))
            lines.append("    return x ^ y;")
        elif shape == 1:  # if/else chains
            lines.append("    uint32_t x = a ^ 0x%08xu, y = b;" % u32(r))
            lines.append("    if ((x & 0x%xu) == 0x%xu) {" % ((m := r.randrange(1, 64)), m & r.randrange(64)))
            lines.append(self.steps(r.randrange(2, 5), indent="        "))
            lines.append("    } else if (y > 0x%08xu) {" % u32(r))
            lines.append(self.steps(r.randrange(2, 5), indent="        "))
            lines.append("    } else {")
            lines.append(self.steps(r.randrange(1, 4), "y", "x", indent="        "))
            lines.append("    }")
            lines.append("    return x + y * %du;" % r.randrange(3, 200))
        elif shape == 2:  # switch
            ncases = r.randrange(4, 9)
            lines.append("    uint32_t x = a, y = b ^ 0x%08xu;" % u32(r))
            lines.append("    switch ((x ^ (y >> %d)) %% %du) {" % (r.randrange(1, 20), ncases + 1))
            for c in range(ncases):
                lines.append("    case %d:" % c)
                lines.append(self.steps(r.randrange(1, 4), indent="        "))
                lines.append("        break;")
            lines.append("    default:")
            lines.append(self.steps(1, "y", "x", indent="        "))
            lines.append("    }")
            lines.append("    return x ^ y;")
        elif shape == 3:  # counted loop
            lines.append("    uint32_t x = a, y = b;")
            lines.append("    uint32_t n = (a & %du) + %du;" % (r.choice([3, 7, 15]), r.randrange(1, 6)))
            lines.append("    for (uint32_t i = 0; i < n; i++) {")
            lines.append("        y += i * 0x%08xu;" % odd(r))
            lines.append(self.steps(r.randrange(2, 5), indent="        "))
            lines.append("    }")
            lines.append("    return x - y;")
        elif shape == 4:  # memory reads and writes on g_mem
            lines.append("    uint32_t x = a, y = b;")
            lines.append("    uint32_t p = (a ^ 0x%08xu) & %du;" % (u32(r), MEM_WORDS - 1))
            for _ in range(r.randrange(2, 5)):
                lines.append("    x += g_mem[(p + %du) & %du];" % (r.randrange(MEM_WORDS), MEM_WORDS - 1))
                lines.append(self.steps(1))
            lines.append("    g_mem[(b * %du) & %du] = x ^ y;" % (odd(r) & 0xFFFF, MEM_WORDS - 1))
            lines.append("    return x + g_mem[(p * 3u) & %du];" % (MEM_WORDS - 1))
        elif shape == 5:  # 64-bit arithmetic
            lines.append("    uint64_t w = ((uint64_t)a << 32) | b;")
            for _ in range(r.randrange(3, 7)):
                k = r.randrange(4)
                if k == 0:
                    lines.append("    w = w * 0x%016xull + 0x%xull;" % (r.getrandbits(64) | 1, r.getrandbits(40)))
                elif k == 1:
                    lines.append("    w ^= w >> %d;" % r.randrange(1, 64))
                elif k == 2:
                    lines.append("    w = (w << %d) | (w >> %d);" % ((s := r.randrange(1, 64)), 64 - s))
                else:
                    lines.append("    w += w / 0x%xull;" % r.randrange(3, 1 << 30))
            lines.append("    return (uint32_t)w ^ (uint32_t)(w >> 32);")
        elif shape == 6:  # f64 arithmetic, values kept well inside the int32 range
            lines.append("    double d = (double)(a & 0xFFFFu) * %d.0 + (double)(b & 0xFFFu) / %d.0;"
                         % (r.randrange(1, 2000), r.randrange(1, 300)))
            for _ in range(r.randrange(1, 4)):
                k = r.randrange(3)
                if k == 0:
                    lines.append("    d = d * 0.%03d + %d.25;" % (r.randrange(1, 999), r.randrange(1000)))
                elif k == 1:
                    lines.append("    d = d / %d.5 - %d.0;" % (r.randrange(1, 50), r.randrange(1000)))
                else:
                    lines.append("    d = (d > %d.0) ? d - %d.0 : d * 1.5;" % (r.randrange(1 << 20), r.randrange(1 << 16)))
            lines.append("    return (uint32_t)(int32_t)d ^ (b * 0x%08xu);" % odd(r))
        elif shape == 7:  # calls to one or two leaf functions
            callees = r.sample(self.leaves[-200:], r.randrange(1, 3))
            lines.append("    uint32_t x = a, y = b;")
            for c in callees:
                lines.append("    x ^= f%d(y + 0x%08xu, x);" % (c, u32(r)))
                lines.append(self.steps(1))
            lines.append("    return x + y;")
        else:  # small local array reduction
            n = r.randrange(4, 9)
            lines.append("    uint32_t v[%d];" % n)
            lines.append("    uint32_t x = a, y = b;")
            lines.append("    for (int i = 0; i < %d; i++) { x = x * 0x%08xu + y; v[i] = x >> %d; }"
                         % (n, odd(r), r.randrange(1, 16)))
            lines.append("    for (int i = %d; i > 0; i--) y += v[i - 1] * (uint32_t)i ^ v[(i + %d) %% %d];"
                         % (n, r.randrange(1, n), n))
            lines.append("    return x ^ y;")
        return "\n".join(lines)

    def generate(self):
        r = self.rng
        o = self.out
        o.append("/* large: a GENERATED program (gen/large_program.py, seed %d; do not edit by hand) of %d"
                 % (SEED, NUM_FUNCS))
        o.append(" * small functions of varied shapes (arithmetic, branches, switches, loops, memory, i64,")
        o.append(" * f64, calls), each called twice from run() in each of %d rounds." % ROUNDS)
        o.append(" * Stresses: module parsing, validation and instantiation of a large code section, and")
        o.append(" * warm-up: thousands of functions each reaching compilation thresholds. */")
        o.append("#include <stdint.h>")
        o.append("#include <string.h>")
        o.append("")
        o.append("#define ROTL(v, k) (((v) << (k)) | ((v) >> (32 - (k))))")
        o.append("#define NOINLINE __attribute__((noinline))")
        o.append("")
        o.append("static uint32_t g_mem[%d];" % MEM_WORDS)
        o.append("static uint32_t g_mem_init[%d];" % MEM_WORDS)
        o.append("")
        for i in range(NUM_FUNCS):
            o.append("static NOINLINE uint32_t f%d(uint32_t a, uint32_t b) {" % i)
            o.append(self.body(i))
            o.append("}")
            o.append("")
        # Every function gets two call sites (one in a group_a, one in a group_b function):
        # binaryen's wasm-opt, which clang runs at link time, inlines every function that has
        # a single call site, which would collapse the program into a few huge functions.
        ngroups = (NUM_FUNCS + GROUP - 1) // GROUP
        for variant in ("a", "b"):
            for g in range(ngroups):
                o.append("static NOINLINE uint32_t group_%s%d(uint32_t h, uint32_t r) {" % (variant, g))
                for i in range(g * GROUP, min(NUM_FUNCS, (g + 1) * GROUP)):
                    if variant == "a":
                        o.append("    h = (h ^ f%d(h + 0x%08xu, r ^ 0x%08xu)) * 0x01000193u;" % (i, u32(r), u32(r)))
                    else:
                        o.append("    h = (h + f%d(r * 0x%08xu, h ^ 0x%08xu)) ^ (h >> 7);" % (i, odd(r), u32(r)))
                o.append("    return h;")
                o.append("}")
                o.append("")
        o.append("void setup(void) {")
        o.append("    uint32_t x = 0x%08xu;" % (u32(r) | 1))
        o.append("    for (int i = 0; i < %d; i++) {" % MEM_WORDS)
        o.append("        x ^= x << 13;")
        o.append("        x ^= x >> 17;")
        o.append("        x ^= x << 5;")
        o.append("        g_mem_init[i] = x;")
        o.append("    }")
        o.append("}")
        o.append("")
        o.append("uint32_t run(void) {")
        o.append("    memcpy(g_mem, g_mem_init, sizeof g_mem);")
        o.append("    uint32_t h = 0x811c9dc5u;")
        o.append("    for (uint32_t r = 0; r < %du; r++) {" % ROUNDS)
        for g in range(ngroups):
            o.append("        h = group_a%d(h, r);" % g)
        for g in range(ngroups):
            o.append("        h = group_b%d(h, r);" % g)
        o.append("    }")
        o.append("    for (int i = 0; i < %d; i++) h = (h ^ g_mem[i]) * 0x01000193u;" % MEM_WORDS)
        o.append("    return h;")
        o.append("}")
        return "\n".join(o) + "\n"


if __name__ == "__main__":
    sys.stdout.write(Gen(SEED).generate())
