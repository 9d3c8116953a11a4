/*
 * disasm.c — `u` (unassemble) in WinDbg's layout, through capstone:
 *
 *   0:000> u app+1000 L3
 *   app+0x1000:
 *   00007ff6`00001000 4881ec38010000  sub     rsp,138h
 *   00007ff6`00001007 488b0510000000  mov     rax,qword ptr [app+0x101e (00007ff6`0000101e)]
 *   00007ff6`0000100e e810000000      call    app+0x1023 (00007ff6`00001023)
 *
 * `u ADDR` shows 8 instructions, `u ADDR L N` N of them, `u ADDR1 ADDR2`
 * those that start in the range, a bare `u` continues after the last one.
 * x86 and x64 are in Intel (MASM) syntax as WinDbg writes it: no blanks
 * around operators or after commas, hex numbers as 138h with capitals;
 * branch targets and RIP-relative operands are shown as module+offset and
 * the absolute address. ARM64 shows the instruction word, then fp and lr
 * for x29 and x30, as WinDbg does.
 *
 * The command language is in the library, which links nothing but libelf;
 * `u` is added here by the front end that links capstone. Built without
 * it, `u` says so.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef DS_CLI_CAPSTONE
#define DS_CLI_CAPSTONE 0
#endif

#if DS_CLI_CAPSTONE
#include <capstone/capstone.h>

#define DEFAULT_INSTRUCTIONS 8
#define MAX_INSTRUCTIONS 0x100000 /* L's bound: a million lines is plenty */
#define MAX_RANGE_BYTES (256u << 20)
#define WINDOW 4096 /* bytes read from the target at a time */

struct disasm {
    bool have_next; /* a `u` ran: a bare one continues at next */
    uint64_t next;
    bool opened; /* handle is open for machine */
    uint32_t machine;
    csh handle;
    cs_insn *insn;
};

static struct disasm state; /* one session per program */

/* ---- text ------------------------------------------------------------------- */

/* "libc_so_6+0x29db0 (00007f3a`c1e29db0)" in a module, the address alone
   outside every module: how WinDbg names a branch target. */
static void format_target(ds_session *s, uint64_t a, char *buf, size_t size)
{
    char where[128], addr[32];
    ds_session_format_address(s, a, addr, sizeof addr);
    if (ds_session_symbolize(s, a, where, sizeof where) == S_OK && where[0])
        snprintf(buf, size, "%s (%s)", where, addr);
    else
        snprintf(buf, size, "%s", addr);
}

/* Append src to dst (of size), cut at its end. */
static void append(char *dst, size_t size, const char *src, size_t n)
{
    size_t len = strlen(dst);
    if (len + 1 >= size)
        return;
    if (n > size - 1 - len)
        n = size - 1 - len;
    memcpy(dst + len, src, n);
    dst[len + n] = '\0';
}

static bool word_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* WinDbg's spelling of capstone's operands: ", " -> ",", " + " -> "+",
   " - " -> "-"; on x86, MASM hex numbers in capitals (0FFFFFFFFh); on
   ARM64, fp and lr for x29 and x30. */
static void windbg_operands(const char *in, bool arm64, char *out, size_t size)
{
    out[0] = '\0';
    for (const char *p = in; *p;) {
        if (p[0] == ',' && p[1] == ' ') {
            append(out, size, ",", 1);
            p += 2;
        } else if (p[0] == ' ' && (p[1] == '+' || p[1] == '-' || p[1] == '*') && p[2] == ' ') {
            append(out, size, p + 1, 1);
            p += 3;
        } else if (word_char(*p) && (p == in || !word_char(p[-1]))) {
            size_t n = 1;
            while (word_char(p[n]))
                n++;
            bool hex = !arm64 && isdigit((unsigned char)p[0]) && p[n - 1] == 'h';
            if (hex) {
                char word[64];
                size_t k = n < sizeof word - 1 ? n : sizeof word - 1;
                for (size_t i = 0; i < k; i++)
                    word[i] = i + 1 == n ? 'h' : (char)toupper((unsigned char)p[i]);
                append(out, size, word, k);
            } else if (arm64 && n == 3 && !strncmp(p, "x29", 3)) {
                append(out, size, "fp", 2);
            } else if (arm64 && n == 3 && !strncmp(p, "x30", 3)) {
                append(out, size, "lr", 2);
            } else {
                append(out, size, p, n);
            }
            p += n;
        } else {
            append(out, size, p, 1);
            p++;
        }
    }
}

/* ---- one instruction ----------------------------------------------------------- */

static bool is_branch(const cs_insn *insn)
{
    for (uint8_t i = 0; i < insn->detail->groups_count; i++) {
        uint8_t g = insn->detail->groups[i];
        if (g == CS_GRP_JUMP || g == CS_GRP_CALL || g == CS_GRP_BRANCH_RELATIVE)
            return true;
    }
    return false;
}

/* The operands as WinDbg writes them (see windbg_operands), with a direct
   branch's target and a RIP-relative memory operand named. */
static void operands_text(ds_session *s, const cs_insn *insn, bool arm64, char *out, size_t size)
{
    char named[128];
    if (!arm64) {
        const cs_x86 *x = &insn->detail->x86;
        if (is_branch(insn) && x->op_count == 1 && x->operands[0].type == X86_OP_IMM) {
            format_target(s, (uint64_t)x->operands[0].imm, out, size);
            return;
        }
        const char *rip = strstr(insn->op_str, "[rip");
        for (uint8_t i = 0; rip && i < x->op_count; i++) {
            if (x->operands[i].type != X86_OP_MEM || x->operands[i].mem.base != X86_REG_RIP)
                continue;
            const char *close = strchr(rip, ']');
            if (!close)
                break;
            uint64_t at = insn->address + insn->size + (uint64_t)x->operands[i].mem.disp;
            format_target(s, at, named, sizeof named);
            char before[192], after[192], spelled[256];
            snprintf(before, sizeof before, "%.*s", (int)(rip - insn->op_str), insn->op_str);
            snprintf(after, sizeof after, "%s", close + 1);
            windbg_operands(before, false, out, size);
            snprintf(spelled, sizeof spelled, "[%s]", named);
            append(out, size, spelled, strlen(spelled));
            windbg_operands(after, false, spelled, sizeof spelled);
            append(out, size, spelled, strlen(spelled));
            return;
        }
    } else {
        /* b, bl, b.cond take the target alone; cbz, cbnz, tbz, tbnz put it
           last, after a register (and a bit number). */
        const cs_arm64 *a = &insn->detail->arm64;
        const char *last = strrchr(insn->op_str, '#');
        if (is_branch(insn) && a->op_count >= 1 && last &&
            a->operands[a->op_count - 1].type == ARM64_OP_IMM) {
            char before[160];
            snprintf(before, sizeof before, "%.*s", (int)(last - insn->op_str), insn->op_str);
            windbg_operands(before, true, out, size);
            format_target(s, (uint64_t)a->operands[a->op_count - 1].imm, named, sizeof named);
            append(out, size, named, strlen(named));
            return;
        }
    }
    windbg_operands(insn->op_str, arm64, out, size);
}

static void print_instruction(ds_session *s, const cs_insn *insn, bool arm64)
{
    char addr[32], bytes[2 * 16 + 1] = "", ops[320];
    ds_session_format_address(s, insn->address, addr, sizeof addr);
    if (arm64) {
        uint32_t word = (uint32_t)insn->bytes[0] | (uint32_t)insn->bytes[1] << 8 |
                        (uint32_t)insn->bytes[2] << 16 | (uint32_t)insn->bytes[3] << 24;
        snprintf(bytes, sizeof bytes, "%08x", word);
    } else {
        for (uint16_t i = 0; i < insn->size && i < 16; i++)
            snprintf(bytes + 2 * i, 3, "%02x", insn->bytes[i]);
    }
    operands_text(s, insn, arm64, ops, sizeof ops);
    /* Where capstone's names differ from WinDbg's. */
    const char *mnemonic = insn->mnemonic;
    if (!arm64 && !strcmp(mnemonic, "movabs")) {
        mnemonic = "mov";
    } else if (!arm64 && !strcmp(mnemonic, "int3")) {
        mnemonic = "int";
        snprintf(ops, sizeof ops, "3");
    }
    if (arm64 && ops[0])
        ds_session_printf(s, "%s %s %-11s %s\n", addr, bytes, mnemonic, ops);
    else if (arm64)
        ds_session_printf(s, "%s %s %s\n", addr, bytes, mnemonic);
    else if (ops[0])
        ds_session_printf(s, "%s %-15s %-7s %s\n", addr, bytes, mnemonic, ops);
    else
        ds_session_printf(s, "%s %-15s %s\n", addr, bytes, mnemonic);
}

/* "libc_so_6+0x29d90:" before the first line, and "libc_so_6:" where a
   module starts, as WinDbg labels an address it can name. */
static void print_label(ds_session *s, uint64_t a, bool first)
{
    char where[128];
    if (ds_session_symbolize(s, a, where, sizeof where) != S_OK || !where[0])
        return;
    if (first || !strchr(where, '+'))
        ds_session_printf(s, "%s:\n", where);
}

/* ---- the command ------------------------------------------------------------------ */

static HRESULT open_machine(ds_session *s, ds_target *t)
{
    uint32_t m = ds_machine(t);
    if (state.opened && state.machine == m)
        return S_OK;
    if (state.opened) {
        cs_free(state.insn, 1);
        cs_close(&state.handle);
        state.opened = false;
    }
    cs_arch arch;
    cs_mode mode;
    switch (m) {
    case IMAGE_FILE_MACHINE_AMD64:
        arch = CS_ARCH_X86;
        mode = CS_MODE_64;
        break;
    case IMAGE_FILE_MACHINE_I386:
        arch = CS_ARCH_X86;
        mode = CS_MODE_32;
        break;
    case IMAGE_FILE_MACHINE_ARM64:
        arch = CS_ARCH_ARM64;
        mode = CS_MODE_ARM;
        break;
    default:
        ds_session_printf(s,
                          "u: cannot disassemble for this target's machine (0x%04x): "
                          "x86, x64 and ARM64 only\n",
                          m);
        return E_NOTIMPL;
    }
    cs_err err = cs_open(arch, mode, &state.handle);
    if (err != CS_ERR_OK) {
        ds_session_printf(s, "u: capstone cannot open a disassembler: %s\n", cs_strerror(err));
        return E_FAIL;
    }
    if (arch == CS_ARCH_X86)
        cs_option(state.handle, CS_OPT_SYNTAX, CS_OPT_SYNTAX_MASM);
    cs_option(state.handle, CS_OPT_DETAIL, CS_OPT_ON);
    state.insn = cs_malloc(state.handle);
    if (!state.insn) {
        cs_close(&state.handle);
        ds_session_printf(s, "u: out of memory\n");
        return E_OUTOFMEMORY;
    }
    state.opened = true;
    state.machine = m;
    return S_OK;
}

/* Whether the `size` readable bytes at `code` (fewer than an instruction
   can take, the memory after them unreadable) start an instruction that
   runs past them, rather than a bad encoding: decode them followed by
   zeros. */
static bool cut_short(const uint8_t *code, size_t size, uint64_t address)
{
    uint8_t padded[16] = {0};
    memcpy(padded, code, size);
    const uint8_t *p = padded;
    size_t n = sizeof padded;
    uint64_t a = address;
    return cs_disasm_iter(state.handle, &p, &n, &a, state.insn) && state.insn->size > size;
}

/* Whether the text uses the L syntax (`ADDR L N`, `ADDR L?N`): then N
   counts instructions, where `ADDR1 ADDR2` is a range of bytes. */
static bool uses_length(const char *args)
{
    for (const char *p = args; *p; p++) {
        if ((*p == 'L' || *p == 'l') && p > args &&
            (p[-1] == ' ' || p[-1] == '\t' || isxdigit((unsigned char)p[-1]) || p[-1] == ')')) {
            char c = p[1];
            if (c == '?' || c == ' ' || c == '\t' || isdigit((unsigned char)c))
                return true;
        }
    }
    return false;
}

/* The memory-access line WinDbg prints where the bytes cannot be read. */
static HRESULT unreadable(ds_session *s, uint64_t a, const char *args)
{
    char addr[32];
    ds_session_format_address(s, a, addr, sizeof addr);
    ds_session_printf(s, "%s %-15s %s\n", addr, "??", "???");
    ds_session_printf(s, "%*s^ Memory access error in 'u%s%s'\n", (int)strlen(addr) + 1, "",
                      *args ? " " : "", args);
    return HRESULT_FROM_WIN32(ERROR_READ_FAULT);
}

static HRESULT run_u(ds_session *s, const char *args, void *context)
{
    (void)context;
    ds_target *t = ds_session_target(s);
    if (!t) {
        ds_session_printf(s, "u: no target\n");
        return E_UNEXPECTED;
    }
    if (!*args && !state.have_next) {
        ds_session_printf(s, "u: no address to continue from yet: give one (u ADDR, "
                             "u ADDR L N, u ADDR1 ADDR2)\n");
        return E_INVALIDARG;
    }
    uint64_t start = state.next, count = 0;
    HRESULT hr = ds_session_parse_range(s, args, 1, 0, &start, &count);
    if (FAILED(hr))
        return hr;
    hr = open_machine(s, t);
    if (FAILED(hr))
        return hr;
    bool by_length = count == 0 || uses_length(args);
    uint64_t instructions = count == 0 ? DEFAULT_INSTRUCTIONS : count;
    if (by_length && instructions > MAX_INSTRUCTIONS) {
        ds_session_printf(s,
                          "u: L%llx is more than u shows at once (at most %x "
                          "instructions)\n",
                          (unsigned long long)instructions, MAX_INSTRUCTIONS);
        return E_INVALIDARG;
    }
    if (!by_length && count > MAX_RANGE_BYTES) {
        ds_session_printf(s,
                          "u: a range of %llx bytes is more than u shows at once (at most "
                          "%x)\n",
                          (unsigned long long)count, MAX_RANGE_BYTES);
        return E_INVALIDARG;
    }
    bool arm64 = state.machine == IMAGE_FILE_MACHINE_ARM64;
    uint8_t window[WINDOW];
    uint32_t have = 0, used = 0; /* window holds [used, have) from at on */
    uint64_t at = start, shown = 0;
    hr = S_OK;
    print_label(s, at, true);
    /* Bounded by MAX_INSTRUCTIONS or MAX_RANGE_BYTES: each pass shows one
       instruction (at least one byte) or stops. */
    while ((by_length ? shown < instructions : at - start < count) && !cli_interrupted()) {
        if (have - used < 16) {
            uint32_t got = 0;
            memmove(window, window + used, have - used);
            have -= used;
            used = 0;
            if (SUCCEEDED(ds_read_virtual(t, at + have, window + have, WINDOW - have, &got)))
                have += got;
        }
        if (have == used) {
            hr = unreadable(s, at, args);
            break;
        }
        const uint8_t *code = window + used;
        size_t size = have - used;
        uint64_t a = at;
        if (shown)
            print_label(s, at, false);
        if (cs_disasm_iter(state.handle, &code, &size, &a, state.insn)) {
            print_instruction(s, state.insn, arm64);
            used += state.insn->size;
            at += state.insn->size;
        } else if (size < 16 && have < WINDOW && cut_short(window + used, size, at)) {
            /* The instruction runs into memory that cannot be read. */
            hr = unreadable(s, at, args);
            break;
        } else {
            char addr[32];
            ds_session_format_address(s, at, addr, sizeof addr);
            unsigned step = arm64 ? 4 : 1;
            char bytes[16];
            if (arm64)
                snprintf(bytes, sizeof bytes, "%02x%02x%02x%02x", window[used + 3],
                         window[used + 2], window[used + 1], window[used]);
            else
                snprintf(bytes, sizeof bytes, "%02x", window[used]);
            ds_session_printf(s, arm64 ? "%s %s %s\n" : "%s %-15s %s\n", addr, bytes, "???");
            used += step;
            at += step;
        }
        shown++;
    }
    state.next = at;
    state.have_next = true;
    return hr;
}

HRESULT cli_disasm_register(ds_session *s)
{
    return ds_session_add_command(s, "u", run_u, NULL,
                                  "u [ADDR [L N | ADDR2]]  disassemble (8 instructions; bare u "
                                  "continues)");
}

const char *cli_disasm_library(void)
{
    static char name[32];
    int major = 0, minor = 0;
    cs_version(&major, &minor);
    snprintf(name, sizeof name, "capstone %d.%d", major, minor);
    return name;
}

void cli_disasm_release(void)
{
    if (state.opened) {
        cs_free(state.insn, 1);
        cs_close(&state.handle);
    }
    memset(&state, 0, sizeof state);
}

#else /* built without capstone */

static HRESULT run_u(ds_session *s, const char *args, void *context)
{
    (void)args;
    (void)context;
    ds_session_printf(s, "u: this dataspaces was built without capstone, so it cannot "
                         "disassemble (install libcapstone-dev and build again)\n");
    return E_NOTIMPL;
}

HRESULT cli_disasm_register(ds_session *s)
{
    return ds_session_add_command(s, "u", run_u, NULL,
                                  "u ADDR  disassemble (not built in: needs capstone)");
}

const char *cli_disasm_library(void) { return ""; }

void cli_disasm_release(void) {}

#endif
