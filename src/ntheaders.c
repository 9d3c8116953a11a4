/*
 * ntheaders.c — ReadImageNtHeaders: the PE headers of an image in the
 * target's memory (the modules of a Windows process's minidump, a PE a
 * Wine process mapped), always answered in the 64-bit layout.
 *
 * The walk, from the PE/COFF specification: IMAGE_DOS_HEADER at ImageBase
 * ("MZ", e_lfanew at 0x3c), then at ImageBase + e_lfanew the signature
 * "PE\0\0", IMAGE_FILE_HEADER (20 bytes) and the optional header, whose
 * Magic says PE32 (0x10b, 224 bytes with 16 data directories) or PE32+
 * (0x20b, 240 bytes). A PE32 header is widened field by field (BaseOfData
 * has no place in the 64-bit layout and is dropped). Data directories
 * past NumberOfRvaAndSizes or past SizeOfOptionalHeader are zero.
 *
 * A header that is not there is E_INVALIDARG with what was found instead;
 * memory that cannot be read is the read's own failure.
 */
#include "semantics.h"

#include <stdio.h>
#include <string.h>

#define DOS_HEADER_SIZE 64u
#define DOS_MAGIC 0x5A4Du            /* "MZ" */
#define DOS_LFANEW 0x3Cu
/* RtlImageNtHeaderEx refuses e_lfanew at or above 256 MiB. */
#define MAX_LFANEW (256u << 20)
#define FILE_HEADER_SIZE 20u
#define PE32_OPTIONAL_SIZE 224u
#define PE32PLUS_OPTIONAL_SIZE 240u
#define PE32_FIXED_SIZE 96u          /* up to the data directories */
#define PE32PLUS_FIXED_SIZE 112u
#define NT_HEADERS_MAX (4u + FILE_HEADER_SIZE + PE32PLUS_OPTIONAL_SIZE)

struct bytes {
    const uint8_t *p;
    size_t n;
};

/* Little-endian fields; 0 where the header ends before the field. */
static uint64_t le(struct bytes b, size_t off, unsigned width)
{
    uint64_t v = 0;
    if (off > b.n || b.n - off < width)
        return 0;
    for (unsigned i = 0; i < width; i++)
        v |= (uint64_t)b.p[off + i] << (8 * i);
    return v;
}

static void parse_file_header(struct bytes b, IMAGE_FILE_HEADER *f)
{
    f->Machine = (uint16_t)le(b, 0, 2);
    f->NumberOfSections = (uint16_t)le(b, 2, 2);
    f->TimeDateStamp = (ULONG)le(b, 4, 4);
    f->PointerToSymbolTable = (ULONG)le(b, 8, 4);
    f->NumberOfSymbols = (ULONG)le(b, 12, 4);
    f->SizeOfOptionalHeader = (uint16_t)le(b, 16, 2);
    f->Characteristics = (uint16_t)le(b, 18, 2);
}

/* The optional header of either kind into the 64-bit layout. From
   ImageBase on, PE32 fields are 4 bytes where PE32+ has 8 (ImageBase,
   the stack and heap sizes) and PE32 has BaseOfData before ImageBase. */
static void parse_optional_header(struct bytes b, bool plus, IMAGE_OPTIONAL_HEADER64 *o)
{
    unsigned w = plus ? 8 : 4;        /* width of the address-sized fields */
    size_t base = plus ? 24 : 28;     /* where ImageBase is */
    size_t sizes = 72;                /* where SizeOfStackReserve is, in both */
    o->Magic = (uint16_t)le(b, 0, 2);
    o->MajorLinkerVersion = (uint8_t)le(b, 2, 1);
    o->MinorLinkerVersion = (uint8_t)le(b, 3, 1);
    o->SizeOfCode = (ULONG)le(b, 4, 4);
    o->SizeOfInitializedData = (ULONG)le(b, 8, 4);
    o->SizeOfUninitializedData = (ULONG)le(b, 12, 4);
    o->AddressOfEntryPoint = (ULONG)le(b, 16, 4);
    o->BaseOfCode = (ULONG)le(b, 20, 4);
    o->ImageBase = le(b, base, w);
    o->SectionAlignment = (ULONG)le(b, 32, 4);
    o->FileAlignment = (ULONG)le(b, 36, 4);
    o->MajorOperatingSystemVersion = (uint16_t)le(b, 40, 2);
    o->MinorOperatingSystemVersion = (uint16_t)le(b, 42, 2);
    o->MajorImageVersion = (uint16_t)le(b, 44, 2);
    o->MinorImageVersion = (uint16_t)le(b, 46, 2);
    o->MajorSubsystemVersion = (uint16_t)le(b, 48, 2);
    o->MinorSubsystemVersion = (uint16_t)le(b, 50, 2);
    o->Win32VersionValue = (ULONG)le(b, 52, 4);
    o->SizeOfImage = (ULONG)le(b, 56, 4);
    o->SizeOfHeaders = (ULONG)le(b, 60, 4);
    o->CheckSum = (ULONG)le(b, 64, 4);
    o->Subsystem = (uint16_t)le(b, 68, 2);
    o->DllCharacteristics = (uint16_t)le(b, 70, 2);
    o->SizeOfStackReserve = le(b, sizes, w);
    o->SizeOfStackCommit = le(b, sizes + w, w);
    o->SizeOfHeapReserve = le(b, sizes + 2 * w, w);
    o->SizeOfHeapCommit = le(b, sizes + 3 * w, w);
    o->LoaderFlags = (ULONG)le(b, sizes + 4 * w, 4);
    o->NumberOfRvaAndSizes = (ULONG)le(b, sizes + 4 * w + 4, 4);
    size_t dirs = sizes + 4 * w + 8;
    for (unsigned i = 0; i < IMAGE_NUMBEROF_DIRECTORY_ENTRIES && i < o->NumberOfRvaAndSizes;
         i++) {
        o->DataDirectory[i].VirtualAddress = (ULONG)le(b, dirs + 8 * i, 4);
        o->DataDirectory[i].Size = (ULONG)le(b, dirs + 8 * i + 4, 4);
    }
}

/* Read exactly size bytes at addr, or fail saying which header. */
static HRESULT read_header(ds_target *t, uint64_t addr, void *buf, size_t size, size_t need,
                           size_t *got, const char *what, uint64_t image_base)
{
    HRESULT hr = ds_read_common(t, addr, buf, size, got, true);
    if (*got >= need)
        return S_OK;
    char why[sizeof t->error];
    snprintf(why, sizeof why, "%s", ds_error_text(t));
    return ds_fail(t, FAILED(hr) ? hr : HRESULT_FROM_WIN32(ERROR_READ_FAULT),
                   "ReadImageNtHeaders: the %s of the image at 0x%llx cannot be read at 0x%llx%s%s",
                   what, (unsigned long long)image_base, (unsigned long long)(addr + *got),
                   FAILED(hr) ? ": " : "", FAILED(hr) ? why : "");
}

static HRESULT find_nt_headers(ds_target *t, uint64_t base, uint64_t *nt)
{
    uint8_t dos[DOS_HEADER_SIZE];
    size_t got;
    HRESULT hr = read_header(t, base, dos, sizeof dos, sizeof dos, &got, "DOS header", base);
    if (FAILED(hr))
        return hr;
    struct bytes b = { dos, got };
    if (le(b, 0, 2) != DOS_MAGIC)
        return ds_fail(t, E_INVALIDARG, "ReadImageNtHeaders: no image at 0x%llx: its first two "
                       "bytes are 0x%04llx, not \"MZ\"", (unsigned long long)base,
                       (unsigned long long)le(b, 0, 2));
    uint64_t lfanew = le(b, DOS_LFANEW, 4);
    if (lfanew >= MAX_LFANEW || lfanew > UINT64_MAX - base)
        return ds_fail(t, E_INVALIDARG, "ReadImageNtHeaders: the image at 0x%llx puts its NT "
                       "headers at e_lfanew 0x%llx, beyond any image",
                       (unsigned long long)base, (unsigned long long)lfanew);
    *nt = base + lfanew;
    return S_OK;
}

HRESULT ds_read_image_nt_headers(ds_target *t, uint64_t image_base, IMAGE_NT_HEADERS64 *headers)
{
    DS_REQUIRE_TARGET_AT(t, image_base);
    if (!headers)
        return ds_fail(t, E_INVALIDARG, "ReadImageNtHeaders: Headers is NULL");
    uint64_t base = ds_canonical_address(t, image_base), nt = 0;
    HRESULT hr = find_nt_headers(t, base, &nt);
    if (FAILED(hr))
        return hr;
    uint8_t raw[NT_HEADERS_MAX];
    size_t got;
    hr = read_header(t, nt, raw, sizeof raw, 4 + FILE_HEADER_SIZE + 2, &got, "NT headers", base);
    if (FAILED(hr))
        return hr;
    struct bytes all = { raw, got };
    if (le(all, 0, 4) != IMAGE_NT_SIGNATURE)
        return ds_fail(t, E_INVALIDARG, "ReadImageNtHeaders: the image at 0x%llx has 0x%08llx "
                       "at 0x%llx where the \"PE\\0\\0\" signature belongs",
                       (unsigned long long)base, (unsigned long long)le(all, 0, 4),
                       (unsigned long long)nt);
    IMAGE_NT_HEADERS64 h;
    memset(&h, 0, sizeof h);
    h.Signature = IMAGE_NT_SIGNATURE;
    parse_file_header((struct bytes){ raw + 4, got - 4 }, &h.FileHeader);
    struct bytes opt = { raw + 4 + FILE_HEADER_SIZE, got - 4 - FILE_HEADER_SIZE };
    uint64_t magic = le(opt, 0, 2);
    if (magic != IMAGE_NT_OPTIONAL_HDR32_MAGIC && magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC)
        return ds_fail(t, E_INVALIDARG, "ReadImageNtHeaders: the image at 0x%llx has optional "
                       "header magic 0x%llx, neither PE32 (0x10b) nor PE32+ (0x20b)",
                       (unsigned long long)base, (unsigned long long)magic);
    bool plus = magic == IMAGE_NT_OPTIONAL_HDR64_MAGIC;
    size_t fixed = plus ? PE32PLUS_FIXED_SIZE : PE32_FIXED_SIZE;
    size_t full = plus ? PE32PLUS_OPTIONAL_SIZE : PE32_OPTIONAL_SIZE;
    size_t declared = h.FileHeader.SizeOfOptionalHeader;
    if (declared < fixed)
        return ds_fail(t, E_INVALIDARG, "ReadImageNtHeaders: the image at 0x%llx declares a "
                       "%zu-byte optional header, shorter than the %zu bytes of a %s header",
                       (unsigned long long)base, declared, fixed, plus ? "PE32+" : "PE32");
    size_t wanted = declared < full ? declared : full;
    if (opt.n < wanted) {
        uint64_t at = nt + got;
        return ds_fail(t, HRESULT_FROM_WIN32(ERROR_READ_FAULT), "ReadImageNtHeaders: the "
                       "optional header of the image at 0x%llx is cut at 0x%llx, which cannot "
                       "be read", (unsigned long long)base, (unsigned long long)at);
    }
    opt.n = wanted;
    parse_optional_header(opt, plus, &h.OptionalHeader);
    *headers = h;
    return S_OK;
}
