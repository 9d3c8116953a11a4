/* core_checks.c — see core_checks.h. */
#include "core_checks.h"

#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "target.h" /* ds_elfcore_open, DS_OPEN_BORROWED_MAP, the backend ops */
#include "testlib.h"

#define READ_FAULT HRESULT_FROM_WIN32(ERROR_READ_FAULT)
#define WRITE_FAULT HRESULT_FROM_WIN32(ERROR_WRITE_FAULT)

bool same_address(ds_target *t, uint64_t got, uint64_t want)
{
    if (ds_pointer_size(t) != 4)
        return got == want;
    uint64_t extended = (uint64_t)(int64_t)(int32_t)(uint32_t)want;
    return got == extended || got == (uint32_t)want;
}

uint32_t expected_machine(unsigned em, unsigned elf_class)
{
    switch (em) {
    case 62: return IMAGE_FILE_MACHINE_AMD64;
    case 3: return IMAGE_FILE_MACHINE_I386;
    case 183: return IMAGE_FILE_MACHINE_ARM64;
    case 40: return IMAGE_FILE_MACHINE_ARMNT;
    case 243: return elf_class == 64 ? IMAGE_FILE_MACHINE_RISCV64 : 0;
    case 20: return IMAGE_FILE_MACHINE_POWERPC;
    case 8: return IMAGE_FILE_MACHINE_R4000;
    default: return 0;
    }
}

/* PAGE_* for readelf-style flags "RWX" (the test's own table). */
static uint32_t expected_protect(const char *f)
{
    bool r = f[0] == 'R', w = f[1] == 'W', x = f[2] == 'X';
    if (x)
        return w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    if (w)
        return PAGE_READWRITE;
    return r ? PAGE_READONLY : PAGE_NOACCESS;
}

/* ---- checks of one shared core --------------------------------------------- */

static uint64_t bytes_in_file(const struct truth_load *l, size_t file_size)
{
    uint64_t n = l->filesz < l->memsz ? l->filesz : l->memsz;
    if (l->offset >= file_size)
        return 0;
    return n < file_size - l->offset ? n : file_size - l->offset;
}

static void check_load(ds_target *t, const struct truth_load *l, const uint8_t *file,
                       size_t file_size)
{
    MEMORY_BASIC_INFORMATION64 mbi, next;
    assert_hr(S_OK, ds_query_virtual(t, l->vaddr, &mbi), t);
    assert_true(same_address(t, mbi.BaseAddress, l->vaddr));
    /* Longer only when the pages after it have the same attributes. */
    assert_true(mbi.RegionSize >= l->memsz);
    if (mbi.RegionSize > l->memsz) {
        assert_hr(S_OK, ds_query_virtual(t, l->vaddr + l->memsz, &next), t);
        assert_int_equal(next.Protect, mbi.Protect);
        assert_int_equal(next.AllocationBase, mbi.AllocationBase);
    }
    assert_int_equal(mbi.State, MEM_COMMIT);
    assert_int_equal(mbi.Protect, expected_protect(l->flags));
    assert_true(mbi.Type == MEM_IMAGE || mbi.Type == MEM_MAPPED || mbi.Type == MEM_PRIVATE);
    assert_true(mbi.AllocationBase <= mbi.BaseAddress);

    uint64_t n = bytes_in_file(l, file_size);
    uint8_t *buf = malloc(n ? n : 1);
    for (uint64_t done = 0; done < n;) {
        uint32_t want = n - done > (1u << 20) ? (1u << 20) : (uint32_t)(n - done), got = 0;
        assert_hr(S_OK, ds_read_virtual(t, l->vaddr + done, buf + done, want, &got), t);
        assert_int_equal(got, want);
        done += got;
    }
    assert_memory_equal(buf, file + l->offset, n);
    free(buf);
    if (l->memsz > n) {
        /* The partial-read rule at the end of what the file holds. */
        uint8_t b[16];
        uint32_t got = 99;
        assert_hr(READ_FAULT, ds_read_virtual(t, l->vaddr + n, b, 1, &got), t);
        assert_int_equal(got, 0);
        if (n >= 8) {
            assert_hr(S_OK, ds_read_virtual(t, l->vaddr + n - 8, b, 16, &got), t);
            assert_int_equal(got, 8);
            assert_memory_equal(b, file + l->offset + n - 8, 8);
        }
    }
}

static void check_samples(ds_target *t, const struct truth *tr)
{
    for (size_t i = 0; i < tr->nreads; i++) {
        uint8_t b[16];
        uint32_t got = 0;
        assert_hr(S_OK, ds_read_virtual(t, tr->reads[i].addr, b, 16, &got), t);
        assert_int_equal(got, 16);
        assert_memory_equal(b, tr->reads[i].bytes, 16);
        assert_int_equal(t->ops->virtual_source(t, tr->reads[i].addr), DEBUG_VSOURCE_DEBUGGEE);
        size_t avail = 0;
        const void *in_place = t->ops->peek(t, tr->reads[i].addr, &avail);
        assert_non_null(in_place);
        assert_true(avail >= 16);
        assert_memory_equal(in_place, tr->reads[i].bytes, 16);
    }
    for (size_t i = 0; i < tr->nedges; i++) {
        const struct truth_read *e = &tr->edges[i];
        uint8_t b[16];
        uint32_t got = 99;
        HRESULT hr = ds_read_virtual(t, e->addr, b, 16, &got);
        assert_hr(e->known ? S_OK : READ_FAULT, hr, t);
        assert_int_equal(got, (uint32_t)e->known);
        assert_memory_equal(b, e->bytes, (size_t)e->known);
        assert_hr(READ_FAULT, ds_read_virtual(t, e->addr + (uint64_t)e->known, b, 16, &got), t);
        assert_non_null(strstr(ds_error_text(t), "core file"));
        assert_int_equal(t->ops->virtual_source(t, e->addr + (uint64_t)e->known),
                         DEBUG_VSOURCE_INVALID);
        size_t avail = 99;
        assert_null(t->ops->peek(t, e->addr + (uint64_t)e->known, &avail));
        assert_int_equal(avail, 0);
        if (e->known) {
            const uint8_t *in_place = t->ops->peek(t, e->addr, &avail);
            assert_non_null(in_place);
            assert_int_equal(avail, (size_t)e->known);
        }
    }
}

/* Reads across adjacent segments are seamless; gaps between them are free. */
static void check_neighbours(ds_target *t, const struct truth *tr, const uint8_t *file,
                             size_t file_size)
{
    for (size_t i = 0; i + 1 < tr->nloads; i++) {
        const struct truth_load *a = &tr->loads[i], *b = &tr->loads[i + 1];
        uint64_t a_end = a->vaddr + a->memsz;
        MEMORY_BASIC_INFORMATION64 mbi;
        if (a_end == b->vaddr && bytes_in_file(a, file_size) == a->memsz && a->memsz >= 16 &&
            bytes_in_file(b, file_size) >= 16) {
            uint8_t buf[32];
            uint32_t got = 0;
            assert_hr(S_OK, ds_read_virtual(t, a_end - 16, buf, 32, &got), t);
            assert_int_equal(got, 32);
            assert_memory_equal(buf, file + a->offset + a->memsz - 16, 16);
            assert_memory_equal(buf + 16, file + b->offset, 16);
        } else if (a_end < b->vaddr) {
            assert_hr(S_OK, ds_query_virtual(t, a_end, &mbi), t);
            assert_int_equal(mbi.State, MEM_FREE);
            assert_true(same_address(t, mbi.BaseAddress, a_end));
            assert_int_equal(mbi.RegionSize, b->vaddr - a_end);
        }
    }
    const struct truth_load *last = &tr->loads[tr->nloads - 1];
    uint64_t top = last->vaddr + last->memsz;
    MEMORY_BASIC_INFORMATION64 mbi;
    if (top != 0 && (tr->elf_class == 64 || top <= 0xffffffffull))
        assert_hr(E_INVALIDARG, ds_query_virtual(t, top, &mbi), t);
}

/* next_readable enumerates exactly the bytes the segments hold. */
static void check_readable_runs(ds_target *t, const struct truth *tr, size_t file_size)
{
    uint64_t expected = 0, seen = 0, addr = 0, start, size;
    for (size_t i = 0; i < tr->nloads; i++)
        expected += bytes_in_file(&tr->loads[i], file_size);
    for (int guard = 0; guard < 4096 && t->ops->next_readable(t, addr, &start, &size) == S_OK;
         guard++) {
        assert_true(start >= addr && size > 0);
        /* Each run is the bytes of one segment or of several that touch. */
        for (uint64_t at = start; at < start + size;) {
            bool inside = false;
            for (size_t i = 0; i < tr->nloads && !inside; i++) {
                const struct truth_load *l = &tr->loads[i];
                uint64_t end = l->vaddr + bytes_in_file(l, file_size);
                if (at >= l->vaddr && at < end) {
                    inside = true;
                    at = end;
                }
            }
            assert_true(inside);
        }
        seen += size;
        addr = start + size;
        if (addr == 0)
            break;
    }
    assert_int_equal(seen, expected);
}

static void check_identity(ds_target *t, const struct truth *tr)
{
    assert_string_equal(ds_target_kind(t), "elfcore");
    assert_int_equal(ds_pointer_size(t), tr->elf_class / 8);
    assert_int_equal(ds_machine(t), expected_machine(tr->machine, tr->elf_class));
    uint32_t n = 0, ids[16];
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
    assert_int_equal(n, tr->nthreads);
    assert_hr(S_OK, ds_get_thread_ids(t, 0, n, ids), t);
    bool pid_is_a_thread = false;
    for (uint32_t i = 0; i < n; i++) {
        assert_int_equal(ids[i], tr->threads[i]);
        pid_is_a_thread |= ids[i] == ds_process_id(t);
    }
    assert_true(pid_is_a_thread);
    /* Every module is an image region that starts its own allocation. */
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t base, size;
        MEMORY_BASIC_INFORMATION64 mbi;
        assert_hr(S_OK, ds_get_module(t, i, &base, &size, NULL, 0, NULL), t);
        assert_hr(S_OK, ds_query_virtual(t, base, &mbi), t);
        assert_true(same_address(t, mbi.BaseAddress, base));
        assert_true(same_address(t, mbi.AllocationBase, base));
        assert_int_equal(mbi.Type, MEM_IMAGE);
        assert_true(size >= mbi.RegionSize);
    }
}

static void check_read_only(ds_target *t, const struct truth *tr, size_t file_size)
{
    for (size_t i = 0; i < tr->nloads; i++) {
        if (!bytes_in_file(&tr->loads[i], file_size))
            continue;
        uint32_t written = 99;
        assert_hr(WRITE_FAULT, ds_write_virtual(t, tr->loads[i].vaddr, "x", 1, &written), t);
        assert_int_equal(written, 0);
        assert_non_null(strstr(ds_error_text(t), "read-only"));
        return;
    }
}

void check_core_truth(ds_target *t, const struct truth *tr, const uint8_t *file,
                      size_t file_size)
{
    assert_true(tr->nloads > 0);
    check_identity(t, tr);
    for (size_t i = 0; i < tr->nloads; i++)
        check_load(t, &tr->loads[i], file, file_size);
    check_samples(t, tr);
    check_neighbours(t, tr, file, file_size);
    check_readable_runs(t, tr, file_size);
    check_read_only(t, tr, file_size);
}

void check_writable_copy(const char *path, const uint8_t *file, size_t size, uint64_t stack_byte,
                         uint64_t text)
{
    ds_target *t;
    assert_hr(S_OK, ds_open_dump(path, DS_OPEN_WRITABLE_COPY, &t), NULL);
    uint8_t buf[16];
    uint32_t n = 0;
    assert_hr(S_OK, ds_write_virtual(t, stack_byte, "WXYZ", 4, &n), t);
    assert_int_equal(n, 4);
    assert_hr(S_OK, ds_read_virtual(t, stack_byte, buf, 4, &n), t);
    assert_memory_equal(buf, "WXYZ", 4);
    /* The text segment holds its first page only: 8 of 16 bytes. */
    assert_hr(S_OK, ds_write_virtual(t, text + 0xff8, "0123456789abcdef", 16, &n), t);
    assert_int_equal(n, 8);
    assert_hr(WRITE_FAULT, ds_write_virtual(t, text + 0x1000, "x", 1, &n), t);
    assert_int_equal(n, 0);
    assert_hr(WRITE_FAULT, ds_write_virtual(t, 0x10, "x", 1, &n), t);
    ds_close(t);
    /* The file is untouched. */
    size_t size2;
    uint8_t *again = read_whole_file(path, &size2);
    assert_int_equal(size, size2);
    assert_memory_equal(file, again, size);
    free(again);
}

/* ---- truncated and corrupted copies ---------------------------------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
    /* xorshift64*: deterministic, so a failure can be replayed. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static void probe(ds_target *t, ds_target *orig, uint64_t addr, uint32_t size)
{
    static uint8_t buf[65536], ref[65536];
    uint32_t got = 99, got2 = 0;
    HRESULT hr = ds_read_virtual(t, addr, buf, size, &got);
    if (FAILED(hr)) {
        assert_hr(READ_FAULT, hr, t);
        assert_int_equal(got, 0);
        return;
    }
    assert_true(got > 0 && got <= size);
    if (orig) {
        /* A cut copy holds a prefix of the original's bytes, nothing else. */
        assert_hr(S_OK, ds_read_virtual(orig, addr, ref, got, &got2), orig);
        assert_int_equal(got2, got);
        assert_memory_equal(buf, ref, got);
    }
}

/* Walk everything a damaged target offers: regions, reads at both ends of
   each, readable runs, sources, modules. Bounded whatever the file says. */
static void exercise(ds_target *t, ds_target *orig)
{
    MEMORY_BASIC_INFORMATION64 mbi;
    uint64_t addr = 0, start, size;
    for (int k = 0; k < 512 && SUCCEEDED(ds_query_virtual(t, addr, &mbi)); k++) {
        if (mbi.State != MEM_FREE) {
            probe(t, orig, mbi.BaseAddress, mbi.RegionSize < 65536 ? (uint32_t)mbi.RegionSize : 65536);
            if (mbi.RegionSize > 4096)
                probe(t, orig, mbi.BaseAddress + mbi.RegionSize - 4096, 4096);
            (void)t->ops->virtual_source(t, mbi.BaseAddress);
            /* A peeked run lies inside the buffer (ASan checks both ends). */
            size_t avail;
            const volatile uint8_t *in_place = t->ops->peek(t, mbi.BaseAddress, &avail);
            if (in_place) {
                assert_true(avail > 0);
                (void)in_place[0];
                (void)in_place[avail - 1];
            }
        }
        uint64_t next = mbi.BaseAddress + mbi.RegionSize;
        if (next <= addr)
            break;
        addr = next;
    }
    addr = 0;
    for (int k = 0; k < 512 && t->ops->next_readable(t, addr, &start, &size) == S_OK; k++) {
        assert_true(size > 0 && start >= addr);
        probe(t, orig, start, size < 256 ? (uint32_t)size : 256);
        if (start + size <= addr)
            break;
        addr = start + size;
        if (!addr)
            break;
    }
    uint32_t n;
    assert_hr(S_OK, ds_get_number_modules(t, &n), t);
    assert_hr(S_OK, ds_get_number_threads(t, &n), t);
}

static unsigned copies_opened, copies_refused;

static void open_and_exercise(const char *name, const uint8_t *data, size_t size,
                              ds_target *orig)
{
    ds_target *t = NULL;
    HRESULT hr = ds_elfcore_open(name, data, size, DS_OPEN_BORROWED_MAP, &t);
    copies_opened += SUCCEEDED(hr);
    copies_refused += FAILED(hr);
    if (FAILED(hr)) {
        assert_null(t);
        assert_string_not_equal(ds_error_text(NULL), "no error");
        assert_non_null(strstr(ds_error_text(NULL), name));
        return;
    }
    exercise(t, orig);
    ds_close(t);
}

/* Each note's header, and the start, middle and end of its descriptor
   (NT_FILE's count, page size, table and names among them). */
static size_t note_offsets(Elf *e, const GElf_Phdr *ph, size_t *out, size_t n, size_t cap)
{
    Elf_Data *d = elf_getdata_rawchunk(e, (int64_t)ph->p_offset, ph->p_filesz, ELF_T_NHDR);
    GElf_Nhdr nh;
    size_t at = 0, next, name_at, desc_at;
    while (d && n + 6 < cap && (next = gelf_getnote(d, at, &nh, &name_at, &desc_at)) > at) {
        out[n++] = ph->p_offset + at + 4;
        out[n++] = ph->p_offset + desc_at;
        out[n++] = ph->p_offset + desc_at + 8;
        out[n++] = ph->p_offset + desc_at + 16;
        out[n++] = ph->p_offset + desc_at + nh.n_descsz / 2;
        out[n++] = ph->p_offset + desc_at + nh.n_descsz - 1;
        at = next;
    }
    return n;
}

/* Offsets where a cut or a flip says the most: header fields, program
   headers, notes, the edges of segment data. */
static size_t interesting_offsets(const uint8_t *data, size_t size, size_t *out, size_t cap)
{
    size_t n = 0;
    static const size_t fixed[] = { 1, 4, 5, 16, 18, 24, 28, 32, 42, 44, 52, 56, 60, 63, 64 };
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed && n < cap; i++)
        out[n++] = fixed[i];
    elf_version(EV_CURRENT);
    Elf *e = elf_memory((char *)data, size);
    size_t phnum = 0;
    GElf_Ehdr eh;
    if (e && gelf_getehdr(e, &eh) && elf_getphdrnum(e, &phnum) == 0) {
        size_t entsize = gelf_fsize(e, ELF_T_PHDR, 1, EV_CURRENT);
        for (size_t i = 0; i <= phnum && i < 12 && n + 2 < cap; i++) {
            out[n++] = eh.e_phoff + i * entsize;
            out[n++] = eh.e_phoff + i * entsize + entsize / 2;
        }
        for (size_t i = 0; i < phnum && n + 6 < cap; i++) {
            GElf_Phdr ph;
            if (!gelf_getphdr(e, (int)i, &ph) || (ph.p_type != PT_NOTE && i > 24))
                continue;
            out[n++] = ph.p_offset;
            out[n++] = ph.p_offset + 1;
            out[n++] = ph.p_offset + 12;
            out[n++] = ph.p_offset + ph.p_filesz / 3;
            out[n++] = ph.p_offset + ph.p_filesz / 2;
            out[n++] = ph.p_offset + ph.p_filesz - 1;
            if (ph.p_type == PT_NOTE)
                n = note_offsets(e, &ph, out, n, cap);
        }
    }
    elf_end(e);
    while (n < cap)
        out[n++] = rng() % size;
    return n;
}


void check_truncated_copies(const char *name, const uint8_t *file, size_t size, uint64_t seed)
{
    copies_opened = copies_refused = 0;
    rng_state = 0x9E3779B97F4A7C15ull ^ seed;
    ds_target *orig;
    assert_hr(S_OK, ds_elfcore_open(name, file, size, DS_OPEN_BORROWED_MAP, &orig), NULL);
    size_t cuts[96];
    size_t ncuts = interesting_offsets(file, size, cuts, 64 + (size < (1u << 20) ? 32 : 0));
    for (size_t i = 0; i < ncuts; i++) {
        if (cuts[i] == 0 || cuts[i] >= size)
            continue;
        uint8_t *cut = malloc(cuts[i]); /* exactly: ASan sees any overread */
        memcpy(cut, file, cuts[i]);
        open_and_exercise(name, cut, cuts[i], orig);
        free(cut);
    }
    ds_close(orig);
    print_message("%s: %u truncated copies opened, %u refused with a sentence\n", name,
                  copies_opened, copies_refused);
}

void check_corrupted_copies(const char *name, uint8_t *file, size_t size, uint64_t seed,
                            int mutants)
{
    static const uint8_t specials[] = { 0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe };
    copies_opened = copies_refused = 0;
    rng_state = 0xD1B54A32D192ED03ull ^ (seed * 0x100000001b3ull);
    size_t spots[160];
    size_t nspots = interesting_offsets(file, size, spots, 160);
    for (int m = 0; m < mutants; m++) {
        size_t pos[4];
        uint8_t old[4];
        int flips = 1 + (int)(rng() % 4);
        for (int f = 0; f < flips; f++) {
            /* Near an interesting offset, or anywhere in the first 4 KiB. */
            size_t p = rng() % 2 ? spots[rng() % nspots] + rng() % 8 : rng() % 4096;
            pos[f] = p < size ? p : size - 1;
            old[f] = file[pos[f]];
            uint64_t r = rng();
            file[pos[f]] = r % 3 == 0   ? specials[(r >> 8) % sizeof specials]
                           : r % 3 == 1 ? (uint8_t)(old[f] ^ (1u << ((r >> 8) % 8)))
                                        : (uint8_t)(r >> 16);
        }
        open_and_exercise(name, file, size, NULL);
        for (int f = flips - 1; f >= 0; f--)
            file[pos[f]] = old[f];
    }
    print_message("%s: %u corrupted copies opened, %u refused with a sentence\n", name,
                  copies_opened, copies_refused);
}
