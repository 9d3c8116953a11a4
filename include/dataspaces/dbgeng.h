/*
 * dataspaces/dbgeng.h — the Windows debugger engine's COM interface on Linux.
 *
 * A program written against Microsoft's dbgeng.h compiles against this one
 * (#include <dataspaces/dbgeng.h>, link -ldataspaces) and gets the answers
 * the native API (dataspaces.h) gives, from C and from C++:
 *
 *     IDebugClient *client;  IDebugControl *control;  IDebugDataSpaces4 *data;
 *     DebugCreate(IID_IDebugClient, (void **)&client);          C++: references
 *     client->OpenDumpFile("core.1234");                         C: client->lpVtbl->
 *     client->QueryInterface(IID_IDebugControl, (void **)&control);
 *     control->WaitForEvent(DEBUG_WAIT_DEFAULT, INFINITE);
 *     client->QueryInterface(IID_IDebugDataSpaces4, (void **)&data);
 *     data->ReadVirtual(address, buffer, sizeof buffer, &read);
 *
 * Interfaces are declared the way Microsoft's header declares them
 * (DECLARE_INTERFACE_, STDMETHOD, THIS_, PURE): a C struct whose first member
 * is lpVtbl in C, a class of pure virtual methods in C++. On x86-64 and arm64
 * Linux both compilers lay them out alike (the Itanium C++ ABI puts the
 * vtable pointer first and the slots in declaration order, with `this` as the
 * first argument), so one object serves both. Every method of every
 * interface is declared, in Microsoft's order; what each does here is in
 * docs/dbgeng.md (those the library does not implement answer E_NOTIMPL).
 *
 * Differences from Windows: no calling-convention keyword (STDMETHODCALLTYPE
 * is empty: the platform's one convention); WCHAR is 16 bits (char16_t in
 * C++, never wchar_t, which is 32 bits on Linux); no DLL is loaded
 * (DebugCreate is in libdataspaces). After a failed call, ds_error_text(NULL)
 * gives the sentence that says what failed, where and why.
 *
 * The interface part between the "generated" markers is written by
 * tools/gen_dbgeng.py from mingw-w64's public-domain dbgeng.h and
 * tools/dbgeng_newer.spec.
 */
#ifndef DATASPACES_DBGENG_H
#define DATASPACES_DBGENG_H

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "dataspaces.h"
#include "types.h"

/* ---- the COM declaration macros (objbase.h's) ------------------------------ */
#ifndef STDMETHODCALLTYPE
#define STDMETHODCALLTYPE  /* one calling convention on Linux */
#define STDMETHODVCALLTYPE
#define STDAPICALLTYPE
#endif
#ifdef __cplusplus
#define DS_EXTERN_C extern "C"
#else
#define DS_EXTERN_C extern
#endif
#ifndef STDAPI
#define STDAPI DS_EXTERN_C DS_EXTERN(HRESULT) STDAPICALLTYPE
#endif

#ifdef __cplusplus
#define STDMETHOD(method) virtual HRESULT STDMETHODCALLTYPE method
#define STDMETHOD_(type, method) virtual type STDMETHODCALLTYPE method
#define STDMETHODV(method) virtual HRESULT STDMETHODVCALLTYPE method
#define PURE = 0
#define THIS_
#define THIS void
#define DECLARE_INTERFACE(iface) struct iface
#define DECLARE_INTERFACE_(iface, base) struct iface : public base
#else
#define STDMETHOD(method) HRESULT(STDMETHODCALLTYPE *method)
#define STDMETHOD_(type, method) type(STDMETHODCALLTYPE *method)
#define STDMETHODV(method) HRESULT(STDMETHODVCALLTYPE *method)
#define PURE
#define THIS_ INTERFACE *This,
#define THIS INTERFACE *This
/* C sees a struct holding lpVtbl, and the vtable as IfaceVtbl. */
#define DECLARE_INTERFACE(iface)                                                   \
    typedef struct iface { const struct iface##Vtbl *lpVtbl; } iface;          \
    typedef struct iface##Vtbl iface##Vtbl;                                        \
    struct iface##Vtbl
#define DECLARE_INTERFACE_(iface, base) DECLARE_INTERFACE(iface)
#endif

/* DEFINE_GUID declares an interface id; where INITGUID is defined first it
   also defines it (weak, so several files may). libdataspaces defines every
   IID below, so a program links without INITGUID too. (A declaration is
   never weak: a weak reference would not pull the definition out of
   libdataspaces.a.) */
#if defined(__GNUC__)
#define DS_GUID_DECLARE __attribute__((visibility("default")))
#define DS_GUID_DEFINE __attribute__((weak, visibility("default")))
#else
#define DS_GUID_DECLARE
#define DS_GUID_DEFINE
#endif
#undef DEFINE_GUID
#ifdef INITGUID
#ifdef __cplusplus
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)               \
    extern "C" DS_GUID_DEFINE const GUID name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)               \
    DS_GUID_DEFINE const GUID name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#endif
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)               \
    DS_EXTERN_C DS_GUID_DECLARE const GUID name
#endif

#ifdef __cplusplus
inline bool IsEqualGUID(const GUID &a, const GUID &b)
{
    return a.Data1 == b.Data1 && a.Data2 == b.Data2 && a.Data3 == b.Data3 &&
           a.Data4[0] == b.Data4[0] && a.Data4[1] == b.Data4[1] && a.Data4[2] == b.Data4[2] &&
           a.Data4[3] == b.Data4[3] && a.Data4[4] == b.Data4[4] && a.Data4[5] == b.Data4[5] &&
           a.Data4[6] == b.Data4[6] && a.Data4[7] == b.Data4[7];
}
#define IsEqualIID(a, b) IsEqualGUID(a, b)
#else
#define IsEqualGUID(a, b) (memcmp((a), (b), sizeof(GUID)) == 0)
#define IsEqualIID(a, b) IsEqualGUID(a, b)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Windows base types the methods use (Windows' widths) ----------------- */
#ifndef DS_DBGENG_TYPES_DEFINED
#define DS_DBGENG_TYPES_DEFINED
typedef int32_t LONG;
typedef int64_t LONG64;
typedef uint16_t USHORT;
typedef uint8_t UCHAR;
typedef char CHAR;
typedef uint32_t DWORD;
typedef uint64_t DWORD64;
typedef LONG *PLONG;
typedef LONG64 *PLONG64;
typedef USHORT *PUSHORT;
typedef UCHAR *PUCHAR;
typedef BOOL *PBOOL;
typedef void *HANDLE;
typedef const void *LPCVOID;
typedef GUID CLSID;
#ifdef __cplusplus
typedef const GUID &REFGUID;
typedef const GUID &REFCLSID;
#else
typedef const GUID *REFGUID;
typedef const GUID *REFCLSID;
#endif
typedef intptr_t(STDAPICALLTYPE *FARPROC)(void);
#endif
/* DEBUG_VALUE's unnamed union and struct, as Windows declares them
   (standard C11; an extension C++ compilers accept quietly this way). */
#if defined(__GNUC__)
#define DS_NAMELESS __extension__
#else
#define DS_NAMELESS
#endif
#ifndef TRUE
#define TRUE 1
#define FALSE 0
#endif
#ifndef INFINITE
#define INFINITE 0xFFFFFFFFu
#endif
#ifndef EXCEPTION_MAXIMUM_PARAMETERS
#define EXCEPTION_MAXIMUM_PARAMETERS 15
#endif
typedef struct _EXCEPTION_RECORD64 {
    DWORD ExceptionCode;
    DWORD ExceptionFlags;
    DWORD64 ExceptionRecord;
    DWORD64 ExceptionAddress;
    DWORD NumberParameters;
    DWORD __unusedAlignment;
    DWORD64 ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
} EXCEPTION_RECORD64, *PEXCEPTION_RECORD64;
/* wdbgexts.h's tables: the face never fills them (GetWindbgExtensionApis*). */
typedef struct _WINDBG_EXTENSION_APIS32 *PWINDBG_EXTENSION_APIS32;
typedef struct _WINDBG_EXTENSION_APIS64 *PWINDBG_EXTENSION_APIS64;

/* ---- IUnknown ---------------------------------------------------------------- */
DEFINE_GUID(IID_IUnknown, 0x00000000, 0x0000, 0x0000, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x46);
#undef INTERFACE
#define INTERFACE IUnknown
DECLARE_INTERFACE(IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
};
typedef IUnknown *LPUNKNOWN;

/* ---- structs of the newer interfaces (IDebugSymbols3) --------------------- */
typedef struct _DEBUG_OFFSET_REGION {
    ULONG64 Base;
    ULONG64 Size;
} DEBUG_OFFSET_REGION, *PDEBUG_OFFSET_REGION;
typedef struct _DEBUG_MODULE_AND_ID {
    ULONG64 ModuleBase;
    ULONG64 Id;
} DEBUG_MODULE_AND_ID, *PDEBUG_MODULE_AND_ID;
typedef struct _DEBUG_SYMBOL_ENTRY {
    ULONG64 ModuleBase;
    ULONG64 Offset;
    ULONG64 Id;
    ULONG64 Arg64;
    ULONG Size;
    ULONG Flags;
    ULONG TypeId;
    ULONG NameSize;
    ULONG Token;
    ULONG Tag;
    ULONG Arg32;
    ULONG Reserved;
} DEBUG_SYMBOL_ENTRY, *PDEBUG_SYMBOL_ENTRY;
typedef struct _DEBUG_SYMBOL_SOURCE_ENTRY {
    ULONG64 ModuleBase;
    ULONG64 Offset;
    ULONG64 FileNameId;
    ULONG64 EngineInternal;
    ULONG Size;
    ULONG Flags;
    ULONG FileNameSize;
    ULONG StartLine;
    ULONG EndLine;
    ULONG StartColumn;
    ULONG EndColumn;
    ULONG Reserved;
} DEBUG_SYMBOL_SOURCE_ENTRY, *PDEBUG_SYMBOL_SOURCE_ENTRY;
/* Interfaces the newer methods name but this header does not declare: the
   face never hands them out. */
typedef struct IDebugBreakpoint2 *PDEBUG_BREAKPOINT2;
typedef struct IDebugSymbolGroup2 *PDEBUG_SYMBOL_GROUP2;
typedef struct IDebugEventCallbacksWide *PDEBUG_EVENT_CALLBACKS_WIDE;

/* ---- constants the face's methods use that mingw-w64 10 lacks --------------- */
#define DEBUG_WAIT_DEFAULT 0x00000000
/* CreateProcess's CreateFlags (winbase.h): either means "debug it" here. */
#ifndef DEBUG_PROCESS
#define DEBUG_PROCESS 0x00000001
#define DEBUG_ONLY_THIS_PROCESS 0x00000002
#endif
#define DEBUG_OUTCBF_COMBINED_EXPLICIT_FLUSH 0x00000001
#define DEBUG_GETMOD_DEFAULT 0x00000000
#define DEBUG_GETMOD_NO_LOADED_MODULES 0x00000001
#define DEBUG_GETMOD_NO_UNLOADED_MODULES 0x00000002
#define DEBUG_MODNAME_IMAGE 0x00000000
#define DEBUG_MODNAME_MODULE 0x00000001
#define DEBUG_MODNAME_LOADED_IMAGE 0x00000002
#define DEBUG_MODNAME_SYMBOL_FILE 0x00000003
#define DEBUG_MODNAME_MAPPED_IMAGE 0x00000004

/* ---- creating the engine ------------------------------------------------------- */
/** A new client object (one engine session), asked for as InterfaceId. */
STDAPI DebugCreate(REFIID InterfaceId, PVOID *Interface);
/** Microsoft's remote engine protocol: E_NOTIMPL (docs/dbgeng.md). */
STDAPI DebugConnect(PCSTR RemoteOptions, REFIID InterfaceId, PVOID *Interface);
/** DebugCreateEx: DebugCreate (DbgEngOptions has no meaning here). */
STDAPI DebugCreateEx(REFIID InterfaceId, DWORD DbgEngOptions, PVOID *Interface);

/* ---- generated by tools/gen_dbgeng.py: begin (do not edit by hand) ---- */
/* Interface ids, with Microsoft's values. */
DEFINE_GUID(IID_IDebugAdvanced, 0xf2df5f53, 0x071f, 0x47bd, 0x9d, 0xe6, 0x57, 0x34, 0xc3, 0xfe, 0xd6, 0x89);
DEFINE_GUID(IID_IDebugBreakpoint, 0x5bd9d474, 0x5975, 0x423a, 0xb8, 0x8b, 0x65, 0xa8, 0xe7, 0x11, 0x0e, 0x65);
DEFINE_GUID(IID_IDebugClient, 0x27fe5639, 0x8407, 0x4f47, 0x83, 0x64, 0xee, 0x11, 0x8f, 0xb0, 0x8a, 0xc8);
DEFINE_GUID(IID_IDebugClient2, 0xedbed635, 0x372e, 0x4dab, 0xbb, 0xfe, 0xed, 0x0d, 0x2f, 0x63, 0xbe, 0x81);
DEFINE_GUID(IID_IDebugClient3, 0xdd492d7f, 0x71b8, 0x4ad6, 0xa8, 0xdc, 0x1c, 0x88, 0x74, 0x79, 0xff, 0x91);
DEFINE_GUID(IID_IDebugClient4, 0xca83c3de, 0x5089, 0x4cf8, 0x93, 0xc8, 0xd8, 0x92, 0x38, 0x7f, 0x2a, 0x5e);
DEFINE_GUID(IID_IDebugClient5, 0xe3acb9d7, 0x7ec2, 0x4f0c, 0xa0, 0xda, 0xe8, 0x1e, 0x0c, 0xbb, 0xe6, 0x28);
DEFINE_GUID(IID_IDebugControl, 0x5182e668, 0x105e, 0x416e, 0xad, 0x92, 0x24, 0xef, 0x80, 0x04, 0x24, 0xba);
DEFINE_GUID(IID_IDebugControl2, 0xd4366723, 0x44df, 0x4bed, 0x8c, 0x7e, 0x4c, 0x05, 0x42, 0x4f, 0x45, 0x88);
DEFINE_GUID(IID_IDebugControl3, 0x7df74a86, 0xb03f, 0x407f, 0x90, 0xab, 0xa2, 0x0d, 0xad, 0xce, 0xad, 0x08);
DEFINE_GUID(IID_IDebugControl4, 0x94e60ce9, 0x9b41, 0x4b19, 0x9f, 0xc0, 0x6d, 0x9e, 0xb3, 0x52, 0x72, 0xb3);
DEFINE_GUID(IID_IDebugDataSpaces, 0x88f7dfab, 0x3ea7, 0x4c3a, 0xae, 0xfb, 0xc4, 0xe8, 0x10, 0x61, 0x73, 0xaa);
DEFINE_GUID(IID_IDebugDataSpaces2, 0x7a5e852f, 0x96e9, 0x468f, 0xac, 0x1b, 0x0b, 0x3a, 0xdd, 0xc4, 0xa0, 0x49);
DEFINE_GUID(IID_IDebugDataSpaces3, 0x23f79d6c, 0x8aaf, 0x4f7c, 0xa6, 0x07, 0x99, 0x95, 0xf5, 0x40, 0x7e, 0x63);
DEFINE_GUID(IID_IDebugDataSpaces4, 0xd98ada1f, 0x29e9, 0x4ef5, 0xa6, 0xc0, 0xe5, 0x33, 0x49, 0x88, 0x32, 0x12);
DEFINE_GUID(IID_IDebugEventCallbacks, 0x337be28b, 0x5036, 0x4d72, 0xb6, 0xbf, 0xc4, 0x5f, 0xbb, 0x9f, 0x2e, 0xaa);
DEFINE_GUID(IID_IDebugInputCallbacks, 0x9f50e42c, 0xf136, 0x499e, 0x9a, 0x97, 0x73, 0x03, 0x6c, 0x94, 0xed, 0x2d);
DEFINE_GUID(IID_IDebugOutputCallbacks, 0x4bf58045, 0xd654, 0x4c40, 0xb0, 0xaf, 0x68, 0x30, 0x90, 0xf3, 0x56, 0xdc);
DEFINE_GUID(IID_IDebugOutputCallbacksWide, 0x4c7fd663, 0xc394, 0x4e26, 0x8e, 0xf1, 0x34, 0xad, 0x5e, 0xd3, 0x76, 0x4c);
DEFINE_GUID(IID_IDebugRegisters, 0xce289126, 0x9e84, 0x45a7, 0x93, 0x7e, 0x67, 0xbb, 0x18, 0x69, 0x14, 0x93);
DEFINE_GUID(IID_IDebugSymbolGroup, 0xf2528316, 0x0f1a, 0x4431, 0xae, 0xed, 0x11, 0xd0, 0x96, 0xe1, 0xe2, 0xab);
DEFINE_GUID(IID_IDebugSymbols, 0x8c31e98c, 0x983a, 0x48a5, 0x90, 0x16, 0x6f, 0xe5, 0xd6, 0x67, 0xa9, 0x50);
DEFINE_GUID(IID_IDebugSymbols2, 0x3a707211, 0xafdd, 0x4495, 0xad, 0x4f, 0x56, 0xfe, 0xcd, 0xf8, 0x16, 0x3f);
DEFINE_GUID(IID_IDebugSymbols3, 0xf02fbecc, 0x50ac, 0x4f36, 0x9a, 0xd9, 0xc9, 0x75, 0xe8, 0xf3, 0x2f, 0xf8);
DEFINE_GUID(IID_IDebugSystemObjects, 0x6b86fe2c, 0x2c4f, 0x4f0c, 0x9d, 0xa2, 0x17, 0x43, 0x11, 0xac, 0xc3, 0x27);
DEFINE_GUID(IID_IDebugSystemObjects2, 0x0ae9f5ff, 0x1852, 0x4679, 0xb0, 0x55, 0x49, 0x4b, 0xee, 0x64, 0x07, 0xee);
DEFINE_GUID(IID_IDebugSystemObjects3, 0xe9676e2f, 0xe286, 0x4ea3, 0xb0, 0xf9, 0xdf, 0xe5, 0xd9, 0xfc, 0x33, 0x0e);

/* Interface pointer types. */
typedef struct IDebugAdvanced *PDEBUG_ADVANCED;
typedef struct IDebugBreakpoint *PDEBUG_BREAKPOINT;
typedef struct IDebugClient *PDEBUG_CLIENT;
typedef struct IDebugClient2 *PDEBUG_CLIENT2;
typedef struct IDebugClient3 *PDEBUG_CLIENT3;
typedef struct IDebugClient4 *PDEBUG_CLIENT4;
typedef struct IDebugClient5 *PDEBUG_CLIENT5;
typedef struct IDebugControl *PDEBUG_CONTROL;
typedef struct IDebugControl2 *PDEBUG_CONTROL2;
typedef struct IDebugControl3 *PDEBUG_CONTROL3;
typedef struct IDebugControl4 *PDEBUG_CONTROL4;
typedef struct IDebugDataSpaces *PDEBUG_DATA_SPACES;
typedef struct IDebugDataSpaces2 *PDEBUG_DATA_SPACES2;
typedef struct IDebugDataSpaces3 *PDEBUG_DATA_SPACES3;
typedef struct IDebugDataSpaces4 *PDEBUG_DATA_SPACES4;
typedef struct IDebugEventCallbacks *PDEBUG_EVENT_CALLBACKS;
typedef struct IDebugInputCallbacks *PDEBUG_INPUT_CALLBACKS;
typedef struct IDebugOutputCallbacks *PDEBUG_OUTPUT_CALLBACKS;
typedef struct IDebugOutputCallbacksWide *PDEBUG_OUTPUT_CALLBACKS_WIDE;
typedef struct IDebugRegisters *PDEBUG_REGISTERS;
typedef struct IDebugSymbolGroup *PDEBUG_SYMBOL_GROUP;
typedef struct IDebugSymbols *PDEBUG_SYMBOLS;
typedef struct IDebugSymbols2 *PDEBUG_SYMBOLS2;
typedef struct IDebugSymbols3 *PDEBUG_SYMBOLS3;
typedef struct IDebugSystemObjects *PDEBUG_SYSTEM_OBJECTS;
typedef struct IDebugSystemObjects2 *PDEBUG_SYSTEM_OBJECTS2;
typedef struct IDebugSystemObjects3 *PDEBUG_SYSTEM_OBJECTS3;


#undef INTERFACE
#define INTERFACE IDebugAdvanced
DECLARE_INTERFACE_(IDebugAdvanced, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetThreadContext)(THIS_ PVOID Context, ULONG ContextSize) PURE; /* 3 */
    STDMETHOD(SetThreadContext)(THIS_ PVOID Context, ULONG ContextSize) PURE; /* 4 */
};

#define DEBUG_BREAKPOINT_CODE 0
#define DEBUG_BREAKPOINT_DATA 1
#define DEBUG_BREAKPOINT_GO_ONLY 0x00000001
#define DEBUG_BREAKPOINT_DEFERRED 0x00000002
#define DEBUG_BREAKPOINT_ENABLED 0x00000004
#define DEBUG_BREAKPOINT_ADDER_ONLY 0x00000008
#define DEBUG_BREAKPOINT_ONE_SHOT 0x00000010
#define DEBUG_BREAK_READ 0x00000001
#define DEBUG_BREAK_WRITE 0x00000002
#define DEBUG_BREAK_EXECUTE 0x00000004
#define DEBUG_BREAK_IO 0x00000008

typedef struct _DEBUG_BREAKPOINT_PARAMETERS {
  ULONG64 Offset;
  ULONG Id;
  ULONG BreakType;
  ULONG ProcType;
  ULONG Flags;
  ULONG DataSize;
  ULONG DataAccessType;
  ULONG PassCount;
  ULONG CurrentPassCount;
  ULONG MatchThread;
  ULONG CommandSize;
  ULONG OffsetExpressionSize;
} DEBUG_BREAKPOINT_PARAMETERS,*PDEBUG_BREAKPOINT_PARAMETERS;


#undef INTERFACE
#define INTERFACE IDebugBreakpoint
DECLARE_INTERFACE_(IDebugBreakpoint, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetId)(THIS_ PULONG Id) PURE; /* 3 */
    STDMETHOD(GetType)(THIS_ PULONG BreakType, PULONG ProcType) PURE; /* 4 */
    STDMETHOD(GetAdder)(THIS_ PDEBUG_CLIENT *Adder) PURE; /* 5 */
    STDMETHOD(GetFlags)(THIS_ PULONG Flags) PURE; /* 6 */
    STDMETHOD(AddFlags)(THIS_ ULONG Flags) PURE; /* 7 */
    STDMETHOD(RemoveFlags)(THIS_ ULONG Flags) PURE; /* 8 */
    STDMETHOD(SetFlags)(THIS_ ULONG Flags) PURE; /* 9 */
    STDMETHOD(GetOffset)(THIS_ PULONG64 Offset) PURE; /* 10 */
    STDMETHOD(SetOffset)(THIS_ ULONG64 Offset) PURE; /* 11 */
    STDMETHOD(GetDataParameters)(THIS_ PULONG Size, PULONG AccessType) PURE; /* 12 */
    STDMETHOD(SetDataParameters)(THIS_ ULONG Size, ULONG AccessType) PURE; /* 13 */
    STDMETHOD(GetPassCount)(THIS_ PULONG Count) PURE; /* 14 */
    STDMETHOD(SetPassCount)(THIS_ ULONG Count) PURE; /* 15 */
    STDMETHOD(GetCurrentPassCount)(THIS_ PULONG Count) PURE; /* 16 */
    STDMETHOD(GetMatchThreadId)(THIS_ PULONG Id) PURE; /* 17 */
    STDMETHOD(SetMatchThreadId)(THIS_ ULONG Thread) PURE; /* 18 */
    STDMETHOD(GetCommand)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 19 */
    STDMETHOD(SetCommand)(THIS_ PCSTR Command) PURE; /* 20 */
    STDMETHOD(GetOffsetExpression)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG ExpressionSize) PURE; /* 21 */
    STDMETHOD(SetOffsetExpression)(THIS_ PCSTR Expression) PURE; /* 22 */
    STDMETHOD(GetParameters)(THIS_ PDEBUG_BREAKPOINT_PARAMETERS Params) PURE; /* 23 */
};

#define DEBUG_ATTACH_KERNEL_CONNECTION 0x00000000
#define DEBUG_ATTACH_LOCAL_KERNEL 0x00000001
#define DEBUG_ATTACH_EXDI_DRIVER 0x00000002
#define DEBUG_GET_PROC_DEFAULT 0x00000000
#define DEBUG_GET_PROC_FULL_MATCH 0x00000001
#define DEBUG_GET_PROC_ONLY_MATCH 0x00000002
#define DEBUG_PROC_DESC_DEFAULT 0x00000000
#define DEBUG_PROC_DESC_NO_PATHS 0x00000001
#define DEBUG_PROC_DESC_NO_SERVICES 0x00000002
#define DEBUG_PROC_DESC_NO_MTS_PACKAGES 0x00000004
#define DEBUG_PROC_DESC_NO_COMMAND_LINE 0x00000008
#define DEBUG_PROCESS_DETACH_ON_EXIT 0x00000001
#define DEBUG_PROCESS_ONLY_THIS_PROCESS 0x00000002
#define DEBUG_CONNECT_SESSION_DEFAULT 0x00000000
#define DEBUG_CONNECT_SESSION_NO_VERSION 0x00000001
#define DEBUG_CONNECT_SESSION_NO_ANNOUNCE 0x00000002
#define DEBUG_SERVERS_DEBUGGER 0x00000001
#define DEBUG_SERVERS_PROCESS 0x00000002
#define DEBUG_SERVERS_ALL 0x00000003
#define DEBUG_END_PASSIVE 0x00000000
#define DEBUG_END_ACTIVE_TERMINATE 0x00000001
#define DEBUG_END_ACTIVE_DETACH 0x00000002
#define DEBUG_END_REENTRANT 0x00000003
#define DEBUG_END_DISCONNECT 0x00000004
#define DEBUG_OUTPUT_NORMAL 0x00000001
#define DEBUG_OUTPUT_ERROR 0x00000002
#define DEBUG_OUTPUT_WARNING 0x00000004
#define DEBUG_OUTPUT_VERBOSE 0x00000008
#define DEBUG_OUTPUT_PROMPT 0x00000010
#define DEBUG_OUTPUT_PROMPT_REGISTERS 0x00000020
#define DEBUG_OUTPUT_EXTENSION_WARNING 0x00000040
#define DEBUG_OUTPUT_DEBUGGEE 0x00000080
#define DEBUG_OUTPUT_DEBUGGEE_PROMPT 0x00000100
#define DEBUG_OUTPUT_SYMBOLS 0x00000200
#define DEBUG_OUTPUT_IDENTITY_DEFAULT 0x00000000
#define DEBUG_IOUTPUT_KD_PROTOCOL 0x80000000
#define DEBUG_IOUTPUT_REMOTING 0x40000000
#define DEBUG_IOUTPUT_BREAKPOINT 0x20000000
#define DEBUG_IOUTPUT_EVENT 0x10000000

#undef INTERFACE
#define INTERFACE IDebugClient
DECLARE_INTERFACE_(IDebugClient, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(AttachKernel)(THIS_ ULONG Flags, PCSTR ConnectOptions) PURE; /* 3 */
    STDMETHOD(GetKernelConnectionOptions)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG OptionsSize) PURE; /* 4 */
    STDMETHOD(SetKernelConnectionOptions)(THIS_ PCSTR Options) PURE; /* 5 */
    STDMETHOD(StartProcessServer)(THIS_ ULONG Flags, PCSTR Options, PVOID Reserved) PURE; /* 6 */
    STDMETHOD(ConnectProcessServer)(THIS_ PCSTR RemoteOptions, PULONG64 Server) PURE; /* 7 */
    STDMETHOD(DisconnectProcessServer)(THIS_ ULONG64 Server) PURE; /* 8 */
    STDMETHOD(GetRunningProcessSystemIds)(THIS_ ULONG64 Server, PULONG Ids, ULONG Count, PULONG ActualCount) PURE; /* 9 */
    STDMETHOD(GetRunningProcessSystemIdByExecutableName)(THIS_ ULONG64 Server, PCSTR ExeName, ULONG Flags, PULONG Id) PURE; /* 10 */
    STDMETHOD(GetRunningProcessDescription)(THIS_ ULONG64 Server, ULONG SystemId, ULONG Flags, PSTR ExeName, ULONG ExeNameSize, PULONG ActualExeNameSize, PSTR Description, ULONG DescriptionSize, PULONG ActualDescriptionSize) PURE; /* 11 */
    STDMETHOD(AttachProcess)(THIS_ ULONG64 Server, ULONG ProcessId, ULONG AttachFlags) PURE; /* 12 */
    STDMETHOD(CreateProcess)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags) PURE; /* 13 */
    STDMETHOD(CreateProcessAndAttach)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags, ULONG ProcessId, ULONG AttachFlags) PURE; /* 14 */
    STDMETHOD(GetProcessOptions)(THIS_ PULONG Options) PURE; /* 15 */
    STDMETHOD(AddProcessOptions)(THIS_ ULONG Options) PURE; /* 16 */
    STDMETHOD(RemoveProcessOptions)(THIS_ ULONG Options) PURE; /* 17 */
    STDMETHOD(SetProcessOptions)(THIS_ ULONG Options) PURE; /* 18 */
    STDMETHOD(OpenDumpFile)(THIS_ PCSTR DumpFile) PURE; /* 19 */
    STDMETHOD(WriteDumpFile)(THIS_ PCSTR DumpFile, ULONG Qualifier) PURE; /* 20 */
    STDMETHOD(ConnectSession)(THIS_ ULONG Flags, ULONG HistoryLimit) PURE; /* 21 */
    STDMETHOD(StartServer)(THIS_ PCSTR Options) PURE; /* 22 */
    STDMETHOD(OutputServers)(THIS_ ULONG OutputControl, PCSTR Machine, ULONG Flags) PURE; /* 23 */
    STDMETHOD(TerminateProcesses)(THIS) PURE; /* 24 */
    STDMETHOD(DetachProcesses)(THIS) PURE; /* 25 */
    STDMETHOD(EndSession)(THIS_ ULONG Flags) PURE; /* 26 */
    STDMETHOD(GetExitCode)(THIS_ PULONG Code) PURE; /* 27 */
    STDMETHOD(DispatchCallbacks)(THIS_ ULONG Timeout) PURE; /* 28 */
    STDMETHOD(ExitDispatch)(THIS_ PDEBUG_CLIENT Client) PURE; /* 29 */
    STDMETHOD(CreateClient)(THIS_ PDEBUG_CLIENT *Client) PURE; /* 30 */
    STDMETHOD(GetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS *Callbacks) PURE; /* 31 */
    STDMETHOD(SetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS Callbacks) PURE; /* 32 */
    STDMETHOD(GetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS *Callbacks) PURE; /* 33 */
    STDMETHOD(SetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS Callbacks) PURE; /* 34 */
    STDMETHOD(GetOutputMask)(THIS_ PULONG Mask) PURE; /* 35 */
    STDMETHOD(SetOutputMask)(THIS_ ULONG Mask) PURE; /* 36 */
    STDMETHOD(GetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, PULONG Mask) PURE; /* 37 */
    STDMETHOD(SetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, ULONG Mask) PURE; /* 38 */
    STDMETHOD(GetOutputWidth)(THIS_ PULONG Columns) PURE; /* 39 */
    STDMETHOD(SetOutputWidth)(THIS_ ULONG Columns) PURE; /* 40 */
    STDMETHOD(GetOutputLinePrefix)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PrefixSize) PURE; /* 41 */
    STDMETHOD(SetOutputLinePrefix)(THIS_ PCSTR Prefix) PURE; /* 42 */
    STDMETHOD(GetIdentity)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG IdentitySize) PURE; /* 43 */
    STDMETHOD(OutputIdentity)(THIS_ ULONG OutputControl, ULONG Flags, PCSTR Format) PURE; /* 44 */
    STDMETHOD(GetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS *Callbacks) PURE; /* 45 */
    STDMETHOD(SetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS Callbacks) PURE; /* 46 */
    STDMETHOD(FlushCallbacks)(THIS) PURE; /* 47 */
};

#define DEBUG_FORMAT_DEFAULT 0x00000000
#define DEBUG_FORMAT_WRITE_CAB 0x20000000
#define DEBUG_FORMAT_CAB_SECONDARY_FILES 0x40000000
#define DEBUG_FORMAT_NO_OVERWRITE 0x80000000
#define DEBUG_FORMAT_USER_SMALL_FULL_MEMORY 0x00000001
#define DEBUG_FORMAT_USER_SMALL_HANDLE_DATA 0x00000002
#define DEBUG_FORMAT_USER_SMALL_UNLOADED_MODULES 0x00000004
#define DEBUG_FORMAT_USER_SMALL_INDIRECT_MEMORY 0x00000008
#define DEBUG_FORMAT_USER_SMALL_DATA_SEGMENTS 0x00000010
#define DEBUG_FORMAT_USER_SMALL_FILTER_MEMORY 0x00000020
#define DEBUG_FORMAT_USER_SMALL_FILTER_PATHS 0x00000040
#define DEBUG_FORMAT_USER_SMALL_PROCESS_THREAD_DATA 0x00000080
#define DEBUG_FORMAT_USER_SMALL_PRIVATE_READ_WRITE_MEMORY 0x00000100
#define DEBUG_DUMP_FILE_BASE 0xffffffff
#define DEBUG_DUMP_FILE_PAGE_FILE_DUMP 0x00000000
#define DEBUG_DUMP_FILE_LOAD_FAILED_INDEX 0xffffffff

#undef INTERFACE
#define INTERFACE IDebugClient2
DECLARE_INTERFACE_(IDebugClient2, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(AttachKernel)(THIS_ ULONG Flags, PCSTR ConnectOptions) PURE; /* 3 */
    STDMETHOD(GetKernelConnectionOptions)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG OptionsSize) PURE; /* 4 */
    STDMETHOD(SetKernelConnectionOptions)(THIS_ PCSTR Options) PURE; /* 5 */
    STDMETHOD(StartProcessServer)(THIS_ ULONG Flags, PCSTR Options, PVOID Reserved) PURE; /* 6 */
    STDMETHOD(ConnectProcessServer)(THIS_ PCSTR RemoteOptions, PULONG64 Server) PURE; /* 7 */
    STDMETHOD(DisconnectProcessServer)(THIS_ ULONG64 Server) PURE; /* 8 */
    STDMETHOD(GetRunningProcessSystemIds)(THIS_ ULONG64 Server, PULONG Ids, ULONG Count, PULONG ActualCount) PURE; /* 9 */
    STDMETHOD(GetRunningProcessSystemIdByExecutableName)(THIS_ ULONG64 Server, PCSTR ExeName, ULONG Flags, PULONG Id) PURE; /* 10 */
    STDMETHOD(GetRunningProcessDescription)(THIS_ ULONG64 Server, ULONG SystemId, ULONG Flags, PSTR ExeName, ULONG ExeNameSize, PULONG ActualExeNameSize, PSTR Description, ULONG DescriptionSize, PULONG ActualDescriptionSize) PURE; /* 11 */
    STDMETHOD(AttachProcess)(THIS_ ULONG64 Server, ULONG ProcessId, ULONG AttachFlags) PURE; /* 12 */
    STDMETHOD(CreateProcess)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags) PURE; /* 13 */
    STDMETHOD(CreateProcessAndAttach)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags, ULONG ProcessId, ULONG AttachFlags) PURE; /* 14 */
    STDMETHOD(GetProcessOptions)(THIS_ PULONG Options) PURE; /* 15 */
    STDMETHOD(AddProcessOptions)(THIS_ ULONG Options) PURE; /* 16 */
    STDMETHOD(RemoveProcessOptions)(THIS_ ULONG Options) PURE; /* 17 */
    STDMETHOD(SetProcessOptions)(THIS_ ULONG Options) PURE; /* 18 */
    STDMETHOD(OpenDumpFile)(THIS_ PCSTR DumpFile) PURE; /* 19 */
    STDMETHOD(WriteDumpFile)(THIS_ PCSTR DumpFile, ULONG Qualifier) PURE; /* 20 */
    STDMETHOD(ConnectSession)(THIS_ ULONG Flags, ULONG HistoryLimit) PURE; /* 21 */
    STDMETHOD(StartServer)(THIS_ PCSTR Options) PURE; /* 22 */
    STDMETHOD(OutputServers)(THIS_ ULONG OutputControl, PCSTR Machine, ULONG Flags) PURE; /* 23 */
    STDMETHOD(TerminateProcesses)(THIS) PURE; /* 24 */
    STDMETHOD(DetachProcesses)(THIS) PURE; /* 25 */
    STDMETHOD(EndSession)(THIS_ ULONG Flags) PURE; /* 26 */
    STDMETHOD(GetExitCode)(THIS_ PULONG Code) PURE; /* 27 */
    STDMETHOD(DispatchCallbacks)(THIS_ ULONG Timeout) PURE; /* 28 */
    STDMETHOD(ExitDispatch)(THIS_ PDEBUG_CLIENT Client) PURE; /* 29 */
    STDMETHOD(CreateClient)(THIS_ PDEBUG_CLIENT *Client) PURE; /* 30 */
    STDMETHOD(GetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS *Callbacks) PURE; /* 31 */
    STDMETHOD(SetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS Callbacks) PURE; /* 32 */
    STDMETHOD(GetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS *Callbacks) PURE; /* 33 */
    STDMETHOD(SetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS Callbacks) PURE; /* 34 */
    STDMETHOD(GetOutputMask)(THIS_ PULONG Mask) PURE; /* 35 */
    STDMETHOD(SetOutputMask)(THIS_ ULONG Mask) PURE; /* 36 */
    STDMETHOD(GetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, PULONG Mask) PURE; /* 37 */
    STDMETHOD(SetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, ULONG Mask) PURE; /* 38 */
    STDMETHOD(GetOutputWidth)(THIS_ PULONG Columns) PURE; /* 39 */
    STDMETHOD(SetOutputWidth)(THIS_ ULONG Columns) PURE; /* 40 */
    STDMETHOD(GetOutputLinePrefix)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PrefixSize) PURE; /* 41 */
    STDMETHOD(SetOutputLinePrefix)(THIS_ PCSTR Prefix) PURE; /* 42 */
    STDMETHOD(GetIdentity)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG IdentitySize) PURE; /* 43 */
    STDMETHOD(OutputIdentity)(THIS_ ULONG OutputControl, ULONG Flags, PCSTR Format) PURE; /* 44 */
    STDMETHOD(GetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS *Callbacks) PURE; /* 45 */
    STDMETHOD(SetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS Callbacks) PURE; /* 46 */
    STDMETHOD(FlushCallbacks)(THIS) PURE; /* 47 */
    STDMETHOD(WriteDumpFile2)(THIS_ PCSTR DumpFile, ULONG Qualifier, ULONG FormatFlags, PCSTR Comment) PURE; /* 48 */
    STDMETHOD(AddDumpInformationFile)(THIS_ PCSTR InfoFile, ULONG Type) PURE; /* 49 */
    STDMETHOD(EndProcessServer)(THIS_ ULONG64 Server) PURE; /* 50 */
    STDMETHOD(WaitForProcessServerEnd)(THIS_ ULONG Timeout) PURE; /* 51 */
    STDMETHOD(IsKernelDebuggerEnabled)(THIS) PURE; /* 52 */
    STDMETHOD(TerminateCurrentProcess)(THIS) PURE; /* 53 */
    STDMETHOD(DetachCurrentProcess)(THIS) PURE; /* 54 */
    STDMETHOD(AbandonCurrentProcess)(THIS) PURE; /* 55 */
};


#undef INTERFACE
#define INTERFACE IDebugClient3
DECLARE_INTERFACE_(IDebugClient3, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(AttachKernel)(THIS_ ULONG Flags, PCSTR ConnectOptions) PURE; /* 3 */
    STDMETHOD(GetKernelConnectionOptions)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG OptionsSize) PURE; /* 4 */
    STDMETHOD(SetKernelConnectionOptions)(THIS_ PCSTR Options) PURE; /* 5 */
    STDMETHOD(StartProcessServer)(THIS_ ULONG Flags, PCSTR Options, PVOID Reserved) PURE; /* 6 */
    STDMETHOD(ConnectProcessServer)(THIS_ PCSTR RemoteOptions, PULONG64 Server) PURE; /* 7 */
    STDMETHOD(DisconnectProcessServer)(THIS_ ULONG64 Server) PURE; /* 8 */
    STDMETHOD(GetRunningProcessSystemIds)(THIS_ ULONG64 Server, PULONG Ids, ULONG Count, PULONG ActualCount) PURE; /* 9 */
    STDMETHOD(GetRunningProcessSystemIdByExecutableName)(THIS_ ULONG64 Server, PCSTR ExeName, ULONG Flags, PULONG Id) PURE; /* 10 */
    STDMETHOD(GetRunningProcessDescription)(THIS_ ULONG64 Server, ULONG SystemId, ULONG Flags, PSTR ExeName, ULONG ExeNameSize, PULONG ActualExeNameSize, PSTR Description, ULONG DescriptionSize, PULONG ActualDescriptionSize) PURE; /* 11 */
    STDMETHOD(AttachProcess)(THIS_ ULONG64 Server, ULONG ProcessId, ULONG AttachFlags) PURE; /* 12 */
    STDMETHOD(CreateProcess)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags) PURE; /* 13 */
    STDMETHOD(CreateProcessAndAttach)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags, ULONG ProcessId, ULONG AttachFlags) PURE; /* 14 */
    STDMETHOD(GetProcessOptions)(THIS_ PULONG Options) PURE; /* 15 */
    STDMETHOD(AddProcessOptions)(THIS_ ULONG Options) PURE; /* 16 */
    STDMETHOD(RemoveProcessOptions)(THIS_ ULONG Options) PURE; /* 17 */
    STDMETHOD(SetProcessOptions)(THIS_ ULONG Options) PURE; /* 18 */
    STDMETHOD(OpenDumpFile)(THIS_ PCSTR DumpFile) PURE; /* 19 */
    STDMETHOD(WriteDumpFile)(THIS_ PCSTR DumpFile, ULONG Qualifier) PURE; /* 20 */
    STDMETHOD(ConnectSession)(THIS_ ULONG Flags, ULONG HistoryLimit) PURE; /* 21 */
    STDMETHOD(StartServer)(THIS_ PCSTR Options) PURE; /* 22 */
    STDMETHOD(OutputServers)(THIS_ ULONG OutputControl, PCSTR Machine, ULONG Flags) PURE; /* 23 */
    STDMETHOD(TerminateProcesses)(THIS) PURE; /* 24 */
    STDMETHOD(DetachProcesses)(THIS) PURE; /* 25 */
    STDMETHOD(EndSession)(THIS_ ULONG Flags) PURE; /* 26 */
    STDMETHOD(GetExitCode)(THIS_ PULONG Code) PURE; /* 27 */
    STDMETHOD(DispatchCallbacks)(THIS_ ULONG Timeout) PURE; /* 28 */
    STDMETHOD(ExitDispatch)(THIS_ PDEBUG_CLIENT Client) PURE; /* 29 */
    STDMETHOD(CreateClient)(THIS_ PDEBUG_CLIENT *Client) PURE; /* 30 */
    STDMETHOD(GetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS *Callbacks) PURE; /* 31 */
    STDMETHOD(SetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS Callbacks) PURE; /* 32 */
    STDMETHOD(GetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS *Callbacks) PURE; /* 33 */
    STDMETHOD(SetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS Callbacks) PURE; /* 34 */
    STDMETHOD(GetOutputMask)(THIS_ PULONG Mask) PURE; /* 35 */
    STDMETHOD(SetOutputMask)(THIS_ ULONG Mask) PURE; /* 36 */
    STDMETHOD(GetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, PULONG Mask) PURE; /* 37 */
    STDMETHOD(SetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, ULONG Mask) PURE; /* 38 */
    STDMETHOD(GetOutputWidth)(THIS_ PULONG Columns) PURE; /* 39 */
    STDMETHOD(SetOutputWidth)(THIS_ ULONG Columns) PURE; /* 40 */
    STDMETHOD(GetOutputLinePrefix)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PrefixSize) PURE; /* 41 */
    STDMETHOD(SetOutputLinePrefix)(THIS_ PCSTR Prefix) PURE; /* 42 */
    STDMETHOD(GetIdentity)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG IdentitySize) PURE; /* 43 */
    STDMETHOD(OutputIdentity)(THIS_ ULONG OutputControl, ULONG Flags, PCSTR Format) PURE; /* 44 */
    STDMETHOD(GetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS *Callbacks) PURE; /* 45 */
    STDMETHOD(SetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS Callbacks) PURE; /* 46 */
    STDMETHOD(FlushCallbacks)(THIS) PURE; /* 47 */
    STDMETHOD(WriteDumpFile2)(THIS_ PCSTR DumpFile, ULONG Qualifier, ULONG FormatFlags, PCSTR Comment) PURE; /* 48 */
    STDMETHOD(AddDumpInformationFile)(THIS_ PCSTR InfoFile, ULONG Type) PURE; /* 49 */
    STDMETHOD(EndProcessServer)(THIS_ ULONG64 Server) PURE; /* 50 */
    STDMETHOD(WaitForProcessServerEnd)(THIS_ ULONG Timeout) PURE; /* 51 */
    STDMETHOD(IsKernelDebuggerEnabled)(THIS) PURE; /* 52 */
    STDMETHOD(TerminateCurrentProcess)(THIS) PURE; /* 53 */
    STDMETHOD(DetachCurrentProcess)(THIS) PURE; /* 54 */
    STDMETHOD(AbandonCurrentProcess)(THIS) PURE; /* 55 */
    STDMETHOD(GetRunningProcessSystemIdByExecutableNameWide)(THIS_ ULONG64 Server, PCWSTR ExeName, ULONG Flags, PULONG Id) PURE; /* 56 */
    STDMETHOD(GetRunningProcessDescriptionWide)(THIS_ ULONG64 Server, ULONG SystemId, ULONG Flags, PWSTR ExeName, ULONG ExeNameSize, PULONG ActualExeNameSize, PWSTR Description, ULONG DescriptionSize, PULONG ActualDescriptionSize) PURE; /* 57 */
    STDMETHOD(CreateProcessWide)(THIS_ ULONG64 Server, PWSTR CommandLine, ULONG CreateFlags) PURE; /* 58 */
    STDMETHOD(CreateProcessAndAttachWide)(THIS_ ULONG64 Server, PWSTR CommandLine, ULONG CreateFlags, ULONG ProcessId, ULONG AttachFlags) PURE; /* 59 */
};


#undef INTERFACE
#define INTERFACE IDebugClient4
DECLARE_INTERFACE_(IDebugClient4, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(AttachKernel)(THIS_ ULONG Flags, PCSTR ConnectOptions) PURE; /* 3 */
    STDMETHOD(GetKernelConnectionOptions)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG OptionsSize) PURE; /* 4 */
    STDMETHOD(SetKernelConnectionOptions)(THIS_ PCSTR Options) PURE; /* 5 */
    STDMETHOD(StartProcessServer)(THIS_ ULONG Flags, PCSTR Options, PVOID Reserved) PURE; /* 6 */
    STDMETHOD(ConnectProcessServer)(THIS_ PCSTR RemoteOptions, PULONG64 Server) PURE; /* 7 */
    STDMETHOD(DisconnectProcessServer)(THIS_ ULONG64 Server) PURE; /* 8 */
    STDMETHOD(GetRunningProcessSystemIds)(THIS_ ULONG64 Server, PULONG Ids, ULONG Count, PULONG ActualCount) PURE; /* 9 */
    STDMETHOD(GetRunningProcessSystemIdByExecutableName)(THIS_ ULONG64 Server, PCSTR ExeName, ULONG Flags, PULONG Id) PURE; /* 10 */
    STDMETHOD(GetRunningProcessDescription)(THIS_ ULONG64 Server, ULONG SystemId, ULONG Flags, PSTR ExeName, ULONG ExeNameSize, PULONG ActualExeNameSize, PSTR Description, ULONG DescriptionSize, PULONG ActualDescriptionSize) PURE; /* 11 */
    STDMETHOD(AttachProcess)(THIS_ ULONG64 Server, ULONG ProcessId, ULONG AttachFlags) PURE; /* 12 */
    STDMETHOD(CreateProcess)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags) PURE; /* 13 */
    STDMETHOD(CreateProcessAndAttach)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags, ULONG ProcessId, ULONG AttachFlags) PURE; /* 14 */
    STDMETHOD(GetProcessOptions)(THIS_ PULONG Options) PURE; /* 15 */
    STDMETHOD(AddProcessOptions)(THIS_ ULONG Options) PURE; /* 16 */
    STDMETHOD(RemoveProcessOptions)(THIS_ ULONG Options) PURE; /* 17 */
    STDMETHOD(SetProcessOptions)(THIS_ ULONG Options) PURE; /* 18 */
    STDMETHOD(OpenDumpFile)(THIS_ PCSTR DumpFile) PURE; /* 19 */
    STDMETHOD(WriteDumpFile)(THIS_ PCSTR DumpFile, ULONG Qualifier) PURE; /* 20 */
    STDMETHOD(ConnectSession)(THIS_ ULONG Flags, ULONG HistoryLimit) PURE; /* 21 */
    STDMETHOD(StartServer)(THIS_ PCSTR Options) PURE; /* 22 */
    STDMETHOD(OutputServers)(THIS_ ULONG OutputControl, PCSTR Machine, ULONG Flags) PURE; /* 23 */
    STDMETHOD(TerminateProcesses)(THIS) PURE; /* 24 */
    STDMETHOD(DetachProcesses)(THIS) PURE; /* 25 */
    STDMETHOD(EndSession)(THIS_ ULONG Flags) PURE; /* 26 */
    STDMETHOD(GetExitCode)(THIS_ PULONG Code) PURE; /* 27 */
    STDMETHOD(DispatchCallbacks)(THIS_ ULONG Timeout) PURE; /* 28 */
    STDMETHOD(ExitDispatch)(THIS_ PDEBUG_CLIENT Client) PURE; /* 29 */
    STDMETHOD(CreateClient)(THIS_ PDEBUG_CLIENT *Client) PURE; /* 30 */
    STDMETHOD(GetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS *Callbacks) PURE; /* 31 */
    STDMETHOD(SetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS Callbacks) PURE; /* 32 */
    STDMETHOD(GetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS *Callbacks) PURE; /* 33 */
    STDMETHOD(SetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS Callbacks) PURE; /* 34 */
    STDMETHOD(GetOutputMask)(THIS_ PULONG Mask) PURE; /* 35 */
    STDMETHOD(SetOutputMask)(THIS_ ULONG Mask) PURE; /* 36 */
    STDMETHOD(GetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, PULONG Mask) PURE; /* 37 */
    STDMETHOD(SetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, ULONG Mask) PURE; /* 38 */
    STDMETHOD(GetOutputWidth)(THIS_ PULONG Columns) PURE; /* 39 */
    STDMETHOD(SetOutputWidth)(THIS_ ULONG Columns) PURE; /* 40 */
    STDMETHOD(GetOutputLinePrefix)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PrefixSize) PURE; /* 41 */
    STDMETHOD(SetOutputLinePrefix)(THIS_ PCSTR Prefix) PURE; /* 42 */
    STDMETHOD(GetIdentity)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG IdentitySize) PURE; /* 43 */
    STDMETHOD(OutputIdentity)(THIS_ ULONG OutputControl, ULONG Flags, PCSTR Format) PURE; /* 44 */
    STDMETHOD(GetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS *Callbacks) PURE; /* 45 */
    STDMETHOD(SetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS Callbacks) PURE; /* 46 */
    STDMETHOD(FlushCallbacks)(THIS) PURE; /* 47 */
    STDMETHOD(WriteDumpFile2)(THIS_ PCSTR DumpFile, ULONG Qualifier, ULONG FormatFlags, PCSTR Comment) PURE; /* 48 */
    STDMETHOD(AddDumpInformationFile)(THIS_ PCSTR InfoFile, ULONG Type) PURE; /* 49 */
    STDMETHOD(EndProcessServer)(THIS_ ULONG64 Server) PURE; /* 50 */
    STDMETHOD(WaitForProcessServerEnd)(THIS_ ULONG Timeout) PURE; /* 51 */
    STDMETHOD(IsKernelDebuggerEnabled)(THIS) PURE; /* 52 */
    STDMETHOD(TerminateCurrentProcess)(THIS) PURE; /* 53 */
    STDMETHOD(DetachCurrentProcess)(THIS) PURE; /* 54 */
    STDMETHOD(AbandonCurrentProcess)(THIS) PURE; /* 55 */
    STDMETHOD(GetRunningProcessSystemIdByExecutableNameWide)(THIS_ ULONG64 Server, PCWSTR ExeName, ULONG Flags, PULONG Id) PURE; /* 56 */
    STDMETHOD(GetRunningProcessDescriptionWide)(THIS_ ULONG64 Server, ULONG SystemId, ULONG Flags, PWSTR ExeName, ULONG ExeNameSize, PULONG ActualExeNameSize, PWSTR Description, ULONG DescriptionSize, PULONG ActualDescriptionSize) PURE; /* 57 */
    STDMETHOD(CreateProcessWide)(THIS_ ULONG64 Server, PWSTR CommandLine, ULONG CreateFlags) PURE; /* 58 */
    STDMETHOD(CreateProcessAndAttachWide)(THIS_ ULONG64 Server, PWSTR CommandLine, ULONG CreateFlags, ULONG ProcessId, ULONG AttachFlags) PURE; /* 59 */
    STDMETHOD(OpenDumpFileWide)(THIS_ PCWSTR FileName, ULONG64 FileHandle) PURE; /* 60 */
    STDMETHOD(WriteDumpFileWide)(THIS_ PCWSTR FileName, ULONG64 FileHandle, ULONG Qualifier, ULONG FormatFlags, PCWSTR Comment) PURE; /* 61 */
    STDMETHOD(AddDumpInformationFileWide)(THIS_ PCWSTR FileName, ULONG64 FileHandle, ULONG Type) PURE; /* 62 */
    STDMETHOD(GetNumberDumpFiles)(THIS_ PULONG Number) PURE; /* 63 */
    STDMETHOD(GetDumpFile)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG NameSize, PULONG64 Handle, PULONG Type) PURE; /* 64 */
    STDMETHOD(GetDumpFileWide)(THIS_ ULONG Index, PWSTR Buffer, ULONG BufferSize, PULONG NameSize, PULONG64 Handle, PULONG Type) PURE; /* 65 */
};

#undef INTERFACE
#define INTERFACE IDebugClient5
DECLARE_INTERFACE_(IDebugClient5, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(AttachKernel)(THIS_ ULONG Flags, PCSTR ConnectOptions) PURE; /* 3 */
    STDMETHOD(GetKernelConnectionOptions)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG OptionsSize) PURE; /* 4 */
    STDMETHOD(SetKernelConnectionOptions)(THIS_ PCSTR Options) PURE; /* 5 */
    STDMETHOD(StartProcessServer)(THIS_ ULONG Flags, PCSTR Options, PVOID Reserved) PURE; /* 6 */
    STDMETHOD(ConnectProcessServer)(THIS_ PCSTR RemoteOptions, PULONG64 Server) PURE; /* 7 */
    STDMETHOD(DisconnectProcessServer)(THIS_ ULONG64 Server) PURE; /* 8 */
    STDMETHOD(GetRunningProcessSystemIds)(THIS_ ULONG64 Server, PULONG Ids, ULONG Count, PULONG ActualCount) PURE; /* 9 */
    STDMETHOD(GetRunningProcessSystemIdByExecutableName)(THIS_ ULONG64 Server, PCSTR ExeName, ULONG Flags, PULONG Id) PURE; /* 10 */
    STDMETHOD(GetRunningProcessDescription)(THIS_ ULONG64 Server, ULONG SystemId, ULONG Flags, PSTR ExeName, ULONG ExeNameSize, PULONG ActualExeNameSize, PSTR Description, ULONG DescriptionSize, PULONG ActualDescriptionSize) PURE; /* 11 */
    STDMETHOD(AttachProcess)(THIS_ ULONG64 Server, ULONG ProcessId, ULONG AttachFlags) PURE; /* 12 */
    STDMETHOD(CreateProcess)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags) PURE; /* 13 */
    STDMETHOD(CreateProcessAndAttach)(THIS_ ULONG64 Server, PSTR CommandLine, ULONG CreateFlags, ULONG ProcessId, ULONG AttachFlags) PURE; /* 14 */
    STDMETHOD(GetProcessOptions)(THIS_ PULONG Options) PURE; /* 15 */
    STDMETHOD(AddProcessOptions)(THIS_ ULONG Options) PURE; /* 16 */
    STDMETHOD(RemoveProcessOptions)(THIS_ ULONG Options) PURE; /* 17 */
    STDMETHOD(SetProcessOptions)(THIS_ ULONG Options) PURE; /* 18 */
    STDMETHOD(OpenDumpFile)(THIS_ PCSTR DumpFile) PURE; /* 19 */
    STDMETHOD(WriteDumpFile)(THIS_ PCSTR DumpFile, ULONG Qualifier) PURE; /* 20 */
    STDMETHOD(ConnectSession)(THIS_ ULONG Flags, ULONG HistoryLimit) PURE; /* 21 */
    STDMETHOD(StartServer)(THIS_ PCSTR Options) PURE; /* 22 */
    STDMETHOD(OutputServers)(THIS_ ULONG OutputControl, PCSTR Machine, ULONG Flags) PURE; /* 23 */
    STDMETHOD(TerminateProcesses)(THIS) PURE; /* 24 */
    STDMETHOD(DetachProcesses)(THIS) PURE; /* 25 */
    STDMETHOD(EndSession)(THIS_ ULONG Flags) PURE; /* 26 */
    STDMETHOD(GetExitCode)(THIS_ PULONG Code) PURE; /* 27 */
    STDMETHOD(DispatchCallbacks)(THIS_ ULONG Timeout) PURE; /* 28 */
    STDMETHOD(ExitDispatch)(THIS_ PDEBUG_CLIENT Client) PURE; /* 29 */
    STDMETHOD(CreateClient)(THIS_ PDEBUG_CLIENT *Client) PURE; /* 30 */
    STDMETHOD(GetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS *Callbacks) PURE; /* 31 */
    STDMETHOD(SetInputCallbacks)(THIS_ PDEBUG_INPUT_CALLBACKS Callbacks) PURE; /* 32 */
    STDMETHOD(GetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS *Callbacks) PURE; /* 33 */
    STDMETHOD(SetOutputCallbacks)(THIS_ PDEBUG_OUTPUT_CALLBACKS Callbacks) PURE; /* 34 */
    STDMETHOD(GetOutputMask)(THIS_ PULONG Mask) PURE; /* 35 */
    STDMETHOD(SetOutputMask)(THIS_ ULONG Mask) PURE; /* 36 */
    STDMETHOD(GetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, PULONG Mask) PURE; /* 37 */
    STDMETHOD(SetOtherOutputMask)(THIS_ PDEBUG_CLIENT Client, ULONG Mask) PURE; /* 38 */
    STDMETHOD(GetOutputWidth)(THIS_ PULONG Columns) PURE; /* 39 */
    STDMETHOD(SetOutputWidth)(THIS_ ULONG Columns) PURE; /* 40 */
    STDMETHOD(GetOutputLinePrefix)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PrefixSize) PURE; /* 41 */
    STDMETHOD(SetOutputLinePrefix)(THIS_ PCSTR Prefix) PURE; /* 42 */
    STDMETHOD(GetIdentity)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG IdentitySize) PURE; /* 43 */
    STDMETHOD(OutputIdentity)(THIS_ ULONG OutputControl, ULONG Flags, PCSTR Format) PURE; /* 44 */
    STDMETHOD(GetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS *Callbacks) PURE; /* 45 */
    STDMETHOD(SetEventCallbacks)(THIS_ PDEBUG_EVENT_CALLBACKS Callbacks) PURE; /* 46 */
    STDMETHOD(FlushCallbacks)(THIS) PURE; /* 47 */
    STDMETHOD(WriteDumpFile2)(THIS_ PCSTR DumpFile, ULONG Qualifier, ULONG FormatFlags, PCSTR Comment) PURE; /* 48 */
    STDMETHOD(AddDumpInformationFile)(THIS_ PCSTR InfoFile, ULONG Type) PURE; /* 49 */
    STDMETHOD(EndProcessServer)(THIS_ ULONG64 Server) PURE; /* 50 */
    STDMETHOD(WaitForProcessServerEnd)(THIS_ ULONG Timeout) PURE; /* 51 */
    STDMETHOD(IsKernelDebuggerEnabled)(THIS) PURE; /* 52 */
    STDMETHOD(TerminateCurrentProcess)(THIS) PURE; /* 53 */
    STDMETHOD(DetachCurrentProcess)(THIS) PURE; /* 54 */
    STDMETHOD(AbandonCurrentProcess)(THIS) PURE; /* 55 */
    STDMETHOD(GetRunningProcessSystemIdByExecutableNameWide)(THIS_ ULONG64 Server, PCWSTR ExeName, ULONG Flags, PULONG Id) PURE; /* 56 */
    STDMETHOD(GetRunningProcessDescriptionWide)(THIS_ ULONG64 Server, ULONG SystemId, ULONG Flags, PWSTR ExeName, ULONG ExeNameSize, PULONG ActualExeNameSize, PWSTR Description, ULONG DescriptionSize, PULONG ActualDescriptionSize) PURE; /* 57 */
    STDMETHOD(CreateProcessWide)(THIS_ ULONG64 Server, PWSTR CommandLine, ULONG CreateFlags) PURE; /* 58 */
    STDMETHOD(CreateProcessAndAttachWide)(THIS_ ULONG64 Server, PWSTR CommandLine, ULONG CreateFlags, ULONG ProcessId, ULONG AttachFlags) PURE; /* 59 */
    STDMETHOD(OpenDumpFileWide)(THIS_ PCWSTR FileName, ULONG64 FileHandle) PURE; /* 60 */
    STDMETHOD(WriteDumpFileWide)(THIS_ PCWSTR FileName, ULONG64 FileHandle, ULONG Qualifier, ULONG FormatFlags, PCWSTR Comment) PURE; /* 61 */
    STDMETHOD(AddDumpInformationFileWide)(THIS_ PCWSTR FileName, ULONG64 FileHandle, ULONG Type) PURE; /* 62 */
    STDMETHOD(GetNumberDumpFiles)(THIS_ PULONG Number) PURE; /* 63 */
    STDMETHOD(GetDumpFile)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG NameSize, PULONG64 Handle, PULONG Type) PURE; /* 64 */
    STDMETHOD(GetDumpFileWide)(THIS_ ULONG Index, PWSTR Buffer, ULONG BufferSize, PULONG NameSize, PULONG64 Handle, PULONG Type) PURE; /* 65 */
    STDMETHOD(AttachKernelWide)(THIS_ ULONG Flags, PCWSTR ConnectOptions) PURE; /* 66 */
    STDMETHOD(GetKernelConnectionOptionsWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG OptionsSize) PURE; /* 67 */
    STDMETHOD(SetKernelConnectionOptionsWide)(THIS_ PCWSTR Options) PURE; /* 68 */
    STDMETHOD(StartProcessServerWide)(THIS_ ULONG Flags, PCWSTR Options, PVOID Reserved) PURE; /* 69 */
    STDMETHOD(ConnectProcessServerWide)(THIS_ PCWSTR RemoteOptions, PULONG64 Server) PURE; /* 70 */
    STDMETHOD(StartServerWide)(THIS_ PCWSTR Options) PURE; /* 71 */
    STDMETHOD(OutputServersWide)(THIS_ ULONG OutputControl, PCWSTR Machine, ULONG Flags) PURE; /* 72 */
    STDMETHOD(GetOutputCallbacksWide)(THIS_ PDEBUG_OUTPUT_CALLBACKS_WIDE *Callbacks) PURE; /* 73 */
    STDMETHOD(SetOutputCallbacksWide)(THIS_ PDEBUG_OUTPUT_CALLBACKS_WIDE Callbacks) PURE; /* 74 */
    STDMETHOD(GetOutputLinePrefixWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG PrefixSize) PURE; /* 75 */
    STDMETHOD(SetOutputLinePrefixWide)(THIS_ PCWSTR Prefix) PURE; /* 76 */
    STDMETHOD(GetIdentityWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG IdentitySize) PURE; /* 77 */
    STDMETHOD(OutputIdentityWide)(THIS_ ULONG OutputControl, ULONG Flags, PCWSTR Format) PURE; /* 78 */
    STDMETHOD(GetEventCallbacksWide)(THIS_ PDEBUG_EVENT_CALLBACKS_WIDE *Callbacks) PURE; /* 79 */
    STDMETHOD(SetEventCallbacksWide)(THIS_ PDEBUG_EVENT_CALLBACKS_WIDE Callbacks) PURE; /* 80 */
    STDMETHOD(CreateProcess2)(THIS_ ULONG64 Server, PSTR CommandLine, PVOID OptionsBuffer, ULONG OptionsBufferSize, PCSTR InitialDirectory, PCSTR Environment) PURE; /* 81 */
    STDMETHOD(CreateProcess2Wide)(THIS_ ULONG64 Server, PWSTR CommandLine, PVOID OptionsBuffer, ULONG OptionsBufferSize, PCWSTR InitialDirectory, PCWSTR Environment) PURE; /* 82 */
    STDMETHOD(CreateProcessAndAttach2)(THIS_ ULONG64 Server, PSTR CommandLine, PVOID OptionsBuffer, ULONG OptionsBufferSize, PCSTR InitialDirectory, PCSTR Environment, ULONG ProcessId, ULONG AttachFlags) PURE; /* 83 */
    STDMETHOD(CreateProcessAndAttach2Wide)(THIS_ ULONG64 Server, PWSTR CommandLine, PVOID OptionsBuffer, ULONG OptionsBufferSize, PCWSTR InitialDirectory, PCWSTR Environment, ULONG ProcessId, ULONG AttachFlags) PURE; /* 84 */
    STDMETHOD(PushOutputLinePrefix)(THIS_ PCSTR NewPrefix, PULONG64 Handle) PURE; /* 85 */
    STDMETHOD(PushOutputLinePrefixWide)(THIS_ PCWSTR NewPrefix, PULONG64 Handle) PURE; /* 86 */
    STDMETHOD(PopOutputLinePrefix)(THIS_ ULONG64 Handle) PURE; /* 87 */
    STDMETHOD(GetNumberInputCallbacks)(THIS_ PULONG Count) PURE; /* 88 */
    STDMETHOD(GetNumberOutputCallbacks)(THIS_ PULONG Count) PURE; /* 89 */
    STDMETHOD(GetNumberEventCallbacks)(THIS_ ULONG EventFlags, PULONG Count) PURE; /* 90 */
    STDMETHOD(GetQuitLockString)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG StringSize) PURE; /* 91 */
    STDMETHOD(SetQuitLockString)(THIS_ PCSTR String) PURE; /* 92 */
    STDMETHOD(GetQuitLockStringWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG StringSize) PURE; /* 93 */
    STDMETHOD(SetQuitLockStringWide)(THIS_ PCWSTR String) PURE; /* 94 */
};

#define DEBUG_STATUS_NO_CHANGE 0
#define DEBUG_STATUS_GO 1
#define DEBUG_STATUS_GO_HANDLED 2
#define DEBUG_STATUS_GO_NOT_HANDLED 3
#define DEBUG_STATUS_STEP_OVER 4
#define DEBUG_STATUS_STEP_INTO 5
#define DEBUG_STATUS_BREAK 6
#define DEBUG_STATUS_NO_DEBUGGEE 7
#define DEBUG_STATUS_STEP_BRANCH 8
#define DEBUG_STATUS_IGNORE_EVENT 9
#define DEBUG_STATUS_MASK 0xf
#define DEBUG_STATUS_INSIDE_WAIT 0x100000000
#define DEBUG_OUTCTL_THIS_CLIENT 0x00000000
#define DEBUG_OUTCTL_ALL_CLIENTS 0x00000001
#define DEBUG_OUTCTL_ALL_OTHER_CLIENTS 0x00000002
#define DEBUG_OUTCTL_IGNORE 0x00000003
#define DEBUG_OUTCTL_LOG_ONLY 0x00000004
#define DEBUG_OUTCTL_SEND_MASK 0x00000007
#define DEBUG_OUTCTL_NOT_LOGGED 0x00000008
#define DEBUG_OUTCTL_OVERRIDE_MASK 0x00000010
#define DEBUG_OUTCTL_AMBIENT 0xffffffff
#define DEBUG_INTERRUPT_ACTIVE 0
#define DEBUG_INTERRUPT_PASSIVE 1
#define DEBUG_INTERRUPT_EXIT 2
#define DEBUG_CURRENT_DEFAULT 0x0000000f
#define DEBUG_CURRENT_SYMBOL 0x00000001
#define DEBUG_CURRENT_DISASM 0x00000002
#define DEBUG_CURRENT_REGISTERS 0x00000004
#define DEBUG_CURRENT_SOURCE_LINE 0x00000008
#define DEBUG_DISASM_EFFECTIVE_ADDRESS 0x00000001
#define DEBUG_DISASM_MATCHING_SYMBOLS 0x00000002
#define DEBUG_LEVEL_SOURCE 0
#define DEBUG_LEVEL_ASSEMBLY 1
#define DEBUG_ENGOPT_IGNORE_DBGHELP_VERSION 0x00000001
#define DEBUG_ENGOPT_IGNORE_EXTENSION_VERSIONS 0x00000002
#define DEBUG_ENGOPT_ALLOW_NETWORK_PATHS 0x00000004
#define DEBUG_ENGOPT_DISALLOW_NETWORK_PATHS 0x00000008
#define DEBUG_ENGOPT_NETWORK_PATHS (0x00000004 | 0x00000008)
#define DEBUG_ENGOPT_IGNORE_LOADER_EXCEPTIONS 0x00000010
#define DEBUG_ENGOPT_INITIAL_BREAK 0x00000020
#define DEBUG_ENGOPT_INITIAL_MODULE_BREAK 0x00000040
#define DEBUG_ENGOPT_FINAL_BREAK 0x00000080
#define DEBUG_ENGOPT_NO_EXECUTE_REPEAT 0x00000100
#define DEBUG_ENGOPT_FAIL_INCOMPLETE_INFORMATION 0x00000200
#define DEBUG_ENGOPT_ALLOW_READ_ONLY_BREAKPOINTS 0x00000400
#define DEBUG_ENGOPT_SYNCHRONIZE_BREAKPOINTS 0x00000800
#define DEBUG_ENGOPT_DISALLOW_SHELL_COMMANDS 0x00001000
#define DEBUG_ENGOPT_ALL 0x00001FFF
#define DEBUG_ANY_ID 0xffffffff

typedef struct _DEBUG_STACK_FRAME {
  ULONG64 InstructionOffset;
  ULONG64 ReturnOffset;
  ULONG64 FrameOffset;
  ULONG64 StackOffset;
  ULONG64 FuncTableEntry;
  ULONG64 Params[4];
  ULONG64 Reserved[6];
  BOOL Virtual;
  ULONG FrameNumber;
} DEBUG_STACK_FRAME,*PDEBUG_STACK_FRAME;

#define DEBUG_STACK_ARGUMENTS 0x00000001
#define DEBUG_STACK_FUNCTION_INFO 0x00000002
#define DEBUG_STACK_SOURCE_LINE 0x00000004
#define DEBUG_STACK_FRAME_ADDRESSES 0x00000008
#define DEBUG_STACK_COLUMN_NAMES 0x00000010
#define DEBUG_STACK_NONVOLATILE_REGISTERS 0x00000020
#define DEBUG_STACK_FRAME_NUMBERS 0x00000040
#define DEBUG_STACK_PARAMETERS 0x00000080
#define DEBUG_STACK_FRAME_ADDRESSES_RA_ONLY 0x00000100
#define DEBUG_STACK_FRAME_MEMORY_USAGE 0x00000200
#define DEBUG_CLASS_UNINITIALIZED 0
#define DEBUG_CLASS_KERNEL 1
#define DEBUG_CLASS_USER_WINDOWS 2
#define DEBUG_DUMP_SMALL 1024
#define DEBUG_DUMP_DEFAULT 1025
#define DEBUG_DUMP_FULL 1026
#define DEBUG_KERNEL_CONNECTION 0
#define DEBUG_KERNEL_LOCAL 1
#define DEBUG_KERNEL_EXDI_DRIVER 2
#define DEBUG_KERNEL_SMALL_DUMP DEBUG_DUMP_SMALL
#define DEBUG_KERNEL_DUMP DEBUG_DUMP_DEFAULT
#define DEBUG_KERNEL_FULL_DUMP DEBUG_DUMP_FULL
#define DEBUG_USER_WINDOWS_PROCESS 0
#define DEBUG_USER_WINDOWS_PROCESS_SERVER 1
#define DEBUG_USER_WINDOWS_SMALL_DUMP DEBUG_DUMP_SMALL
#define DEBUG_USER_WINDOWS_DUMP DEBUG_DUMP_DEFAULT
#define DEBUG_EXTENSION_AT_ENGINE 0x00000000
#define DEBUG_EXECUTE_DEFAULT 0x00000000
#define DEBUG_EXECUTE_ECHO 0x00000001
#define DEBUG_EXECUTE_NOT_LOGGED 0x00000002
#define DEBUG_EXECUTE_NO_REPEAT 0x00000004
#define DEBUG_FILTER_CREATE_THREAD 0x00000000
#define DEBUG_FILTER_EXIT_THREAD 0x00000001
#define DEBUG_FILTER_CREATE_PROCESS 0x00000002
#define DEBUG_FILTER_EXIT_PROCESS 0x00000003
#define DEBUG_FILTER_LOAD_MODULE 0x00000004
#define DEBUG_FILTER_UNLOAD_MODULE 0x00000005
#define DEBUG_FILTER_SYSTEM_ERROR 0x00000006
#define DEBUG_FILTER_INITIAL_BREAKPOINT 0x00000007
#define DEBUG_FILTER_INITIAL_MODULE_LOAD 0x00000008
#define DEBUG_FILTER_DEBUGGEE_OUTPUT 0x00000009
#define DEBUG_FILTER_BREAK 0x00000000
#define DEBUG_FILTER_SECOND_CHANCE_BREAK 0x00000001
#define DEBUG_FILTER_OUTPUT 0x00000002
#define DEBUG_FILTER_IGNORE 0x00000003
#define DEBUG_FILTER_REMOVE 0x00000004
#define DEBUG_FILTER_GO_HANDLED 0x00000000
#define DEBUG_FILTER_GO_NOT_HANDLED 0x00000001

typedef struct _DEBUG_SPECIFIC_FILTER_PARAMETERS {
  ULONG ExecutionOption;
  ULONG ContinueOption;
  ULONG TextSize;
  ULONG CommandSize;
  ULONG ArgumentSize;
} DEBUG_SPECIFIC_FILTER_PARAMETERS,*PDEBUG_SPECIFIC_FILTER_PARAMETERS;


typedef struct _DEBUG_EXCEPTION_FILTER_PARAMETERS {
  ULONG ExecutionOption;
  ULONG ContinueOption;
  ULONG TextSize;
  ULONG CommandSize;
  ULONG SecondCommandSize;
  ULONG ExceptionCode;
} DEBUG_EXCEPTION_FILTER_PARAMETERS,*PDEBUG_EXCEPTION_FILTER_PARAMETERS;


typedef struct _DEBUG_LAST_EVENT_INFO_BREAKPOINT {
  ULONG Id;
} DEBUG_LAST_EVENT_INFO_BREAKPOINT,*PDEBUG_LAST_EVENT_INFO_BREAKPOINT;


typedef struct _DEBUG_LAST_EVENT_INFO_EXCEPTION {
  EXCEPTION_RECORD64 ExceptionRecord;
  ULONG FirstChance;
} DEBUG_LAST_EVENT_INFO_EXCEPTION,*PDEBUG_LAST_EVENT_INFO_EXCEPTION;


typedef struct _DEBUG_LAST_EVENT_INFO_EXIT_THREAD {
  ULONG ExitCode;
} DEBUG_LAST_EVENT_INFO_EXIT_THREAD,*PDEBUG_LAST_EVENT_INFO_EXIT_THREAD;


typedef struct _DEBUG_LAST_EVENT_INFO_EXIT_PROCESS {
  ULONG ExitCode;
} DEBUG_LAST_EVENT_INFO_EXIT_PROCESS,*PDEBUG_LAST_EVENT_INFO_EXIT_PROCESS;


typedef struct _DEBUG_LAST_EVENT_INFO_LOAD_MODULE {
  ULONG64 Base;
} DEBUG_LAST_EVENT_INFO_LOAD_MODULE,*PDEBUG_LAST_EVENT_INFO_LOAD_MODULE;


typedef struct _DEBUG_LAST_EVENT_INFO_UNLOAD_MODULE {
  ULONG64 Base;
} DEBUG_LAST_EVENT_INFO_UNLOAD_MODULE,*PDEBUG_LAST_EVENT_INFO_UNLOAD_MODULE;


typedef struct _DEBUG_LAST_EVENT_INFO_SYSTEM_ERROR {
  ULONG Error;
  ULONG Level;
} DEBUG_LAST_EVENT_INFO_SYSTEM_ERROR,*PDEBUG_LAST_EVENT_INFO_SYSTEM_ERROR;

#define DEBUG_VALUE_INVALID 0
#define DEBUG_VALUE_INT8 1
#define DEBUG_VALUE_INT16 2
#define DEBUG_VALUE_INT32 3
#define DEBUG_VALUE_INT64 4
#define DEBUG_VALUE_FLOAT32 5
#define DEBUG_VALUE_FLOAT64 6
#define DEBUG_VALUE_FLOAT80 7
#define DEBUG_VALUE_FLOAT82 8
#define DEBUG_VALUE_FLOAT128 9
#define DEBUG_VALUE_VECTOR64 10
#define DEBUG_VALUE_VECTOR128 11
#define DEBUG_VALUE_TYPES 12

typedef struct _DEBUG_VALUE {
  DS_NAMELESS union {
    UCHAR I8;
    USHORT I16;
    ULONG I32;
    DS_NAMELESS struct {
      ULONG64 I64;
      BOOL Nat;
    };
    float F32;
    double F64;
    UCHAR F80Bytes[10];
    UCHAR F82Bytes[11];
    UCHAR F128Bytes[16];
    UCHAR VI8[16];
    USHORT VI16[8];
    ULONG VI32[4];
    ULONG64 VI64[2];
    float VF32[4];
    double VF64[2];
    struct {
      ULONG LowPart;
      ULONG HighPart;
    } I64Parts32;
    struct {
      ULONG64 LowPart;
      LONG64 HighPart;
    } F128Parts64;
    UCHAR RawBytes[24];
  };
  ULONG TailOfRawBytes;
  ULONG Type;
} DEBUG_VALUE,*PDEBUG_VALUE;


#undef INTERFACE
#define INTERFACE IDebugControl
DECLARE_INTERFACE_(IDebugControl, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetInterrupt)(THIS) PURE; /* 3 */
    STDMETHOD(SetInterrupt)(THIS_ ULONG Flags) PURE; /* 4 */
    STDMETHOD(GetInterruptTimeout)(THIS_ PULONG Seconds) PURE; /* 5 */
    STDMETHOD(SetInterruptTimeout)(THIS_ ULONG Seconds) PURE; /* 6 */
    STDMETHOD(GetLogFile)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG FileSize, PBOOL Append) PURE; /* 7 */
    STDMETHOD(OpenLogFile)(THIS_ PCSTR File, BOOL Append) PURE; /* 8 */
    STDMETHOD(CloseLogFile)(THIS) PURE; /* 9 */
    STDMETHOD(GetLogMask)(THIS_ PULONG Mask) PURE; /* 10 */
    STDMETHOD(SetLogMask)(THIS_ ULONG Mask) PURE; /* 11 */
    STDMETHOD(Input)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG InputSize) PURE; /* 12 */
    STDMETHOD(ReturnInput)(THIS_ PCSTR Buffer) PURE; /* 13 */
    STDMETHODV(Output)(THIS_ ULONG Mask, PCSTR Format, ...) PURE; /* 14 */
    STDMETHOD(OutputVaList)(THIS_ ULONG Mask, PCSTR Format, va_list Args) PURE; /* 15 */
    STDMETHODV(ControlledOutput)(THIS_ ULONG OutputControl, ULONG Mask, PCSTR Format, ...) PURE; /* 16 */
    STDMETHOD(ControlledOutputVaList)(THIS_ ULONG OutputControl, ULONG Mask, PCSTR Format, va_list Args) PURE; /* 17 */
    STDMETHODV(OutputPrompt)(THIS_ ULONG OutputControl, PCSTR Format, ...) PURE; /* 18 */
    STDMETHOD(OutputPromptVaList)(THIS_ ULONG OutputControl, PCSTR Format, va_list Args) PURE; /* 19 */
    STDMETHOD(GetPromptText)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 20 */
    STDMETHOD(OutputCurrentState)(THIS_ ULONG OutputControl, ULONG Flags) PURE; /* 21 */
    STDMETHOD(OutputVersionInformation)(THIS_ ULONG OutputControl) PURE; /* 22 */
    STDMETHOD(GetNotifyEventHandle)(THIS_ PULONG64 Handle) PURE; /* 23 */
    STDMETHOD(SetNotifyEventHandle)(THIS_ ULONG64 Handle) PURE; /* 24 */
    STDMETHOD(Assemble)(THIS_ ULONG64 Offset, PCSTR Instr, PULONG64 EndOffset) PURE; /* 25 */
    STDMETHOD(Disassemble)(THIS_ ULONG64 Offset, ULONG Flags, PSTR Buffer, ULONG BufferSize, PULONG DisassemblySize, PULONG64 EndOffset) PURE; /* 26 */
    STDMETHOD(GetDisassembleEffectiveOffset)(THIS_ PULONG64 Offset) PURE; /* 27 */
    STDMETHOD(OutputDisassembly)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG Flags, PULONG64 EndOffset) PURE; /* 28 */
    STDMETHOD(OutputDisassemblyLines)(THIS_ ULONG OutputControl, ULONG PreviousLines, ULONG TotalLines, ULONG64 Offset, ULONG Flags, PULONG OffsetLine, PULONG64 StartOffset, PULONG64 EndOffset, PULONG64 LineOffsets) PURE; /* 29 */
    STDMETHOD(GetNearInstruction)(THIS_ ULONG64 Offset, LONG Delta, PULONG64 NearOffset) PURE; /* 30 */
    STDMETHOD(GetStackTrace)(THIS_ ULONG64 FrameOffset, ULONG64 StackOffset, ULONG64 InstructionOffset, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, PULONG FramesFilled) PURE; /* 31 */
    STDMETHOD(GetReturnOffset)(THIS_ PULONG64 Offset) PURE; /* 32 */
    STDMETHOD(OutputStackTrace)(THIS_ ULONG OutputControl, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, ULONG Flags) PURE; /* 33 */
    STDMETHOD(GetDebuggeeType)(THIS_ PULONG Class, PULONG Qualifier) PURE; /* 34 */
    STDMETHOD(GetActualProcessorType)(THIS_ PULONG Type) PURE; /* 35 */
    STDMETHOD(GetExecutingProcessorType)(THIS_ PULONG Type) PURE; /* 36 */
    STDMETHOD(GetNumberPossibleExecutingProcessorTypes)(THIS_ PULONG Number) PURE; /* 37 */
    STDMETHOD(GetPossibleExecutingProcessorTypes)(THIS_ ULONG Start, ULONG Count, PULONG Types) PURE; /* 38 */
    STDMETHOD(GetNumberProcessors)(THIS_ PULONG Number) PURE; /* 39 */
    STDMETHOD(GetSystemVersion)(THIS_ PULONG PlatformId, PULONG Major, PULONG Minor, PSTR ServicePackString, ULONG ServicePackStringSize, PULONG ServicePackStringUsed, PULONG ServicePackNumber, PSTR BuildString, ULONG BuildStringSize, PULONG BuildStringUsed) PURE; /* 40 */
    STDMETHOD(GetPageSize)(THIS_ PULONG Size) PURE; /* 41 */
    STDMETHOD(IsPointer64Bit)(THIS) PURE; /* 42 */
    STDMETHOD(ReadBugCheckData)(THIS_ PULONG Code, PULONG64 Arg1, PULONG64 Arg2, PULONG64 Arg3, PULONG64 Arg4) PURE; /* 43 */
    STDMETHOD(GetNumberSupportedProcessorTypes)(THIS_ PULONG Number) PURE; /* 44 */
    STDMETHOD(GetSupportedProcessorTypes)(THIS_ ULONG Start, ULONG Count, PULONG Types) PURE; /* 45 */
    STDMETHOD(GetProcessorTypeNames)(THIS_ ULONG Type, PSTR FullNameBuffer, ULONG FullNameBufferSize, PULONG FullNameSize, PSTR AbbrevNameBuffer, ULONG AbbrevNameBufferSize, PULONG AbbrevNameSize) PURE; /* 46 */
    STDMETHOD(GetEffectiveProcessorType)(THIS_ PULONG Type) PURE; /* 47 */
    STDMETHOD(SetEffectiveProcessorType)(THIS_ ULONG Type) PURE; /* 48 */
    STDMETHOD(GetExecutionStatus)(THIS_ PULONG Status) PURE; /* 49 */
    STDMETHOD(SetExecutionStatus)(THIS_ ULONG Status) PURE; /* 50 */
    STDMETHOD(GetCodeLevel)(THIS_ PULONG Level) PURE; /* 51 */
    STDMETHOD(SetCodeLevel)(THIS_ ULONG Level) PURE; /* 52 */
    STDMETHOD(GetEngineOptions)(THIS_ PULONG Options) PURE; /* 53 */
    STDMETHOD(AddEngineOptions)(THIS_ ULONG Options) PURE; /* 54 */
    STDMETHOD(RemoveEngineOptions)(THIS_ ULONG Options) PURE; /* 55 */
    STDMETHOD(SetEngineOptions)(THIS_ ULONG Options) PURE; /* 56 */
    STDMETHOD(GetSystemErrorControl)(THIS_ PULONG OutputLevel, PULONG BreakLevel) PURE; /* 57 */
    STDMETHOD(SetSystemErrorControl)(THIS_ ULONG OutputLevel, ULONG BreakLevel) PURE; /* 58 */
    STDMETHOD(GetTextMacro)(THIS_ ULONG Slot, PSTR Buffer, ULONG BufferSize, PULONG MacroSize) PURE; /* 59 */
    STDMETHOD(SetTextMacro)(THIS_ ULONG Slot, PCSTR Macro) PURE; /* 60 */
    STDMETHOD(GetRadix)(THIS_ PULONG Radix) PURE; /* 61 */
    STDMETHOD(SetRadix)(THIS_ ULONG Radix) PURE; /* 62 */
    STDMETHOD(Evaluate)(THIS_ PCSTR Expression, ULONG DesiredType, PDEBUG_VALUE Value, PULONG RemainderIndex) PURE; /* 63 */
    STDMETHOD(CoerceValue)(THIS_ PDEBUG_VALUE In, ULONG OutType, PDEBUG_VALUE Out) PURE; /* 64 */
    STDMETHOD(CoerceValues)(THIS_ ULONG Count, PDEBUG_VALUE In, PULONG OutTypes, PDEBUG_VALUE Out) PURE; /* 65 */
    STDMETHOD(Execute)(THIS_ ULONG OutputControl, PCSTR Command, ULONG Flags) PURE; /* 66 */
    STDMETHOD(ExecuteCommandFile)(THIS_ ULONG OutputControl, PCSTR CommandFile, ULONG Flags) PURE; /* 67 */
    STDMETHOD(GetNumberBreakpoints)(THIS_ PULONG Number) PURE; /* 68 */
    STDMETHOD(GetBreakpointByIndex)(THIS_ ULONG Index, PDEBUG_BREAKPOINT *Bp) PURE; /* 69 */
    STDMETHOD(GetBreakpointById)(THIS_ ULONG Id, PDEBUG_BREAKPOINT *Bp) PURE; /* 70 */
    STDMETHOD(GetBreakpointParameters)(THIS_ ULONG Count, PULONG Ids, ULONG Start, PDEBUG_BREAKPOINT_PARAMETERS Params) PURE; /* 71 */
    STDMETHOD(AddBreakpoint)(THIS_ ULONG Type, ULONG DesiredId, PDEBUG_BREAKPOINT *Bp) PURE; /* 72 */
    STDMETHOD(RemoveBreakpoint)(THIS_ PDEBUG_BREAKPOINT Bp) PURE; /* 73 */
    STDMETHOD(AddExtension)(THIS_ PCSTR Path, ULONG Flags, PULONG64 Handle) PURE; /* 74 */
    STDMETHOD(RemoveExtension)(THIS_ ULONG64 Handle) PURE; /* 75 */
    STDMETHOD(GetExtensionByPath)(THIS_ PCSTR Path, PULONG64 Handle) PURE; /* 76 */
    STDMETHOD(CallExtension)(THIS_ ULONG64 Handle, PCSTR Function, PCSTR Arguments) PURE; /* 77 */
    STDMETHOD(GetExtensionFunction)(THIS_ ULONG64 Handle, PCSTR FuncName, FARPROC *Function) PURE; /* 78 */
    STDMETHOD(GetWindbgExtensionApis32)(THIS_ PWINDBG_EXTENSION_APIS32 Api) PURE; /* 79 */
    STDMETHOD(GetWindbgExtensionApis64)(THIS_ PWINDBG_EXTENSION_APIS64 Api) PURE; /* 80 */
    STDMETHOD(GetNumberEventFilters)(THIS_ PULONG SpecificEvents, PULONG SpecificExceptions, PULONG ArbitraryExceptions) PURE; /* 81 */
    STDMETHOD(GetEventFilterText)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 82 */
    STDMETHOD(GetEventFilterCommand)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 83 */
    STDMETHOD(SetEventFilterCommand)(THIS_ ULONG Index, PCSTR Command) PURE; /* 84 */
    STDMETHOD(GetSpecificFilterParameters)(THIS_ ULONG Start, ULONG Count, PDEBUG_SPECIFIC_FILTER_PARAMETERS Params) PURE; /* 85 */
    STDMETHOD(SetSpecificFilterParameters)(THIS_ ULONG Start, ULONG Count, PDEBUG_SPECIFIC_FILTER_PARAMETERS Params) PURE; /* 86 */
    STDMETHOD(GetSpecificFilterArgument)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG ArgumentSize) PURE; /* 87 */
    STDMETHOD(SetSpecificFilterArgument)(THIS_ ULONG Index, PCSTR Argument) PURE; /* 88 */
    STDMETHOD(GetExceptionFilterParameters)(THIS_ ULONG Count, PULONG Codes, ULONG Start, PDEBUG_EXCEPTION_FILTER_PARAMETERS Params) PURE; /* 89 */
    STDMETHOD(SetExceptionFilterParameters)(THIS_ ULONG Count, PDEBUG_EXCEPTION_FILTER_PARAMETERS Params) PURE; /* 90 */
    STDMETHOD(GetExceptionFilterSecondCommand)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 91 */
    STDMETHOD(SetExceptionFilterSecondCommand)(THIS_ ULONG Index, PCSTR Command) PURE; /* 92 */
    STDMETHOD(WaitForEvent)(THIS_ ULONG Flags, ULONG Timeout) PURE; /* 93 */
    STDMETHOD(GetLastEventInformation)(THIS_ PULONG Type, PULONG ProcessId, PULONG ThreadId, PVOID ExtraInformation, ULONG ExtraInformationSize, PULONG ExtraInformationUsed, PSTR Description, ULONG DescriptionSize, PULONG DescriptionUsed) PURE; /* 94 */
};

#define DEBUG_OUT_TEXT_REPL_DEFAULT 0x00000000

#undef INTERFACE
#define INTERFACE IDebugControl2
DECLARE_INTERFACE_(IDebugControl2, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetInterrupt)(THIS) PURE; /* 3 */
    STDMETHOD(SetInterrupt)(THIS_ ULONG Flags) PURE; /* 4 */
    STDMETHOD(GetInterruptTimeout)(THIS_ PULONG Seconds) PURE; /* 5 */
    STDMETHOD(SetInterruptTimeout)(THIS_ ULONG Seconds) PURE; /* 6 */
    STDMETHOD(GetLogFile)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG FileSize, PBOOL Append) PURE; /* 7 */
    STDMETHOD(OpenLogFile)(THIS_ PCSTR File, BOOL Append) PURE; /* 8 */
    STDMETHOD(CloseLogFile)(THIS) PURE; /* 9 */
    STDMETHOD(GetLogMask)(THIS_ PULONG Mask) PURE; /* 10 */
    STDMETHOD(SetLogMask)(THIS_ ULONG Mask) PURE; /* 11 */
    STDMETHOD(Input)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG InputSize) PURE; /* 12 */
    STDMETHOD(ReturnInput)(THIS_ PCSTR Buffer) PURE; /* 13 */
    STDMETHODV(Output)(THIS_ ULONG Mask, PCSTR Format, ...) PURE; /* 14 */
    STDMETHOD(OutputVaList)(THIS_ ULONG Mask, PCSTR Format, va_list Args) PURE; /* 15 */
    STDMETHODV(ControlledOutput)(THIS_ ULONG OutputControl, ULONG Mask, PCSTR Format, ...) PURE; /* 16 */
    STDMETHOD(ControlledOutputVaList)(THIS_ ULONG OutputControl, ULONG Mask, PCSTR Format, va_list Args) PURE; /* 17 */
    STDMETHODV(OutputPrompt)(THIS_ ULONG OutputControl, PCSTR Format, ...) PURE; /* 18 */
    STDMETHOD(OutputPromptVaList)(THIS_ ULONG OutputControl, PCSTR Format, va_list Args) PURE; /* 19 */
    STDMETHOD(GetPromptText)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 20 */
    STDMETHOD(OutputCurrentState)(THIS_ ULONG OutputControl, ULONG Flags) PURE; /* 21 */
    STDMETHOD(OutputVersionInformation)(THIS_ ULONG OutputControl) PURE; /* 22 */
    STDMETHOD(GetNotifyEventHandle)(THIS_ PULONG64 Handle) PURE; /* 23 */
    STDMETHOD(SetNotifyEventHandle)(THIS_ ULONG64 Handle) PURE; /* 24 */
    STDMETHOD(Assemble)(THIS_ ULONG64 Offset, PCSTR Instr, PULONG64 EndOffset) PURE; /* 25 */
    STDMETHOD(Disassemble)(THIS_ ULONG64 Offset, ULONG Flags, PSTR Buffer, ULONG BufferSize, PULONG DisassemblySize, PULONG64 EndOffset) PURE; /* 26 */
    STDMETHOD(GetDisassembleEffectiveOffset)(THIS_ PULONG64 Offset) PURE; /* 27 */
    STDMETHOD(OutputDisassembly)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG Flags, PULONG64 EndOffset) PURE; /* 28 */
    STDMETHOD(OutputDisassemblyLines)(THIS_ ULONG OutputControl, ULONG PreviousLines, ULONG TotalLines, ULONG64 Offset, ULONG Flags, PULONG OffsetLine, PULONG64 StartOffset, PULONG64 EndOffset, PULONG64 LineOffsets) PURE; /* 29 */
    STDMETHOD(GetNearInstruction)(THIS_ ULONG64 Offset, LONG Delta, PULONG64 NearOffset) PURE; /* 30 */
    STDMETHOD(GetStackTrace)(THIS_ ULONG64 FrameOffset, ULONG64 StackOffset, ULONG64 InstructionOffset, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, PULONG FramesFilled) PURE; /* 31 */
    STDMETHOD(GetReturnOffset)(THIS_ PULONG64 Offset) PURE; /* 32 */
    STDMETHOD(OutputStackTrace)(THIS_ ULONG OutputControl, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, ULONG Flags) PURE; /* 33 */
    STDMETHOD(GetDebuggeeType)(THIS_ PULONG Class, PULONG Qualifier) PURE; /* 34 */
    STDMETHOD(GetActualProcessorType)(THIS_ PULONG Type) PURE; /* 35 */
    STDMETHOD(GetExecutingProcessorType)(THIS_ PULONG Type) PURE; /* 36 */
    STDMETHOD(GetNumberPossibleExecutingProcessorTypes)(THIS_ PULONG Number) PURE; /* 37 */
    STDMETHOD(GetPossibleExecutingProcessorTypes)(THIS_ ULONG Start, ULONG Count, PULONG Types) PURE; /* 38 */
    STDMETHOD(GetNumberProcessors)(THIS_ PULONG Number) PURE; /* 39 */
    STDMETHOD(GetSystemVersion)(THIS_ PULONG PlatformId, PULONG Major, PULONG Minor, PSTR ServicePackString, ULONG ServicePackStringSize, PULONG ServicePackStringUsed, PULONG ServicePackNumber, PSTR BuildString, ULONG BuildStringSize, PULONG BuildStringUsed) PURE; /* 40 */
    STDMETHOD(GetPageSize)(THIS_ PULONG Size) PURE; /* 41 */
    STDMETHOD(IsPointer64Bit)(THIS) PURE; /* 42 */
    STDMETHOD(ReadBugCheckData)(THIS_ PULONG Code, PULONG64 Arg1, PULONG64 Arg2, PULONG64 Arg3, PULONG64 Arg4) PURE; /* 43 */
    STDMETHOD(GetNumberSupportedProcessorTypes)(THIS_ PULONG Number) PURE; /* 44 */
    STDMETHOD(GetSupportedProcessorTypes)(THIS_ ULONG Start, ULONG Count, PULONG Types) PURE; /* 45 */
    STDMETHOD(GetProcessorTypeNames)(THIS_ ULONG Type, PSTR FullNameBuffer, ULONG FullNameBufferSize, PULONG FullNameSize, PSTR AbbrevNameBuffer, ULONG AbbrevNameBufferSize, PULONG AbbrevNameSize) PURE; /* 46 */
    STDMETHOD(GetEffectiveProcessorType)(THIS_ PULONG Type) PURE; /* 47 */
    STDMETHOD(SetEffectiveProcessorType)(THIS_ ULONG Type) PURE; /* 48 */
    STDMETHOD(GetExecutionStatus)(THIS_ PULONG Status) PURE; /* 49 */
    STDMETHOD(SetExecutionStatus)(THIS_ ULONG Status) PURE; /* 50 */
    STDMETHOD(GetCodeLevel)(THIS_ PULONG Level) PURE; /* 51 */
    STDMETHOD(SetCodeLevel)(THIS_ ULONG Level) PURE; /* 52 */
    STDMETHOD(GetEngineOptions)(THIS_ PULONG Options) PURE; /* 53 */
    STDMETHOD(AddEngineOptions)(THIS_ ULONG Options) PURE; /* 54 */
    STDMETHOD(RemoveEngineOptions)(THIS_ ULONG Options) PURE; /* 55 */
    STDMETHOD(SetEngineOptions)(THIS_ ULONG Options) PURE; /* 56 */
    STDMETHOD(GetSystemErrorControl)(THIS_ PULONG OutputLevel, PULONG BreakLevel) PURE; /* 57 */
    STDMETHOD(SetSystemErrorControl)(THIS_ ULONG OutputLevel, ULONG BreakLevel) PURE; /* 58 */
    STDMETHOD(GetTextMacro)(THIS_ ULONG Slot, PSTR Buffer, ULONG BufferSize, PULONG MacroSize) PURE; /* 59 */
    STDMETHOD(SetTextMacro)(THIS_ ULONG Slot, PCSTR Macro) PURE; /* 60 */
    STDMETHOD(GetRadix)(THIS_ PULONG Radix) PURE; /* 61 */
    STDMETHOD(SetRadix)(THIS_ ULONG Radix) PURE; /* 62 */
    STDMETHOD(Evaluate)(THIS_ PCSTR Expression, ULONG DesiredType, PDEBUG_VALUE Value, PULONG RemainderIndex) PURE; /* 63 */
    STDMETHOD(CoerceValue)(THIS_ PDEBUG_VALUE In, ULONG OutType, PDEBUG_VALUE Out) PURE; /* 64 */
    STDMETHOD(CoerceValues)(THIS_ ULONG Count, PDEBUG_VALUE In, PULONG OutTypes, PDEBUG_VALUE Out) PURE; /* 65 */
    STDMETHOD(Execute)(THIS_ ULONG OutputControl, PCSTR Command, ULONG Flags) PURE; /* 66 */
    STDMETHOD(ExecuteCommandFile)(THIS_ ULONG OutputControl, PCSTR CommandFile, ULONG Flags) PURE; /* 67 */
    STDMETHOD(GetNumberBreakpoints)(THIS_ PULONG Number) PURE; /* 68 */
    STDMETHOD(GetBreakpointByIndex)(THIS_ ULONG Index, PDEBUG_BREAKPOINT *Bp) PURE; /* 69 */
    STDMETHOD(GetBreakpointById)(THIS_ ULONG Id, PDEBUG_BREAKPOINT *Bp) PURE; /* 70 */
    STDMETHOD(GetBreakpointParameters)(THIS_ ULONG Count, PULONG Ids, ULONG Start, PDEBUG_BREAKPOINT_PARAMETERS Params) PURE; /* 71 */
    STDMETHOD(AddBreakpoint)(THIS_ ULONG Type, ULONG DesiredId, PDEBUG_BREAKPOINT *Bp) PURE; /* 72 */
    STDMETHOD(RemoveBreakpoint)(THIS_ PDEBUG_BREAKPOINT Bp) PURE; /* 73 */
    STDMETHOD(AddExtension)(THIS_ PCSTR Path, ULONG Flags, PULONG64 Handle) PURE; /* 74 */
    STDMETHOD(RemoveExtension)(THIS_ ULONG64 Handle) PURE; /* 75 */
    STDMETHOD(GetExtensionByPath)(THIS_ PCSTR Path, PULONG64 Handle) PURE; /* 76 */
    STDMETHOD(CallExtension)(THIS_ ULONG64 Handle, PCSTR Function, PCSTR Arguments) PURE; /* 77 */
    STDMETHOD(GetExtensionFunction)(THIS_ ULONG64 Handle, PCSTR FuncName, FARPROC *Function) PURE; /* 78 */
    STDMETHOD(GetWindbgExtensionApis32)(THIS_ PWINDBG_EXTENSION_APIS32 Api) PURE; /* 79 */
    STDMETHOD(GetWindbgExtensionApis64)(THIS_ PWINDBG_EXTENSION_APIS64 Api) PURE; /* 80 */
    STDMETHOD(GetNumberEventFilters)(THIS_ PULONG SpecificEvents, PULONG SpecificExceptions, PULONG ArbitraryExceptions) PURE; /* 81 */
    STDMETHOD(GetEventFilterText)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 82 */
    STDMETHOD(GetEventFilterCommand)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 83 */
    STDMETHOD(SetEventFilterCommand)(THIS_ ULONG Index, PCSTR Command) PURE; /* 84 */
    STDMETHOD(GetSpecificFilterParameters)(THIS_ ULONG Start, ULONG Count, PDEBUG_SPECIFIC_FILTER_PARAMETERS Params) PURE; /* 85 */
    STDMETHOD(SetSpecificFilterParameters)(THIS_ ULONG Start, ULONG Count, PDEBUG_SPECIFIC_FILTER_PARAMETERS Params) PURE; /* 86 */
    STDMETHOD(GetSpecificFilterArgument)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG ArgumentSize) PURE; /* 87 */
    STDMETHOD(SetSpecificFilterArgument)(THIS_ ULONG Index, PCSTR Argument) PURE; /* 88 */
    STDMETHOD(GetExceptionFilterParameters)(THIS_ ULONG Count, PULONG Codes, ULONG Start, PDEBUG_EXCEPTION_FILTER_PARAMETERS Params) PURE; /* 89 */
    STDMETHOD(SetExceptionFilterParameters)(THIS_ ULONG Count, PDEBUG_EXCEPTION_FILTER_PARAMETERS Params) PURE; /* 90 */
    STDMETHOD(GetExceptionFilterSecondCommand)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 91 */
    STDMETHOD(SetExceptionFilterSecondCommand)(THIS_ ULONG Index, PCSTR Command) PURE; /* 92 */
    STDMETHOD(WaitForEvent)(THIS_ ULONG Flags, ULONG Timeout) PURE; /* 93 */
    STDMETHOD(GetLastEventInformation)(THIS_ PULONG Type, PULONG ProcessId, PULONG ThreadId, PVOID ExtraInformation, ULONG ExtraInformationSize, PULONG ExtraInformationUsed, PSTR Description, ULONG DescriptionSize, PULONG DescriptionUsed) PURE; /* 94 */
    STDMETHOD(GetCurrentTimeDate)(THIS_ PULONG TimeDate) PURE; /* 95 */
    STDMETHOD(GetCurrentSystemUpTime)(THIS_ PULONG UpTime) PURE; /* 96 */
    STDMETHOD(GetDumpFormatFlags)(THIS_ PULONG FormatFlags) PURE; /* 97 */
    STDMETHOD(GetNumberTextReplacements)(THIS_ PULONG NumRepl) PURE; /* 98 */
    STDMETHOD(GetTextReplacement)(THIS_ PCSTR SrcText, ULONG Index, PSTR SrcBuffer, ULONG SrcBufferSize, PULONG SrcSize, PSTR DstBuffer, ULONG DstBufferSize, PULONG DstSize) PURE; /* 99 */
    STDMETHOD(SetTextReplacement)(THIS_ PCSTR SrcText, PCSTR DstText) PURE; /* 100 */
    STDMETHOD(RemoveTextReplacements)(THIS) PURE; /* 101 */
    STDMETHOD(OutputTextReplacements)(THIS_ ULONG OutputControl, ULONG Flags) PURE; /* 102 */
};

#define DEBUG_ASMOPT_DEFAULT 0x00000000
#define DEBUG_ASMOPT_VERBOSE 0x00000001
#define DEBUG_ASMOPT_NO_CODE_BYTES 0x00000002
#define DEBUG_ASMOPT_IGNORE_OUTPUT_WIDTH 0x00000004
#define DEBUG_EXPR_MASM 0x00000000
#define DEBUG_EXPR_CPLUSPLUS 0x00000001
#define DEBUG_EINDEX_NAME 0x00000000
#define DEBUG_EINDEX_FROM_START 0x00000000
#define DEBUG_EINDEX_FROM_END 0x00000001
#define DEBUG_EINDEX_FROM_CURRENT 0x00000002

#undef INTERFACE
#define INTERFACE IDebugControl3
DECLARE_INTERFACE_(IDebugControl3, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetInterrupt)(THIS) PURE; /* 3 */
    STDMETHOD(SetInterrupt)(THIS_ ULONG Flags) PURE; /* 4 */
    STDMETHOD(GetInterruptTimeout)(THIS_ PULONG Seconds) PURE; /* 5 */
    STDMETHOD(SetInterruptTimeout)(THIS_ ULONG Seconds) PURE; /* 6 */
    STDMETHOD(GetLogFile)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG FileSize, PBOOL Append) PURE; /* 7 */
    STDMETHOD(OpenLogFile)(THIS_ PCSTR File, BOOL Append) PURE; /* 8 */
    STDMETHOD(CloseLogFile)(THIS) PURE; /* 9 */
    STDMETHOD(GetLogMask)(THIS_ PULONG Mask) PURE; /* 10 */
    STDMETHOD(SetLogMask)(THIS_ ULONG Mask) PURE; /* 11 */
    STDMETHOD(Input)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG InputSize) PURE; /* 12 */
    STDMETHOD(ReturnInput)(THIS_ PCSTR Buffer) PURE; /* 13 */
    STDMETHODV(Output)(THIS_ ULONG Mask, PCSTR Format, ...) PURE; /* 14 */
    STDMETHOD(OutputVaList)(THIS_ ULONG Mask, PCSTR Format, va_list Args) PURE; /* 15 */
    STDMETHODV(ControlledOutput)(THIS_ ULONG OutputControl, ULONG Mask, PCSTR Format, ...) PURE; /* 16 */
    STDMETHOD(ControlledOutputVaList)(THIS_ ULONG OutputControl, ULONG Mask, PCSTR Format, va_list Args) PURE; /* 17 */
    STDMETHODV(OutputPrompt)(THIS_ ULONG OutputControl, PCSTR Format, ...) PURE; /* 18 */
    STDMETHOD(OutputPromptVaList)(THIS_ ULONG OutputControl, PCSTR Format, va_list Args) PURE; /* 19 */
    STDMETHOD(GetPromptText)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 20 */
    STDMETHOD(OutputCurrentState)(THIS_ ULONG OutputControl, ULONG Flags) PURE; /* 21 */
    STDMETHOD(OutputVersionInformation)(THIS_ ULONG OutputControl) PURE; /* 22 */
    STDMETHOD(GetNotifyEventHandle)(THIS_ PULONG64 Handle) PURE; /* 23 */
    STDMETHOD(SetNotifyEventHandle)(THIS_ ULONG64 Handle) PURE; /* 24 */
    STDMETHOD(Assemble)(THIS_ ULONG64 Offset, PCSTR Instr, PULONG64 EndOffset) PURE; /* 25 */
    STDMETHOD(Disassemble)(THIS_ ULONG64 Offset, ULONG Flags, PSTR Buffer, ULONG BufferSize, PULONG DisassemblySize, PULONG64 EndOffset) PURE; /* 26 */
    STDMETHOD(GetDisassembleEffectiveOffset)(THIS_ PULONG64 Offset) PURE; /* 27 */
    STDMETHOD(OutputDisassembly)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG Flags, PULONG64 EndOffset) PURE; /* 28 */
    STDMETHOD(OutputDisassemblyLines)(THIS_ ULONG OutputControl, ULONG PreviousLines, ULONG TotalLines, ULONG64 Offset, ULONG Flags, PULONG OffsetLine, PULONG64 StartOffset, PULONG64 EndOffset, PULONG64 LineOffsets) PURE; /* 29 */
    STDMETHOD(GetNearInstruction)(THIS_ ULONG64 Offset, LONG Delta, PULONG64 NearOffset) PURE; /* 30 */
    STDMETHOD(GetStackTrace)(THIS_ ULONG64 FrameOffset, ULONG64 StackOffset, ULONG64 InstructionOffset, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, PULONG FramesFilled) PURE; /* 31 */
    STDMETHOD(GetReturnOffset)(THIS_ PULONG64 Offset) PURE; /* 32 */
    STDMETHOD(OutputStackTrace)(THIS_ ULONG OutputControl, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, ULONG Flags) PURE; /* 33 */
    STDMETHOD(GetDebuggeeType)(THIS_ PULONG Class, PULONG Qualifier) PURE; /* 34 */
    STDMETHOD(GetActualProcessorType)(THIS_ PULONG Type) PURE; /* 35 */
    STDMETHOD(GetExecutingProcessorType)(THIS_ PULONG Type) PURE; /* 36 */
    STDMETHOD(GetNumberPossibleExecutingProcessorTypes)(THIS_ PULONG Number) PURE; /* 37 */
    STDMETHOD(GetPossibleExecutingProcessorTypes)(THIS_ ULONG Start, ULONG Count, PULONG Types) PURE; /* 38 */
    STDMETHOD(GetNumberProcessors)(THIS_ PULONG Number) PURE; /* 39 */
    STDMETHOD(GetSystemVersion)(THIS_ PULONG PlatformId, PULONG Major, PULONG Minor, PSTR ServicePackString, ULONG ServicePackStringSize, PULONG ServicePackStringUsed, PULONG ServicePackNumber, PSTR BuildString, ULONG BuildStringSize, PULONG BuildStringUsed) PURE; /* 40 */
    STDMETHOD(GetPageSize)(THIS_ PULONG Size) PURE; /* 41 */
    STDMETHOD(IsPointer64Bit)(THIS) PURE; /* 42 */
    STDMETHOD(ReadBugCheckData)(THIS_ PULONG Code, PULONG64 Arg1, PULONG64 Arg2, PULONG64 Arg3, PULONG64 Arg4) PURE; /* 43 */
    STDMETHOD(GetNumberSupportedProcessorTypes)(THIS_ PULONG Number) PURE; /* 44 */
    STDMETHOD(GetSupportedProcessorTypes)(THIS_ ULONG Start, ULONG Count, PULONG Types) PURE; /* 45 */
    STDMETHOD(GetProcessorTypeNames)(THIS_ ULONG Type, PSTR FullNameBuffer, ULONG FullNameBufferSize, PULONG FullNameSize, PSTR AbbrevNameBuffer, ULONG AbbrevNameBufferSize, PULONG AbbrevNameSize) PURE; /* 46 */
    STDMETHOD(GetEffectiveProcessorType)(THIS_ PULONG Type) PURE; /* 47 */
    STDMETHOD(SetEffectiveProcessorType)(THIS_ ULONG Type) PURE; /* 48 */
    STDMETHOD(GetExecutionStatus)(THIS_ PULONG Status) PURE; /* 49 */
    STDMETHOD(SetExecutionStatus)(THIS_ ULONG Status) PURE; /* 50 */
    STDMETHOD(GetCodeLevel)(THIS_ PULONG Level) PURE; /* 51 */
    STDMETHOD(SetCodeLevel)(THIS_ ULONG Level) PURE; /* 52 */
    STDMETHOD(GetEngineOptions)(THIS_ PULONG Options) PURE; /* 53 */
    STDMETHOD(AddEngineOptions)(THIS_ ULONG Options) PURE; /* 54 */
    STDMETHOD(RemoveEngineOptions)(THIS_ ULONG Options) PURE; /* 55 */
    STDMETHOD(SetEngineOptions)(THIS_ ULONG Options) PURE; /* 56 */
    STDMETHOD(GetSystemErrorControl)(THIS_ PULONG OutputLevel, PULONG BreakLevel) PURE; /* 57 */
    STDMETHOD(SetSystemErrorControl)(THIS_ ULONG OutputLevel, ULONG BreakLevel) PURE; /* 58 */
    STDMETHOD(GetTextMacro)(THIS_ ULONG Slot, PSTR Buffer, ULONG BufferSize, PULONG MacroSize) PURE; /* 59 */
    STDMETHOD(SetTextMacro)(THIS_ ULONG Slot, PCSTR Macro) PURE; /* 60 */
    STDMETHOD(GetRadix)(THIS_ PULONG Radix) PURE; /* 61 */
    STDMETHOD(SetRadix)(THIS_ ULONG Radix) PURE; /* 62 */
    STDMETHOD(Evaluate)(THIS_ PCSTR Expression, ULONG DesiredType, PDEBUG_VALUE Value, PULONG RemainderIndex) PURE; /* 63 */
    STDMETHOD(CoerceValue)(THIS_ PDEBUG_VALUE In, ULONG OutType, PDEBUG_VALUE Out) PURE; /* 64 */
    STDMETHOD(CoerceValues)(THIS_ ULONG Count, PDEBUG_VALUE In, PULONG OutTypes, PDEBUG_VALUE Out) PURE; /* 65 */
    STDMETHOD(Execute)(THIS_ ULONG OutputControl, PCSTR Command, ULONG Flags) PURE; /* 66 */
    STDMETHOD(ExecuteCommandFile)(THIS_ ULONG OutputControl, PCSTR CommandFile, ULONG Flags) PURE; /* 67 */
    STDMETHOD(GetNumberBreakpoints)(THIS_ PULONG Number) PURE; /* 68 */
    STDMETHOD(GetBreakpointByIndex)(THIS_ ULONG Index, PDEBUG_BREAKPOINT *Bp) PURE; /* 69 */
    STDMETHOD(GetBreakpointById)(THIS_ ULONG Id, PDEBUG_BREAKPOINT *Bp) PURE; /* 70 */
    STDMETHOD(GetBreakpointParameters)(THIS_ ULONG Count, PULONG Ids, ULONG Start, PDEBUG_BREAKPOINT_PARAMETERS Params) PURE; /* 71 */
    STDMETHOD(AddBreakpoint)(THIS_ ULONG Type, ULONG DesiredId, PDEBUG_BREAKPOINT *Bp) PURE; /* 72 */
    STDMETHOD(RemoveBreakpoint)(THIS_ PDEBUG_BREAKPOINT Bp) PURE; /* 73 */
    STDMETHOD(AddExtension)(THIS_ PCSTR Path, ULONG Flags, PULONG64 Handle) PURE; /* 74 */
    STDMETHOD(RemoveExtension)(THIS_ ULONG64 Handle) PURE; /* 75 */
    STDMETHOD(GetExtensionByPath)(THIS_ PCSTR Path, PULONG64 Handle) PURE; /* 76 */
    STDMETHOD(CallExtension)(THIS_ ULONG64 Handle, PCSTR Function, PCSTR Arguments) PURE; /* 77 */
    STDMETHOD(GetExtensionFunction)(THIS_ ULONG64 Handle, PCSTR FuncName, FARPROC *Function) PURE; /* 78 */
    STDMETHOD(GetWindbgExtensionApis32)(THIS_ PWINDBG_EXTENSION_APIS32 Api) PURE; /* 79 */
    STDMETHOD(GetWindbgExtensionApis64)(THIS_ PWINDBG_EXTENSION_APIS64 Api) PURE; /* 80 */
    STDMETHOD(GetNumberEventFilters)(THIS_ PULONG SpecificEvents, PULONG SpecificExceptions, PULONG ArbitraryExceptions) PURE; /* 81 */
    STDMETHOD(GetEventFilterText)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 82 */
    STDMETHOD(GetEventFilterCommand)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 83 */
    STDMETHOD(SetEventFilterCommand)(THIS_ ULONG Index, PCSTR Command) PURE; /* 84 */
    STDMETHOD(GetSpecificFilterParameters)(THIS_ ULONG Start, ULONG Count, PDEBUG_SPECIFIC_FILTER_PARAMETERS Params) PURE; /* 85 */
    STDMETHOD(SetSpecificFilterParameters)(THIS_ ULONG Start, ULONG Count, PDEBUG_SPECIFIC_FILTER_PARAMETERS Params) PURE; /* 86 */
    STDMETHOD(GetSpecificFilterArgument)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG ArgumentSize) PURE; /* 87 */
    STDMETHOD(SetSpecificFilterArgument)(THIS_ ULONG Index, PCSTR Argument) PURE; /* 88 */
    STDMETHOD(GetExceptionFilterParameters)(THIS_ ULONG Count, PULONG Codes, ULONG Start, PDEBUG_EXCEPTION_FILTER_PARAMETERS Params) PURE; /* 89 */
    STDMETHOD(SetExceptionFilterParameters)(THIS_ ULONG Count, PDEBUG_EXCEPTION_FILTER_PARAMETERS Params) PURE; /* 90 */
    STDMETHOD(GetExceptionFilterSecondCommand)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 91 */
    STDMETHOD(SetExceptionFilterSecondCommand)(THIS_ ULONG Index, PCSTR Command) PURE; /* 92 */
    STDMETHOD(WaitForEvent)(THIS_ ULONG Flags, ULONG Timeout) PURE; /* 93 */
    STDMETHOD(GetLastEventInformation)(THIS_ PULONG Type, PULONG ProcessId, PULONG ThreadId, PVOID ExtraInformation, ULONG ExtraInformationSize, PULONG ExtraInformationUsed, PSTR Description, ULONG DescriptionSize, PULONG DescriptionUsed) PURE; /* 94 */
    STDMETHOD(GetCurrentTimeDate)(THIS_ PULONG TimeDate) PURE; /* 95 */
    STDMETHOD(GetCurrentSystemUpTime)(THIS_ PULONG UpTime) PURE; /* 96 */
    STDMETHOD(GetDumpFormatFlags)(THIS_ PULONG FormatFlags) PURE; /* 97 */
    STDMETHOD(GetNumberTextReplacements)(THIS_ PULONG NumRepl) PURE; /* 98 */
    STDMETHOD(GetTextReplacement)(THIS_ PCSTR SrcText, ULONG Index, PSTR SrcBuffer, ULONG SrcBufferSize, PULONG SrcSize, PSTR DstBuffer, ULONG DstBufferSize, PULONG DstSize) PURE; /* 99 */
    STDMETHOD(SetTextReplacement)(THIS_ PCSTR SrcText, PCSTR DstText) PURE; /* 100 */
    STDMETHOD(RemoveTextReplacements)(THIS) PURE; /* 101 */
    STDMETHOD(OutputTextReplacements)(THIS_ ULONG OutputControl, ULONG Flags) PURE; /* 102 */
    STDMETHOD(GetAssemblyOptions)(THIS_ PULONG Options) PURE; /* 103 */
    STDMETHOD(AddAssemblyOptions)(THIS_ ULONG Options) PURE; /* 104 */
    STDMETHOD(RemoveAssemblyOptions)(THIS_ ULONG Options) PURE; /* 105 */
    STDMETHOD(SetAssemblyOptions)(THIS_ ULONG Options) PURE; /* 106 */
    STDMETHOD(GetExpressionSyntax)(THIS_ PULONG Flags) PURE; /* 107 */
    STDMETHOD(SetExpressionSyntax)(THIS_ ULONG Flags) PURE; /* 108 */
    STDMETHOD(SetExpressionSyntaxByName)(THIS_ PCSTR AbbrevName) PURE; /* 109 */
    STDMETHOD(GetNumberExpressionSyntaxes)(THIS_ PULONG Number) PURE; /* 110 */
    STDMETHOD(GetExpressionSyntaxNames)(THIS_ ULONG Index, PSTR FullNameBuffer, ULONG FullNameBufferSize, PULONG FullNameSize, PSTR AbbrevNameBuffer, ULONG AbbrevNameBufferSize, PULONG AbbrevNameSize) PURE; /* 111 */
    STDMETHOD(GetNumberEvents)(THIS_ PULONG Events) PURE; /* 112 */
    STDMETHOD(GetEventIndexDescription)(THIS_ ULONG Index, ULONG Which, PSTR Buffer, ULONG BufferSize, PULONG DescSize) PURE; /* 113 */
    STDMETHOD(GetCurrentEventIndex)(THIS_ PULONG Index) PURE; /* 114 */
    STDMETHOD(SetNextEventIndex)(THIS_ ULONG Relation, ULONG Value, PULONG NextIndex) PURE; /* 115 */
};

#undef INTERFACE
#define INTERFACE IDebugControl4
DECLARE_INTERFACE_(IDebugControl4, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetInterrupt)(THIS) PURE; /* 3 */
    STDMETHOD(SetInterrupt)(THIS_ ULONG Flags) PURE; /* 4 */
    STDMETHOD(GetInterruptTimeout)(THIS_ PULONG Seconds) PURE; /* 5 */
    STDMETHOD(SetInterruptTimeout)(THIS_ ULONG Seconds) PURE; /* 6 */
    STDMETHOD(GetLogFile)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG FileSize, PBOOL Append) PURE; /* 7 */
    STDMETHOD(OpenLogFile)(THIS_ PCSTR File, BOOL Append) PURE; /* 8 */
    STDMETHOD(CloseLogFile)(THIS) PURE; /* 9 */
    STDMETHOD(GetLogMask)(THIS_ PULONG Mask) PURE; /* 10 */
    STDMETHOD(SetLogMask)(THIS_ ULONG Mask) PURE; /* 11 */
    STDMETHOD(Input)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG InputSize) PURE; /* 12 */
    STDMETHOD(ReturnInput)(THIS_ PCSTR Buffer) PURE; /* 13 */
    STDMETHODV(Output)(THIS_ ULONG Mask, PCSTR Format, ...) PURE; /* 14 */
    STDMETHOD(OutputVaList)(THIS_ ULONG Mask, PCSTR Format, va_list Args) PURE; /* 15 */
    STDMETHODV(ControlledOutput)(THIS_ ULONG OutputControl, ULONG Mask, PCSTR Format, ...) PURE; /* 16 */
    STDMETHOD(ControlledOutputVaList)(THIS_ ULONG OutputControl, ULONG Mask, PCSTR Format, va_list Args) PURE; /* 17 */
    STDMETHODV(OutputPrompt)(THIS_ ULONG OutputControl, PCSTR Format, ...) PURE; /* 18 */
    STDMETHOD(OutputPromptVaList)(THIS_ ULONG OutputControl, PCSTR Format, va_list Args) PURE; /* 19 */
    STDMETHOD(GetPromptText)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 20 */
    STDMETHOD(OutputCurrentState)(THIS_ ULONG OutputControl, ULONG Flags) PURE; /* 21 */
    STDMETHOD(OutputVersionInformation)(THIS_ ULONG OutputControl) PURE; /* 22 */
    STDMETHOD(GetNotifyEventHandle)(THIS_ PULONG64 Handle) PURE; /* 23 */
    STDMETHOD(SetNotifyEventHandle)(THIS_ ULONG64 Handle) PURE; /* 24 */
    STDMETHOD(Assemble)(THIS_ ULONG64 Offset, PCSTR Instr, PULONG64 EndOffset) PURE; /* 25 */
    STDMETHOD(Disassemble)(THIS_ ULONG64 Offset, ULONG Flags, PSTR Buffer, ULONG BufferSize, PULONG DisassemblySize, PULONG64 EndOffset) PURE; /* 26 */
    STDMETHOD(GetDisassembleEffectiveOffset)(THIS_ PULONG64 Offset) PURE; /* 27 */
    STDMETHOD(OutputDisassembly)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG Flags, PULONG64 EndOffset) PURE; /* 28 */
    STDMETHOD(OutputDisassemblyLines)(THIS_ ULONG OutputControl, ULONG PreviousLines, ULONG TotalLines, ULONG64 Offset, ULONG Flags, PULONG OffsetLine, PULONG64 StartOffset, PULONG64 EndOffset, PULONG64 LineOffsets) PURE; /* 29 */
    STDMETHOD(GetNearInstruction)(THIS_ ULONG64 Offset, LONG Delta, PULONG64 NearOffset) PURE; /* 30 */
    STDMETHOD(GetStackTrace)(THIS_ ULONG64 FrameOffset, ULONG64 StackOffset, ULONG64 InstructionOffset, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, PULONG FramesFilled) PURE; /* 31 */
    STDMETHOD(GetReturnOffset)(THIS_ PULONG64 Offset) PURE; /* 32 */
    STDMETHOD(OutputStackTrace)(THIS_ ULONG OutputControl, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, ULONG Flags) PURE; /* 33 */
    STDMETHOD(GetDebuggeeType)(THIS_ PULONG Class, PULONG Qualifier) PURE; /* 34 */
    STDMETHOD(GetActualProcessorType)(THIS_ PULONG Type) PURE; /* 35 */
    STDMETHOD(GetExecutingProcessorType)(THIS_ PULONG Type) PURE; /* 36 */
    STDMETHOD(GetNumberPossibleExecutingProcessorTypes)(THIS_ PULONG Number) PURE; /* 37 */
    STDMETHOD(GetPossibleExecutingProcessorTypes)(THIS_ ULONG Start, ULONG Count, PULONG Types) PURE; /* 38 */
    STDMETHOD(GetNumberProcessors)(THIS_ PULONG Number) PURE; /* 39 */
    STDMETHOD(GetSystemVersion)(THIS_ PULONG PlatformId, PULONG Major, PULONG Minor, PSTR ServicePackString, ULONG ServicePackStringSize, PULONG ServicePackStringUsed, PULONG ServicePackNumber, PSTR BuildString, ULONG BuildStringSize, PULONG BuildStringUsed) PURE; /* 40 */
    STDMETHOD(GetPageSize)(THIS_ PULONG Size) PURE; /* 41 */
    STDMETHOD(IsPointer64Bit)(THIS) PURE; /* 42 */
    STDMETHOD(ReadBugCheckData)(THIS_ PULONG Code, PULONG64 Arg1, PULONG64 Arg2, PULONG64 Arg3, PULONG64 Arg4) PURE; /* 43 */
    STDMETHOD(GetNumberSupportedProcessorTypes)(THIS_ PULONG Number) PURE; /* 44 */
    STDMETHOD(GetSupportedProcessorTypes)(THIS_ ULONG Start, ULONG Count, PULONG Types) PURE; /* 45 */
    STDMETHOD(GetProcessorTypeNames)(THIS_ ULONG Type, PSTR FullNameBuffer, ULONG FullNameBufferSize, PULONG FullNameSize, PSTR AbbrevNameBuffer, ULONG AbbrevNameBufferSize, PULONG AbbrevNameSize) PURE; /* 46 */
    STDMETHOD(GetEffectiveProcessorType)(THIS_ PULONG Type) PURE; /* 47 */
    STDMETHOD(SetEffectiveProcessorType)(THIS_ ULONG Type) PURE; /* 48 */
    STDMETHOD(GetExecutionStatus)(THIS_ PULONG Status) PURE; /* 49 */
    STDMETHOD(SetExecutionStatus)(THIS_ ULONG Status) PURE; /* 50 */
    STDMETHOD(GetCodeLevel)(THIS_ PULONG Level) PURE; /* 51 */
    STDMETHOD(SetCodeLevel)(THIS_ ULONG Level) PURE; /* 52 */
    STDMETHOD(GetEngineOptions)(THIS_ PULONG Options) PURE; /* 53 */
    STDMETHOD(AddEngineOptions)(THIS_ ULONG Options) PURE; /* 54 */
    STDMETHOD(RemoveEngineOptions)(THIS_ ULONG Options) PURE; /* 55 */
    STDMETHOD(SetEngineOptions)(THIS_ ULONG Options) PURE; /* 56 */
    STDMETHOD(GetSystemErrorControl)(THIS_ PULONG OutputLevel, PULONG BreakLevel) PURE; /* 57 */
    STDMETHOD(SetSystemErrorControl)(THIS_ ULONG OutputLevel, ULONG BreakLevel) PURE; /* 58 */
    STDMETHOD(GetTextMacro)(THIS_ ULONG Slot, PSTR Buffer, ULONG BufferSize, PULONG MacroSize) PURE; /* 59 */
    STDMETHOD(SetTextMacro)(THIS_ ULONG Slot, PCSTR Macro) PURE; /* 60 */
    STDMETHOD(GetRadix)(THIS_ PULONG Radix) PURE; /* 61 */
    STDMETHOD(SetRadix)(THIS_ ULONG Radix) PURE; /* 62 */
    STDMETHOD(Evaluate)(THIS_ PCSTR Expression, ULONG DesiredType, PDEBUG_VALUE Value, PULONG RemainderIndex) PURE; /* 63 */
    STDMETHOD(CoerceValue)(THIS_ PDEBUG_VALUE In, ULONG OutType, PDEBUG_VALUE Out) PURE; /* 64 */
    STDMETHOD(CoerceValues)(THIS_ ULONG Count, PDEBUG_VALUE In, PULONG OutTypes, PDEBUG_VALUE Out) PURE; /* 65 */
    STDMETHOD(Execute)(THIS_ ULONG OutputControl, PCSTR Command, ULONG Flags) PURE; /* 66 */
    STDMETHOD(ExecuteCommandFile)(THIS_ ULONG OutputControl, PCSTR CommandFile, ULONG Flags) PURE; /* 67 */
    STDMETHOD(GetNumberBreakpoints)(THIS_ PULONG Number) PURE; /* 68 */
    STDMETHOD(GetBreakpointByIndex)(THIS_ ULONG Index, PDEBUG_BREAKPOINT *Bp) PURE; /* 69 */
    STDMETHOD(GetBreakpointById)(THIS_ ULONG Id, PDEBUG_BREAKPOINT *Bp) PURE; /* 70 */
    STDMETHOD(GetBreakpointParameters)(THIS_ ULONG Count, PULONG Ids, ULONG Start, PDEBUG_BREAKPOINT_PARAMETERS Params) PURE; /* 71 */
    STDMETHOD(AddBreakpoint)(THIS_ ULONG Type, ULONG DesiredId, PDEBUG_BREAKPOINT *Bp) PURE; /* 72 */
    STDMETHOD(RemoveBreakpoint)(THIS_ PDEBUG_BREAKPOINT Bp) PURE; /* 73 */
    STDMETHOD(AddExtension)(THIS_ PCSTR Path, ULONG Flags, PULONG64 Handle) PURE; /* 74 */
    STDMETHOD(RemoveExtension)(THIS_ ULONG64 Handle) PURE; /* 75 */
    STDMETHOD(GetExtensionByPath)(THIS_ PCSTR Path, PULONG64 Handle) PURE; /* 76 */
    STDMETHOD(CallExtension)(THIS_ ULONG64 Handle, PCSTR Function, PCSTR Arguments) PURE; /* 77 */
    STDMETHOD(GetExtensionFunction)(THIS_ ULONG64 Handle, PCSTR FuncName, FARPROC *Function) PURE; /* 78 */
    STDMETHOD(GetWindbgExtensionApis32)(THIS_ PWINDBG_EXTENSION_APIS32 Api) PURE; /* 79 */
    STDMETHOD(GetWindbgExtensionApis64)(THIS_ PWINDBG_EXTENSION_APIS64 Api) PURE; /* 80 */
    STDMETHOD(GetNumberEventFilters)(THIS_ PULONG SpecificEvents, PULONG SpecificExceptions, PULONG ArbitraryExceptions) PURE; /* 81 */
    STDMETHOD(GetEventFilterText)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 82 */
    STDMETHOD(GetEventFilterCommand)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 83 */
    STDMETHOD(SetEventFilterCommand)(THIS_ ULONG Index, PCSTR Command) PURE; /* 84 */
    STDMETHOD(GetSpecificFilterParameters)(THIS_ ULONG Start, ULONG Count, PDEBUG_SPECIFIC_FILTER_PARAMETERS Params) PURE; /* 85 */
    STDMETHOD(SetSpecificFilterParameters)(THIS_ ULONG Start, ULONG Count, PDEBUG_SPECIFIC_FILTER_PARAMETERS Params) PURE; /* 86 */
    STDMETHOD(GetSpecificFilterArgument)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG ArgumentSize) PURE; /* 87 */
    STDMETHOD(SetSpecificFilterArgument)(THIS_ ULONG Index, PCSTR Argument) PURE; /* 88 */
    STDMETHOD(GetExceptionFilterParameters)(THIS_ ULONG Count, PULONG Codes, ULONG Start, PDEBUG_EXCEPTION_FILTER_PARAMETERS Params) PURE; /* 89 */
    STDMETHOD(SetExceptionFilterParameters)(THIS_ ULONG Count, PDEBUG_EXCEPTION_FILTER_PARAMETERS Params) PURE; /* 90 */
    STDMETHOD(GetExceptionFilterSecondCommand)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 91 */
    STDMETHOD(SetExceptionFilterSecondCommand)(THIS_ ULONG Index, PCSTR Command) PURE; /* 92 */
    STDMETHOD(WaitForEvent)(THIS_ ULONG Flags, ULONG Timeout) PURE; /* 93 */
    STDMETHOD(GetLastEventInformation)(THIS_ PULONG Type, PULONG ProcessId, PULONG ThreadId, PVOID ExtraInformation, ULONG ExtraInformationSize, PULONG ExtraInformationUsed, PSTR Description, ULONG DescriptionSize, PULONG DescriptionUsed) PURE; /* 94 */
    STDMETHOD(GetCurrentTimeDate)(THIS_ PULONG TimeDate) PURE; /* 95 */
    STDMETHOD(GetCurrentSystemUpTime)(THIS_ PULONG UpTime) PURE; /* 96 */
    STDMETHOD(GetDumpFormatFlags)(THIS_ PULONG FormatFlags) PURE; /* 97 */
    STDMETHOD(GetNumberTextReplacements)(THIS_ PULONG NumRepl) PURE; /* 98 */
    STDMETHOD(GetTextReplacement)(THIS_ PCSTR SrcText, ULONG Index, PSTR SrcBuffer, ULONG SrcBufferSize, PULONG SrcSize, PSTR DstBuffer, ULONG DstBufferSize, PULONG DstSize) PURE; /* 99 */
    STDMETHOD(SetTextReplacement)(THIS_ PCSTR SrcText, PCSTR DstText) PURE; /* 100 */
    STDMETHOD(RemoveTextReplacements)(THIS) PURE; /* 101 */
    STDMETHOD(OutputTextReplacements)(THIS_ ULONG OutputControl, ULONG Flags) PURE; /* 102 */
    STDMETHOD(GetAssemblyOptions)(THIS_ PULONG Options) PURE; /* 103 */
    STDMETHOD(AddAssemblyOptions)(THIS_ ULONG Options) PURE; /* 104 */
    STDMETHOD(RemoveAssemblyOptions)(THIS_ ULONG Options) PURE; /* 105 */
    STDMETHOD(SetAssemblyOptions)(THIS_ ULONG Options) PURE; /* 106 */
    STDMETHOD(GetExpressionSyntax)(THIS_ PULONG Flags) PURE; /* 107 */
    STDMETHOD(SetExpressionSyntax)(THIS_ ULONG Flags) PURE; /* 108 */
    STDMETHOD(SetExpressionSyntaxByName)(THIS_ PCSTR AbbrevName) PURE; /* 109 */
    STDMETHOD(GetNumberExpressionSyntaxes)(THIS_ PULONG Number) PURE; /* 110 */
    STDMETHOD(GetExpressionSyntaxNames)(THIS_ ULONG Index, PSTR FullNameBuffer, ULONG FullNameBufferSize, PULONG FullNameSize, PSTR AbbrevNameBuffer, ULONG AbbrevNameBufferSize, PULONG AbbrevNameSize) PURE; /* 111 */
    STDMETHOD(GetNumberEvents)(THIS_ PULONG Events) PURE; /* 112 */
    STDMETHOD(GetEventIndexDescription)(THIS_ ULONG Index, ULONG Which, PSTR Buffer, ULONG BufferSize, PULONG DescSize) PURE; /* 113 */
    STDMETHOD(GetCurrentEventIndex)(THIS_ PULONG Index) PURE; /* 114 */
    STDMETHOD(SetNextEventIndex)(THIS_ ULONG Relation, ULONG Value, PULONG NextIndex) PURE; /* 115 */
    STDMETHOD(GetLogFileWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG FileSize, PBOOL Append) PURE; /* 116 */
    STDMETHOD(OpenLogFileWide)(THIS_ PCWSTR File, BOOL Append) PURE; /* 117 */
    STDMETHOD(InputWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG InputSize) PURE; /* 118 */
    STDMETHOD(ReturnInputWide)(THIS_ PCWSTR Buffer) PURE; /* 119 */
    STDMETHODV(OutputWide)(THIS_ ULONG Mask, PCWSTR Format, ...) PURE; /* 120 */
    STDMETHOD(OutputVaListWide)(THIS_ ULONG Mask, PCWSTR Format, va_list Args) PURE; /* 121 */
    STDMETHODV(ControlledOutputWide)(THIS_ ULONG OutputControl, ULONG Mask, PCWSTR Format, ...) PURE; /* 122 */
    STDMETHOD(ControlledOutputVaListWide)(THIS_ ULONG OutputControl, ULONG Mask, PCWSTR Format, va_list Args) PURE; /* 123 */
    STDMETHODV(OutputPromptWide)(THIS_ ULONG OutputControl, PCWSTR Format, ...) PURE; /* 124 */
    STDMETHOD(OutputPromptVaListWide)(THIS_ ULONG OutputControl, PCWSTR Format, va_list Args) PURE; /* 125 */
    STDMETHOD(GetPromptTextWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 126 */
    STDMETHOD(AssembleWide)(THIS_ ULONG64 Offset, PCWSTR Instr, PULONG64 EndOffset) PURE; /* 127 */
    STDMETHOD(DisassembleWide)(THIS_ ULONG64 Offset, ULONG Flags, PWSTR Buffer, ULONG BufferSize, PULONG DisassemblySize, PULONG64 EndOffset) PURE; /* 128 */
    STDMETHOD(GetProcessorTypeNamesWide)(THIS_ ULONG Type, PWSTR FullNameBuffer, ULONG FullNameBufferSize, PULONG FullNameSize, PWSTR AbbrevNameBuffer, ULONG AbbrevNameBufferSize, PULONG AbbrevNameSize) PURE; /* 129 */
    STDMETHOD(GetTextMacroWide)(THIS_ ULONG Slot, PWSTR Buffer, ULONG BufferSize, PULONG MacroSize) PURE; /* 130 */
    STDMETHOD(SetTextMacroWide)(THIS_ ULONG Slot, PCWSTR Macro) PURE; /* 131 */
    STDMETHOD(EvaluateWide)(THIS_ PCWSTR Expression, ULONG DesiredType, PDEBUG_VALUE Value, PULONG RemainderIndex) PURE; /* 132 */
    STDMETHOD(ExecuteWide)(THIS_ ULONG OutputControl, PCWSTR Command, ULONG Flags) PURE; /* 133 */
    STDMETHOD(ExecuteCommandFileWide)(THIS_ ULONG OutputControl, PCWSTR CommandFile, ULONG Flags) PURE; /* 134 */
    STDMETHOD(GetBreakpointByIndex2)(THIS_ ULONG Index, PDEBUG_BREAKPOINT2 *Bp) PURE; /* 135 */
    STDMETHOD(GetBreakpointById2)(THIS_ ULONG Id, PDEBUG_BREAKPOINT2 *Bp) PURE; /* 136 */
    STDMETHOD(AddBreakpoint2)(THIS_ ULONG Type, ULONG DesiredId, PDEBUG_BREAKPOINT2 *Bp) PURE; /* 137 */
    STDMETHOD(RemoveBreakpoint2)(THIS_ PDEBUG_BREAKPOINT2 Bp) PURE; /* 138 */
    STDMETHOD(AddExtensionWide)(THIS_ PCWSTR Path, ULONG Flags, PULONG64 Handle) PURE; /* 139 */
    STDMETHOD(GetExtensionByPathWide)(THIS_ PCWSTR Path, PULONG64 Handle) PURE; /* 140 */
    STDMETHOD(CallExtensionWide)(THIS_ ULONG64 Handle, PCWSTR Function, PCWSTR Arguments) PURE; /* 141 */
    STDMETHOD(GetExtensionFunctionWide)(THIS_ ULONG64 Handle, PCWSTR FuncName, FARPROC *Function) PURE; /* 142 */
    STDMETHOD(GetEventFilterTextWide)(THIS_ ULONG Index, PWSTR Buffer, ULONG BufferSize, PULONG TextSize) PURE; /* 143 */
    STDMETHOD(GetEventFilterCommandWide)(THIS_ ULONG Index, PWSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 144 */
    STDMETHOD(SetEventFilterCommandWide)(THIS_ ULONG Index, PCWSTR Command) PURE; /* 145 */
    STDMETHOD(GetSpecificFilterArgumentWide)(THIS_ ULONG Index, PWSTR Buffer, ULONG BufferSize, PULONG ArgumentSize) PURE; /* 146 */
    STDMETHOD(SetSpecificFilterArgumentWide)(THIS_ ULONG Index, PCWSTR Argument) PURE; /* 147 */
    STDMETHOD(GetExceptionFilterSecondCommandWide)(THIS_ ULONG Index, PWSTR Buffer, ULONG BufferSize, PULONG CommandSize) PURE; /* 148 */
    STDMETHOD(SetExceptionFilterSecondCommandWide)(THIS_ ULONG Index, PCWSTR Command) PURE; /* 149 */
    STDMETHOD(GetLastEventInformationWide)(THIS_ PULONG Type, PULONG ProcessId, PULONG ThreadId, PVOID ExtraInformation, ULONG ExtraInformationSize, PULONG ExtraInformationUsed, PWSTR Description, ULONG DescriptionSize, PULONG DescriptionUsed) PURE; /* 150 */
    STDMETHOD(GetTextReplacementWide)(THIS_ PCWSTR SrcText, ULONG Index, PWSTR SrcBuffer, ULONG SrcBufferSize, PULONG SrcSize, PWSTR DstBuffer, ULONG DstBufferSize, PULONG DstSize) PURE; /* 151 */
    STDMETHOD(SetTextReplacementWide)(THIS_ PCWSTR SrcText, PCWSTR DstText) PURE; /* 152 */
    STDMETHOD(SetExpressionSyntaxByNameWide)(THIS_ PCWSTR AbbrevName) PURE; /* 153 */
    STDMETHOD(GetExpressionSyntaxNamesWide)(THIS_ ULONG Index, PWSTR FullNameBuffer, ULONG FullNameBufferSize, PULONG FullNameSize, PWSTR AbbrevNameBuffer, ULONG AbbrevNameBufferSize, PULONG AbbrevNameSize) PURE; /* 154 */
    STDMETHOD(GetEventIndexDescriptionWide)(THIS_ ULONG Index, ULONG Which, PWSTR Buffer, ULONG BufferSize, PULONG DescSize) PURE; /* 155 */
    STDMETHOD(GetLogFile2)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG FileSize, PULONG Flags) PURE; /* 156 */
    STDMETHOD(OpenLogFile2)(THIS_ PCSTR File, ULONG Flags) PURE; /* 157 */
    STDMETHOD(GetLogFile2Wide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG FileSize, PULONG Flags) PURE; /* 158 */
    STDMETHOD(OpenLogFile2Wide)(THIS_ PCWSTR File, ULONG Flags) PURE; /* 159 */
    STDMETHOD(GetSystemVersionValues)(THIS_ PULONG PlatformId, PULONG Win32Major, PULONG Win32Minor, PULONG KdMajor, PULONG KdMinor) PURE; /* 160 */
    STDMETHOD(GetSystemVersionString)(THIS_ ULONG Which, PSTR Buffer, ULONG BufferSize, PULONG StringSize) PURE; /* 161 */
    STDMETHOD(GetSystemVersionStringWide)(THIS_ ULONG Which, PWSTR Buffer, ULONG BufferSize, PULONG StringSize) PURE; /* 162 */
    STDMETHOD(GetContextStackTrace)(THIS_ PVOID StartContext, ULONG StartContextSize, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, PVOID FrameContexts, ULONG FrameContextsSize, ULONG FrameContextsEntrySize, PULONG FramesFilled) PURE; /* 163 */
    STDMETHOD(OutputContextStackTrace)(THIS_ ULONG OutputControl, PDEBUG_STACK_FRAME Frames, ULONG FramesSize, PVOID FrameContexts, ULONG FrameContextsSize, ULONG FrameContextsEntrySize, ULONG Flags) PURE; /* 164 */
    STDMETHOD(GetStoredEventInformation)(THIS_ PULONG Type, PULONG ProcessId, PULONG ThreadId, PVOID Context, ULONG ContextSize, PULONG ContextUsed, PVOID ExtraInformation, ULONG ExtraInformationSize, PULONG ExtraInformationUsed) PURE; /* 165 */
    STDMETHOD(GetManagedStatus)(THIS_ PULONG Flags, ULONG WhichString, PSTR String, ULONG StringSize, PULONG StringNeeded) PURE; /* 166 */
    STDMETHOD(GetManagedStatusWide)(THIS_ PULONG Flags, ULONG WhichString, PWSTR String, ULONG StringSize, PULONG StringNeeded) PURE; /* 167 */
    STDMETHOD(ResetManagedStatus)(THIS_ ULONG Flags) PURE; /* 168 */
};

#define DEBUG_DATA_KernBase 24
#define DEBUG_DATA_BreakpointWithStatusAddr 32
#define DEBUG_DATA_SavedContextAddr 40
#define DEBUG_DATA_KiCallUserModeAddr 56
#define DEBUG_DATA_KeUserCallbackDispatcherAddr 64
#define DEBUG_DATA_PsLoadedModuleListAddr 72
#define DEBUG_DATA_PsActiveProcessHeadAddr 80
#define DEBUG_DATA_PspCidTableAddr 88
#define DEBUG_DATA_ExpSystemResourcesListAddr 96
#define DEBUG_DATA_ExpPagedPoolDescriptorAddr 104
#define DEBUG_DATA_ExpNumberOfPagedPoolsAddr 112
#define DEBUG_DATA_KeTimeIncrementAddr 120
#define DEBUG_DATA_KeBugCheckCallbackListHeadAddr 128
#define DEBUG_DATA_KiBugcheckDataAddr 136
#define DEBUG_DATA_IopErrorLogListHeadAddr 144
#define DEBUG_DATA_ObpRootDirectoryObjectAddr 152
#define DEBUG_DATA_ObpTypeObjectTypeAddr 160
#define DEBUG_DATA_MmSystemCacheStartAddr 168
#define DEBUG_DATA_MmSystemCacheEndAddr 176
#define DEBUG_DATA_MmSystemCacheWsAddr 184
#define DEBUG_DATA_MmPfnDatabaseAddr 192
#define DEBUG_DATA_MmSystemPtesStartAddr 200
#define DEBUG_DATA_MmSystemPtesEndAddr 208
#define DEBUG_DATA_MmSubsectionBaseAddr 216
#define DEBUG_DATA_MmNumberOfPagingFilesAddr 224
#define DEBUG_DATA_MmLowestPhysicalPageAddr 232
#define DEBUG_DATA_MmHighestPhysicalPageAddr 240
#define DEBUG_DATA_MmNumberOfPhysicalPagesAddr 248
#define DEBUG_DATA_MmMaximumNonPagedPoolInBytesAddr 256
#define DEBUG_DATA_MmNonPagedSystemStartAddr 264
#define DEBUG_DATA_MmNonPagedPoolStartAddr 272
#define DEBUG_DATA_MmNonPagedPoolEndAddr 280
#define DEBUG_DATA_MmPagedPoolStartAddr 288
#define DEBUG_DATA_MmPagedPoolEndAddr 296
#define DEBUG_DATA_MmPagedPoolInformationAddr 304
#define DEBUG_DATA_MmPageSize 312
#define DEBUG_DATA_MmSizeOfPagedPoolInBytesAddr 320
#define DEBUG_DATA_MmTotalCommitLimitAddr 328
#define DEBUG_DATA_MmTotalCommittedPagesAddr 336
#define DEBUG_DATA_MmSharedCommitAddr 344
#define DEBUG_DATA_MmDriverCommitAddr 352
#define DEBUG_DATA_MmProcessCommitAddr 360
#define DEBUG_DATA_MmPagedPoolCommitAddr 368
#define DEBUG_DATA_MmExtendedCommitAddr 376
#define DEBUG_DATA_MmZeroedPageListHeadAddr 384
#define DEBUG_DATA_MmFreePageListHeadAddr 392
#define DEBUG_DATA_MmStandbyPageListHeadAddr 400
#define DEBUG_DATA_MmModifiedPageListHeadAddr 408
#define DEBUG_DATA_MmModifiedNoWritePageListHeadAddr 416
#define DEBUG_DATA_MmAvailablePagesAddr 424
#define DEBUG_DATA_MmResidentAvailablePagesAddr 432
#define DEBUG_DATA_PoolTrackTableAddr 440
#define DEBUG_DATA_NonPagedPoolDescriptorAddr 448
#define DEBUG_DATA_MmHighestUserAddressAddr 456
#define DEBUG_DATA_MmSystemRangeStartAddr 464
#define DEBUG_DATA_MmUserProbeAddressAddr 472
#define DEBUG_DATA_KdPrintCircularBufferAddr 480
#define DEBUG_DATA_KdPrintCircularBufferEndAddr 488
#define DEBUG_DATA_KdPrintWritePointerAddr 496
#define DEBUG_DATA_KdPrintRolloverCountAddr 504
#define DEBUG_DATA_MmLoadedUserImageListAddr 512
#define DEBUG_DATA_NtBuildLabAddr 520
#define DEBUG_DATA_KiNormalSystemCall 528
#define DEBUG_DATA_KiProcessorBlockAddr 536
#define DEBUG_DATA_MmUnloadedDriversAddr 544
#define DEBUG_DATA_MmLastUnloadedDriverAddr 552
#define DEBUG_DATA_MmTriageActionTakenAddr 560
#define DEBUG_DATA_MmSpecialPoolTagAddr 568
#define DEBUG_DATA_KernelVerifierAddr 576
#define DEBUG_DATA_MmVerifierDataAddr 584
#define DEBUG_DATA_MmAllocatedNonPagedPoolAddr 592
#define DEBUG_DATA_MmPeakCommitmentAddr 600
#define DEBUG_DATA_MmTotalCommitLimitMaximumAddr 608
#define DEBUG_DATA_CmNtCSDVersionAddr 616
#define DEBUG_DATA_MmPhysicalMemoryBlockAddr 624
#define DEBUG_DATA_MmSessionBase 632
#define DEBUG_DATA_MmSessionSize 640
#define DEBUG_DATA_MmSystemParentTablePage 648
#define DEBUG_DATA_MmVirtualTranslationBase 656
#define DEBUG_DATA_OffsetKThreadNextProcessor 664
#define DEBUG_DATA_OffsetKThreadTeb 666
#define DEBUG_DATA_OffsetKThreadKernelStack 668
#define DEBUG_DATA_OffsetKThreadInitialStack 670
#define DEBUG_DATA_OffsetKThreadApcProcess 672
#define DEBUG_DATA_OffsetKThreadState 674
#define DEBUG_DATA_OffsetKThreadBStore 676
#define DEBUG_DATA_OffsetKThreadBStoreLimit 678
#define DEBUG_DATA_SizeEProcess 680
#define DEBUG_DATA_OffsetEprocessPeb 682
#define DEBUG_DATA_OffsetEprocessParentCID 684
#define DEBUG_DATA_OffsetEprocessDirectoryTableBase 686
#define DEBUG_DATA_SizePrcb 688
#define DEBUG_DATA_OffsetPrcbDpcRoutine 690
#define DEBUG_DATA_OffsetPrcbCurrentThread 692
#define DEBUG_DATA_OffsetPrcbMhz 694
#define DEBUG_DATA_OffsetPrcbCpuType 696
#define DEBUG_DATA_OffsetPrcbVendorString 698
#define DEBUG_DATA_OffsetPrcbProcessorState 700
#define DEBUG_DATA_OffsetPrcbNumber 702
#define DEBUG_DATA_SizeEThread 704
#define DEBUG_DATA_KdPrintCircularBufferPtrAddr 712
#define DEBUG_DATA_KdPrintBufferSizeAddr 720
#define DEBUG_DATA_PaeEnabled 100000

typedef struct _DEBUG_PROCESSOR_IDENTIFICATION_ALPHA {
  ULONG Type;
  ULONG Revision;
} DEBUG_PROCESSOR_IDENTIFICATION_ALPHA,*PDEBUG_PROCESSOR_IDENTIFICATION_ALPHA;


typedef struct _DEBUG_PROCESSOR_IDENTIFICATION_AMD64 {
  ULONG Family;
  ULONG Model;
  ULONG Stepping;
  CHAR VendorString[16];
} DEBUG_PROCESSOR_IDENTIFICATION_AMD64,*PDEBUG_PROCESSOR_IDENTIFICATION_AMD64;


typedef struct _DEBUG_PROCESSOR_IDENTIFICATION_IA64 {
  ULONG Model;
  ULONG Revision;
  ULONG Family;
  ULONG ArchRev;
  CHAR VendorString[16];
} DEBUG_PROCESSOR_IDENTIFICATION_IA64,*PDEBUG_PROCESSOR_IDENTIFICATION_IA64;


typedef struct _DEBUG_PROCESSOR_IDENTIFICATION_X86 {
  ULONG Family;
  ULONG Model;
  ULONG Stepping;
  CHAR VendorString[16];
} DEBUG_PROCESSOR_IDENTIFICATION_X86,*PDEBUG_PROCESSOR_IDENTIFICATION_X86;


typedef struct _DEBUG_PROCESSOR_IDENTIFICATION_ARM {
  ULONG Type;
  ULONG Revision;
} DEBUG_PROCESSOR_IDENTIFICATION_ARM,*PDEBUG_PROCESSOR_IDENTIFICATION_ARM;


typedef union _DEBUG_PROCESSOR_IDENTIFICATION_ALL {
  DEBUG_PROCESSOR_IDENTIFICATION_ALPHA Alpha;
  DEBUG_PROCESSOR_IDENTIFICATION_AMD64 Amd64;
  DEBUG_PROCESSOR_IDENTIFICATION_IA64 Ia64;
  DEBUG_PROCESSOR_IDENTIFICATION_X86 X86;
  DEBUG_PROCESSOR_IDENTIFICATION_ARM Arm;
} DEBUG_PROCESSOR_IDENTIFICATION_ALL,*PDEBUG_PROCESSOR_IDENTIFICATION_ALL;

#define DEBUG_DATA_KPCR_OFFSET 0
#define DEBUG_DATA_KPRCB_OFFSET 1
#define DEBUG_DATA_KTHREAD_OFFSET 2
#define DEBUG_DATA_BASE_TRANSLATION_VIRTUAL_OFFSET 3
#define DEBUG_DATA_PROCESSOR_IDENTIFICATION 4
#define DEBUG_DATA_PROCESSOR_SPEED 5

#undef INTERFACE
#define INTERFACE IDebugDataSpaces
DECLARE_INTERFACE_(IDebugDataSpaces, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(ReadVirtual)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 3 */
    STDMETHOD(WriteVirtual)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 4 */
    STDMETHOD(SearchVirtual)(THIS_ ULONG64 Offset, ULONG64 Length, PVOID Pattern, ULONG PatternSize, ULONG PatternGranularity, PULONG64 MatchOffset) PURE; /* 5 */
    STDMETHOD(ReadVirtualUncached)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 6 */
    STDMETHOD(WriteVirtualUncached)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 7 */
    STDMETHOD(ReadPointersVirtual)(THIS_ ULONG Count, ULONG64 Offset, PULONG64 Ptrs) PURE; /* 8 */
    STDMETHOD(WritePointersVirtual)(THIS_ ULONG Count, ULONG64 Offset, PULONG64 Ptrs) PURE; /* 9 */
    STDMETHOD(ReadPhysical)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 10 */
    STDMETHOD(WritePhysical)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 11 */
    STDMETHOD(ReadControl)(THIS_ ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 12 */
    STDMETHOD(WriteControl)(THIS_ ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 13 */
    STDMETHOD(ReadIo)(THIS_ ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 14 */
    STDMETHOD(WriteIo)(THIS_ ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 15 */
    STDMETHOD(ReadMsr)(THIS_ ULONG Msr, PULONG64 Value) PURE; /* 16 */
    STDMETHOD(WriteMsr)(THIS_ ULONG Msr, ULONG64 Value) PURE; /* 17 */
    STDMETHOD(ReadBusData)(THIS_ ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 18 */
    STDMETHOD(WriteBusData)(THIS_ ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 19 */
    STDMETHOD(CheckLowMemory)(THIS) PURE; /* 20 */
    STDMETHOD(ReadDebuggerData)(THIS_ ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 21 */
    STDMETHOD(ReadProcessorSystemData)(THIS_ ULONG Processor, ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 22 */
};


#undef INTERFACE
#define INTERFACE IDebugDataSpaces2
DECLARE_INTERFACE_(IDebugDataSpaces2, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(ReadVirtual)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 3 */
    STDMETHOD(WriteVirtual)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 4 */
    STDMETHOD(SearchVirtual)(THIS_ ULONG64 Offset, ULONG64 Length, PVOID Pattern, ULONG PatternSize, ULONG PatternGranularity, PULONG64 MatchOffset) PURE; /* 5 */
    STDMETHOD(ReadVirtualUncached)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 6 */
    STDMETHOD(WriteVirtualUncached)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 7 */
    STDMETHOD(ReadPointersVirtual)(THIS_ ULONG Count, ULONG64 Offset, PULONG64 Ptrs) PURE; /* 8 */
    STDMETHOD(WritePointersVirtual)(THIS_ ULONG Count, ULONG64 Offset, PULONG64 Ptrs) PURE; /* 9 */
    STDMETHOD(ReadPhysical)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 10 */
    STDMETHOD(WritePhysical)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 11 */
    STDMETHOD(ReadControl)(THIS_ ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 12 */
    STDMETHOD(WriteControl)(THIS_ ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 13 */
    STDMETHOD(ReadIo)(THIS_ ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 14 */
    STDMETHOD(WriteIo)(THIS_ ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 15 */
    STDMETHOD(ReadMsr)(THIS_ ULONG Msr, PULONG64 Value) PURE; /* 16 */
    STDMETHOD(WriteMsr)(THIS_ ULONG Msr, ULONG64 Value) PURE; /* 17 */
    STDMETHOD(ReadBusData)(THIS_ ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 18 */
    STDMETHOD(WriteBusData)(THIS_ ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 19 */
    STDMETHOD(CheckLowMemory)(THIS) PURE; /* 20 */
    STDMETHOD(ReadDebuggerData)(THIS_ ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 21 */
    STDMETHOD(ReadProcessorSystemData)(THIS_ ULONG Processor, ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 22 */
    STDMETHOD(VirtualToPhysical)(THIS_ ULONG64 Virtual, PULONG64 Physical) PURE; /* 23 */
    STDMETHOD(GetVirtualTranslationPhysicalOffsets)(THIS_ ULONG64 Virtual, PULONG64 Offsets, ULONG OffsetsSize, PULONG Levels) PURE; /* 24 */
    STDMETHOD(ReadHandleData)(THIS_ ULONG64 Handle, ULONG DataType, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 25 */
    STDMETHOD(FillVirtual)(THIS_ ULONG64 Start, ULONG Size, PVOID Pattern, ULONG PatternSize, PULONG Filled) PURE; /* 26 */
    STDMETHOD(FillPhysical)(THIS_ ULONG64 Start, ULONG Size, PVOID Pattern, ULONG PatternSize, PULONG Filled) PURE; /* 27 */
    STDMETHOD(QueryVirtual)(THIS_ ULONG64 Offset, PMEMORY_BASIC_INFORMATION64 Info) PURE; /* 28 */
};


#undef INTERFACE
#define INTERFACE IDebugDataSpaces3
DECLARE_INTERFACE_(IDebugDataSpaces3, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(ReadVirtual)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 3 */
    STDMETHOD(WriteVirtual)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 4 */
    STDMETHOD(SearchVirtual)(THIS_ ULONG64 Offset, ULONG64 Length, PVOID Pattern, ULONG PatternSize, ULONG PatternGranularity, PULONG64 MatchOffset) PURE; /* 5 */
    STDMETHOD(ReadVirtualUncached)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 6 */
    STDMETHOD(WriteVirtualUncached)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 7 */
    STDMETHOD(ReadPointersVirtual)(THIS_ ULONG Count, ULONG64 Offset, PULONG64 Ptrs) PURE; /* 8 */
    STDMETHOD(WritePointersVirtual)(THIS_ ULONG Count, ULONG64 Offset, PULONG64 Ptrs) PURE; /* 9 */
    STDMETHOD(ReadPhysical)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 10 */
    STDMETHOD(WritePhysical)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 11 */
    STDMETHOD(ReadControl)(THIS_ ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 12 */
    STDMETHOD(WriteControl)(THIS_ ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 13 */
    STDMETHOD(ReadIo)(THIS_ ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 14 */
    STDMETHOD(WriteIo)(THIS_ ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 15 */
    STDMETHOD(ReadMsr)(THIS_ ULONG Msr, PULONG64 Value) PURE; /* 16 */
    STDMETHOD(WriteMsr)(THIS_ ULONG Msr, ULONG64 Value) PURE; /* 17 */
    STDMETHOD(ReadBusData)(THIS_ ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 18 */
    STDMETHOD(WriteBusData)(THIS_ ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 19 */
    STDMETHOD(CheckLowMemory)(THIS) PURE; /* 20 */
    STDMETHOD(ReadDebuggerData)(THIS_ ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 21 */
    STDMETHOD(ReadProcessorSystemData)(THIS_ ULONG Processor, ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 22 */
    STDMETHOD(VirtualToPhysical)(THIS_ ULONG64 Virtual, PULONG64 Physical) PURE; /* 23 */
    STDMETHOD(GetVirtualTranslationPhysicalOffsets)(THIS_ ULONG64 Virtual, PULONG64 Offsets, ULONG OffsetsSize, PULONG Levels) PURE; /* 24 */
    STDMETHOD(ReadHandleData)(THIS_ ULONG64 Handle, ULONG DataType, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 25 */
    STDMETHOD(FillVirtual)(THIS_ ULONG64 Start, ULONG Size, PVOID Pattern, ULONG PatternSize, PULONG Filled) PURE; /* 26 */
    STDMETHOD(FillPhysical)(THIS_ ULONG64 Start, ULONG Size, PVOID Pattern, ULONG PatternSize, PULONG Filled) PURE; /* 27 */
    STDMETHOD(QueryVirtual)(THIS_ ULONG64 Offset, PMEMORY_BASIC_INFORMATION64 Info) PURE; /* 28 */
    STDMETHOD(ReadImageNtHeaders)(THIS_ ULONG64 ImageBase, PIMAGE_NT_HEADERS64 Headers) PURE; /* 29 */
    STDMETHOD(ReadTagged)(THIS_ LPGUID Tag, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG TotalSize) PURE; /* 30 */
    STDMETHOD(StartEnumTagged)(THIS_ PULONG64 Handle) PURE; /* 31 */
    STDMETHOD(GetNextTagged)(THIS_ ULONG64 Handle, LPGUID Tag, PULONG Size) PURE; /* 32 */
    STDMETHOD(EndEnumTagged)(THIS_ ULONG64 Handle) PURE; /* 33 */
};

#undef INTERFACE
#define INTERFACE IDebugDataSpaces4
DECLARE_INTERFACE_(IDebugDataSpaces4, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(ReadVirtual)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 3 */
    STDMETHOD(WriteVirtual)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 4 */
    STDMETHOD(SearchVirtual)(THIS_ ULONG64 Offset, ULONG64 Length, PVOID Pattern, ULONG PatternSize, ULONG PatternGranularity, PULONG64 MatchOffset) PURE; /* 5 */
    STDMETHOD(ReadVirtualUncached)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 6 */
    STDMETHOD(WriteVirtualUncached)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 7 */
    STDMETHOD(ReadPointersVirtual)(THIS_ ULONG Count, ULONG64 Offset, PULONG64 Ptrs) PURE; /* 8 */
    STDMETHOD(WritePointersVirtual)(THIS_ ULONG Count, ULONG64 Offset, PULONG64 Ptrs) PURE; /* 9 */
    STDMETHOD(ReadPhysical)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 10 */
    STDMETHOD(WritePhysical)(THIS_ ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 11 */
    STDMETHOD(ReadControl)(THIS_ ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 12 */
    STDMETHOD(WriteControl)(THIS_ ULONG Processor, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 13 */
    STDMETHOD(ReadIo)(THIS_ ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 14 */
    STDMETHOD(WriteIo)(THIS_ ULONG InterfaceType, ULONG BusNumber, ULONG AddressSpace, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 15 */
    STDMETHOD(ReadMsr)(THIS_ ULONG Msr, PULONG64 Value) PURE; /* 16 */
    STDMETHOD(WriteMsr)(THIS_ ULONG Msr, ULONG64 Value) PURE; /* 17 */
    STDMETHOD(ReadBusData)(THIS_ ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 18 */
    STDMETHOD(WriteBusData)(THIS_ ULONG BusDataType, ULONG BusNumber, ULONG SlotNumber, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 19 */
    STDMETHOD(CheckLowMemory)(THIS) PURE; /* 20 */
    STDMETHOD(ReadDebuggerData)(THIS_ ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 21 */
    STDMETHOD(ReadProcessorSystemData)(THIS_ ULONG Processor, ULONG Index, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 22 */
    STDMETHOD(VirtualToPhysical)(THIS_ ULONG64 Virtual, PULONG64 Physical) PURE; /* 23 */
    STDMETHOD(GetVirtualTranslationPhysicalOffsets)(THIS_ ULONG64 Virtual, PULONG64 Offsets, ULONG OffsetsSize, PULONG Levels) PURE; /* 24 */
    STDMETHOD(ReadHandleData)(THIS_ ULONG64 Handle, ULONG DataType, PVOID Buffer, ULONG BufferSize, PULONG DataSize) PURE; /* 25 */
    STDMETHOD(FillVirtual)(THIS_ ULONG64 Start, ULONG Size, PVOID Pattern, ULONG PatternSize, PULONG Filled) PURE; /* 26 */
    STDMETHOD(FillPhysical)(THIS_ ULONG64 Start, ULONG Size, PVOID Pattern, ULONG PatternSize, PULONG Filled) PURE; /* 27 */
    STDMETHOD(QueryVirtual)(THIS_ ULONG64 Offset, PMEMORY_BASIC_INFORMATION64 Info) PURE; /* 28 */
    STDMETHOD(ReadImageNtHeaders)(THIS_ ULONG64 ImageBase, PIMAGE_NT_HEADERS64 Headers) PURE; /* 29 */
    STDMETHOD(ReadTagged)(THIS_ LPGUID Tag, ULONG Offset, PVOID Buffer, ULONG BufferSize, PULONG TotalSize) PURE; /* 30 */
    STDMETHOD(StartEnumTagged)(THIS_ PULONG64 Handle) PURE; /* 31 */
    STDMETHOD(GetNextTagged)(THIS_ ULONG64 Handle, LPGUID Tag, PULONG Size) PURE; /* 32 */
    STDMETHOD(EndEnumTagged)(THIS_ ULONG64 Handle) PURE; /* 33 */
    STDMETHOD(GetOffsetInformation)(THIS_ ULONG Space, ULONG Which, ULONG64 Offset, PVOID Buffer, ULONG BufferSize, PULONG InfoSize) PURE; /* 34 */
    STDMETHOD(GetNextDifferentlyValidOffsetVirtual)(THIS_ ULONG64 Offset, PULONG64 NextOffset) PURE; /* 35 */
    STDMETHOD(GetValidRegionVirtual)(THIS_ ULONG64 Base, ULONG Size, PULONG64 ValidBase, PULONG ValidSize) PURE; /* 36 */
    STDMETHOD(SearchVirtual2)(THIS_ ULONG64 Offset, ULONG64 Length, ULONG Flags, PVOID Pattern, ULONG PatternSize, ULONG PatternGranularity, PULONG64 MatchOffset) PURE; /* 37 */
    STDMETHOD(ReadMultiByteStringVirtual)(THIS_ ULONG64 Offset, ULONG MaxBytes, PSTR Buffer, ULONG BufferSize, PULONG StringBytes) PURE; /* 38 */
    STDMETHOD(ReadMultiByteStringVirtualWide)(THIS_ ULONG64 Offset, ULONG MaxBytes, ULONG CodePage, PWSTR Buffer, ULONG BufferSize, PULONG StringBytes) PURE; /* 39 */
    STDMETHOD(ReadUnicodeStringVirtual)(THIS_ ULONG64 Offset, ULONG MaxBytes, ULONG CodePage, PSTR Buffer, ULONG BufferSize, PULONG StringBytes) PURE; /* 40 */
    STDMETHOD(ReadUnicodeStringVirtualWide)(THIS_ ULONG64 Offset, ULONG MaxBytes, PWSTR Buffer, ULONG BufferSize, PULONG StringBytes) PURE; /* 41 */
    STDMETHOD(ReadPhysical2)(THIS_ ULONG64 Offset, ULONG Flags, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 42 */
    STDMETHOD(WritePhysical2)(THIS_ ULONG64 Offset, ULONG Flags, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 43 */
};

#define DEBUG_EVENT_BREAKPOINT 0x00000001
#define DEBUG_EVENT_EXCEPTION 0x00000002
#define DEBUG_EVENT_CREATE_THREAD 0x00000004
#define DEBUG_EVENT_EXIT_THREAD 0x00000008
#define DEBUG_EVENT_CREATE_PROCESS 0x00000010
#define DEBUG_EVENT_EXIT_PROCESS 0x00000020
#define DEBUG_EVENT_LOAD_MODULE 0x00000040
#define DEBUG_EVENT_UNLOAD_MODULE 0x00000080
#define DEBUG_EVENT_SYSTEM_ERROR 0x00000100
#define DEBUG_EVENT_SESSION_STATUS 0x00000200
#define DEBUG_EVENT_CHANGE_DEBUGGEE_STATE 0x00000400
#define DEBUG_EVENT_CHANGE_ENGINE_STATE 0x00000800
#define DEBUG_EVENT_CHANGE_SYMBOL_STATE 0x00001000
#define DEBUG_SESSION_ACTIVE 0x00000000
#define DEBUG_SESSION_END_SESSION_ACTIVE_TERMINATE 0x00000001
#define DEBUG_SESSION_END_SESSION_ACTIVE_DETACH 0x00000002
#define DEBUG_SESSION_END_SESSION_PASSIVE 0x00000003
#define DEBUG_SESSION_END 0x00000004
#define DEBUG_SESSION_REBOOT 0x00000005
#define DEBUG_SESSION_HIBERNATE 0x00000006
#define DEBUG_SESSION_FAILURE 0x00000007
#define DEBUG_CDS_ALL 0xffffffff
#define DEBUG_CDS_REGISTERS 0x00000001
#define DEBUG_CDS_DATA 0x00000002
#define DEBUG_CES_ALL 0xffffffff
#define DEBUG_CES_CURRENT_THREAD 0x00000001
#define DEBUG_CES_EFFECTIVE_PROCESSOR 0x00000002
#define DEBUG_CES_BREAKPOINTS 0x00000004
#define DEBUG_CES_CODE_LEVEL 0x00000008
#define DEBUG_CES_EXECUTION_STATUS 0x00000010
#define DEBUG_CES_ENGINE_OPTIONS 0x00000020
#define DEBUG_CES_LOG_FILE 0x00000040
#define DEBUG_CES_RADIX 0x00000080
#define DEBUG_CES_EVENT_FILTERS 0x00000100
#define DEBUG_CES_PROCESS_OPTIONS 0x00000200
#define DEBUG_CES_EXTENSIONS 0x00000400
#define DEBUG_CES_SYSTEMS 0x00000800
#define DEBUG_CES_ASSEMBLY_OPTIONS 0x00001000
#define DEBUG_CES_EXPRESSION_SYNTAX 0x00002000
#define DEBUG_CES_TEXT_REPLACEMENTS 0x00004000
#define DEBUG_CSS_ALL 0xffffffff
#define DEBUG_CSS_LOADS 0x00000001
#define DEBUG_CSS_UNLOADS 0x00000002
#define DEBUG_CSS_SCOPE 0x00000004
#define DEBUG_CSS_PATHS 0x00000008
#define DEBUG_CSS_SYMBOL_OPTIONS 0x00000010
#define DEBUG_CSS_TYPE_OPTIONS 0x00000020

#undef INTERFACE
#define INTERFACE IDebugEventCallbacks
DECLARE_INTERFACE_(IDebugEventCallbacks, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetInterestMask)(THIS_ PULONG Mask) PURE; /* 3 */
    STDMETHOD(Breakpoint)(THIS_ PDEBUG_BREAKPOINT Bp) PURE; /* 4 */
    STDMETHOD(Exception)(THIS_ PEXCEPTION_RECORD64 Exception, ULONG FirstChance) PURE; /* 5 */
    STDMETHOD(CreateThread)(THIS_ ULONG64 Handle, ULONG64 DataOffset, ULONG64 StartOffset) PURE; /* 6 */
    STDMETHOD(ExitThread)(THIS_ ULONG ExitCode) PURE; /* 7 */
    STDMETHOD(CreateProcess)(THIS_ ULONG64 ImageFileHandle, ULONG64 Handle, ULONG64 BaseOffset, ULONG ModuleSize, PCSTR ModuleName, PCSTR ImageName, ULONG CheckSum, ULONG TimeDateStamp, ULONG64 InitialThreadHandle, ULONG64 ThreadDataOffset, ULONG64 StartOffset) PURE; /* 8 */
    STDMETHOD(ExitProcess)(THIS_ ULONG ExitCode) PURE; /* 9 */
    STDMETHOD(LoadModule)(THIS_ ULONG64 ImageFileHandle, ULONG64 BaseOffset, ULONG ModuleSize, PCSTR ModuleName, PCSTR ImageName, ULONG CheckSum, ULONG TimeDateStamp) PURE; /* 10 */
    STDMETHOD(UnloadModule)(THIS_ PCSTR ImageBaseName, ULONG64 BaseOffset) PURE; /* 11 */
    STDMETHOD(SystemError)(THIS_ ULONG Error, ULONG Level) PURE; /* 12 */
    STDMETHOD(SessionStatus)(THIS_ ULONG Status) PURE; /* 13 */
    STDMETHOD(ChangeDebuggeeState)(THIS_ ULONG Flags, ULONG64 Argument) PURE; /* 14 */
    STDMETHOD(ChangeEngineState)(THIS_ ULONG Flags, ULONG64 Argument) PURE; /* 15 */
    STDMETHOD(ChangeSymbolState)(THIS_ ULONG Flags, ULONG64 Argument) PURE; /* 16 */
};


#undef INTERFACE
#define INTERFACE IDebugInputCallbacks
DECLARE_INTERFACE_(IDebugInputCallbacks, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(StartInput)(THIS_ ULONG BufferSize) PURE; /* 3 */
    STDMETHOD(EndInput)(THIS) PURE; /* 4 */
};


#undef INTERFACE
#define INTERFACE IDebugOutputCallbacks
DECLARE_INTERFACE_(IDebugOutputCallbacks, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(Output)(THIS_ ULONG Mask, PCSTR Text) PURE; /* 3 */
};

#define DEBUG_REGISTER_SUB_REGISTER 0x00000001
#define DEBUG_REGISTERS_DEFAULT 0x00000000
#define DEBUG_REGISTERS_INT32 0x00000001
#define DEBUG_REGISTERS_INT64 0x00000002
#define DEBUG_REGISTERS_FLOAT 0x00000004
#define DEBUG_REGISTERS_ALL 0x00000007

typedef struct _DEBUG_REGISTER_DESCRIPTION {
  ULONG Type;
  ULONG Flags;
  ULONG SubregMaster;
  ULONG SubregLength;
  ULONG64 SubregMask;
  ULONG SubregShift;
  ULONG Reserved0;
} DEBUG_REGISTER_DESCRIPTION,*PDEBUG_REGISTER_DESCRIPTION;


#undef INTERFACE
#define INTERFACE IDebugRegisters
DECLARE_INTERFACE_(IDebugRegisters, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetNumberRegisters)(THIS_ PULONG Number) PURE; /* 3 */
    STDMETHOD(GetDescription)(THIS_ ULONG Register, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize, PDEBUG_REGISTER_DESCRIPTION Desc) PURE; /* 4 */
    STDMETHOD(GetIndexByName)(THIS_ PCSTR Name, PULONG Index) PURE; /* 5 */
    STDMETHOD(GetValue)(THIS_ ULONG Register, PDEBUG_VALUE Value) PURE; /* 6 */
    STDMETHOD(SetValue)(THIS_ ULONG Register, PDEBUG_VALUE Value) PURE; /* 7 */
    STDMETHOD(GetValues)(THIS_ ULONG Count, PULONG Indices, ULONG Start, PDEBUG_VALUE Values) PURE; /* 8 */
    STDMETHOD(SetValues)(THIS_ ULONG Count, PULONG Indices, ULONG Start, PDEBUG_VALUE Values) PURE; /* 9 */
    STDMETHOD(OutputRegisters)(THIS_ ULONG OutputControl, ULONG Flags) PURE; /* 10 */
    STDMETHOD(GetInstructionOffset)(THIS_ PULONG64 Offset) PURE; /* 11 */
    STDMETHOD(GetStackOffset)(THIS_ PULONG64 Offset) PURE; /* 12 */
    STDMETHOD(GetFrameOffset)(THIS_ PULONG64 Offset) PURE; /* 13 */
};

#define DEBUG_OUTPUT_SYMBOLS_DEFAULT 0x00000000
#define DEBUG_OUTPUT_SYMBOLS_NO_NAMES 0x00000001
#define DEBUG_OUTPUT_SYMBOLS_NO_OFFSETS 0x00000002
#define DEBUG_OUTPUT_SYMBOLS_NO_VALUES 0x00000004
#define DEBUG_OUTPUT_SYMBOLS_NO_TYPES 0x00000010
#define DEBUG_SYMBOL_EXPANSION_LEVEL_MASK 0x0000000f
#define DEBUG_SYMBOL_EXPANDED 0x00000010
#define DEBUG_SYMBOL_READ_ONLY 0x00000020
#define DEBUG_SYMBOL_IS_ARRAY 0x00000040
#define DEBUG_SYMBOL_IS_FLOAT 0x00000080
#define DEBUG_SYMBOL_IS_ARGUMENT 0x00000100
#define DEBUG_SYMBOL_IS_LOCAL 0x00000200

typedef struct _DEBUG_SYMBOL_PARAMETERS {
  ULONG64 Module;
  ULONG TypeId;
  ULONG ParentSymbol;
  ULONG SubElements;
  ULONG Flags;
  ULONG64 Reserved;
} DEBUG_SYMBOL_PARAMETERS,*PDEBUG_SYMBOL_PARAMETERS;


#undef INTERFACE
#define INTERFACE IDebugSymbolGroup
DECLARE_INTERFACE_(IDebugSymbolGroup, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetNumberSymbols)(THIS_ PULONG Number) PURE; /* 3 */
    STDMETHOD(AddSymbol)(THIS_ PCSTR Name, PULONG Index) PURE; /* 4 */
    STDMETHOD(RemoveSymbolByName)(THIS_ PCSTR Name) PURE; /* 5 */
    STDMETHOD(RemoveSymbolByIndex)(THIS_ ULONG Index) PURE; /* 6 */
    STDMETHOD(GetSymbolName)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG NameSize) PURE; /* 7 */
    STDMETHOD(GetSymbolParameters)(THIS_ ULONG Start, ULONG Count, PDEBUG_SYMBOL_PARAMETERS Params) PURE; /* 8 */
    STDMETHOD(ExpandSymbol)(THIS_ ULONG Index, BOOL Expand) PURE; /* 9 */
    STDMETHOD(OutputSymbols)(THIS_ ULONG OutputControl, ULONG Flags, ULONG Start, ULONG Count) PURE; /* 10 */
    STDMETHOD(WriteSymbol)(THIS_ ULONG Index, PCSTR Value) PURE; /* 11 */
    STDMETHOD(OutputAsType)(THIS_ ULONG Index, PCSTR Type) PURE; /* 12 */
};

#define DEBUG_MODULE_LOADED 0x00000000
#define DEBUG_MODULE_UNLOADED 0x00000001
#define DEBUG_MODULE_USER_MODE 0x00000002
#define DEBUG_MODULE_SYM_BAD_CHECKSUM 0x00010000
#define DEBUG_SYMTYPE_NONE 0
#define DEBUG_SYMTYPE_COFF 1
#define DEBUG_SYMTYPE_CODEVIEW 2
#define DEBUG_SYMTYPE_PDB 3
#define DEBUG_SYMTYPE_EXPORT 4
#define DEBUG_SYMTYPE_DEFERRED 5
#define DEBUG_SYMTYPE_SYM 6
#define DEBUG_SYMTYPE_DIA 7

typedef struct _DEBUG_MODULE_PARAMETERS {
  ULONG64 Base;
  ULONG Size;
  ULONG TimeDateStamp;
  ULONG Checksum;
  ULONG Flags;
  ULONG SymbolType;
  ULONG ImageNameSize;
  ULONG ModuleNameSize;
  ULONG LoadedImageNameSize;
  ULONG SymbolFileNameSize;
  ULONG MappedImageNameSize;
  ULONG64 Reserved[2];
} DEBUG_MODULE_PARAMETERS,*PDEBUG_MODULE_PARAMETERS;

#define DEBUG_SCOPE_GROUP_ARGUMENTS 0x00000001
#define DEBUG_SCOPE_GROUP_LOCALS 0x00000002
#define DEBUG_SCOPE_GROUP_ALL 0x00000003
#define DEBUG_OUTTYPE_DEFAULT 0x00000000
#define DEBUG_OUTTYPE_NO_INDENT 0x00000001
#define DEBUG_OUTTYPE_NO_OFFSET 0x00000002
#define DEBUG_OUTTYPE_VERBOSE 0x00000004
#define DEBUG_OUTTYPE_COMPACT_OUTPUT 0x00000008
#define DEBUG_OUTTYPE_ADDRESS_OF_FIELD 0x00010000
#define DEBUG_OUTTYPE_ADDRESS_AT_END 0x00020000
#define DEBUG_OUTTYPE_BLOCK_RECURSE 0x00200000
#define DEBUG_FIND_SOURCE_DEFAULT 0x00000000
#define DEBUG_FIND_SOURCE_FULL_PATH 0x00000001
#define DEBUG_FIND_SOURCE_BEST_MATCH 0x00000002
#define DEBUG_INVALID_OFFSET ((ULONG64)-1)

#undef INTERFACE
#define INTERFACE IDebugSymbols
DECLARE_INTERFACE_(IDebugSymbols, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetSymbolOptions)(THIS_ PULONG Options) PURE; /* 3 */
    STDMETHOD(AddSymbolOptions)(THIS_ ULONG Options) PURE; /* 4 */
    STDMETHOD(RemoveSymbolOptions)(THIS_ ULONG Options) PURE; /* 5 */
    STDMETHOD(SetSymbolOptions)(THIS_ ULONG Options) PURE; /* 6 */
    STDMETHOD(GetNameByOffset)(THIS_ ULONG64 Offset, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize, PULONG64 Displacement) PURE; /* 7 */
    STDMETHOD(GetOffsetByName)(THIS_ PCSTR Symbol, PULONG64 Offset) PURE; /* 8 */
    STDMETHOD(GetNearNameByOffset)(THIS_ ULONG64 Offset, LONG Delta, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize, PULONG64 Displacement) PURE; /* 9 */
    STDMETHOD(GetLineByOffset)(THIS_ ULONG64 Offset, PULONG Line, PSTR FileBuffer, ULONG FileBufferSize, PULONG FileSize, PULONG64 Displacement) PURE; /* 10 */
    STDMETHOD(GetOffsetByLine)(THIS_ ULONG Line, PCSTR File, PULONG64 Offset) PURE; /* 11 */
    STDMETHOD(GetNumberModules)(THIS_ PULONG Loaded, PULONG Unloaded) PURE; /* 12 */
    STDMETHOD(GetModuleByIndex)(THIS_ ULONG Index, PULONG64 Base) PURE; /* 13 */
    STDMETHOD(GetModuleByModuleName)(THIS_ PCSTR Name, ULONG StartIndex, PULONG Index, PULONG64 Base) PURE; /* 14 */
    STDMETHOD(GetModuleByOffset)(THIS_ ULONG64 Offset, ULONG StartIndex, PULONG Index, PULONG64 Base) PURE; /* 15 */
    STDMETHOD(GetModuleNames)(THIS_ ULONG Index, ULONG64 Base, PSTR ImageNameBuffer, ULONG ImageNameBufferSize, PULONG ImageNameSize, PSTR ModuleNameBuffer, ULONG ModuleNameBufferSize, PULONG ModuleNameSize, PSTR LoadedImageNameBuffer, ULONG LoadedImageNameBufferSize, PULONG LoadedImageNameSize) PURE; /* 16 */
    STDMETHOD(GetModuleParameters)(THIS_ ULONG Count, PULONG64 Bases, ULONG Start, PDEBUG_MODULE_PARAMETERS Params) PURE; /* 17 */
    STDMETHOD(GetSymbolModule)(THIS_ PCSTR Symbol, PULONG64 Base) PURE; /* 18 */
    STDMETHOD(GetTypeName)(THIS_ ULONG64 Module, ULONG TypeId, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 19 */
    STDMETHOD(GetTypeId)(THIS_ ULONG64 Module, PCSTR Name, PULONG TypeId) PURE; /* 20 */
    STDMETHOD(GetTypeSize)(THIS_ ULONG64 Module, ULONG TypeId, PULONG Size) PURE; /* 21 */
    STDMETHOD(GetFieldOffset)(THIS_ ULONG64 Module, ULONG TypeId, PCSTR Field, PULONG Offset) PURE; /* 22 */
    STDMETHOD(GetSymbolTypeId)(THIS_ PCSTR Symbol, PULONG TypeId, PULONG64 Module) PURE; /* 23 */
    STDMETHOD(GetOffsetTypeId)(THIS_ ULONG64 Offset, PULONG TypeId, PULONG64 Module) PURE; /* 24 */
    STDMETHOD(ReadTypedDataVirtual)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 25 */
    STDMETHOD(WriteTypedDataVirtual)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 26 */
    STDMETHOD(OutputTypedDataVirtual)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG64 Module, ULONG TypeId, ULONG Flags) PURE; /* 27 */
    STDMETHOD(ReadTypedDataPhysical)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 28 */
    STDMETHOD(WriteTypedDataPhysical)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 29 */
    STDMETHOD(OutputTypedDataPhysical)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG64 Module, ULONG TypeId, ULONG Flags) PURE; /* 30 */
    STDMETHOD(GetScope)(THIS_ PULONG64 InstructionOffset, PDEBUG_STACK_FRAME ScopeFrame, PVOID ScopeContext, ULONG ScopeContextSize) PURE; /* 31 */
    STDMETHOD(SetScope)(THIS_ ULONG64 InstructionOffset, PDEBUG_STACK_FRAME ScopeFrame, PVOID ScopeContext, ULONG ScopeContextSize) PURE; /* 32 */
    STDMETHOD(ResetScope)(THIS) PURE; /* 33 */
    STDMETHOD(GetScopeSymbolGroup)(THIS_ ULONG Flags, PDEBUG_SYMBOL_GROUP Update, PDEBUG_SYMBOL_GROUP *Symbols) PURE; /* 34 */
    STDMETHOD(CreateSymbolGroup)(THIS_ PDEBUG_SYMBOL_GROUP *Group) PURE; /* 35 */
    STDMETHOD(StartSymbolMatch)(THIS_ PCSTR Pattern, PULONG64 Handle) PURE; /* 36 */
    STDMETHOD(GetNextSymbolMatch)(THIS_ ULONG64 Handle, PSTR Buffer, ULONG BufferSize, PULONG MatchSize, PULONG64 Offset) PURE; /* 37 */
    STDMETHOD(EndSymbolMatch)(THIS_ ULONG64 Handle) PURE; /* 38 */
    STDMETHOD(Reload)(THIS_ PCSTR Module) PURE; /* 39 */
    STDMETHOD(GetSymbolPath)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 40 */
    STDMETHOD(SetSymbolPath)(THIS_ PCSTR Path) PURE; /* 41 */
    STDMETHOD(AppendSymbolPath)(THIS_ PCSTR Addition) PURE; /* 42 */
    STDMETHOD(GetImagePath)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 43 */
    STDMETHOD(SetImagePath)(THIS_ PCSTR Path) PURE; /* 44 */
    STDMETHOD(AppendImagePath)(THIS_ PCSTR Addition) PURE; /* 45 */
    STDMETHOD(GetSourcePath)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 46 */
    STDMETHOD(GetSourcePathElement)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG ElementSize) PURE; /* 47 */
    STDMETHOD(SetSourcePath)(THIS_ PCSTR Path) PURE; /* 48 */
    STDMETHOD(AppendSourcePath)(THIS_ PCSTR Addition) PURE; /* 49 */
    STDMETHOD(FindSourceFile)(THIS_ ULONG StartElement, PCSTR File, ULONG Flags, PULONG FoundElement, PSTR Buffer, ULONG BufferSize, PULONG FoundSize) PURE; /* 50 */
    STDMETHOD(GetSourceFileLineOffsets)(THIS_ PCSTR File, PULONG64 Buffer, ULONG BufferLines, PULONG FileLines) PURE; /* 51 */
};

#define DEBUG_TYPEOPTS_UNICODE_DISPLAY 0x00000001
#define DEBUG_TYPEOPTS_LONGSTATUS_DISPLAY 0x00000002
#define DEBUG_TYPEOPTS_FORCERADIX_OUTPUT 0x00000004

#undef INTERFACE
#define INTERFACE IDebugSymbols2
DECLARE_INTERFACE_(IDebugSymbols2, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetSymbolOptions)(THIS_ PULONG Options) PURE; /* 3 */
    STDMETHOD(AddSymbolOptions)(THIS_ ULONG Options) PURE; /* 4 */
    STDMETHOD(RemoveSymbolOptions)(THIS_ ULONG Options) PURE; /* 5 */
    STDMETHOD(SetSymbolOptions)(THIS_ ULONG Options) PURE; /* 6 */
    STDMETHOD(GetNameByOffset)(THIS_ ULONG64 Offset, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize, PULONG64 Displacement) PURE; /* 7 */
    STDMETHOD(GetOffsetByName)(THIS_ PCSTR Symbol, PULONG64 Offset) PURE; /* 8 */
    STDMETHOD(GetNearNameByOffset)(THIS_ ULONG64 Offset, LONG Delta, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize, PULONG64 Displacement) PURE; /* 9 */
    STDMETHOD(GetLineByOffset)(THIS_ ULONG64 Offset, PULONG Line, PSTR FileBuffer, ULONG FileBufferSize, PULONG FileSize, PULONG64 Displacement) PURE; /* 10 */
    STDMETHOD(GetOffsetByLine)(THIS_ ULONG Line, PCSTR File, PULONG64 Offset) PURE; /* 11 */
    STDMETHOD(GetNumberModules)(THIS_ PULONG Loaded, PULONG Unloaded) PURE; /* 12 */
    STDMETHOD(GetModuleByIndex)(THIS_ ULONG Index, PULONG64 Base) PURE; /* 13 */
    STDMETHOD(GetModuleByModuleName)(THIS_ PCSTR Name, ULONG StartIndex, PULONG Index, PULONG64 Base) PURE; /* 14 */
    STDMETHOD(GetModuleByOffset)(THIS_ ULONG64 Offset, ULONG StartIndex, PULONG Index, PULONG64 Base) PURE; /* 15 */
    STDMETHOD(GetModuleNames)(THIS_ ULONG Index, ULONG64 Base, PSTR ImageNameBuffer, ULONG ImageNameBufferSize, PULONG ImageNameSize, PSTR ModuleNameBuffer, ULONG ModuleNameBufferSize, PULONG ModuleNameSize, PSTR LoadedImageNameBuffer, ULONG LoadedImageNameBufferSize, PULONG LoadedImageNameSize) PURE; /* 16 */
    STDMETHOD(GetModuleParameters)(THIS_ ULONG Count, PULONG64 Bases, ULONG Start, PDEBUG_MODULE_PARAMETERS Params) PURE; /* 17 */
    STDMETHOD(GetSymbolModule)(THIS_ PCSTR Symbol, PULONG64 Base) PURE; /* 18 */
    STDMETHOD(GetTypeName)(THIS_ ULONG64 Module, ULONG TypeId, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 19 */
    STDMETHOD(GetTypeId)(THIS_ ULONG64 Module, PCSTR Name, PULONG TypeId) PURE; /* 20 */
    STDMETHOD(GetTypeSize)(THIS_ ULONG64 Module, ULONG TypeId, PULONG Size) PURE; /* 21 */
    STDMETHOD(GetFieldOffset)(THIS_ ULONG64 Module, ULONG TypeId, PCSTR Field, PULONG Offset) PURE; /* 22 */
    STDMETHOD(GetSymbolTypeId)(THIS_ PCSTR Symbol, PULONG TypeId, PULONG64 Module) PURE; /* 23 */
    STDMETHOD(GetOffsetTypeId)(THIS_ ULONG64 Offset, PULONG TypeId, PULONG64 Module) PURE; /* 24 */
    STDMETHOD(ReadTypedDataVirtual)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 25 */
    STDMETHOD(WriteTypedDataVirtual)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 26 */
    STDMETHOD(OutputTypedDataVirtual)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG64 Module, ULONG TypeId, ULONG Flags) PURE; /* 27 */
    STDMETHOD(ReadTypedDataPhysical)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 28 */
    STDMETHOD(WriteTypedDataPhysical)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 29 */
    STDMETHOD(OutputTypedDataPhysical)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG64 Module, ULONG TypeId, ULONG Flags) PURE; /* 30 */
    STDMETHOD(GetScope)(THIS_ PULONG64 InstructionOffset, PDEBUG_STACK_FRAME ScopeFrame, PVOID ScopeContext, ULONG ScopeContextSize) PURE; /* 31 */
    STDMETHOD(SetScope)(THIS_ ULONG64 InstructionOffset, PDEBUG_STACK_FRAME ScopeFrame, PVOID ScopeContext, ULONG ScopeContextSize) PURE; /* 32 */
    STDMETHOD(ResetScope)(THIS) PURE; /* 33 */
    STDMETHOD(GetScopeSymbolGroup)(THIS_ ULONG Flags, PDEBUG_SYMBOL_GROUP Update, PDEBUG_SYMBOL_GROUP *Symbols) PURE; /* 34 */
    STDMETHOD(CreateSymbolGroup)(THIS_ PDEBUG_SYMBOL_GROUP *Group) PURE; /* 35 */
    STDMETHOD(StartSymbolMatch)(THIS_ PCSTR Pattern, PULONG64 Handle) PURE; /* 36 */
    STDMETHOD(GetNextSymbolMatch)(THIS_ ULONG64 Handle, PSTR Buffer, ULONG BufferSize, PULONG MatchSize, PULONG64 Offset) PURE; /* 37 */
    STDMETHOD(EndSymbolMatch)(THIS_ ULONG64 Handle) PURE; /* 38 */
    STDMETHOD(Reload)(THIS_ PCSTR Module) PURE; /* 39 */
    STDMETHOD(GetSymbolPath)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 40 */
    STDMETHOD(SetSymbolPath)(THIS_ PCSTR Path) PURE; /* 41 */
    STDMETHOD(AppendSymbolPath)(THIS_ PCSTR Addition) PURE; /* 42 */
    STDMETHOD(GetImagePath)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 43 */
    STDMETHOD(SetImagePath)(THIS_ PCSTR Path) PURE; /* 44 */
    STDMETHOD(AppendImagePath)(THIS_ PCSTR Addition) PURE; /* 45 */
    STDMETHOD(GetSourcePath)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 46 */
    STDMETHOD(GetSourcePathElement)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG ElementSize) PURE; /* 47 */
    STDMETHOD(SetSourcePath)(THIS_ PCSTR Path) PURE; /* 48 */
    STDMETHOD(AppendSourcePath)(THIS_ PCSTR Addition) PURE; /* 49 */
    STDMETHOD(FindSourceFile)(THIS_ ULONG StartElement, PCSTR File, ULONG Flags, PULONG FoundElement, PSTR Buffer, ULONG BufferSize, PULONG FoundSize) PURE; /* 50 */
    STDMETHOD(GetSourceFileLineOffsets)(THIS_ PCSTR File, PULONG64 Buffer, ULONG BufferLines, PULONG FileLines) PURE; /* 51 */
    STDMETHOD(GetModuleVersionInformation)(THIS_ ULONG Index, ULONG64 Base, PCSTR Item, PVOID Buffer, ULONG BufferSize, PULONG VerInfoSize) PURE; /* 52 */
    STDMETHOD(GetModuleNameString)(THIS_ ULONG Which, ULONG Index, ULONG64 Base, PSTR Buffer, ULONG BufferSize, PULONG NameSize) PURE; /* 53 */
    STDMETHOD(GetConstantName)(THIS_ ULONG64 Module, ULONG TypeId, ULONG64 Value, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 54 */
    STDMETHOD(GetFieldName)(THIS_ ULONG64 Module, ULONG TypeId, ULONG FieldIndex, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 55 */
    STDMETHOD(GetTypeOptions)(THIS_ PULONG Options) PURE; /* 56 */
    STDMETHOD(AddTypeOptions)(THIS_ ULONG Options) PURE; /* 57 */
    STDMETHOD(RemoveTypeOptions)(THIS_ ULONG Options) PURE; /* 58 */
    STDMETHOD(SetTypeOptions)(THIS_ ULONG Options) PURE; /* 59 */
};

#undef INTERFACE
#define INTERFACE IDebugSymbols3
DECLARE_INTERFACE_(IDebugSymbols3, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetSymbolOptions)(THIS_ PULONG Options) PURE; /* 3 */
    STDMETHOD(AddSymbolOptions)(THIS_ ULONG Options) PURE; /* 4 */
    STDMETHOD(RemoveSymbolOptions)(THIS_ ULONG Options) PURE; /* 5 */
    STDMETHOD(SetSymbolOptions)(THIS_ ULONG Options) PURE; /* 6 */
    STDMETHOD(GetNameByOffset)(THIS_ ULONG64 Offset, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize, PULONG64 Displacement) PURE; /* 7 */
    STDMETHOD(GetOffsetByName)(THIS_ PCSTR Symbol, PULONG64 Offset) PURE; /* 8 */
    STDMETHOD(GetNearNameByOffset)(THIS_ ULONG64 Offset, LONG Delta, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize, PULONG64 Displacement) PURE; /* 9 */
    STDMETHOD(GetLineByOffset)(THIS_ ULONG64 Offset, PULONG Line, PSTR FileBuffer, ULONG FileBufferSize, PULONG FileSize, PULONG64 Displacement) PURE; /* 10 */
    STDMETHOD(GetOffsetByLine)(THIS_ ULONG Line, PCSTR File, PULONG64 Offset) PURE; /* 11 */
    STDMETHOD(GetNumberModules)(THIS_ PULONG Loaded, PULONG Unloaded) PURE; /* 12 */
    STDMETHOD(GetModuleByIndex)(THIS_ ULONG Index, PULONG64 Base) PURE; /* 13 */
    STDMETHOD(GetModuleByModuleName)(THIS_ PCSTR Name, ULONG StartIndex, PULONG Index, PULONG64 Base) PURE; /* 14 */
    STDMETHOD(GetModuleByOffset)(THIS_ ULONG64 Offset, ULONG StartIndex, PULONG Index, PULONG64 Base) PURE; /* 15 */
    STDMETHOD(GetModuleNames)(THIS_ ULONG Index, ULONG64 Base, PSTR ImageNameBuffer, ULONG ImageNameBufferSize, PULONG ImageNameSize, PSTR ModuleNameBuffer, ULONG ModuleNameBufferSize, PULONG ModuleNameSize, PSTR LoadedImageNameBuffer, ULONG LoadedImageNameBufferSize, PULONG LoadedImageNameSize) PURE; /* 16 */
    STDMETHOD(GetModuleParameters)(THIS_ ULONG Count, PULONG64 Bases, ULONG Start, PDEBUG_MODULE_PARAMETERS Params) PURE; /* 17 */
    STDMETHOD(GetSymbolModule)(THIS_ PCSTR Symbol, PULONG64 Base) PURE; /* 18 */
    STDMETHOD(GetTypeName)(THIS_ ULONG64 Module, ULONG TypeId, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 19 */
    STDMETHOD(GetTypeId)(THIS_ ULONG64 Module, PCSTR Name, PULONG TypeId) PURE; /* 20 */
    STDMETHOD(GetTypeSize)(THIS_ ULONG64 Module, ULONG TypeId, PULONG Size) PURE; /* 21 */
    STDMETHOD(GetFieldOffset)(THIS_ ULONG64 Module, ULONG TypeId, PCSTR Field, PULONG Offset) PURE; /* 22 */
    STDMETHOD(GetSymbolTypeId)(THIS_ PCSTR Symbol, PULONG TypeId, PULONG64 Module) PURE; /* 23 */
    STDMETHOD(GetOffsetTypeId)(THIS_ ULONG64 Offset, PULONG TypeId, PULONG64 Module) PURE; /* 24 */
    STDMETHOD(ReadTypedDataVirtual)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 25 */
    STDMETHOD(WriteTypedDataVirtual)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 26 */
    STDMETHOD(OutputTypedDataVirtual)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG64 Module, ULONG TypeId, ULONG Flags) PURE; /* 27 */
    STDMETHOD(ReadTypedDataPhysical)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesRead) PURE; /* 28 */
    STDMETHOD(WriteTypedDataPhysical)(THIS_ ULONG64 Offset, ULONG64 Module, ULONG TypeId, PVOID Buffer, ULONG BufferSize, PULONG BytesWritten) PURE; /* 29 */
    STDMETHOD(OutputTypedDataPhysical)(THIS_ ULONG OutputControl, ULONG64 Offset, ULONG64 Module, ULONG TypeId, ULONG Flags) PURE; /* 30 */
    STDMETHOD(GetScope)(THIS_ PULONG64 InstructionOffset, PDEBUG_STACK_FRAME ScopeFrame, PVOID ScopeContext, ULONG ScopeContextSize) PURE; /* 31 */
    STDMETHOD(SetScope)(THIS_ ULONG64 InstructionOffset, PDEBUG_STACK_FRAME ScopeFrame, PVOID ScopeContext, ULONG ScopeContextSize) PURE; /* 32 */
    STDMETHOD(ResetScope)(THIS) PURE; /* 33 */
    STDMETHOD(GetScopeSymbolGroup)(THIS_ ULONG Flags, PDEBUG_SYMBOL_GROUP Update, PDEBUG_SYMBOL_GROUP *Symbols) PURE; /* 34 */
    STDMETHOD(CreateSymbolGroup)(THIS_ PDEBUG_SYMBOL_GROUP *Group) PURE; /* 35 */
    STDMETHOD(StartSymbolMatch)(THIS_ PCSTR Pattern, PULONG64 Handle) PURE; /* 36 */
    STDMETHOD(GetNextSymbolMatch)(THIS_ ULONG64 Handle, PSTR Buffer, ULONG BufferSize, PULONG MatchSize, PULONG64 Offset) PURE; /* 37 */
    STDMETHOD(EndSymbolMatch)(THIS_ ULONG64 Handle) PURE; /* 38 */
    STDMETHOD(Reload)(THIS_ PCSTR Module) PURE; /* 39 */
    STDMETHOD(GetSymbolPath)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 40 */
    STDMETHOD(SetSymbolPath)(THIS_ PCSTR Path) PURE; /* 41 */
    STDMETHOD(AppendSymbolPath)(THIS_ PCSTR Addition) PURE; /* 42 */
    STDMETHOD(GetImagePath)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 43 */
    STDMETHOD(SetImagePath)(THIS_ PCSTR Path) PURE; /* 44 */
    STDMETHOD(AppendImagePath)(THIS_ PCSTR Addition) PURE; /* 45 */
    STDMETHOD(GetSourcePath)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 46 */
    STDMETHOD(GetSourcePathElement)(THIS_ ULONG Index, PSTR Buffer, ULONG BufferSize, PULONG ElementSize) PURE; /* 47 */
    STDMETHOD(SetSourcePath)(THIS_ PCSTR Path) PURE; /* 48 */
    STDMETHOD(AppendSourcePath)(THIS_ PCSTR Addition) PURE; /* 49 */
    STDMETHOD(FindSourceFile)(THIS_ ULONG StartElement, PCSTR File, ULONG Flags, PULONG FoundElement, PSTR Buffer, ULONG BufferSize, PULONG FoundSize) PURE; /* 50 */
    STDMETHOD(GetSourceFileLineOffsets)(THIS_ PCSTR File, PULONG64 Buffer, ULONG BufferLines, PULONG FileLines) PURE; /* 51 */
    STDMETHOD(GetModuleVersionInformation)(THIS_ ULONG Index, ULONG64 Base, PCSTR Item, PVOID Buffer, ULONG BufferSize, PULONG VerInfoSize) PURE; /* 52 */
    STDMETHOD(GetModuleNameString)(THIS_ ULONG Which, ULONG Index, ULONG64 Base, PSTR Buffer, ULONG BufferSize, PULONG NameSize) PURE; /* 53 */
    STDMETHOD(GetConstantName)(THIS_ ULONG64 Module, ULONG TypeId, ULONG64 Value, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 54 */
    STDMETHOD(GetFieldName)(THIS_ ULONG64 Module, ULONG TypeId, ULONG FieldIndex, PSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 55 */
    STDMETHOD(GetTypeOptions)(THIS_ PULONG Options) PURE; /* 56 */
    STDMETHOD(AddTypeOptions)(THIS_ ULONG Options) PURE; /* 57 */
    STDMETHOD(RemoveTypeOptions)(THIS_ ULONG Options) PURE; /* 58 */
    STDMETHOD(SetTypeOptions)(THIS_ ULONG Options) PURE; /* 59 */
    STDMETHOD(GetNameByOffsetWide)(THIS_ ULONG64 Offset, PWSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize, PULONG64 Displacement) PURE; /* 60 */
    STDMETHOD(GetOffsetByNameWide)(THIS_ PCWSTR Symbol, PULONG64 Offset) PURE; /* 61 */
    STDMETHOD(GetNearNameByOffsetWide)(THIS_ ULONG64 Offset, LONG Delta, PWSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize, PULONG64 Displacement) PURE; /* 62 */
    STDMETHOD(GetLineByOffsetWide)(THIS_ ULONG64 Offset, PULONG Line, PWSTR FileBuffer, ULONG FileBufferSize, PULONG FileSize, PULONG64 Displacement) PURE; /* 63 */
    STDMETHOD(GetOffsetByLineWide)(THIS_ ULONG Line, PCWSTR File, PULONG64 Offset) PURE; /* 64 */
    STDMETHOD(GetModuleByModuleNameWide)(THIS_ PCWSTR Name, ULONG StartIndex, PULONG Index, PULONG64 Base) PURE; /* 65 */
    STDMETHOD(GetSymbolModuleWide)(THIS_ PCWSTR Symbol, PULONG64 Base) PURE; /* 66 */
    STDMETHOD(GetTypeNameWide)(THIS_ ULONG64 Module, ULONG TypeId, PWSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 67 */
    STDMETHOD(GetTypeIdWide)(THIS_ ULONG64 Module, PCWSTR Name, PULONG TypeId) PURE; /* 68 */
    STDMETHOD(GetFieldOffsetWide)(THIS_ ULONG64 Module, ULONG TypeId, PCWSTR Field, PULONG Offset) PURE; /* 69 */
    STDMETHOD(GetSymbolTypeIdWide)(THIS_ PCWSTR Symbol, PULONG TypeId, PULONG64 Module) PURE; /* 70 */
    STDMETHOD(GetScopeSymbolGroup2)(THIS_ ULONG Flags, PDEBUG_SYMBOL_GROUP2 Update, PDEBUG_SYMBOL_GROUP2 *Symbols) PURE; /* 71 */
    STDMETHOD(CreateSymbolGroup2)(THIS_ PDEBUG_SYMBOL_GROUP2 *Group) PURE; /* 72 */
    STDMETHOD(StartSymbolMatchWide)(THIS_ PCWSTR Pattern, PULONG64 Handle) PURE; /* 73 */
    STDMETHOD(GetNextSymbolMatchWide)(THIS_ ULONG64 Handle, PWSTR Buffer, ULONG BufferSize, PULONG MatchSize, PULONG64 Offset) PURE; /* 74 */
    STDMETHOD(ReloadWide)(THIS_ PCWSTR Module) PURE; /* 75 */
    STDMETHOD(GetSymbolPathWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 76 */
    STDMETHOD(SetSymbolPathWide)(THIS_ PCWSTR Path) PURE; /* 77 */
    STDMETHOD(AppendSymbolPathWide)(THIS_ PCWSTR Addition) PURE; /* 78 */
    STDMETHOD(GetImagePathWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 79 */
    STDMETHOD(SetImagePathWide)(THIS_ PCWSTR Path) PURE; /* 80 */
    STDMETHOD(AppendImagePathWide)(THIS_ PCWSTR Addition) PURE; /* 81 */
    STDMETHOD(GetSourcePathWide)(THIS_ PWSTR Buffer, ULONG BufferSize, PULONG PathSize) PURE; /* 82 */
    STDMETHOD(GetSourcePathElementWide)(THIS_ ULONG Index, PWSTR Buffer, ULONG BufferSize, PULONG ElementSize) PURE; /* 83 */
    STDMETHOD(SetSourcePathWide)(THIS_ PCWSTR Path) PURE; /* 84 */
    STDMETHOD(AppendSourcePathWide)(THIS_ PCWSTR Addition) PURE; /* 85 */
    STDMETHOD(FindSourceFileWide)(THIS_ ULONG StartElement, PCWSTR File, ULONG Flags, PULONG FoundElement, PWSTR Buffer, ULONG BufferSize, PULONG FoundSize) PURE; /* 86 */
    STDMETHOD(GetSourceFileLineOffsetsWide)(THIS_ PCWSTR File, PULONG64 Buffer, ULONG BufferLines, PULONG FileLines) PURE; /* 87 */
    STDMETHOD(GetModuleVersionInformationWide)(THIS_ ULONG Index, ULONG64 Base, PCWSTR Item, PVOID Buffer, ULONG BufferSize, PULONG VerInfoSize) PURE; /* 88 */
    STDMETHOD(GetModuleNameStringWide)(THIS_ ULONG Which, ULONG Index, ULONG64 Base, PWSTR Buffer, ULONG BufferSize, PULONG NameSize) PURE; /* 89 */
    STDMETHOD(GetConstantNameWide)(THIS_ ULONG64 Module, ULONG TypeId, ULONG64 Value, PWSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 90 */
    STDMETHOD(GetFieldNameWide)(THIS_ ULONG64 Module, ULONG TypeId, ULONG FieldIndex, PWSTR NameBuffer, ULONG NameBufferSize, PULONG NameSize) PURE; /* 91 */
    STDMETHOD(IsManagedModule)(THIS_ ULONG Index, ULONG64 Base) PURE; /* 92 */
    STDMETHOD(GetModuleByModuleName2)(THIS_ PCSTR Name, ULONG StartIndex, ULONG Flags, PULONG Index, PULONG64 Base) PURE; /* 93 */
    STDMETHOD(GetModuleByModuleName2Wide)(THIS_ PCWSTR Name, ULONG StartIndex, ULONG Flags, PULONG Index, PULONG64 Base) PURE; /* 94 */
    STDMETHOD(GetModuleByOffset2)(THIS_ ULONG64 Offset, ULONG StartIndex, ULONG Flags, PULONG Index, PULONG64 Base) PURE; /* 95 */
    STDMETHOD(AddSyntheticModule)(THIS_ ULONG64 Base, ULONG Size, PCSTR ImagePath, PCSTR ModuleName, ULONG Flags) PURE; /* 96 */
    STDMETHOD(AddSyntheticModuleWide)(THIS_ ULONG64 Base, ULONG Size, PCWSTR ImagePath, PCWSTR ModuleName, ULONG Flags) PURE; /* 97 */
    STDMETHOD(RemoveSyntheticModule)(THIS_ ULONG64 Base) PURE; /* 98 */
    STDMETHOD(GetCurrentScopeFrameIndex)(THIS_ PULONG Index) PURE; /* 99 */
    STDMETHOD(SetScopeFrameByIndex)(THIS_ ULONG Index) PURE; /* 100 */
    STDMETHOD(SetScopeFromJitDebugInfo)(THIS_ ULONG OutputControl, ULONG64 InfoOffset) PURE; /* 101 */
    STDMETHOD(SetScopeFromStoredEvent)(THIS) PURE; /* 102 */
    STDMETHOD(OutputSymbolByOffset)(THIS_ ULONG OutputControl, ULONG Flags, ULONG64 Offset) PURE; /* 103 */
    STDMETHOD(GetFunctionEntryByOffset)(THIS_ ULONG64 Offset, ULONG Flags, PVOID Buffer, ULONG BufferSize, PULONG BufferNeeded) PURE; /* 104 */
    STDMETHOD(GetFieldTypeAndOffset)(THIS_ ULONG64 Module, ULONG ContainerTypeId, PCSTR Field, PULONG FieldTypeId, PULONG Offset) PURE; /* 105 */
    STDMETHOD(GetFieldTypeAndOffsetWide)(THIS_ ULONG64 Module, ULONG ContainerTypeId, PCWSTR Field, PULONG FieldTypeId, PULONG Offset) PURE; /* 106 */
    STDMETHOD(AddSyntheticSymbol)(THIS_ ULONG64 Offset, ULONG Size, PCSTR Name, ULONG Flags, PDEBUG_MODULE_AND_ID Id) PURE; /* 107 */
    STDMETHOD(AddSyntheticSymbolWide)(THIS_ ULONG64 Offset, ULONG Size, PCWSTR Name, ULONG Flags, PDEBUG_MODULE_AND_ID Id) PURE; /* 108 */
    STDMETHOD(RemoveSyntheticSymbol)(THIS_ PDEBUG_MODULE_AND_ID Id) PURE; /* 109 */
    STDMETHOD(GetSymbolEntriesByOffset)(THIS_ ULONG64 Offset, ULONG Flags, PDEBUG_MODULE_AND_ID Ids, PULONG64 Displacements, ULONG IdsCount, PULONG Entries) PURE; /* 110 */
    STDMETHOD(GetSymbolEntriesByName)(THIS_ PCSTR Symbol, ULONG Flags, PDEBUG_MODULE_AND_ID Ids, ULONG IdsCount, PULONG Entries) PURE; /* 111 */
    STDMETHOD(GetSymbolEntriesByNameWide)(THIS_ PCWSTR Symbol, ULONG Flags, PDEBUG_MODULE_AND_ID Ids, ULONG IdsCount, PULONG Entries) PURE; /* 112 */
    STDMETHOD(GetSymbolEntryByToken)(THIS_ ULONG64 ModuleBase, ULONG Token, PDEBUG_MODULE_AND_ID Id) PURE; /* 113 */
    STDMETHOD(GetSymbolEntryInformation)(THIS_ PDEBUG_MODULE_AND_ID Id, PDEBUG_SYMBOL_ENTRY Info) PURE; /* 114 */
    STDMETHOD(GetSymbolEntryString)(THIS_ PDEBUG_MODULE_AND_ID Id, ULONG Which, PSTR Buffer, ULONG BufferSize, PULONG StringSize) PURE; /* 115 */
    STDMETHOD(GetSymbolEntryStringWide)(THIS_ PDEBUG_MODULE_AND_ID Id, ULONG Which, PWSTR Buffer, ULONG BufferSize, PULONG StringSize) PURE; /* 116 */
    STDMETHOD(GetSymbolEntryOffsetRegions)(THIS_ PDEBUG_MODULE_AND_ID Id, ULONG Flags, PDEBUG_OFFSET_REGION Regions, ULONG RegionsCount, PULONG RegionsAvail) PURE; /* 117 */
    STDMETHOD(GetSymbolEntryBySymbolEntry)(THIS_ PDEBUG_MODULE_AND_ID FromId, ULONG Flags, PDEBUG_MODULE_AND_ID ToId) PURE; /* 118 */
    STDMETHOD(GetSourceEntriesByOffset)(THIS_ ULONG64 Offset, ULONG Flags, PDEBUG_SYMBOL_SOURCE_ENTRY Entries, ULONG EntriesCount, PULONG EntriesAvail) PURE; /* 119 */
    STDMETHOD(GetSourceEntriesByLine)(THIS_ ULONG Line, PCSTR File, ULONG Flags, PDEBUG_SYMBOL_SOURCE_ENTRY Entries, ULONG EntriesCount, PULONG EntriesAvail) PURE; /* 120 */
    STDMETHOD(GetSourceEntriesByLineWide)(THIS_ ULONG Line, PCWSTR File, ULONG Flags, PDEBUG_SYMBOL_SOURCE_ENTRY Entries, ULONG EntriesCount, PULONG EntriesAvail) PURE; /* 121 */
    STDMETHOD(GetSourceEntryString)(THIS_ PDEBUG_SYMBOL_SOURCE_ENTRY Entry, ULONG Which, PSTR Buffer, ULONG BufferSize, PULONG StringSize) PURE; /* 122 */
    STDMETHOD(GetSourceEntryStringWide)(THIS_ PDEBUG_SYMBOL_SOURCE_ENTRY Entry, ULONG Which, PWSTR Buffer, ULONG BufferSize, PULONG StringSize) PURE; /* 123 */
    STDMETHOD(GetSourceEntryOffsetRegions)(THIS_ PDEBUG_SYMBOL_SOURCE_ENTRY Entry, ULONG Flags, PDEBUG_OFFSET_REGION Regions, ULONG RegionsCount, PULONG RegionsAvail) PURE; /* 124 */
    STDMETHOD(GetSourceEntryBySourceEntry)(THIS_ PDEBUG_SYMBOL_SOURCE_ENTRY FromEntry, ULONG Flags, PDEBUG_SYMBOL_SOURCE_ENTRY ToEntry) PURE; /* 125 */
};


#undef INTERFACE
#define INTERFACE IDebugSystemObjects
DECLARE_INTERFACE_(IDebugSystemObjects, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetEventThread)(THIS_ PULONG Id) PURE; /* 3 */
    STDMETHOD(GetEventProcess)(THIS_ PULONG Id) PURE; /* 4 */
    STDMETHOD(GetCurrentThreadId)(THIS_ PULONG Id) PURE; /* 5 */
    STDMETHOD(SetCurrentThreadId)(THIS_ ULONG Id) PURE; /* 6 */
    STDMETHOD(GetCurrentProcessId)(THIS_ PULONG Id) PURE; /* 7 */
    STDMETHOD(SetCurrentProcessId)(THIS_ ULONG Id) PURE; /* 8 */
    STDMETHOD(GetNumberThreads)(THIS_ PULONG Number) PURE; /* 9 */
    STDMETHOD(GetTotalNumberThreads)(THIS_ PULONG Total, PULONG LargestProcess) PURE; /* 10 */
    STDMETHOD(GetThreadIdsByIndex)(THIS_ ULONG Start, ULONG Count, PULONG Ids, PULONG SysIds) PURE; /* 11 */
    STDMETHOD(GetThreadIdByProcessor)(THIS_ ULONG Processor, PULONG Id) PURE; /* 12 */
    STDMETHOD(GetCurrentThreadDataOffset)(THIS_ PULONG64 Offset) PURE; /* 13 */
    STDMETHOD(GetThreadIdByDataOffset)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 14 */
    STDMETHOD(GetCurrentThreadTeb)(THIS_ PULONG64 Offset) PURE; /* 15 */
    STDMETHOD(GetThreadIdByTeb)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 16 */
    STDMETHOD(GetCurrentThreadSystemId)(THIS_ PULONG SysId) PURE; /* 17 */
    STDMETHOD(GetThreadIdBySystemId)(THIS_ ULONG SysId, PULONG Id) PURE; /* 18 */
    STDMETHOD(GetCurrentThreadHandle)(THIS_ PULONG64 Handle) PURE; /* 19 */
    STDMETHOD(GetThreadIdByHandle)(THIS_ ULONG64 Handle, PULONG Id) PURE; /* 20 */
    STDMETHOD(GetNumberProcesses)(THIS_ PULONG Number) PURE; /* 21 */
    STDMETHOD(GetProcessIdsByIndex)(THIS_ ULONG Start, ULONG Count, PULONG Ids, PULONG SysIds) PURE; /* 22 */
    STDMETHOD(GetCurrentProcessDataOffset)(THIS_ PULONG64 Offset) PURE; /* 23 */
    STDMETHOD(GetProcessIdByDataOffset)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 24 */
    STDMETHOD(GetCurrentProcessPeb)(THIS_ PULONG64 Offset) PURE; /* 25 */
    STDMETHOD(GetProcessIdByPeb)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 26 */
    STDMETHOD(GetCurrentProcessSystemId)(THIS_ PULONG SysId) PURE; /* 27 */
    STDMETHOD(GetProcessIdBySystemId)(THIS_ ULONG SysId, PULONG Id) PURE; /* 28 */
    STDMETHOD(GetCurrentProcessHandle)(THIS_ PULONG64 Handle) PURE; /* 29 */
    STDMETHOD(GetProcessIdByHandle)(THIS_ ULONG64 Handle, PULONG Id) PURE; /* 30 */
    STDMETHOD(GetCurrentProcessExecutableName)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG ExeSize) PURE; /* 31 */
};


#undef INTERFACE
#define INTERFACE IDebugSystemObjects2
DECLARE_INTERFACE_(IDebugSystemObjects2, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetEventThread)(THIS_ PULONG Id) PURE; /* 3 */
    STDMETHOD(GetEventProcess)(THIS_ PULONG Id) PURE; /* 4 */
    STDMETHOD(GetCurrentThreadId)(THIS_ PULONG Id) PURE; /* 5 */
    STDMETHOD(SetCurrentThreadId)(THIS_ ULONG Id) PURE; /* 6 */
    STDMETHOD(GetCurrentProcessId)(THIS_ PULONG Id) PURE; /* 7 */
    STDMETHOD(SetCurrentProcessId)(THIS_ ULONG Id) PURE; /* 8 */
    STDMETHOD(GetNumberThreads)(THIS_ PULONG Number) PURE; /* 9 */
    STDMETHOD(GetTotalNumberThreads)(THIS_ PULONG Total, PULONG LargestProcess) PURE; /* 10 */
    STDMETHOD(GetThreadIdsByIndex)(THIS_ ULONG Start, ULONG Count, PULONG Ids, PULONG SysIds) PURE; /* 11 */
    STDMETHOD(GetThreadIdByProcessor)(THIS_ ULONG Processor, PULONG Id) PURE; /* 12 */
    STDMETHOD(GetCurrentThreadDataOffset)(THIS_ PULONG64 Offset) PURE; /* 13 */
    STDMETHOD(GetThreadIdByDataOffset)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 14 */
    STDMETHOD(GetCurrentThreadTeb)(THIS_ PULONG64 Offset) PURE; /* 15 */
    STDMETHOD(GetThreadIdByTeb)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 16 */
    STDMETHOD(GetCurrentThreadSystemId)(THIS_ PULONG SysId) PURE; /* 17 */
    STDMETHOD(GetThreadIdBySystemId)(THIS_ ULONG SysId, PULONG Id) PURE; /* 18 */
    STDMETHOD(GetCurrentThreadHandle)(THIS_ PULONG64 Handle) PURE; /* 19 */
    STDMETHOD(GetThreadIdByHandle)(THIS_ ULONG64 Handle, PULONG Id) PURE; /* 20 */
    STDMETHOD(GetNumberProcesses)(THIS_ PULONG Number) PURE; /* 21 */
    STDMETHOD(GetProcessIdsByIndex)(THIS_ ULONG Start, ULONG Count, PULONG Ids, PULONG SysIds) PURE; /* 22 */
    STDMETHOD(GetCurrentProcessDataOffset)(THIS_ PULONG64 Offset) PURE; /* 23 */
    STDMETHOD(GetProcessIdByDataOffset)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 24 */
    STDMETHOD(GetCurrentProcessPeb)(THIS_ PULONG64 Offset) PURE; /* 25 */
    STDMETHOD(GetProcessIdByPeb)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 26 */
    STDMETHOD(GetCurrentProcessSystemId)(THIS_ PULONG SysId) PURE; /* 27 */
    STDMETHOD(GetProcessIdBySystemId)(THIS_ ULONG SysId, PULONG Id) PURE; /* 28 */
    STDMETHOD(GetCurrentProcessHandle)(THIS_ PULONG64 Handle) PURE; /* 29 */
    STDMETHOD(GetProcessIdByHandle)(THIS_ ULONG64 Handle, PULONG Id) PURE; /* 30 */
    STDMETHOD(GetCurrentProcessExecutableName)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG ExeSize) PURE; /* 31 */
    STDMETHOD(GetCurrentProcessUpTime)(THIS_ PULONG UpTime) PURE; /* 32 */
    STDMETHOD(GetImplicitThreadDataOffset)(THIS_ PULONG64 Offset) PURE; /* 33 */
    STDMETHOD(SetImplicitThreadDataOffset)(THIS_ ULONG64 Offset) PURE; /* 34 */
    STDMETHOD(GetImplicitProcessDataOffset)(THIS_ PULONG64 Offset) PURE; /* 35 */
    STDMETHOD(SetImplicitProcessDataOffset)(THIS_ ULONG64 Offset) PURE; /* 36 */
};


#undef INTERFACE
#define INTERFACE IDebugSystemObjects3
DECLARE_INTERFACE_(IDebugSystemObjects3, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(GetEventThread)(THIS_ PULONG Id) PURE; /* 3 */
    STDMETHOD(GetEventProcess)(THIS_ PULONG Id) PURE; /* 4 */
    STDMETHOD(GetCurrentThreadId)(THIS_ PULONG Id) PURE; /* 5 */
    STDMETHOD(SetCurrentThreadId)(THIS_ ULONG Id) PURE; /* 6 */
    STDMETHOD(GetCurrentProcessId)(THIS_ PULONG Id) PURE; /* 7 */
    STDMETHOD(SetCurrentProcessId)(THIS_ ULONG Id) PURE; /* 8 */
    STDMETHOD(GetNumberThreads)(THIS_ PULONG Number) PURE; /* 9 */
    STDMETHOD(GetTotalNumberThreads)(THIS_ PULONG Total, PULONG LargestProcess) PURE; /* 10 */
    STDMETHOD(GetThreadIdsByIndex)(THIS_ ULONG Start, ULONG Count, PULONG Ids, PULONG SysIds) PURE; /* 11 */
    STDMETHOD(GetThreadIdByProcessor)(THIS_ ULONG Processor, PULONG Id) PURE; /* 12 */
    STDMETHOD(GetCurrentThreadDataOffset)(THIS_ PULONG64 Offset) PURE; /* 13 */
    STDMETHOD(GetThreadIdByDataOffset)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 14 */
    STDMETHOD(GetCurrentThreadTeb)(THIS_ PULONG64 Offset) PURE; /* 15 */
    STDMETHOD(GetThreadIdByTeb)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 16 */
    STDMETHOD(GetCurrentThreadSystemId)(THIS_ PULONG SysId) PURE; /* 17 */
    STDMETHOD(GetThreadIdBySystemId)(THIS_ ULONG SysId, PULONG Id) PURE; /* 18 */
    STDMETHOD(GetCurrentThreadHandle)(THIS_ PULONG64 Handle) PURE; /* 19 */
    STDMETHOD(GetThreadIdByHandle)(THIS_ ULONG64 Handle, PULONG Id) PURE; /* 20 */
    STDMETHOD(GetNumberProcesses)(THIS_ PULONG Number) PURE; /* 21 */
    STDMETHOD(GetProcessIdsByIndex)(THIS_ ULONG Start, ULONG Count, PULONG Ids, PULONG SysIds) PURE; /* 22 */
    STDMETHOD(GetCurrentProcessDataOffset)(THIS_ PULONG64 Offset) PURE; /* 23 */
    STDMETHOD(GetProcessIdByDataOffset)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 24 */
    STDMETHOD(GetCurrentProcessPeb)(THIS_ PULONG64 Offset) PURE; /* 25 */
    STDMETHOD(GetProcessIdByPeb)(THIS_ ULONG64 Offset, PULONG Id) PURE; /* 26 */
    STDMETHOD(GetCurrentProcessSystemId)(THIS_ PULONG SysId) PURE; /* 27 */
    STDMETHOD(GetProcessIdBySystemId)(THIS_ ULONG SysId, PULONG Id) PURE; /* 28 */
    STDMETHOD(GetCurrentProcessHandle)(THIS_ PULONG64 Handle) PURE; /* 29 */
    STDMETHOD(GetProcessIdByHandle)(THIS_ ULONG64 Handle, PULONG Id) PURE; /* 30 */
    STDMETHOD(GetCurrentProcessExecutableName)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG ExeSize) PURE; /* 31 */
    STDMETHOD(GetCurrentProcessUpTime)(THIS_ PULONG UpTime) PURE; /* 32 */
    STDMETHOD(GetImplicitThreadDataOffset)(THIS_ PULONG64 Offset) PURE; /* 33 */
    STDMETHOD(SetImplicitThreadDataOffset)(THIS_ ULONG64 Offset) PURE; /* 34 */
    STDMETHOD(GetImplicitProcessDataOffset)(THIS_ PULONG64 Offset) PURE; /* 35 */
    STDMETHOD(SetImplicitProcessDataOffset)(THIS_ ULONG64 Offset) PURE; /* 36 */
    STDMETHOD(GetEventSystem)(THIS_ PULONG Id) PURE; /* 37 */
    STDMETHOD(GetCurrentSystemId)(THIS_ PULONG Id) PURE; /* 38 */
    STDMETHOD(SetCurrentSystemId)(THIS_ ULONG Id) PURE; /* 39 */
    STDMETHOD(GetNumberSystems)(THIS_ PULONG Number) PURE; /* 40 */
    STDMETHOD(GetSystemIdsByIndex)(THIS_ ULONG Start, ULONG Count, PULONG Ids) PURE; /* 41 */
    STDMETHOD(GetTotalNumberThreadsAndProcesses)(THIS_ PULONG TotalThreads, PULONG TotalProcesses, PULONG LargestProcessThreads, PULONG LargestSystemThreads, PULONG LargestSystemProcesses) PURE; /* 42 */
    STDMETHOD(GetCurrentSystemServer)(THIS_ PULONG64 Server) PURE; /* 43 */
    STDMETHOD(GetSystemByServer)(THIS_ ULONG64 Server, PULONG Id) PURE; /* 44 */
    STDMETHOD(GetCurrentSystemServerName)(THIS_ PSTR Buffer, ULONG BufferSize, PULONG NameSize) PURE; /* 45 */
};

#define DEBUG_COMMAND_EXCEPTION_ID 0xdbe00dbe
#define DEBUG_CMDEX_INVALID 0x00000000
#define DEBUG_CMDEX_ADD_EVENT_STRING 0x00000001
#define DEBUG_CMDEX_RESET_EVENT_STRINGS 0x00000002
#define DEBUG_NOTIFY_SESSION_ACTIVE 0x00000000
#define DEBUG_NOTIFY_SESSION_INACTIVE 0x00000001
#define DEBUG_NOTIFY_SESSION_ACCESSIBLE 0x00000002
#define DEBUG_NOTIFY_SESSION_INACCESSIBLE 0x00000003
#undef INTERFACE
#define INTERFACE IDebugOutputCallbacksWide
DECLARE_INTERFACE_(IDebugOutputCallbacksWide, IUnknown)
{
    STDMETHOD(QueryInterface)(THIS_ REFIID InterfaceId, PVOID *Interface) PURE; /* 0 */
    STDMETHOD_(ULONG, AddRef)(THIS) PURE; /* 1 */
    STDMETHOD_(ULONG, Release)(THIS) PURE; /* 2 */
    STDMETHOD(Output)(THIS_ ULONG Mask, PCWSTR Text) PURE; /* 3 */
};

/* ---- generated by tools/gen_dbgeng.py: end ---- */

#ifdef __cplusplus
}
#endif
#endif /* DATASPACES_DBGENG_H */
