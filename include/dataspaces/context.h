/*
 * context.h — the Windows CONTEXT records that ds_get_thread_context
 * answers (dbgeng's IDebugAdvanced::GetThreadContext), one per machine:
 * x86-64 (1232 bytes), x86 (716 bytes) and ARM64 (912 bytes).
 *
 * Field names and offsets are Microsoft's (winnt.h), prefixed DS_ so that
 * a program including both this and <windows.h> builds. The static asserts
 * at the end pin every offset a reader of a minidump or a dbgeng caller
 * relies on; the structs hold only fixed-width integers, so their layout
 * is the same under every C compiler for these ABIs.
 */
#ifndef DATASPACES_CONTEXT_H
#define DATASPACES_CONTEXT_H

#include <stddef.h>
#include <stdint.h>

/* ContextFlags: the machine bit, then what parts the record holds. */
#define DS_CONTEXT_AMD64 0x00100000u
#define DS_CONTEXT_AMD64_CONTROL (DS_CONTEXT_AMD64 | 0x1u)         /* SegSs, Rsp, SegCs, Rip, EFlags */
#define DS_CONTEXT_AMD64_INTEGER (DS_CONTEXT_AMD64 | 0x2u)         /* Rax..R15 */
#define DS_CONTEXT_AMD64_SEGMENTS (DS_CONTEXT_AMD64 | 0x4u)        /* SegDs, SegEs, SegFs, SegGs */
#define DS_CONTEXT_AMD64_FLOATING_POINT (DS_CONTEXT_AMD64 | 0x8u)  /* FltSave, MxCsr */
#define DS_CONTEXT_AMD64_DEBUG_REGISTERS (DS_CONTEXT_AMD64 | 0x10u)
#define DS_CONTEXT_AMD64_FULL 0x0010000Bu
#define DS_CONTEXT_AMD64_ALL 0x0010001Fu

#define DS_CONTEXT_X86 0x00010000u
#define DS_CONTEXT_X86_CONTROL (DS_CONTEXT_X86 | 0x1u)             /* Ebp, Eip, SegCs, EFlags, Esp, SegSs */
#define DS_CONTEXT_X86_INTEGER (DS_CONTEXT_X86 | 0x2u)             /* Edi..Eax */
#define DS_CONTEXT_X86_SEGMENTS (DS_CONTEXT_X86 | 0x4u)            /* SegGs..SegDs */
#define DS_CONTEXT_X86_FLOATING_POINT (DS_CONTEXT_X86 | 0x8u)      /* FloatSave */
#define DS_CONTEXT_X86_DEBUG_REGISTERS (DS_CONTEXT_X86 | 0x10u)
#define DS_CONTEXT_X86_EXTENDED_REGISTERS (DS_CONTEXT_X86 | 0x20u) /* FXSAVE image */
#define DS_CONTEXT_X86_FULL 0x00010007u

#define DS_CONTEXT_ARM64 0x00400000u
#define DS_CONTEXT_ARM64_CONTROL (DS_CONTEXT_ARM64 | 0x1u)         /* Fp, Lr, Sp, Pc, Cpsr */
#define DS_CONTEXT_ARM64_INTEGER (DS_CONTEXT_ARM64 | 0x2u)         /* X0..X28 */
#define DS_CONTEXT_ARM64_FLOATING_POINT (DS_CONTEXT_ARM64 | 0x4u)  /* V0..V31, Fpcr, Fpsr */
#define DS_CONTEXT_ARM64_DEBUG (DS_CONTEXT_ARM64 | 0x8u)
#define DS_CONTEXT_ARM64_FULL 0x00400007u

/* Sizes of the records (sizeof of the structs below). */
#define DS_CONTEXT_AMD64_SIZE 1232u
#define DS_CONTEXT_X86_SIZE 716u
#define DS_CONTEXT_ARM64_SIZE 912u

typedef struct _DS_M128A {
    uint64_t Low;
    int64_t High;
} DS_M128A;

/* FXSAVE's 512-byte image: XMM_SAVE_AREA32. */
typedef struct _DS_XMM_SAVE_AREA32 {
    uint16_t ControlWord;
    uint16_t StatusWord;
    uint8_t TagWord;       /* abridged: one bit per register, 1 = valid */
    uint8_t Reserved1;
    uint16_t ErrorOpcode;
    uint32_t ErrorOffset;
    uint16_t ErrorSelector;
    uint16_t Reserved2;
    uint32_t DataOffset;
    uint16_t DataSelector;
    uint16_t Reserved3;
    uint32_t MxCsr;
    uint32_t MxCsr_Mask;
    DS_M128A FloatRegisters[8];
    DS_M128A XmmRegisters[16];
    uint8_t Reserved4[96];
} DS_XMM_SAVE_AREA32;

/* CONTEXT of x86-64 (AMD64); 16-byte aligned on Windows. */
typedef struct _DS_AMD64_CONTEXT {
    uint64_t P1Home, P2Home, P3Home, P4Home, P5Home, P6Home;
    uint32_t ContextFlags;
    uint32_t MxCsr;
    uint16_t SegCs, SegDs, SegEs, SegFs, SegGs, SegSs;
    uint32_t EFlags;
    uint64_t Dr0, Dr1, Dr2, Dr3, Dr6, Dr7;
    uint64_t Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi;
    uint64_t R8, R9, R10, R11, R12, R13, R14, R15;
    uint64_t Rip;
    DS_XMM_SAVE_AREA32 FltSave;  /* winnt.h: a union with Header[2], Legacy[8], Xmm0..Xmm15 */
    DS_M128A VectorRegister[26];
    uint64_t VectorControl;
    uint64_t DebugControl;
    uint64_t LastBranchToRip;
    uint64_t LastBranchFromRip;
    uint64_t LastExceptionToRip;
    uint64_t LastExceptionFromRip;
} DS_AMD64_CONTEXT;

/* FNSAVE's image without its last field, as x86's CONTEXT keeps it. */
typedef struct _DS_FLOATING_SAVE_AREA {
    uint32_t ControlWord;
    uint32_t StatusWord;
    uint32_t TagWord;       /* full: two bits per register, 3 = empty */
    uint32_t ErrorOffset;
    uint32_t ErrorSelector;
    uint32_t DataOffset;
    uint32_t DataSelector;
    uint8_t RegisterArea[80];  /* ST0..ST7, 10 bytes each */
    uint32_t Cr0NpxState;      /* winnt.h names it Spare0 on 64-bit hosts */
} DS_FLOATING_SAVE_AREA;

/* CONTEXT of x86 (i386). */
typedef struct _DS_X86_CONTEXT {
    uint32_t ContextFlags;
    uint32_t Dr0, Dr1, Dr2, Dr3, Dr6, Dr7;
    DS_FLOATING_SAVE_AREA FloatSave;
    uint32_t SegGs, SegFs, SegEs, SegDs;
    uint32_t Edi, Esi, Ebx, Edx, Ecx, Eax;
    uint32_t Ebp, Eip, SegCs, EFlags, Esp, SegSs;
    uint8_t ExtendedRegisters[512];  /* FXSAVE's image */
} DS_X86_CONTEXT;

typedef struct _DS_ARM64_NT_NEON128 {
    uint64_t Low;
    int64_t High;
} DS_ARM64_NT_NEON128;

/* CONTEXT of ARM64. X[29] is Fp and X[30] is Lr (winnt.h's union). */
typedef struct _DS_ARM64_CONTEXT {
    uint32_t ContextFlags;
    uint32_t Cpsr;
    uint64_t X[31];
    uint64_t Sp;
    uint64_t Pc;
    DS_ARM64_NT_NEON128 V[32];
    uint32_t Fpcr;
    uint32_t Fpsr;
    uint32_t Bcr[8];
    uint64_t Bvr[8];
    uint32_t Wcr[2];
    uint64_t Wvr[2];
} DS_ARM64_CONTEXT;

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define DS_CONTEXT_ASSERT_(c, m) _Static_assert(c, m)
#elif defined(__cplusplus) && __cplusplus >= 201103L
#define DS_CONTEXT_ASSERT_(c, m) static_assert(c, m)
#else
#define DS_CONTEXT_ASSERT_(c, m)
#endif
DS_CONTEXT_ASSERT_(sizeof(DS_XMM_SAVE_AREA32) == 512, "XMM_SAVE_AREA32 is 512 bytes");
DS_CONTEXT_ASSERT_(offsetof(DS_XMM_SAVE_AREA32, MxCsr) == 24, "XMM_SAVE_AREA32.MxCsr");
DS_CONTEXT_ASSERT_(offsetof(DS_XMM_SAVE_AREA32, FloatRegisters) == 32, "XMM_SAVE_AREA32.FloatRegisters");
DS_CONTEXT_ASSERT_(offsetof(DS_XMM_SAVE_AREA32, XmmRegisters) == 160, "XMM_SAVE_AREA32.XmmRegisters");
DS_CONTEXT_ASSERT_(sizeof(DS_AMD64_CONTEXT) == DS_CONTEXT_AMD64_SIZE, "AMD64 CONTEXT is 1232 bytes");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, ContextFlags) == 0x30, "CONTEXT.ContextFlags");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, SegCs) == 0x38, "CONTEXT.SegCs");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, EFlags) == 0x44, "CONTEXT.EFlags");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, Dr0) == 0x48, "CONTEXT.Dr0");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, Rax) == 0x78, "CONTEXT.Rax");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, Rsp) == 0x98, "CONTEXT.Rsp");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, R8) == 0xB8, "CONTEXT.R8");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, Rip) == 0xF8, "CONTEXT.Rip");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, FltSave) == 0x100, "CONTEXT.FltSave");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, VectorRegister) == 0x300, "CONTEXT.VectorRegister");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, VectorControl) == 0x4A0, "CONTEXT.VectorControl");
DS_CONTEXT_ASSERT_(offsetof(DS_AMD64_CONTEXT, LastExceptionFromRip) == 0x4C8, "CONTEXT.LastExceptionFromRip");
DS_CONTEXT_ASSERT_(sizeof(DS_FLOATING_SAVE_AREA) == 112, "FLOATING_SAVE_AREA is 112 bytes");
DS_CONTEXT_ASSERT_(sizeof(DS_X86_CONTEXT) == DS_CONTEXT_X86_SIZE, "x86 CONTEXT is 716 bytes");
DS_CONTEXT_ASSERT_(offsetof(DS_X86_CONTEXT, FloatSave) == 0x1C, "CONTEXT.FloatSave");
DS_CONTEXT_ASSERT_(offsetof(DS_X86_CONTEXT, SegGs) == 0x8C, "CONTEXT.SegGs");
DS_CONTEXT_ASSERT_(offsetof(DS_X86_CONTEXT, Edi) == 0x9C, "CONTEXT.Edi");
DS_CONTEXT_ASSERT_(offsetof(DS_X86_CONTEXT, Eax) == 0xB0, "CONTEXT.Eax");
DS_CONTEXT_ASSERT_(offsetof(DS_X86_CONTEXT, Eip) == 0xB8, "CONTEXT.Eip");
DS_CONTEXT_ASSERT_(offsetof(DS_X86_CONTEXT, Esp) == 0xC4, "CONTEXT.Esp");
DS_CONTEXT_ASSERT_(offsetof(DS_X86_CONTEXT, ExtendedRegisters) == 0xCC, "CONTEXT.ExtendedRegisters");
DS_CONTEXT_ASSERT_(sizeof(DS_ARM64_CONTEXT) == DS_CONTEXT_ARM64_SIZE, "ARM64 CONTEXT is 912 bytes");
DS_CONTEXT_ASSERT_(offsetof(DS_ARM64_CONTEXT, X) == 0x8, "ARM64 CONTEXT.X");
DS_CONTEXT_ASSERT_(offsetof(DS_ARM64_CONTEXT, Sp) == 0x100, "ARM64 CONTEXT.Sp");
DS_CONTEXT_ASSERT_(offsetof(DS_ARM64_CONTEXT, Pc) == 0x108, "ARM64 CONTEXT.Pc");
DS_CONTEXT_ASSERT_(offsetof(DS_ARM64_CONTEXT, V) == 0x110, "ARM64 CONTEXT.V");
DS_CONTEXT_ASSERT_(offsetof(DS_ARM64_CONTEXT, Fpcr) == 0x310, "ARM64 CONTEXT.Fpcr");
DS_CONTEXT_ASSERT_(offsetof(DS_ARM64_CONTEXT, Bvr) == 0x338, "ARM64 CONTEXT.Bvr");
DS_CONTEXT_ASSERT_(offsetof(DS_ARM64_CONTEXT, Wvr) == 0x380, "ARM64 CONTEXT.Wvr");
#undef DS_CONTEXT_ASSERT_

#endif /* DATASPACES_CONTEXT_H */
