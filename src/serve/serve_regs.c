/*
 * serve_regs.c — registers for gdb and lldb: target.xml for the target's
 * machine, and the g / p images taken from the Windows CONTEXT that
 * ds_get_thread_context gives (minidump contexts, ELF NT_PRSTATUS, live
 * threads alike).
 *
 * The descriptions follow gdb's own features (64bit-core.xml +
 * 64bit-sse.xml, 32bit-core.xml + 32bit-sse.xml, aarch64-core.xml +
 * aarch64-fpu.xml), names and types alike, so gdb's i386/amd64/aarch64
 * code accepts them; the register numbers are the order below (for
 * AArch64 gdb's own: x0..x30 0-30, sp 31, pc 32, cpsr 33, v0..v31 34-65,
 * fpsr 66, fpcr 67). A thread without a context reads as zeros (noted
 * once per session).
 */
#include "serve.h"

#include "rsp/rsp.h"

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

enum { SRC_PLAIN = 0, SRC_FXSAVE_TAG };

struct reg {
    const char *name;
    unsigned bits;
    const char *type;
    unsigned feature;   /* 0 core, 1 sse */
    unsigned src_off;   /* in the CONTEXT */
    unsigned src_size;  /* bytes there (zero-extended to bits / 8) */
    unsigned special;
};

#define A(f) offsetof(DS_AMD64_CONTEXT, f)
#define AF(f) (offsetof(DS_AMD64_CONTEXT, FltSave) + offsetof(DS_XMM_SAVE_AREA32, f))
#define GPR64(n, f) {n, 64, "int64", 0, A(f), 8, 0}
#define SEG64(n, f) {n, 32, "int32", 0, A(f), 2, 0}
#define ST(i) {"st" #i, 80, "i387_ext", 0, AF(FloatRegisters) + 16 * (i), 10, 0}
#define XMM64(i) {"xmm" #i, 128, "vec128", 1, AF(XmmRegisters) + 16 * (i), 16, 0}

static const struct reg amd64_regs[] = {
    GPR64("rax", Rax), GPR64("rbx", Rbx), GPR64("rcx", Rcx), GPR64("rdx", Rdx),
    GPR64("rsi", Rsi), GPR64("rdi", Rdi),
    {"rbp", 64, "data_ptr", 0, A(Rbp), 8, 0}, {"rsp", 64, "data_ptr", 0, A(Rsp), 8, 0},
    GPR64("r8", R8), GPR64("r9", R9), GPR64("r10", R10), GPR64("r11", R11),
    GPR64("r12", R12), GPR64("r13", R13), GPR64("r14", R14), GPR64("r15", R15),
    {"rip", 64, "code_ptr", 0, A(Rip), 8, 0}, {"eflags", 32, "int32", 0, A(EFlags), 4, 0},
    SEG64("cs", SegCs), SEG64("ss", SegSs), SEG64("ds", SegDs), SEG64("es", SegEs),
    SEG64("fs", SegFs), SEG64("gs", SegGs),
    ST(0), ST(1), ST(2), ST(3), ST(4), ST(5), ST(6), ST(7),
    {"fctrl", 32, "int", 0, AF(ControlWord), 2, 0},
    {"fstat", 32, "int", 0, AF(StatusWord), 2, 0},
    {"ftag", 32, "int", 0, AF(TagWord), 1, SRC_FXSAVE_TAG},
    {"fiseg", 32, "int", 0, AF(ErrorSelector), 2, 0},
    {"fioff", 32, "int", 0, AF(ErrorOffset), 4, 0},
    {"foseg", 32, "int", 0, AF(DataSelector), 2, 0},
    {"fooff", 32, "int", 0, AF(DataOffset), 4, 0},
    {"fop", 32, "int", 0, AF(ErrorOpcode), 2, 0},
    XMM64(0), XMM64(1), XMM64(2), XMM64(3), XMM64(4), XMM64(5), XMM64(6), XMM64(7),
    XMM64(8), XMM64(9), XMM64(10), XMM64(11), XMM64(12), XMM64(13), XMM64(14), XMM64(15),
    {"mxcsr", 32, "int", 1, AF(MxCsr), 4, 0},
};

/* x86: the integer part from the CONTEXT, the x87 and SSE state from its
   FXSAVE image (ExtendedRegisters). */
#define X(f) offsetof(DS_X86_CONTEXT, f)
#define XF(f) (offsetof(DS_X86_CONTEXT, ExtendedRegisters) + offsetof(DS_XMM_SAVE_AREA32, f))
#define GPR32(n, f) {n, 32, "int32", 0, X(f), 4, 0}
#define ST32(i) {"st" #i, 80, "i387_ext", 0, XF(FloatRegisters) + 16 * (i), 10, 0}
#define XMM32(i) {"xmm" #i, 128, "vec128", 1, XF(XmmRegisters) + 16 * (i), 16, 0}

static const struct reg x86_regs[] = {
    GPR32("eax", Eax), GPR32("ecx", Ecx), GPR32("edx", Edx), GPR32("ebx", Ebx),
    {"esp", 32, "data_ptr", 0, X(Esp), 4, 0}, {"ebp", 32, "data_ptr", 0, X(Ebp), 4, 0},
    GPR32("esi", Esi), GPR32("edi", Edi),
    {"eip", 32, "code_ptr", 0, X(Eip), 4, 0}, GPR32("eflags", EFlags),
    GPR32("cs", SegCs), GPR32("ss", SegSs), GPR32("ds", SegDs), GPR32("es", SegEs),
    GPR32("fs", SegFs), GPR32("gs", SegGs),
    ST32(0), ST32(1), ST32(2), ST32(3), ST32(4), ST32(5), ST32(6), ST32(7),
    {"fctrl", 32, "int", 0, XF(ControlWord), 2, 0},
    {"fstat", 32, "int", 0, XF(StatusWord), 2, 0},
    {"ftag", 32, "int", 0, XF(TagWord), 1, SRC_FXSAVE_TAG},
    {"fiseg", 32, "int", 0, XF(ErrorSelector), 2, 0},
    {"fioff", 32, "int", 0, XF(ErrorOffset), 4, 0},
    {"foseg", 32, "int", 0, XF(DataSelector), 2, 0},
    {"fooff", 32, "int", 0, XF(DataOffset), 4, 0},
    {"fop", 32, "int", 0, XF(ErrorOpcode), 2, 0},
    XMM32(0), XMM32(1), XMM32(2), XMM32(3), XMM32(4), XMM32(5), XMM32(6), XMM32(7),
    {"mxcsr", 32, "int", 1, XF(MxCsr), 4, 0},
};

/* AArch64 from DS_ARM64_CONTEXT: X[29] is x29 (Fp), X[30] x30 (Lr). gdb's
   aarch64-core.xml gives x0..x30 no type (its default: an integer of the
   register's size), which "int" states. */
#define R(f) offsetof(DS_ARM64_CONTEXT, f)
#define XR(i) {"x" #i, 64, "int", 0, R(X) + 8 * (i), 8, 0}
#define VR(i) {"v" #i, 128, "aarch64v", 1, R(V) + 16 * (i), 16, 0}

static const struct reg arm64_regs[] = {
    XR(0), XR(1), XR(2), XR(3), XR(4), XR(5), XR(6), XR(7), XR(8), XR(9), XR(10), XR(11),
    XR(12), XR(13), XR(14), XR(15), XR(16), XR(17), XR(18), XR(19), XR(20), XR(21), XR(22),
    XR(23), XR(24), XR(25), XR(26), XR(27), XR(28), XR(29), XR(30),
    {"sp", 64, "data_ptr", 0, R(Sp), 8, 0}, {"pc", 64, "code_ptr", 0, R(Pc), 8, 0},
    {"cpsr", 32, "cpsr_flags", 0, R(Cpsr), 4, 0},
    VR(0), VR(1), VR(2), VR(3), VR(4), VR(5), VR(6), VR(7), VR(8), VR(9), VR(10), VR(11),
    VR(12), VR(13), VR(14), VR(15), VR(16), VR(17), VR(18), VR(19), VR(20), VR(21), VR(22),
    VR(23), VR(24), VR(25), VR(26), VR(27), VR(28), VR(29), VR(30), VR(31),
    {"fpsr", 32, "fpsr_flags", 1, R(Fpsr), 4, 0}, {"fpcr", 32, "fpcr_flags", 1, R(Fpcr), 4, 0},
};

struct arch {
    uint32_t machine;
    const char *name;
    const char *features[2];
    const char *types[2];   /* each feature's type definitions, before its registers */
    const struct reg *regs;
    size_t count;
    const char *xml;
    const char *xml_linux; /* with gdb's Linux feature (build_xml); NULL: none */
};

#define VEC128_TYPES                                                                       \
    "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"                                \
    "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"                                \
    "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"                                    \
    "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"                                    \
    "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"                                    \
    "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"                                    \
    "<union id=\"vec128\"><field name=\"v4_float\" type=\"v4f\"/>"                         \
    "<field name=\"v2_double\" type=\"v2d\"/><field name=\"v16_int8\" type=\"v16i8\"/>"   \
    "<field name=\"v8_int16\" type=\"v8i16\"/><field name=\"v4_int32\" type=\"v4i32\"/>"  \
    "<field name=\"v2_int64\" type=\"v2i64\"/><field name=\"uint128\" type=\"uint128\"/>" \
    "</union>\n"

/* gdb's aarch64-core.xml and aarch64-fpu.xml types: the PSTATE, FPSR and
   FPCR bit fields, and the V registers' union of lane views. */
#define FIELD(n, a, b) "<field name=\"" n "\" start=\"" #a "\" end=\"" #b "\"/>"
#define ARM64_CORE_TYPES                                                                   \
    "<flags id=\"cpsr_flags\" size=\"4\">" FIELD("SP", 0, 0) FIELD("EL", 2, 3)              \
    FIELD("nRW", 4, 4) FIELD("F", 6, 6) FIELD("I", 7, 7) FIELD("A", 8, 8) FIELD("D", 9, 9)  \
    FIELD("BTYPE", 10, 11) FIELD("SSBS", 12, 12) FIELD("IL", 20, 20) FIELD("SS", 21, 21)     \
    FIELD("PAN", 22, 22) FIELD("UAO", 23, 23) FIELD("DIT", 24, 24) FIELD("TCO", 25, 25)      \
    FIELD("V", 28, 28) FIELD("C", 29, 29) FIELD("Z", 30, 30) FIELD("N", 31, 31)              \
    "</flags>\n"
#define VEC(id, t, n) "<vector id=\"" id "\" type=\"" t "\" count=\"" #n "\"/>"
#define UF(n, t) "<field name=\"" n "\" type=\"" t "\"/>"
#define ARM64_FPU_TYPES                                                                    \
    VEC("v2d", "ieee_double", 2) VEC("v2u", "uint64", 2) VEC("v2i", "int64", 2)             \
    VEC("v4f", "ieee_single", 4) VEC("v4u", "uint32", 4) VEC("v4i", "int32", 4)             \
    VEC("v8f", "ieee_half", 8) VEC("v8u", "uint16", 8) VEC("v8i", "int16", 8)               \
    VEC("v16u", "uint8", 16) VEC("v16i", "int8", 16) VEC("v1u", "uint128", 1)               \
    VEC("v1i", "int128", 1)                                                                 \
    "<union id=\"vnd\">" UF("f", "v2d") UF("u", "v2u") UF("s", "v2i") "</union>"              \
    "<union id=\"vns\">" UF("f", "v4f") UF("u", "v4u") UF("s", "v4i") "</union>"              \
    "<union id=\"vnh\">" UF("f", "v8f") UF("u", "v8u") UF("s", "v8i") "</union>"              \
    "<union id=\"vnb\">" UF("u", "v16u") UF("s", "v16i") "</union>"                          \
    "<union id=\"vnq\">" UF("u", "v1u") UF("s", "v1i") "</union>"                            \
    "<union id=\"aarch64v\">" UF("d", "vnd") UF("s", "vns") UF("h", "vnh") UF("b", "vnb")     \
    UF("q", "vnq") "</union>\n"                                                             \
    "<flags id=\"fpsr_flags\" size=\"4\">" FIELD("IOC", 0, 0) FIELD("DZC", 1, 1)            \
    FIELD("OFC", 2, 2) FIELD("UFC", 3, 3) FIELD("IXC", 4, 4) FIELD("IDC", 7, 7)             \
    FIELD("QC", 27, 27) FIELD("V", 28, 28) FIELD("C", 29, 29) FIELD("Z", 30, 30)             \
    FIELD("N", 31, 31) "</flags>\n"                                                         \
    "<flags id=\"fpcr_flags\" size=\"4\">" FIELD("FIZ", 0, 0) FIELD("AH", 1, 1)             \
    FIELD("NEP", 2, 2) FIELD("IOE", 8, 8) FIELD("DZE", 9, 9) FIELD("OFE", 10, 10)           \
    FIELD("UFE", 11, 11) FIELD("IXE", 12, 12) FIELD("IDE", 15, 15) FIELD("FZ16", 19, 19)     \
    FIELD("RMode", 22, 23) FIELD("FZ", 24, 24) FIELD("DN", 25, 25) FIELD("AHP", 26, 26)      \
    "</flags>\n"

#define XML_CAP 16384
static char amd64_xml[XML_CAP], x86_xml[XML_CAP], arm64_xml[XML_CAP];
static char amd64_linux_xml[XML_CAP], x86_linux_xml[XML_CAP];

static const struct arch arches[] = {
    {IMAGE_FILE_MACHINE_AMD64, "i386:x86-64", {"org.gnu.gdb.i386.core", "org.gnu.gdb.i386.sse"},
     {"", VEC128_TYPES}, amd64_regs, sizeof amd64_regs / sizeof amd64_regs[0], amd64_xml,
     amd64_linux_xml},
    {IMAGE_FILE_MACHINE_I386, "i386", {"org.gnu.gdb.i386.core", "org.gnu.gdb.i386.sse"},
     {"", VEC128_TYPES}, x86_regs, sizeof x86_regs / sizeof x86_regs[0], x86_xml, x86_linux_xml},
    {IMAGE_FILE_MACHINE_ARM64, "aarch64", {"org.gnu.gdb.aarch64.core", "org.gnu.gdb.aarch64.fpu"},
     {ARM64_CORE_TYPES, ARM64_FPU_TYPES}, arm64_regs, sizeof arm64_regs / sizeof arm64_regs[0],
     arm64_xml, NULL},
};

/* Append to a fixed buffer; past its end the text is cut (the tests check
   every document ends with </target>, so a cut one cannot go unnoticed). */
static void append(char *out, size_t cap, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void append(char *out, size_t cap, size_t *n, const char *fmt, ...)
{
    if (*n >= cap - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(out + *n, cap - *n, fmt, ap);
    va_end(ap);
    *n = k < 0 || (size_t)k >= cap - *n ? cap - 1 : *n + (size_t)k;
}

static void build_xml(const struct arch *a, char *out, size_t cap, bool linux_abi)
{
    size_t n = 0;
    append(out, cap, &n,
           "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
           "<target version=\"1.0\">\n<architecture>%s</architecture>\n",
           a->name);
    for (unsigned f = 0; f < 2; f++) {
        append(out, cap, &n, "<feature name=\"%s\">\n%s", a->features[f], a->types[f]);
        for (size_t i = 0; i < a->count; i++)
            if (a->regs[i].feature == f)
                append(out, cap, &n,
                       "<reg name=\"%s\" bitsize=\"%u\" type=\"%s\" regnum=\"%zu\"/>\n",
                       a->regs[i].name, a->regs[i].bits, a->regs[i].type, i);
        append(out, cap, &n, "</feature>\n");
    }
    /* gdb's Linux ABI for x86 sets itself up (info proc, svr4 libraries)
       only when this feature is there; its one register follows the
       others and reads as unavailable (serve_register_hex). Not for a
       Windows target: gdb would then take its libraries for svr4 ones.
       (gdb's aarch64 needs no such feature.) */
    bool wide = a->machine == IMAGE_FILE_MACHINE_AMD64;
    if (linux_abi)
        append(out, cap, &n,
               "<feature name=\"org.gnu.gdb.i386.linux\">\n<reg name=\"%s\" "
               "bitsize=\"%u\" type=\"int\" regnum=\"%zu\"/>\n</feature>\n",
               wide ? "orig_rax" : "orig_eax", wide ? 64u : 32u, a->count);
    append(out, cap, &n, "</target>\n");
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void build_all_xml(void)
{
    for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++) {
        build_xml(&arches[i], (char *)arches[i].xml, XML_CAP, false);
        if (arches[i].xml_linux)
            build_xml(&arches[i], (char *)arches[i].xml_linux, XML_CAP, true);
    }
}

static const struct arch *arch_of(ds_target *t)
{
    uint32_t machine = ds_machine(t);
    pthread_once(&xml_once, build_all_xml); /* servers on several threads */
    for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++)
        if (arches[i].machine == machine)
            return &arches[i];
    return NULL;
}

/* A Linux target: one whose modules are served as an svr4 list (a live
   process, an ELF core, a dump of a Linux process: serve_libraries_kind). */
static bool linux_target(ds_target *t)
{
    return serve_libraries_kind(t) == SERVE_LIBS_SVR4;
}

const char *serve_target_xml(ds_target *t)
{
    const struct arch *a = arch_of(t);
    return a ? (a->xml_linux && linux_target(t) ? a->xml_linux : a->xml) : NULL;
}

/* Room for the largest CONTEXT described above. */
#define CONTEXT_CAP DS_CONTEXT_AMD64_SIZE
_Static_assert(DS_CONTEXT_X86_SIZE <= CONTEXT_CAP && DS_CONTEXT_ARM64_SIZE <= CONTEXT_CAP,
               "CONTEXT_CAP holds every CONTEXT");

/* The thread's CONTEXT, zeros when it has none. */
static void load_context(struct serve_session *s, uint32_t tid, uint8_t *ctx, size_t cap)
{
    memset(ctx, 0, cap);
    uint32_t size = ds_thread_context_size(s->t);
    if (size == 0 || size > cap || FAILED(ds_get_thread_context(s->t, tid, ctx, size))) {
        memset(ctx, 0, cap);
        if (!s->noted_no_context && s->note) {
            char text[160];
            snprintf(text, sizeof text,
                     "thread %u has no register context here; its registers read as zeros",
                     tid);
            s->note(s->note_ctx, text);
        }
        s->noted_no_context = true;
    }
}

static size_t reg_hex(const struct reg *r, const uint8_t *ctx, char *out)
{
    uint8_t value[16] = {0};
    unsigned bytes = r->bits / 8;
    if (r->special == SRC_FXSAVE_TAG) {
        /* FXSAVE keeps one bit per register (1 = in use); gdb shows the
           full tag word: two bits each, 3 = empty, 0 = valid. */
        uint8_t abridged = ctx[r->src_off];
        uint32_t full = 0;
        for (unsigned i = 0; i < 8; i++)
            if (!(abridged & (1u << i)))
                full |= 3u << (2 * i);
        memcpy(value, &full, 4);
    } else {
        memcpy(value, ctx + r->src_off, r->src_size < bytes ? r->src_size : bytes);
    }
    return rsp_hex_encode(value, bytes, out);
}

size_t serve_registers_hex(struct serve_session *s, uint32_t tid, char *reply, size_t cap)
{
    const struct arch *a = arch_of(s->t);
    if (!a)
        return 0;
    uint8_t ctx[CONTEXT_CAP];
    load_context(s, tid, ctx, sizeof ctx);
    size_t n = 0;
    for (size_t i = 0; i < a->count && n + 32 <= cap; i++)
        n += reg_hex(&a->regs[i], ctx, reply + n);
    return n;
}

size_t serve_register_hex(struct serve_session *s, uint32_t tid, uint64_t reg, char *reply,
                          size_t cap)
{
    const struct arch *a = arch_of(s->t);
    if (a && a->xml_linux && reg == a->count && cap >= 32 && linux_target(s->t)) {
        /* orig_rax / orig_eax */
        size_t k = a->machine == IMAGE_FILE_MACHINE_AMD64 ? 16 : 8;
        memset(reply, 'x', k);
        return k;
    }
    if (!a || reg >= a->count || cap < 32)
        return 0;
    uint8_t ctx[CONTEXT_CAP];
    load_context(s, tid, ctx, sizeof ctx);
    return reg_hex(&a->regs[reg], ctx, reply);
}
