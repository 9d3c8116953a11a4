/*
 * context_linux.c — Linux register sets (user_regs_struct and friends, as
 * PTRACE_GETREGSET hands them out and as a core's notes hold them) to the
 * Windows CONTEXT records of context.h.
 *
 * Index tables follow the kernel's struct user_regs_struct of each ABI
 * (arch/x86/include/asm/user_64.h, user_32.h; arch/arm64 user_pt_regs).
 * The sets are little-endian on every machine handled here.
 */
#include <string.h>

#include "context.h"

/* x86-64 user_regs_struct, 27 eight-byte words. */
enum { X64_R15, X64_R14, X64_R13, X64_R12, X64_RBP, X64_RBX, X64_R11, X64_R10, X64_R9, X64_R8,
       X64_RAX, X64_RCX, X64_RDX, X64_RSI, X64_RDI, X64_ORIG_RAX, X64_RIP, X64_CS, X64_EFLAGS,
       X64_RSP, X64_SS, X64_FS_BASE, X64_GS_BASE, X64_DS, X64_ES, X64_FS, X64_GS, X64_COUNT };
/* i386 user_regs_struct, 17 four-byte words. */
enum { X86_EBX, X86_ECX, X86_EDX, X86_ESI, X86_EDI, X86_EBP, X86_EAX, X86_DS, X86_ES, X86_FS,
       X86_GS, X86_ORIG_EAX, X86_EIP, X86_CS, X86_EFLAGS, X86_ESP, X86_SS, X86_COUNT };
/* arm64 user_pt_regs: x0..x30, sp, pc, pstate. */
enum { A64_SP = 31, A64_PC, A64_PSTATE, A64_COUNT };
#define FXSAVE_SIZE 512u
#define FNSAVE_SIZE 108u
#define FPSIMD_SIZE 520u  /* 32 x 16-byte V registers, fpsr, fpcr (528 with padding) */

size_t ds_linux_gregs_size(uint32_t machine)
{
    switch (machine) {
    case IMAGE_FILE_MACHINE_AMD64: return X64_COUNT * 8;
    case IMAGE_FILE_MACHINE_I386: return X86_COUNT * 4;
    case IMAGE_FILE_MACHINE_ARM64: return A64_COUNT * 8;
    default: return 0;
    }
}

/* The FXSAVE image of the thread: NT_FPREGSET on x86-64, NT_PRXFPREG on
   i386, else the legacy area at the start of the XSAVE image. */
static const uint8_t *fxsave_image(const struct ds_linux_regsets *r, bool i386)
{
    if (!i386 && r->fpregs && r->fpregs_len >= FXSAVE_SIZE)
        return r->fpregs;
    if (r->xfpregs && r->xfpregs_len >= FXSAVE_SIZE)
        return r->xfpregs;
    if (r->xstate && r->xstate_len >= FXSAVE_SIZE)
        return r->xstate;
    return NULL;
}

static void fill_amd64(DS_AMD64_CONTEXT *c, const uint8_t *g, const uint8_t *fx)
{
    uint64_t v[X64_COUNT];
    for (int i = 0; i < X64_COUNT; i++)
        v[i] = ds_le64(g + 8 * i);
    c->ContextFlags = DS_CONTEXT_AMD64_CONTROL | DS_CONTEXT_AMD64_INTEGER |
                      DS_CONTEXT_AMD64_SEGMENTS;
    c->Rax = v[X64_RAX]; c->Rcx = v[X64_RCX]; c->Rdx = v[X64_RDX]; c->Rbx = v[X64_RBX];
    c->Rsp = v[X64_RSP]; c->Rbp = v[X64_RBP]; c->Rsi = v[X64_RSI]; c->Rdi = v[X64_RDI];
    c->R8 = v[X64_R8]; c->R9 = v[X64_R9]; c->R10 = v[X64_R10]; c->R11 = v[X64_R11];
    c->R12 = v[X64_R12]; c->R13 = v[X64_R13]; c->R14 = v[X64_R14]; c->R15 = v[X64_R15];
    c->Rip = v[X64_RIP];
    c->EFlags = (uint32_t)v[X64_EFLAGS];
    c->SegCs = (uint16_t)v[X64_CS]; c->SegSs = (uint16_t)v[X64_SS];
    c->SegDs = (uint16_t)v[X64_DS]; c->SegEs = (uint16_t)v[X64_ES];
    c->SegFs = (uint16_t)v[X64_FS]; c->SegGs = (uint16_t)v[X64_GS];
    if (fx) {
        memcpy(&c->FltSave, fx, FXSAVE_SIZE);
        c->MxCsr = c->FltSave.MxCsr;
        c->ContextFlags |= DS_CONTEXT_AMD64_FLOATING_POINT;
    }
}

/* FNSAVE's image (FLOATING_SAVE_AREA) made from an FXSAVE one: the
   abridged tag byte says only valid or empty, so a valid register is
   tagged 0 (valid) rather than classified as zero or special. */
static void fnsave_from_fxsave(DS_FLOATING_SAVE_AREA *f, const uint8_t *fx)
{
    f->ControlWord = 0xffff0000u | (uint32_t)(fx[0] | fx[1] << 8);
    f->StatusWord = 0xffff0000u | (uint32_t)(fx[2] | fx[3] << 8);
    uint32_t tag = 0xffff0000u;
    for (int i = 0; i < 8; i++)
        if (!(fx[4] >> i & 1))
            tag |= 3u << (2 * i);
    f->TagWord = tag;
    f->ErrorOffset = ds_le32(fx + 8);
    uint32_t fop = (uint32_t)(fx[6] | fx[7] << 8) & 0x7ffu;
    f->ErrorSelector = (uint32_t)(fx[12] | fx[13] << 8) | fop << 16;
    f->DataOffset = ds_le32(fx + 16);
    f->DataSelector = 0xffff0000u | (uint32_t)(fx[20] | fx[21] << 8);
    for (int i = 0; i < 8; i++)
        memcpy(f->RegisterArea + 10 * i, fx + 32 + 16 * i, 10);
}

static void fill_x86(DS_X86_CONTEXT *c, const uint8_t *g, const struct ds_linux_regsets *r)
{
    uint32_t v[X86_COUNT];
    for (int i = 0; i < X86_COUNT; i++)
        v[i] = ds_le32(g + 4 * i);
    c->ContextFlags = DS_CONTEXT_X86_CONTROL | DS_CONTEXT_X86_INTEGER | DS_CONTEXT_X86_SEGMENTS;
    c->Eax = v[X86_EAX]; c->Ebx = v[X86_EBX]; c->Ecx = v[X86_ECX]; c->Edx = v[X86_EDX];
    c->Esi = v[X86_ESI]; c->Edi = v[X86_EDI]; c->Ebp = v[X86_EBP]; c->Esp = v[X86_ESP];
    c->Eip = v[X86_EIP]; c->EFlags = v[X86_EFLAGS];
    c->SegCs = v[X86_CS] & 0xffff; c->SegSs = v[X86_SS] & 0xffff;
    c->SegDs = v[X86_DS] & 0xffff; c->SegEs = v[X86_ES] & 0xffff;
    c->SegFs = v[X86_FS] & 0xffff; c->SegGs = v[X86_GS] & 0xffff;
    const uint8_t *fx = fxsave_image(r, true);
    if (r->fpregs && r->fpregs_len >= FNSAVE_SIZE) {
        memcpy(&c->FloatSave, r->fpregs, FNSAVE_SIZE);  /* the same layout, Cr0NpxState aside */
        c->ContextFlags |= DS_CONTEXT_X86_FLOATING_POINT;
    } else if (fx) {
        fnsave_from_fxsave(&c->FloatSave, fx);
        c->ContextFlags |= DS_CONTEXT_X86_FLOATING_POINT;
    }
    if (fx) {
        memcpy(c->ExtendedRegisters, fx, FXSAVE_SIZE);
        c->ContextFlags |= DS_CONTEXT_X86_EXTENDED_REGISTERS;
    }
}

static void fill_arm64(DS_ARM64_CONTEXT *c, const uint8_t *g, const struct ds_linux_regsets *r)
{
    c->ContextFlags = DS_CONTEXT_ARM64_CONTROL | DS_CONTEXT_ARM64_INTEGER;
    for (int i = 0; i < 31; i++)
        c->X[i] = ds_le64(g + 8 * i);
    c->Sp = ds_le64(g + 8 * A64_SP);
    c->Pc = ds_le64(g + 8 * A64_PC);
    c->Cpsr = (uint32_t)ds_le64(g + 8 * A64_PSTATE);
    if (r->fpregs && r->fpregs_len >= FPSIMD_SIZE) {
        for (int i = 0; i < 32; i++) {
            c->V[i].Low = ds_le64(r->fpregs + 16 * i);
            c->V[i].High = (int64_t)ds_le64(r->fpregs + 16 * i + 8);
        }
        c->Fpsr = ds_le32(r->fpregs + 512);
        c->Fpcr = ds_le32(r->fpregs + 516);
        c->ContextFlags |= DS_CONTEXT_ARM64_FLOATING_POINT;
    }
}

HRESULT ds_context_from_linux(ds_target *t, uint32_t tid, const struct ds_linux_regsets *r,
                              void *ctx, uint32_t size)
{
    size_t need = ds_linux_gregs_size(t->machine);
    if (!need)
        return ds_fail(t, E_NOTIMPL, "GetThreadContext: the registers of machine 0x%x in %s are "
                       "not read", t->machine, t->where);
    if (t->big_endian)
        return ds_fail(t, E_NOTIMPL, "GetThreadContext: %s is big-endian; its register sets are "
                       "not read", t->where);
    if (!r->gregs || r->gregs_len < need)
        return ds_fail(t, E_FAIL, "GetThreadContext: thread %u of %s has %s general registers "
                       "(%zu bytes, %zu needed)", tid, t->where, r->gregs ? "too few" : "no",
                       r->gregs ? r->gregs_len : 0, need);
    switch (t->machine) {
    case IMAGE_FILE_MACHINE_AMD64:
        if (size >= sizeof(DS_AMD64_CONTEXT))
            fill_amd64(ctx, r->gregs, fxsave_image(r, false));
        break;
    case IMAGE_FILE_MACHINE_I386:
        if (size >= sizeof(DS_X86_CONTEXT))
            fill_x86(ctx, r->gregs, r);
        break;
    case IMAGE_FILE_MACHINE_ARM64:
        if (size >= sizeof(DS_ARM64_CONTEXT))
            fill_arm64(ctx, r->gregs, r);
        break;
    }
    return S_OK;
}

/* ---- CONTEXT to Linux register sets (the ELF core writer) ------------------ */

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

size_t ds_linux_gregs_from_context(uint32_t machine, const void *ctx, uint8_t *out)
{
    size_t n = ds_linux_gregs_size(machine);
    memset(out, 0, n);
    if (machine == IMAGE_FILE_MACHINE_AMD64) {
        const DS_AMD64_CONTEXT *c = ctx;
        uint64_t v[X64_COUNT] = { 0 };
        v[X64_RAX] = c->Rax; v[X64_RCX] = c->Rcx; v[X64_RDX] = c->Rdx; v[X64_RBX] = c->Rbx;
        v[X64_RSP] = c->Rsp; v[X64_RBP] = c->Rbp; v[X64_RSI] = c->Rsi; v[X64_RDI] = c->Rdi;
        v[X64_R8] = c->R8; v[X64_R9] = c->R9; v[X64_R10] = c->R10; v[X64_R11] = c->R11;
        v[X64_R12] = c->R12; v[X64_R13] = c->R13; v[X64_R14] = c->R14; v[X64_R15] = c->R15;
        v[X64_RIP] = c->Rip; v[X64_EFLAGS] = c->EFlags;
        v[X64_ORIG_RAX] = UINT64_MAX;  /* no system call to restart */
        v[X64_CS] = c->SegCs; v[X64_SS] = c->SegSs; v[X64_DS] = c->SegDs;
        v[X64_ES] = c->SegEs; v[X64_FS] = c->SegFs; v[X64_GS] = c->SegGs;
        for (int i = 0; i < X64_COUNT; i++)
            put64(out + 8 * i, v[i]);
    } else if (machine == IMAGE_FILE_MACHINE_I386) {
        const DS_X86_CONTEXT *c = ctx;
        uint32_t v[X86_COUNT] = { 0 };
        v[X86_EAX] = c->Eax; v[X86_EBX] = c->Ebx; v[X86_ECX] = c->Ecx; v[X86_EDX] = c->Edx;
        v[X86_ESI] = c->Esi; v[X86_EDI] = c->Edi; v[X86_EBP] = c->Ebp; v[X86_ESP] = c->Esp;
        v[X86_EIP] = c->Eip; v[X86_EFLAGS] = c->EFlags; v[X86_ORIG_EAX] = UINT32_MAX;
        v[X86_CS] = c->SegCs; v[X86_SS] = c->SegSs; v[X86_DS] = c->SegDs;
        v[X86_ES] = c->SegEs; v[X86_FS] = c->SegFs; v[X86_GS] = c->SegGs;
        for (int i = 0; i < X86_COUNT; i++)
            put32(out + 4 * i, v[i]);
    } else if (machine == IMAGE_FILE_MACHINE_ARM64) {
        const DS_ARM64_CONTEXT *c = ctx;
        for (int i = 0; i < 31; i++)
            put64(out + 8 * i, c->X[i]);
        put64(out + 8 * A64_SP, c->Sp);
        put64(out + 8 * A64_PC, c->Pc);
        put64(out + 8 * A64_PSTATE, c->Cpsr);
    }
    return n;
}

size_t ds_linux_fpregs_from_context(uint32_t machine, const void *ctx, uint8_t *out)
{
    if (machine == IMAGE_FILE_MACHINE_AMD64) {
        const DS_AMD64_CONTEXT *c = ctx;
        if (!(c->ContextFlags & DS_CONTEXT_AMD64_FLOATING_POINT & 0xffu))
            return 0;
        memcpy(out, &c->FltSave, FXSAVE_SIZE);
        return FXSAVE_SIZE;
    }
    if (machine == IMAGE_FILE_MACHINE_I386) {
        const DS_X86_CONTEXT *c = ctx;
        if (!(c->ContextFlags & DS_CONTEXT_X86_FLOATING_POINT & 0xffu))
            return 0;
        memcpy(out, &c->FloatSave, FNSAVE_SIZE);
        return FNSAVE_SIZE;
    }
    if (machine == IMAGE_FILE_MACHINE_ARM64) {
        const DS_ARM64_CONTEXT *c = ctx;
        if (!(c->ContextFlags & DS_CONTEXT_ARM64_FLOATING_POINT & 0xffu))
            return 0;
        memset(out, 0, 528);
        for (int i = 0; i < 32; i++) {
            put64(out + 16 * i, c->V[i].Low);
            put64(out + 16 * i + 8, (uint64_t)c->V[i].High);
        }
        put32(out + 512, c->Fpsr);
        put32(out + 516, c->Fpcr);
        return 528;
    }
    return 0;
}

size_t ds_linux_xfpregs_from_context(uint32_t machine, const void *ctx, uint8_t *out)
{
    const DS_X86_CONTEXT *c = ctx;
    if (machine != IMAGE_FILE_MACHINE_I386 ||
        !(c->ContextFlags & DS_CONTEXT_X86_EXTENDED_REGISTERS & 0xffu))
        return 0;
    memcpy(out, c->ExtendedRegisters, FXSAVE_SIZE);
    return FXSAVE_SIZE;
}
