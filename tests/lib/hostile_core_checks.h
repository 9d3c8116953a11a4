/*
 * hostile_core_checks.h — hand-made hostile headers, each edited into a
 * copy of an x86-64 core laid out as lldb's linux-x86_64 kernel core (its
 * notes first, then six PT_LOADs: a.out at 0x400000, the stack at
 * 0x7ffe0c026000, ..., the vsyscall page at 0xffffffffff600000; pid
 * 32259). tests/test_elfcore.c runs them on a core it builds in that
 * layout (ecb_lldb_like_x86_64), tests/conformance/conf_elfcore.c on
 * lldb's own core.
 *
 * Each check edits the bytes it is given (the caller frees them).
 */
#ifndef DS_HOSTILE_CORE_CHECKS_H
#define DS_HOSTILE_CORE_CHECKS_H

#include <stddef.h>
#include <stdint.h>

/* No PT_LOAD (opened through ds_open_dump, as a user would), then no
   PT_NOTE either: nothing reads, no region. */
void check_core_without_memory(uint8_t *core, size_t size);
/* e_phnum = PN_XNUM with the real count in section 0's sh_info opens as
   the original; cut before that section header, a clean refusal. */
void check_pn_xnum(const uint8_t *core, size_t size);
/* Overlapping segments, data past the end of the file, p_filesz >
   p_memsz, a segment that wraps past 2^64. */
void check_hostile_segments(uint8_t *core, size_t size);
/* Not a core, a program header table past the end of the file, a wrong
   e_phentsize, NT_FILE with 2^64-1 entries or a page size of 0, a note
   whose descsz runs past its segment. */
void check_hostile_headers(uint8_t *core, size_t size);
/* ds_open_notes: empty for the whole core, naming the cut PT_NOTE of a
   copy cut after its first note. */
void check_open_notes_say_what_was_ignored(const uint8_t *core, size_t size);

/* The checks above as cmocka tests, each on a fresh copy of the core
   that get_core(size_t *size) returns (malloc'd): DEFINE_HOSTILE_CORE_TESTS
   defines them where the program's tests are, HOSTILE_CORE_TESTS lists
   them in its table. */
#define DEFINE_HOSTILE_CORE_TEST(name, get_core)  \
    static void test_##name(void **state)         \
    {                                             \
        (void)state;                              \
        size_t size;                              \
        uint8_t *core = get_core(&size);          \
        check_##name(core, size);                 \
        free(core);                               \
    }
#define DEFINE_HOSTILE_CORE_TESTS(get_core)                            \
    DEFINE_HOSTILE_CORE_TEST(core_without_memory, get_core)            \
    DEFINE_HOSTILE_CORE_TEST(pn_xnum, get_core)                        \
    DEFINE_HOSTILE_CORE_TEST(hostile_segments, get_core)               \
    DEFINE_HOSTILE_CORE_TEST(hostile_headers, get_core)                \
    DEFINE_HOSTILE_CORE_TEST(open_notes_say_what_was_ignored, get_core)
#define HOSTILE_CORE_TESTS                                     \
    cmocka_unit_test(test_core_without_memory),                \
    cmocka_unit_test(test_pn_xnum),                            \
    cmocka_unit_test(test_hostile_segments),                   \
    cmocka_unit_test(test_hostile_headers),                    \
    cmocka_unit_test(test_open_notes_say_what_was_ignored)

#endif /* DS_HOSTILE_CORE_CHECKS_H */
