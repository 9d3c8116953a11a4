/*
 * dataspaces.h — the native C API of dataspaces.
 *
 * One function per method of dbgeng's IDebugDataSpaces .. IDebugDataSpaces4,
 * named after the method in snake case with a `ds_` prefix, taking the same
 * parameters in the same order with the target first, and returning the same
 * HRESULTs. After any failure, ds_error_text(t) says in one sentence what
 * failed, where and why.
 *
 * A target may be called from any thread; calls on one target from several
 * threads at once are serialized (each waits for the one in progress).
 */
#ifndef DATASPACES_DATASPACES_H
#define DATASPACES_DATASPACES_H

#include <stddef.h>
#include <stdint.h>

#include "types.h"
#include "context.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DS_EXTERN(type) __attribute__((visibility("default"))) type
#else
#define DS_EXTERN(type) type
#endif

/** An open target: a process, a core file, a minidump or a remote stub. */
typedef struct ds_target ds_target;

/* ---- opening and closing ------------------------------------------------ */

/* ds_attach flags: dbgeng's DEBUG_ATTACH_* values (AttachProcess), so a
 * dbgeng caller's flags mean the same here (docs/api.md says what each
 * does on Linux). */
/** Suspend every thread (PTRACE_SEIZE + PTRACE_INTERRUPT, which the
 *  process's parent does not see) while attached; no debug events. */
#define DS_ATTACH_NONINVASIVE 0x1u
/** DEBUG_ATTACH_EXISTING: refused (E_NOTIMPL); Linux has no abandoned
 *  debug port to re-attach to. */
#define DS_ATTACH_EXISTING 0x2u
/** Read without stopping the process (no ptrace; cdb's -pvr). The cache
 *  then holds nothing across calls unless sized with ds_cache_set_size. */
#define DS_ATTACH_NONINVASIVE_NO_SUSPEND 0x4u
/** Accepted; no break-in thread is ever injected, so it changes nothing. */
#define DS_ATTACH_INVASIVE_NO_INITIAL_BREAK 0x8u
/** Attach (checking the process may be traced), then let it run: reads
 *  behave as on a running target (no long-lived cache). */
#define DS_ATTACH_INVASIVE_RESUME_PROCESS 0x10u
/** With DS_ATTACH_NONINVASIVE: a thread that cannot be suspended in time
 *  (uninterruptible sleep) is left running instead of failing the attach. */
#define DS_ATTACH_NONINVASIVE_ALLOW_PARTIAL 0x20u
/* The library's own flags sit above dbgeng's ranges. */
/** ds_launch: on ds_close, detach and let the program run on instead of
 *  killing it (the default, like cdb's `q` on a program it started). */
#define DS_LAUNCH_LEAVE_RUNNING 0x01000000u
/** ds_open_dump: let writes land in a private copy-on-write view of the
 *  file (never in the file itself); without it dumps are read-only. */
#define DS_OPEN_WRITABLE_COPY 0x02000000u
/** ds_attach, ds_launch: let writes go to read-only pages too, as gdb does
 *  (through /proc/PID/mem's forced access), instead of WriteProcessMemory's
 *  rule (writable and executable pages only). PROT_NONE pages never. */
#define DS_ATTACH_WRITE_ANY 0x04000000u

/** Attach to process pid (DS_ATTACH_* flags; unknown bits: E_INVALIDARG).
 *  By default every thread is stopped (PTRACE_SEIZE + PTRACE_INTERRUPT)
 *  until ds_close lets it run again. A thread id attaches its whole
 *  process (ds_process_id answers the thread group id). The target may be
 *  used and closed from any thread: ptrace calls run on a thread of the
 *  library's own (docs/api.md). */
DS_EXTERN(HRESULT) ds_attach(int pid, unsigned flags, ds_target **out);
/** Start argv[0] (searched in PATH) stopped at its first instruction. */
DS_EXTERN(HRESULT) ds_launch(char *const argv[], unsigned flags, ds_target **out);
/** Open an ELF core file or a Windows minidump, told apart by magic. The
 *  file is mapped; while dumps are open a SIGBUS handler is in place, so
 *  that a file cut short while open fails calls with STATUS_IN_PAGE_ERROR
 *  instead of killing the program (docs/api.md). */
DS_EXTERN(HRESULT) ds_open_dump(const char *path, unsigned flags, ds_target **out);
/** Connect to a GDB remote-protocol server, "host:port". */
DS_EXTERN(HRESULT) ds_connect(const char *spec, unsigned flags, ds_target **out);
/** "pid:N", "core:PATH", "dump:PATH", "gdb:HOST:PORT", or a bare path. */
DS_EXTERN(HRESULT) ds_open(const char *spec, unsigned flags, ds_target **out);
/** Release the target (a stopped process runs on), from any thread. NULL
 *  is a no-op. */
DS_EXTERN(void) ds_close(ds_target *t);

/** The sentence behind the last failure on t (never NULL). With t NULL,
 *  the last failure of an opener on this thread. */
DS_EXTERN(const char *) ds_error_text(const ds_target *t);

/** What opening a damaged dump ignored, "; "-separated ("" when nothing):
 *  the parts of a file that were unsound while the rest opened. */
DS_EXTERN(const char *) ds_open_notes(const ds_target *t);

/* ---- what the target is -------------------------------------------------- */

/** Pointer size in bytes: 4 or 8. */
DS_EXTERN(uint32_t) ds_pointer_size(const ds_target *t);
/** IMAGE_FILE_MACHINE_* of the target (0 when unknown). */
DS_EXTERN(uint32_t) ds_machine(const ds_target *t);
/** Page size of the target in bytes. */
DS_EXTERN(uint32_t) ds_page_size(const ds_target *t);
/** The backend's name: "live", "elfcore", "minidump", "gdbremote". */
DS_EXTERN(const char *) ds_target_kind(const ds_target *t);
/** Process id of a live target, or the dumped process's id (0 if unknown). */
DS_EXTERN(uint32_t) ds_process_id(const ds_target *t);
/** Number of threads known, and their system ids (TIDs) from index start. */
DS_EXTERN(HRESULT) ds_get_number_threads(ds_target *t, uint32_t *number);
DS_EXTERN(HRESULT) ds_get_thread_ids(ds_target *t, uint32_t start, uint32_t count, uint32_t *ids);
/** What a Windows minidump records of thread `index` beyond its id: the
 *  address of its TEB and its suspend count (either pointer may be NULL).
 *  E_NOTIMPL, both 0, when the target records neither (Linux processes and
 *  cores: no TEB exists). */
DS_EXTERN(HRESULT) ds_get_thread_data(ds_target *t, uint32_t index, uint64_t *teb,
                                      uint32_t *suspend_count);
/** Modules (images) known to the target: base, size and name. *name_size
 *  gets the bytes needed for the name with its NUL; S_FALSE if cut short. */
DS_EXTERN(HRESULT) ds_get_number_modules(ds_target *t, uint32_t *number);
DS_EXTERN(HRESULT) ds_get_module(ds_target *t, uint32_t index, uint64_t *base, uint64_t *size,
                                 char *name, uint32_t name_buffer_size, uint32_t *name_size);

/** Directories (colon-separated) holding the files behind a dump's
 *  file-backed regions (executables, libraries), like cdb's -i: bytes the
 *  dump lacks are read from a file whose build-id matches. NULL or "" clears
 *  it. At open, the DS_IMAGE_PATH environment variable sets it. */
DS_EXTERN(HRESULT) ds_set_image_path(ds_target *t, const char *path);

/* ---- the engine's memory cache ------------------------------------------- */

/** Set the cache size in bytes (0 disables it). Flushes it. */
DS_EXTERN(HRESULT) ds_cache_set_size(ds_target *t, uint64_t bytes);
/** Current cache size in bytes (0 when off). */
DS_EXTERN(uint64_t) ds_cache_get_size(const ds_target *t);
/** Forget everything cached, readable and unreadable pages alike. */
DS_EXTERN(HRESULT) ds_cache_flush(ds_target *t);

/* ---- IDebugDataSpaces ------------------------------------------------------ */

/** ReadVirtual: copy up to buffer_size bytes at offset through the cache.
 *  S_OK when at least one byte was read (*bytes_read may be short: the
 *  readable prefix); HRESULT_FROM_WIN32(ERROR_READ_FAULT) when none was. */
DS_EXTERN(HRESULT) ds_read_virtual(ds_target *t, uint64_t offset, void *buffer, uint32_t buffer_size,
                                   uint32_t *bytes_read);
/** WriteVirtual: write up to buffer_size bytes at offset (write-through:
 *  the target first, then the cache). The partial rule of reads; a dump is
 *  read-only (ERROR_WRITE_FAULT) unless opened with DS_OPEN_WRITABLE_COPY. */
DS_EXTERN(HRESULT) ds_write_virtual(ds_target *t, uint64_t offset, const void *buffer,
                                    uint32_t buffer_size, uint32_t *bytes_written);
/** SearchVirtual: the first pattern match in [offset, offset + length) at
 *  a multiple of pattern_granularity from offset, skipping unreadable
 *  memory. S_OK and *match_offset, or HRESULT_FROM_NT(STATUS_NO_MORE_ENTRIES). */
DS_EXTERN(HRESULT) ds_search_virtual(ds_target *t, uint64_t offset, uint64_t length,
                                     const void *pattern, uint32_t pattern_size,
                                     uint32_t pattern_granularity, uint64_t *match_offset);
/** ReadVirtualUncached: ds_read_virtual straight from the target, neither
 *  using nor filling the cache. */
DS_EXTERN(HRESULT) ds_read_virtual_uncached(ds_target *t, uint64_t offset, void *buffer,
                                            uint32_t buffer_size, uint32_t *bytes_read);
/** WriteVirtualUncached: ds_write_virtual (the cache is kept coherent). */
DS_EXTERN(HRESULT) ds_write_virtual_uncached(ds_target *t, uint64_t offset, const void *buffer,
                                             uint32_t buffer_size, uint32_t *bytes_written);
/** ReadPointersVirtual: count pointers of the target's size and byte order
 *  at offset, widened to 64 bits (sign-extended on 4-byte targets). All or
 *  ERROR_READ_FAULT: there is no partial count. */
DS_EXTERN(HRESULT) ds_read_pointers_virtual(ds_target *t, uint32_t count, uint64_t offset,
                                            uint64_t *ptrs);
/** WritePointersVirtual: count pointers, cut to the target's pointer size,
 *  in its byte order. All or ERROR_WRITE_FAULT. */
DS_EXTERN(HRESULT) ds_write_pointers_virtual(ds_target *t, uint32_t count, uint64_t offset,
                                             const uint64_t *ptrs);
/** ReadPhysical: physical memory where the target has it (E_NOTIMPL for
 *  processes, cores and minidumps); the read rule of virtual memory. */
DS_EXTERN(HRESULT) ds_read_physical(ds_target *t, uint64_t offset, void *buffer, uint32_t buffer_size,
                                    uint32_t *bytes_read);
/** WritePhysical: as ds_read_physical, for writing; empties the cache. */
DS_EXTERN(HRESULT) ds_write_physical(ds_target *t, uint64_t offset, const void *buffer,
                                     uint32_t buffer_size, uint32_t *bytes_written);
/* The kernel-mode methods below (ReadControl, WriteControl, ReadIo,
 * WriteIo, ReadMsr, WriteMsr, ReadBusData, WriteBusData, CheckLowMemory,
 * ReadProcessorSystemData) mean nothing for a user-mode target: each
 * returns E_NOTIMPL with a sentence and zeroes its outputs.
 * ReadDebuggerData answers the few items a user-mode target has
 * (docs/semantics.md). */
DS_EXTERN(HRESULT) ds_read_control(ds_target *t, uint32_t processor, uint64_t offset, void *buffer,
                                   uint32_t buffer_size, uint32_t *bytes_read);
DS_EXTERN(HRESULT) ds_write_control(ds_target *t, uint32_t processor, uint64_t offset,
                                    const void *buffer, uint32_t buffer_size,
                                    uint32_t *bytes_written);
DS_EXTERN(HRESULT) ds_read_io(ds_target *t, uint32_t interface_type, uint32_t bus_number,
                              uint32_t address_space, uint64_t offset, void *buffer,
                              uint32_t buffer_size, uint32_t *bytes_read);
DS_EXTERN(HRESULT) ds_write_io(ds_target *t, uint32_t interface_type, uint32_t bus_number,
                               uint32_t address_space, uint64_t offset, const void *buffer,
                               uint32_t buffer_size, uint32_t *bytes_written);
DS_EXTERN(HRESULT) ds_read_msr(ds_target *t, uint32_t msr, uint64_t *value);
DS_EXTERN(HRESULT) ds_write_msr(ds_target *t, uint32_t msr, uint64_t value);
DS_EXTERN(HRESULT) ds_read_bus_data(ds_target *t, uint32_t bus_data_type, uint32_t bus_number,
                                    uint32_t slot_number, uint32_t offset, void *buffer,
                                    uint32_t buffer_size, uint32_t *bytes_read);
DS_EXTERN(HRESULT) ds_write_bus_data(ds_target *t, uint32_t bus_data_type, uint32_t bus_number,
                                     uint32_t slot_number, uint32_t offset, const void *buffer,
                                     uint32_t buffer_size, uint32_t *bytes_written);
DS_EXTERN(HRESULT) ds_check_low_memory(ds_target *t);
/** ReadDebuggerData: item `index` (DEBUG_DATA_*); *data_size gets its size. */
DS_EXTERN(HRESULT) ds_read_debugger_data(ds_target *t, uint32_t index, void *buffer,
                                         uint32_t buffer_size, uint32_t *data_size);
DS_EXTERN(HRESULT) ds_read_processor_system_data(ds_target *t, uint32_t processor, uint32_t index,
                                                 void *buffer, uint32_t buffer_size,
                                                 uint32_t *data_size);

/* ---- IDebugDataSpaces2 ----------------------------------------------------- */

/** VirtualToPhysical: the physical address behind a virtual one (live
 *  processes: /proc/PID/pagemap). HRESULT_FROM_NT(STATUS_NO_PAGEFILE) when
 *  the page is not in RAM; E_NOTIMPL for dumps. */
DS_EXTERN(HRESULT) ds_virtual_to_physical(ds_target *t, uint64_t virtual_address,
                                          uint64_t *physical);
/** GetVirtualTranslationPhysicalOffsets: the physical addresses of the
 *  paging entries walked, the final physical address last; *levels is the
 *  full count even when offsets_size is smaller. */
DS_EXTERN(HRESULT) ds_get_virtual_translation_physical_offsets(ds_target *t,
                                                               uint64_t virtual_address,
                                                               uint64_t *offsets,
                                                               uint32_t offsets_size,
                                                               uint32_t *levels);
/** ReadHandleData: DEBUG_HANDLE_DATA_TYPE_* facts about a handle (a file
 *  descriptor of a live process, an entry of a minidump's handle stream).
 *  *data_size is the full answer's size; a cut name is S_FALSE. */
DS_EXTERN(HRESULT) ds_read_handle_data(ds_target *t, uint64_t handle, uint32_t data_type,
                                       void *buffer, uint32_t buffer_size, uint32_t *data_size);
/** FillVirtual: write pattern again and again over [start, start + size),
 *  stopping at the first byte that cannot be written; *filled = bytes written. */
DS_EXTERN(HRESULT) ds_fill_virtual(ds_target *t, uint64_t start, uint32_t size, const void *pattern,
                                   uint32_t pattern_size, uint32_t *filled);
/** FillPhysical: ds_fill_virtual in physical memory (E_NOTIMPL without it). */
DS_EXTERN(HRESULT) ds_fill_physical(ds_target *t, uint64_t start, uint32_t size,
                                    const void *pattern, uint32_t pattern_size, uint32_t *filled);
/** QueryVirtual: the MEMORY_BASIC_INFORMATION64 of the pages from offset's
 *  page on that share its attributes (free memory too); E_INVALIDARG above
 *  the last region. Walk with next = BaseAddress + RegionSize. */
DS_EXTERN(HRESULT) ds_query_virtual(ds_target *t, uint64_t offset, MEMORY_BASIC_INFORMATION64 *info);

/* ---- IDebugDataSpaces3 ----------------------------------------------------- */

/** ReadImageNtHeaders: the PE headers of the image at image_base, PE32
 *  widened to the 64-bit layout; E_INVALIDARG when it is not a PE image. */
DS_EXTERN(HRESULT) ds_read_image_nt_headers(ds_target *t, uint64_t image_base,
                                            IMAGE_NT_HEADERS64 *headers);
/** ReadTagged: bytes of the tagged data block `tag` from offset;
 *  *total_size its whole size. E_NOINTERFACE for an unknown tag. */
DS_EXTERN(HRESULT) ds_read_tagged(ds_target *t, const GUID *tag, uint32_t offset, void *buffer,
                                  uint32_t buffer_size, uint32_t *total_size);
/** StartEnumTagged, GetNextTagged, EndEnumTagged: enumerate the tagged data
 *  blocks; GetNextTagged is S_FALSE after the last. A handle not open on
 *  this target is E_INVALIDARG. */
DS_EXTERN(HRESULT) ds_start_enum_tagged(ds_target *t, uint64_t *handle);
DS_EXTERN(HRESULT) ds_get_next_tagged(ds_target *t, uint64_t handle, GUID *tag, uint32_t *size);
DS_EXTERN(HRESULT) ds_end_enum_tagged(ds_target *t, uint64_t handle);

/* ---- IDebugDataSpaces4 ----------------------------------------------------- */

/** GetOffsetInformation: with DEBUG_OFFSINFO_VIRTUAL_SOURCE, a ULONG saying
 *  where the byte at offset comes from (DEBUG_VSOURCE_*). */
DS_EXTERN(HRESULT) ds_get_offset_information(ds_target *t, uint32_t space, uint32_t which,
                                             uint64_t offset, void *buffer, uint32_t buffer_size,
                                             uint32_t *info_size);
/** GetNextDifferentlyValidOffsetVirtual: an address above offset whose
 *  validity may differ from offset's; E_NOINTERFACE when none. */
DS_EXTERN(HRESULT) ds_get_next_differently_valid_offset_virtual(ds_target *t, uint64_t offset,
                                                                uint64_t *next_offset);
/** GetValidRegionVirtual: the first run of readable memory within
 *  [base, base + size), clipped to it; E_NOINTERFACE when there is none. */
DS_EXTERN(HRESULT) ds_get_valid_region_virtual(ds_target *t, uint64_t base, uint32_t size,
                                               uint64_t *valid_base, uint32_t *valid_size);
/** SearchVirtual2: ds_search_virtual with flags (DEBUG_VSEARCH_WRITABLE_ONLY:
 *  only writable committed memory). */
DS_EXTERN(HRESULT) ds_search_virtual2(ds_target *t, uint64_t offset, uint64_t length, uint32_t flags,
                                      const void *pattern, uint32_t pattern_size,
                                      uint32_t pattern_granularity, uint64_t *match_offset);
/** ReadMultiByteStringVirtual: the NUL-terminated byte string at offset (at
 *  most max_bytes read). *string_bytes is its size in the target with the
 *  NUL; S_FALSE when buffer cuts it; E_INVALIDARG when no NUL within max_bytes. */
DS_EXTERN(HRESULT) ds_read_multi_byte_string_virtual(ds_target *t, uint64_t offset,
                                                     uint32_t max_bytes, char *buffer,
                                                     uint32_t buffer_size, uint32_t *string_bytes);
/** ReadMultiByteStringVirtualWide: the same, converted from code_page to
 *  UTF-16 (buffer_size counts WCHARs). */
DS_EXTERN(HRESULT) ds_read_multi_byte_string_virtual_wide(ds_target *t, uint64_t offset,
                                                          uint32_t max_bytes, uint32_t code_page,
                                                          WCHAR *buffer, uint32_t buffer_size,
                                                          uint32_t *string_bytes);
/** ReadUnicodeStringVirtual: the NUL-terminated UTF-16 string at offset (in
 *  the target's byte order), converted to code_page. */
DS_EXTERN(HRESULT) ds_read_unicode_string_virtual(ds_target *t, uint64_t offset, uint32_t max_bytes,
                                                  uint32_t code_page, char *buffer,
                                                  uint32_t buffer_size, uint32_t *string_bytes);
/** ReadUnicodeStringVirtualWide: the same, as UTF-16 in host order. */
DS_EXTERN(HRESULT) ds_read_unicode_string_virtual_wide(ds_target *t, uint64_t offset,
                                                       uint32_t max_bytes, WCHAR *buffer,
                                                       uint32_t buffer_size,
                                                       uint32_t *string_bytes);
/** ReadPhysical2, WritePhysical2: ds_read_physical and ds_write_physical
 *  with a DEBUG_PHYSICAL_* caching flag. */
DS_EXTERN(HRESULT) ds_read_physical2(ds_target *t, uint64_t offset, uint32_t flags, void *buffer,
                                     uint32_t buffer_size, uint32_t *bytes_read);
DS_EXTERN(HRESULT) ds_write_physical2(ds_target *t, uint64_t offset, uint32_t flags,
                                      const void *buffer, uint32_t buffer_size,
                                      uint32_t *bytes_written);

/* ---- thread contexts (issue 20) ------------------------------------------ */

/** GetThreadContext (IDebugAdvanced), for thread tid (a system id from
 *  ds_get_thread_ids): the thread's registers as the Windows CONTEXT of the
 *  target's machine (context.h): DS_AMD64_CONTEXT (1232 bytes), DS_X86_CONTEXT (716)
 *  or DS_ARM64_CONTEXT (912); context_size must be at least that (E_INVALIDARG
 *  otherwise; ds_thread_context_size says how much). The record is
 *  zeroed, then filled with what the target has; ContextFlags says which
 *  parts that is. Every source gives this one layout: a minidump's record
 *  as stored, except Breakpad's old ARM64 one (MDRawContextARM64_Old),
 *  converted; a core's or live thread's Linux register sets, converted.
 *  A tid the target does not list: E_INVALIDARG. Another
 *  machine: E_NOTIMPL. A live target whose threads are not stopped
 *  (DS_ATTACH_NONINVASIVE_NO_SUSPEND, _INVASIVE_RESUME_PROCESS): E_UNEXPECTED. */
DS_EXTERN(HRESULT) ds_get_thread_context(ds_target *t, uint32_t tid, void *context,
                                         uint32_t context_size);
/** Bytes of the CONTEXT record of the target's machine; 0 when
 *  ds_get_thread_context does not know the machine. */
DS_EXTERN(uint32_t) ds_thread_context_size(const ds_target *t);

/* ---- writing dumps (issue 20) --------------------------------------------- */

/* ds_write_dump formats. DS_DUMP_MINIDUMP is dbgeng's DEBUG_DUMP_SMALL (the
 * user-mode minidump WriteDumpFile2 writes); DS_DUMP_ELF_CORE is the
 * library's own, above dbgeng's range. */
#define DS_DUMP_MINIDUMP 1024u
#define DS_DUMP_ELF_CORE 0x01000000u
/* Flags: dbgeng's DEBUG_FORMAT_* values. Those marked "taken" change the
 * dump; every other DEBUG_FORMAT_USER_SMALL_* bit is accepted and changes
 * nothing (docs/api.md, Writing dumps). */
#define DS_FORMAT_DEFAULT 0x00000000u
/** Taken: every readable byte (Memory64ListStream); without it a minidump
 *  holds the thread stacks (MemoryListStream). An ELF core always holds
 *  every readable byte. */
#define DS_FORMAT_USER_SMALL_FULL_MEMORY 0x00000001u
#define DS_FORMAT_USER_SMALL_HANDLE_DATA 0x00000002u
#define DS_FORMAT_USER_SMALL_UNLOADED_MODULES 0x00000004u
#define DS_FORMAT_USER_SMALL_INDIRECT_MEMORY 0x00000008u
#define DS_FORMAT_USER_SMALL_DATA_SEGMENTS 0x00000010u
#define DS_FORMAT_USER_SMALL_FILTER_MEMORY 0x00000020u
#define DS_FORMAT_USER_SMALL_FILTER_PATHS 0x00000040u
#define DS_FORMAT_USER_SMALL_PROCESS_THREAD_DATA 0x00000080u
#define DS_FORMAT_USER_SMALL_PRIVATE_READ_WRITE_MEMORY 0x00000100u
#define DS_FORMAT_USER_SMALL_NO_OPTIONAL_DATA 0x00000200u
/** Taken (and always on): MemoryInfoListStream from QueryVirtual. */
#define DS_FORMAT_USER_SMALL_FULL_MEMORY_INFO 0x00000400u
#define DS_FORMAT_USER_SMALL_THREAD_INFO 0x00000800u
#define DS_FORMAT_USER_SMALL_CODE_SEGMENTS 0x00001000u
#define DS_FORMAT_USER_SMALL_NO_AUXILIARY_STATE 0x00002000u
#define DS_FORMAT_USER_SMALL_FULL_AUXILIARY_STATE 0x00004000u
#define DS_FORMAT_USER_SMALL_MODULE_HEADERS 0x00008000u
#define DS_FORMAT_USER_SMALL_FILTER_TRIAGE 0x00010000u
#define DS_FORMAT_USER_SMALL_ADD_AVX_XSTATE_CONTEXT 0x00020000u
#define DS_FORMAT_USER_SMALL_IPT_TRACE 0x00040000u
#define DS_FORMAT_USER_SMALL_IGNORE_INACCESSIBLE_MEM 0x08000000u
/** Refused (E_NOTIMPL): no cabinet files. */
#define DS_FORMAT_WRITE_CAB 0x20000000u
#define DS_FORMAT_CAB_SECONDARY_FILES 0x40000000u
/** Taken: an existing file at path is refused
 *  (HRESULT_FROM_WIN32(ERROR_FILE_EXISTS)) instead of replaced. */
#define DS_FORMAT_NO_OVERWRITE 0x80000000u

/** Progress of a dump being written: bytes of target memory written so far
 *  and the total to write. A nonzero return cancels the write (E_ABORT). */
typedef int (*ds_dump_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/** WriteDumpFile2: write the target to path as a minidump or an ELF core
 *  (DS_DUMP_*), with DS_FORMAT_* flags and an optional comment (a
 *  minidump's CommentStreamA; ignored by ELF cores). The file is written
 *  under a temporary name beside path and renamed into place only once
 *  whole, so a failed write leaves no file at path; memory is streamed in
 *  chunks, never held whole. */
DS_EXTERN(HRESULT) ds_write_dump(ds_target *t, const char *path, uint32_t format, uint32_t flags,
                                 const char *comment);
/** The same, calling progress(ctx, ...) as memory is written. */
DS_EXTERN(HRESULT) ds_write_dump_progress(ds_target *t, const char *path, uint32_t format,
                                          uint32_t flags, const char *comment,
                                          ds_dump_progress_fn progress, void *ctx);

#ifdef __cplusplus
}
#endif
#endif /* DATASPACES_DATASPACES_H */
