/*
 * dataspaces/types.h — the Windows debugger engine's own names for what the
 * data-space methods exchange, with Windows' widths on LP64 Linux.
 *
 * Shared by the native API (dataspaces.h) and the dbgeng-compatible face
 * (dbgeng.h). Every definition is guarded so that a program that also sees
 * another definition of the same name (a Windows SDK shim, mingw headers)
 * keeps compiling as long as the values agree.
 */
#ifndef DATASPACES_TYPES_H
#define DATASPACES_TYPES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef DS_WINDOWS_TYPES_DEFINED
#define DS_WINDOWS_TYPES_DEFINED
typedef int32_t HRESULT;   /* 32-bit signed, as on Windows */
typedef uint32_t ULONG;    /* 32 bits: not `unsigned long` on LP64 */
typedef uint64_t ULONG64;
typedef int32_t BOOL;
#ifdef __cplusplus
typedef char16_t WCHAR;    /* one UTF-16 code unit (wchar_t is 32 bits here) */
#else
typedef uint16_t WCHAR;    /* the same unit in C: char16_t's underlying type */
#endif
typedef ULONG *PULONG;
typedef ULONG64 *PULONG64;
typedef void *PVOID;
typedef char *PSTR;
typedef const char *PCSTR;
typedef WCHAR *PWSTR;
typedef const WCHAR *PCWSTR;
typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} GUID, *LPGUID;
typedef GUID IID;
#ifdef __cplusplus
typedef const GUID &REFIID; /* a reference in C++, a pointer in C, as on Windows */
#else
typedef const GUID *REFIID;
#endif
#endif

/* ---- HRESULT values ---------------------------------------------------- */
#define DS_HR(x) ((HRESULT)(uint32_t)(x))
#ifndef S_OK
#define S_OK DS_HR(0x00000000)
#define S_FALSE DS_HR(0x00000001)
#endif
#ifndef E_NOTIMPL
#define E_NOTIMPL DS_HR(0x80004001)
#define E_NOINTERFACE DS_HR(0x80004002)
#define E_POINTER DS_HR(0x80004003)
#define E_ABORT DS_HR(0x80004004)
#define E_FAIL DS_HR(0x80004005)
#define E_UNEXPECTED DS_HR(0x8000FFFF)
#define E_ACCESSDENIED DS_HR(0x80070005)
#define E_HANDLE DS_HR(0x80070006)
#define E_OUTOFMEMORY DS_HR(0x8007000E)
#define E_INVALIDARG DS_HR(0x80070057)
#endif
#ifndef SUCCEEDED
#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#endif
#ifndef HRESULT_FROM_WIN32
#define HRESULT_FROM_WIN32(e) \
    ((HRESULT)(e) <= 0 ? (HRESULT)(e) : DS_HR(((uint32_t)(e) & 0xFFFFu) | 0x80070000u))
#define HRESULT_FROM_NT(s) DS_HR((uint32_t)(s) | 0x10000000u)
#endif
#ifndef ERROR_WRITE_FAULT
#define ERROR_ACCESS_DENIED 5
#define ERROR_INVALID_HANDLE 6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_WRITE_FAULT 29
#define ERROR_READ_FAULT 30
#define ERROR_NOT_SUPPORTED 50
#define ERROR_INVALID_PARAMETER 87
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_PARTIAL_COPY 299
#define ERROR_NOACCESS 998
#endif
#ifndef STATUS_NO_MORE_ENTRIES
#define STATUS_NO_MORE_ENTRIES 0x8000001Au
#endif
#ifndef STATUS_IN_PAGE_ERROR
/* A mapped file's page could not be brought in: on Linux, a dump file
   that another program cut short while it was open. */
#define STATUS_IN_PAGE_ERROR 0xC0000006u
#endif

/* ---- memory regions (QueryVirtual) ------------------------------------- */
#ifndef MEM_COMMIT
#define MEM_COMMIT 0x1000u
#define MEM_RESERVE 0x2000u
#define MEM_FREE 0x10000u
#define MEM_PRIVATE 0x20000u
#define MEM_MAPPED 0x40000u
#define MEM_IMAGE 0x1000000u
#endif
#ifndef PAGE_NOACCESS
#define PAGE_NOACCESS 0x01u
#define PAGE_READONLY 0x02u
#define PAGE_READWRITE 0x04u
#define PAGE_WRITECOPY 0x08u
#define PAGE_EXECUTE 0x10u
#define PAGE_EXECUTE_READ 0x20u
#define PAGE_EXECUTE_READWRITE 0x40u
#define PAGE_EXECUTE_WRITECOPY 0x80u
#define PAGE_GUARD 0x100u
#define PAGE_NOCACHE 0x200u
#define PAGE_WRITECOMBINE 0x400u
#endif

#ifndef DS_MEMORY_BASIC_INFORMATION64_DEFINED
#define DS_MEMORY_BASIC_INFORMATION64_DEFINED
typedef struct _MEMORY_BASIC_INFORMATION64 {
    ULONG64 BaseAddress;
    ULONG64 AllocationBase;
    ULONG AllocationProtect;
    ULONG __alignment1;
    ULONG64 RegionSize;
    ULONG State;
    ULONG Protect;
    ULONG Type;
    ULONG __alignment2;
} MEMORY_BASIC_INFORMATION64, *PMEMORY_BASIC_INFORMATION64;
#endif

/* ---- data spaces, search, offset information, physical, handles -------- */
#ifndef DEBUG_DATA_SPACE_VIRTUAL
#define DEBUG_DATA_SPACE_VIRTUAL 0
#define DEBUG_DATA_SPACE_PHYSICAL 1
#define DEBUG_DATA_SPACE_CONTROL 2
#define DEBUG_DATA_SPACE_IO 3
#define DEBUG_DATA_SPACE_MSR 4
#define DEBUG_DATA_SPACE_BUS_DATA 5
#define DEBUG_DATA_SPACE_DEBUGGER_DATA 6
#define DEBUG_DATA_SPACE_COUNT 7

/* ReadDebuggerData indexes a user-mode target can answer (dbgeng.h). */
#define DEBUG_DATA_SharedUserData 100008 /* ULONG64: KUSER_SHARED_DATA's address */
#define DEBUG_DATA_ProductType 100016    /* ULONG: NtProductType (VER_NT_*) */
#define DEBUG_DATA_SuiteMask 100024      /* ULONG: SuiteMask (VER_SUITE_*) */

#define DEBUG_VSEARCH_DEFAULT 0
#define DEBUG_VSEARCH_WRITABLE_ONLY 1

#define DEBUG_OFFSINFO_VIRTUAL_SOURCE 0x00000001
#define DEBUG_VSOURCE_INVALID 0x00000000
#define DEBUG_VSOURCE_DEBUGGEE 0x00000001
#define DEBUG_VSOURCE_MAPPED_IMAGE 0x00000002
#define DEBUG_VSOURCE_DUMP_WITHOUT_MEMINFO 0x00000003

#define DEBUG_PHYSICAL_DEFAULT 0x00000000
#define DEBUG_PHYSICAL_CACHED 0x00000001
#define DEBUG_PHYSICAL_UNCACHED 0x00000002
#define DEBUG_PHYSICAL_WRITE_COMBINED 0x00000003

#define DEBUG_HANDLE_DATA_TYPE_BASIC 0
#define DEBUG_HANDLE_DATA_TYPE_TYPE_NAME 1
#define DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME 2
#define DEBUG_HANDLE_DATA_TYPE_HANDLE_COUNT 3
#define DEBUG_HANDLE_DATA_TYPE_TYPE_NAME_WIDE 4
#define DEBUG_HANDLE_DATA_TYPE_OBJECT_NAME_WIDE 5
#define DEBUG_HANDLE_DATA_TYPE_MINI_THREAD_1 6
#define DEBUG_HANDLE_DATA_TYPE_MINI_MUTANT_1 7
#define DEBUG_HANDLE_DATA_TYPE_MINI_MUTANT_2 8
#define DEBUG_HANDLE_DATA_TYPE_PER_HANDLE_OPERATIONS 9
#define DEBUG_HANDLE_DATA_TYPE_ALL_HANDLE_OPERATIONS 10
#define DEBUG_HANDLE_DATA_TYPE_MINI_PROCESS_1 11
#define DEBUG_HANDLE_DATA_TYPE_MINI_PROCESS_2 12
#define DEBUG_HANDLE_DATA_TYPE_MINI_EVENT_1 13
#define DEBUG_HANDLE_DATA_TYPE_MINI_SECTION_1 14
#define DEBUG_HANDLE_DATA_TYPE_MINI_SEMAPHORE_1 15

#define DEBUG_ATTACH_DEFAULT 0x00000000
#define DEBUG_ATTACH_NONINVASIVE 0x00000001
#define DEBUG_ATTACH_EXISTING 0x00000002
#define DEBUG_ATTACH_NONINVASIVE_NO_SUSPEND 0x00000004
#define DEBUG_ATTACH_INVASIVE_NO_INITIAL_BREAK 0x00000008
#define DEBUG_ATTACH_INVASIVE_RESUME_PROCESS 0x00000010
#define DEBUG_ATTACH_NONINVASIVE_ALLOW_PARTIAL 0x00000020
#endif

typedef struct _DEBUG_HANDLE_DATA_BASIC {
    ULONG TypeNameSize;
    ULONG ObjectNameSize;
    ULONG Attributes;
    ULONG GrantedAccess;
    ULONG HandleCount;
    ULONG PointerCount;
} DEBUG_HANDLE_DATA_BASIC, *PDEBUG_HANDLE_DATA_BASIC;

/* ---- code pages --------------------------------------------------------- */
#ifndef CP_ACP
#define CP_ACP 0
#define CP_OEMCP 1
#define CP_UTF8 65001
#endif

/* ---- machines (IMAGE_FILE_MACHINE_*) ------------------------------------ */
#ifndef IMAGE_FILE_MACHINE_UNKNOWN
#define IMAGE_FILE_MACHINE_UNKNOWN 0x0000
#define IMAGE_FILE_MACHINE_I386 0x014c
#define IMAGE_FILE_MACHINE_R4000 0x0166
#define IMAGE_FILE_MACHINE_POWERPC 0x01f0
#define IMAGE_FILE_MACHINE_ARMNT 0x01c4
#define IMAGE_FILE_MACHINE_AMD64 0x8664
#define IMAGE_FILE_MACHINE_ARM64 0xAA64
#define IMAGE_FILE_MACHINE_RISCV64 0x5064
#endif


/* ---- PE headers (ReadImageNtHeaders answers in the 64-bit layout) ------- */
#ifndef IMAGE_NUMBEROF_DIRECTORY_ENTRIES
#define IMAGE_NUMBEROF_DIRECTORY_ENTRIES 16
#define IMAGE_NT_SIGNATURE 0x00004550u
#define IMAGE_NT_OPTIONAL_HDR32_MAGIC 0x10b
#define IMAGE_NT_OPTIONAL_HDR64_MAGIC 0x20b
#endif
typedef struct _IMAGE_FILE_HEADER {
    uint16_t Machine;
    uint16_t NumberOfSections;
    ULONG TimeDateStamp;
    ULONG PointerToSymbolTable;
    ULONG NumberOfSymbols;
    uint16_t SizeOfOptionalHeader;
    uint16_t Characteristics;
} IMAGE_FILE_HEADER, *PIMAGE_FILE_HEADER;
typedef struct _IMAGE_DATA_DIRECTORY {
    ULONG VirtualAddress;
    ULONG Size;
} IMAGE_DATA_DIRECTORY, *PIMAGE_DATA_DIRECTORY;
typedef struct _IMAGE_OPTIONAL_HEADER64 {
    uint16_t Magic;
    uint8_t MajorLinkerVersion;
    uint8_t MinorLinkerVersion;
    ULONG SizeOfCode;
    ULONG SizeOfInitializedData;
    ULONG SizeOfUninitializedData;
    ULONG AddressOfEntryPoint;
    ULONG BaseOfCode;
    ULONG64 ImageBase;
    ULONG SectionAlignment;
    ULONG FileAlignment;
    uint16_t MajorOperatingSystemVersion;
    uint16_t MinorOperatingSystemVersion;
    uint16_t MajorImageVersion;
    uint16_t MinorImageVersion;
    uint16_t MajorSubsystemVersion;
    uint16_t MinorSubsystemVersion;
    ULONG Win32VersionValue;
    ULONG SizeOfImage;
    ULONG SizeOfHeaders;
    ULONG CheckSum;
    uint16_t Subsystem;
    uint16_t DllCharacteristics;
    ULONG64 SizeOfStackReserve;
    ULONG64 SizeOfStackCommit;
    ULONG64 SizeOfHeapReserve;
    ULONG64 SizeOfHeapCommit;
    ULONG LoaderFlags;
    ULONG NumberOfRvaAndSizes;
    IMAGE_DATA_DIRECTORY DataDirectory[IMAGE_NUMBEROF_DIRECTORY_ENTRIES];
} IMAGE_OPTIONAL_HEADER64, *PIMAGE_OPTIONAL_HEADER64;
typedef struct _IMAGE_NT_HEADERS64 {
    ULONG Signature;
    IMAGE_FILE_HEADER FileHeader;
    IMAGE_OPTIONAL_HEADER64 OptionalHeader;
} IMAGE_NT_HEADERS64, *PIMAGE_NT_HEADERS64;

#ifdef __cplusplus
}
#endif
#endif /* DATASPACES_TYPES_H */
