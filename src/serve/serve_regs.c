/*
 * serve_regs.c — registers for gdb and lldb: target.xml for the target's
 * machine, and the g / p images taken from the Windows CONTEXT that
 * ds_get_thread_context gives (minidump contexts, ELF NT_PRSTATUS, live
 * threads alike).
 *
 * The descriptions follow gdb's own features (64bit-core.xml +
 * 64bit-sse.xml, 32bit-core.xml + 32bit-sse.xml), so gdb's i386/amd64
 * code accepts them; the register numbers are the order below. A thread
 * without a context reads as zeros (noted once per session).
 */
#include "serve.h"

#include "rsp/rsp.h"

#include <pthread.h>
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

struct arch {
    uint32_t machine;
    const char *name;
    const char *features[2];
    const struct reg *regs;
    size_t count;
    const char *xml;
    const char *xml_linux; /* with gdb's Linux feature (build_xml) */
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

static char amd64_xml[8192], x86_xml[8192], amd64_linux_xml[8192], x86_linux_xml[8192];

static const struct arch arches[] = {
    {IMAGE_FILE_MACHINE_AMD64, "i386:x86-64", {"org.gnu.gdb.i386.core", "org.gnu.gdb.i386.sse"},
     amd64_regs, sizeof amd64_regs / sizeof amd64_regs[0], amd64_xml, amd64_linux_xml},
    {IMAGE_FILE_MACHINE_I386, "i386", {"org.gnu.gdb.i386.core", "org.gnu.gdb.i386.sse"},
     x86_regs, sizeof x86_regs / sizeof x86_regs[0], x86_xml, x86_linux_xml},
};

static void build_xml(const struct arch *a, char *out, size_t cap, bool linux_abi)
{
    size_t n = 0;
    n += (size_t)snprintf(out + n, cap - n,
                          "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                          "<target version=\"1.0\">\n<architecture>%s</architecture>\n",
                          a->name);
    for (unsigned f = 0; f < 2; f++) {
        n += (size_t)snprintf(out + n, cap - n, "<feature name=\"%s\">\n%s", a->features[f],
                              f == 1 ? VEC128_TYPES : "");
        for (size_t i = 0; i < a->count; i++)
            if (a->regs[i].feature == f)
                n += (size_t)snprintf(out + n, cap - n,
                                      "<reg name=\"%s\" bitsize=\"%u\" type=\"%s\" regnum=\"%zu\"/>\n",
                                      a->regs[i].name, a->regs[i].bits, a->regs[i].type, i);
        n += (size_t)snprintf(out + n, cap - n, "</feature>\n");
    }
    /* gdb's Linux ABI for x86 sets itself up (info proc, svr4 libraries)
       only when this feature is there; its one register follows the
       others and reads as unavailable (serve_register_hex). Not for a
       Windows target: gdb would then take its libraries for svr4 ones. */
    bool wide = a->machine == IMAGE_FILE_MACHINE_AMD64;
    if (linux_abi)
        n += (size_t)snprintf(out + n, cap - n,
                          "<feature name=\"org.gnu.gdb.i386.linux\">\n<reg name=\"%s\" "
                          "bitsize=\"%u\" type=\"int\" regnum=\"%zu\"/>\n</feature>\n",
                          wide ? "orig_rax" : "orig_eax", wide ? 64u : 32u, a->count);
    snprintf(out + n, cap - n, "</target>\n");
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void build_all_xml(void)
{
    for (size_t i = 0; i < sizeof arches / sizeof arches[0]; i++) {
        build_xml(&arches[i], (char *)arches[i].xml, sizeof amd64_xml, false);
        build_xml(&arches[i], (char *)arches[i].xml_linux, sizeof amd64_xml, true);
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

/* A Linux target: a live process or ELF core; a dump (Breakpad's) or
   remote target whose first module is an ELF image in memory, or, without
   its header there, is named by an absolute path (a PE image is Windows
   whatever its name). The same test as the libraries' choice of svr4. */
static bool linux_target(ds_target *t)
{
    const char *kind = ds_target_kind(t);
    if (strcmp(kind, "live") == 0 || strcmp(kind, "elfcore") == 0)
        return true;
    char name[4] = "";
    uint32_t count = 0, need, got = 0;
    uint64_t base = 0;
    uint8_t magic[4];
    if (FAILED(ds_get_number_modules(t, &count)) || count == 0 ||
        FAILED(ds_get_module(t, 0, &base, NULL, name, sizeof name, &need)))
        return false;
    if (SUCCEEDED(ds_read_virtual(t, base, magic, sizeof magic, &got)) && got == sizeof magic) {
        if (memcmp(magic, "\177ELF", 4) == 0)
            return true;
        if (magic[0] == 'M' && magic[1] == 'Z')
            return false;
    }
    return name[0] == '/';
}

const char *serve_target_xml(ds_target *t)
{
    const struct arch *a = arch_of(t);
    return a ? (linux_target(t) ? a->xml_linux : a->xml) : NULL;
}

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
    uint8_t ctx[DS_CONTEXT_AMD64_SIZE > DS_CONTEXT_X86_SIZE ? DS_CONTEXT_AMD64_SIZE
                                                            : DS_CONTEXT_X86_SIZE];
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
    if (a && reg == a->count && cap >= 32 && linux_target(s->t)) { /* orig_rax / orig_eax */
        size_t k = a->machine == IMAGE_FILE_MACHINE_AMD64 ? 16 : 8;
        memset(reply, 'x', k);
        return k;
    }
    if (!a || reg >= a->count || cap < 32)
        return 0;
    uint8_t ctx[DS_CONTEXT_AMD64_SIZE > DS_CONTEXT_X86_SIZE ? DS_CONTEXT_AMD64_SIZE
                                                            : DS_CONTEXT_X86_SIZE];
    load_context(s, tid, ctx, sizeof ctx);
    return reg_hex(&a->regs[reg], ctx, reply);
}
