/* hostile_core_checks.c — see hostile_core_checks.h. */
#include "hostile_core_checks.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "target.h"      /* ds_elfcore_open, DS_OPEN_BORROWED_MAP, the backend ops */
#include "testlib.h"

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)

struct elf64_copy {
    uint8_t *data;
    size_t size;
    Elf64_Ehdr *eh;
    Elf64_Phdr *ph;
};

static struct elf64_copy x86_64_copy(uint8_t *core, size_t size)
{
    struct elf64_copy c = { core, size, (Elf64_Ehdr *)core, NULL };
    c.ph = (Elf64_Phdr *)(core + c.eh->e_phoff);
    return c;
}

static HRESULT open_copy(const struct elf64_copy *c, ds_target **t)
{
    return ds_elfcore_open("hand-made copy", c->data, c->size, DS_OPEN_BORROWED_MAP, t);
}

/* Offset of the first note of the given type in the copy's PT_NOTE. */
static size_t find_note_desc(const struct elf64_copy *c, uint32_t type, uint32_t **descsz)
{
    size_t at = c->ph[0].p_offset, end = at + c->ph[0].p_filesz;
    while (at + 12 <= end) {
        uint32_t *h = (uint32_t *)(c->data + at);
        size_t desc = at + 12 + ((h[0] + 3) & ~3u);
        if (h[2] == type) {
            *descsz = &h[1];
            return desc;
        }
        at = desc + ((h[1] + 3) & ~3u);
    }
    fail_msg("note type 0x%x not found", type);
    return 0;
}

void check_core_without_memory(uint8_t *core, size_t core_size)
{
    struct elf64_copy c = x86_64_copy(core, core_size);
    for (int i = 0; i < c.eh->e_phnum; i++)
        if (c.ph[i].p_type == PT_LOAD)
            c.ph[i].p_type = PT_NULL;
    /* Through ds_open_dump, as a user would. */
    char dir[] = "/tmp/ds-elfcore-XXXXXX", path[4096];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/nomemory.core", dir);
    write_whole_file(path, c.data, c.size);
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, 0, &t), NULL);
    uint8_t b[8];
    uint32_t n = 99;
    uint64_t start, size;
    assert_hr(READ_FAULT, ds_read_virtual(t, 0x400000, b, sizeof b, &n), t);
    assert_int_equal(n, 0);
    assert_hr(READ_FAULT, ds_read_virtual(t, 0x7ffe0c027cf5, b, sizeof b, &n), t);
    assert_hr(READ_FAULT, ds_read_virtual(t, 0, b, sizeof b, &n), t);
    assert_int_equal(t->ops->next_readable(t, 0, &start, &size), S_FALSE);
    assert_int_equal(ds_process_id(t), 32259);
    ds_close(t);
    /* Without its notes too: no region at all. */
    c.ph[0].p_type = PT_NULL;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(E_INVALIDARG, ds_query_virtual(t, 0, &mbi), t);
    assert_hr(READ_FAULT, ds_read_virtual(t, 0x400000, b, sizeof b, &n), t);
    ds_close(t);
    remove_tree(dir);
}

/* e_phnum = PN_XNUM with the real count in section 0's sh_info (what the
   kernel writes for more than 65534 mappings) opens as the original. */
void check_pn_xnum(const uint8_t *core, size_t core_size)
{
    size_t shoff = (core_size + 7) & ~(size_t)7;
    uint8_t *bigger = calloc(1, shoff + sizeof(Elf64_Shdr));
    memcpy(bigger, core, core_size);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)bigger;
    Elf64_Shdr *sh = (Elf64_Shdr *)(bigger + shoff);
    sh->sh_info = eh->e_phnum;
    eh->e_phnum = PN_XNUM;
    eh->e_shoff = shoff;
    eh->e_shentsize = sizeof(Elf64_Shdr);
    eh->e_shnum = 1;
    ds_target *t;
    assert_hr(S_OK, ds_elfcore_open("PN_XNUM copy", bigger, shoff + sizeof *sh,
                                    DS_OPEN_BORROWED_MAP, &t), NULL);
    uint8_t b[16];
    uint32_t n;
    assert_hr(S_OK, ds_read_virtual(t, 0xffffffffff600ff0, b, 16, &n), t);
    assert_int_equal(n, 16);
    assert_memory_equal(b, "\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc\xcc", 16);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, 0x7ffe0c16d000, &mbi), t);
    assert_int_equal(mbi.RegionSize, 0x2000);
    ds_close(t);
    /* The same with the section header cut off: a clean refusal. */
    assert_int_not_equal(ds_elfcore_open("PN_XNUM copy", bigger, shoff, DS_OPEN_BORROWED_MAP, &t),
                         S_OK);
    assert_non_null(strstr(ds_error_text(NULL), "PN_XNUM copy"));
    free(bigger);
}

void check_hostile_segments(uint8_t *core, size_t core_size)
{
    struct elf64_copy c = x86_64_copy(core, core_size);
    ds_target *t;
    uint8_t b[32];
    uint32_t n;
    MEMORY_BASIC_INFORMATION64 mbi;
    /* Segment 2 (stack, 0x7ffe0c026000) moved to overlap segment 1 (a.out,
       0x400000-0x401000) by half a page: clipped, not lost, not doubled. */
    Elf64_Phdr saved = c.ph[2];
    c.ph[2].p_vaddr = 0x400800;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    assert_hr(S_OK, ds_query_virtual(t, 0x400000, &mbi), t);
    assert_int_equal(mbi.RegionSize, 0x1000);
    assert_hr(S_OK, ds_query_virtual(t, 0x401000, &mbi), t);
    assert_int_equal(mbi.BaseAddress, 0x401000);
    assert_int_equal(mbi.RegionSize, 0x2800);
    assert_hr(S_OK, ds_read_virtual(t, 0x400ff0, b, 32, &n), t);
    assert_int_equal(n, 32);
    assert_memory_equal(b, c.data + c.ph[1].p_offset + 0xff0, 16);
    assert_memory_equal(b + 16, c.data + saved.p_offset + 0x800, 16);
    ds_close(t);
    /* Data past the end of the file: the region shows, nothing reads. */
    c.ph[2] = saved;
    c.ph[2].p_offset = c.size + 0x1000;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    assert_hr(S_OK, ds_query_virtual(t, saved.p_vaddr, &mbi), t);
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_hr(READ_FAULT, ds_read_virtual(t, saved.p_vaddr, b, 8, &n), t);
    ds_close(t);
    /* p_filesz > p_memsz, and a segment that wraps past 2^64. */
    c.ph[2] = saved;
    c.ph[2].p_filesz = saved.p_memsz + 0x1000;
    c.ph[5].p_memsz = 0x7fffffffffffffff;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    assert_hr(READ_FAULT, ds_read_virtual(t, saved.p_vaddr + saved.p_memsz, b, 8, &n), t);
    assert_hr(S_OK, ds_read_virtual(t, 0xffffffffff600ff0, b, 32, &n), t);
    assert_int_equal(n, 16);
    assert_hr(READ_FAULT, ds_read_virtual(t, 0xfffffffffffffff0, b, 32, &n), t);
    assert_hr(S_OK, ds_query_virtual(t, 0xffffffffff600000, &mbi), t);
    assert_int_equal(mbi.RegionSize, 0xffffffffffffffff - 0xffffffffff600000);
    ds_close(t);
}

void check_hostile_headers(uint8_t *core, size_t core_size)
{
    struct elf64_copy c = x86_64_copy(core, core_size);
    ds_target *t;
    /* Not a core. */
    c.eh->e_type = ET_EXEC;
    assert_int_equal(open_copy(&c, &t), E_INVALIDARG);
    assert_non_null(strstr(ds_error_text(NULL), "not a core file"));
    c.eh->e_type = ET_CORE;
    /* A program header table that runs past the end of the file. */
    c.eh->e_phnum = 60000;
    assert_int_equal(open_copy(&c, &t), E_INVALIDARG);
    assert_non_null(strstr(ds_error_text(NULL), "past the end"));
    c.eh->e_phnum = 6;
    /* A wrong program header size. */
    c.eh->e_phentsize = 48;
    assert_int_equal(open_copy(&c, &t), E_INVALIDARG);
    c.eh->e_phentsize = sizeof(Elf64_Phdr);
    /* NT_FILE claiming 2^64-1 entries: the entries that fit, no names. */
    uint32_t *descsz;
    size_t desc = find_note_desc(&c, NT_FILE, &descsz);
    uint64_t saved_count;
    memcpy(&saved_count, c.data + desc, 8);
    memset(c.data + desc, 0xff, 8);
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    MEMORY_BASIC_INFORMATION64 mbi;
    assert_hr(S_OK, ds_query_virtual(t, 0x400000, &mbi), t);
    ds_close(t);
    memcpy(c.data + desc, &saved_count, 8);
    /* A page size of 0 in NT_FILE: offsets unknown, mappings still typed. */
    memset(c.data + desc + 8, 0, 8);
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    assert_hr(S_OK, ds_query_virtual(t, 0x400000, &mbi), t);
    assert_int_equal(mbi.Type, MEM_IMAGE);
    ds_close(t);
    /* A note whose descsz runs past its segment ends the walk there. */
    uint32_t *prstatus_size;
    find_note_desc(&c, NT_PRSTATUS, &prstatus_size);
    *prstatus_size = 0xfffffff0;
    assert_hr(S_OK, open_copy(&c, &t), NULL);
    uint32_t threads = 99;
    assert_hr(S_OK, ds_get_number_threads(t, &threads), t);
    assert_int_equal(threads, 0);
    uint8_t b[4];
    uint32_t n;
    assert_hr(S_OK, ds_read_virtual(t, 0x400000, b, 4, &n), t);
    assert_memory_equal(b, "\177ELF", 4);
    ds_close(t);
}

void check_open_notes_say_what_was_ignored(const uint8_t *core, size_t size)
{
    ds_target *t;
    assert_hr(S_OK, ds_elfcore_open("whole", core, size, DS_OPEN_BORROWED_MAP, &t), NULL);
    assert_string_equal(ds_open_notes(t), "");
    ds_close(t);
    /* The PT_NOTE segment spans 0x190..0xb24: cut after the first note. */
    assert_hr(S_OK, ds_elfcore_open("cut", core, 0x300, DS_OPEN_BORROWED_MAP, &t), NULL);
    print_message("notes: %s\n", ds_open_notes(t));
    assert_non_null(strstr(ds_open_notes(t), "PT_NOTE at file offset 0x190 is cut"));
    uint32_t n;
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_int_equal(n, 1); /* NT_PRSTATUS came before the cut */
    ds_close(t);
}
