/*
 * cmd_address.c — what memory a process has, in WinDbg's layouts:
 *   !address            every region (BaseAddress, EndAddress+1,
 *                       RegionSize, Type, State, Protect, Usage), then the
 *                       summaries by usage, type, state and protection and
 *                       the largest region of each usage
 *   !address -summary   the summaries only
 *   !address ADDR       the region holding ADDR, one field a line
 *   !vprot ADDR         QueryVirtual's answer for ADDR, as uext prints it
 * All of it from QueryVirtual (ds_query_virtual), walked from address 0
 * with next = BaseAddress + RegionSize; usages from address_usage.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address_usage.h"
#include "memtext.h"

#define ADDRESS_MAX_REGIONS 1000000 /* a bound on the walk, whatever the target says */

/* ---- names ---------------------------------------------------------------- */

/* PAGE_* names, the modifiers joined with " | " ("" for 0). */
static const char *protect_name(uint32_t protect, char *buf, size_t size)
{
    static const char *const base[] = {"PAGE_NOACCESS",          "PAGE_READONLY",
                                       "PAGE_READWRITE",         "PAGE_WRITECOPY",
                                       "PAGE_EXECUTE",           "PAGE_EXECUTE_READ",
                                       "PAGE_EXECUTE_READWRITE", "PAGE_EXECUTE_WRITECOPY"};
    static const char *const modifier[] = {"PAGE_GUARD", "PAGE_NOCACHE", "PAGE_WRITECOMBINE"};
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < 8; i++)
        if (protect & (1u << i))
            n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? " | " : "", base[i]);
    for (int i = 0; i < 3; i++)
        if (protect & (0x100u << i))
            n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? " | " : "",
                                  modifier[i]);
    return buf;
}

static const char *state_name(uint32_t state)
{
    return state == MEM_COMMIT ? "MEM_COMMIT" : state == MEM_RESERVE ? "MEM_RESERVE"
                                              : state == MEM_FREE    ? "MEM_FREE"
                                                                     : "";
}

static const char *type_name(uint32_t type)
{
    return type == MEM_IMAGE ? "MEM_IMAGE" : type == MEM_MAPPED ? "MEM_MAPPED"
                                          : type == MEM_PRIVATE ? "MEM_PRIVATE"
                                                                : "";
}

/* " 127.995 TB", "   4.000 kB": the size in the unit WinDbg picks. Past
 * TB (WinDbg's largest: Windows' user space is 128 TiB) PB and EB keep the
 * column: a Linux process's free run across the non-canonical hole up to
 * [vsyscall] is 16 EiB. */
static const char *human_size(uint64_t size, char *buf, size_t n)
{
    static const char *const units[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
    double v = (double)size / 1024.0;
    int u = 0;
    while (v >= 1024.0 && u < 5) {
        v /= 1024.0;
        u++;
    }
    snprintf(buf, n, "%8.3f %s", v, units[u]);
    return buf;
}

/* Sizes and addresses in the tables: 1`0000f000 on 64-bit targets (the
 * high half bare), a bare hex number in 32 bits on 32-bit ones (whose
 * addresses above 2 GiB the engine sign-extends). */
static const char *table_number(ds_target *t, uint64_t v, char buf[MEM_ADDR_TEXT])
{
    if (ds_pointer_size(t) == 4) {
        snprintf(buf, MEM_ADDR_TEXT, "%" PRIx32, (uint32_t)v);
        return buf;
    }
    return mem_size_text(v, buf);
}

/* ---- the walk ------------------------------------------------------------- */

struct tally {
    const char *name;
    uint64_t count, total, largest_base, largest_size;
    uint32_t key; /* the protection, for the protect summary */
};

struct tallies {
    struct tally usage[8], type[3], state[3], protect[32];
    size_t usages, types, states, protects;
    uint64_t busy, all;
};

static void add(struct tally *list, size_t *n, size_t cap, const char *name, uint32_t key,
                const MEMORY_BASIC_INFORMATION64 *mbi)
{
    size_t i = 0;
    while (i < *n && !(list[i].key == key && strcmp(list[i].name, name) == 0))
        i++;
    if (i == *n) {
        if (*n == cap)
            return; /* more distinct protections than any process has: not listed */
        list[(*n)++] = (struct tally){.name = name, .key = key};
    }
    list[i].count++;
    list[i].total += mbi->RegionSize;
    if (mbi->RegionSize > list[i].largest_size) {
        list[i].largest_size = mbi->RegionSize;
        list[i].largest_base = mbi->BaseAddress;
    }
}

static void count_region(struct tallies *x, const MEMORY_BASIC_INFORMATION64 *mbi, const char *usage)
{
    x->all += mbi->RegionSize;
    if (mbi->State != MEM_FREE)
        x->busy += mbi->RegionSize;
    add(x->usage, &x->usages, 8, usage, 0, mbi);
    if (mbi->State != MEM_FREE && type_name(mbi->Type)[0])
        add(x->type, &x->types, 3, type_name(mbi->Type), 0, mbi);
    if (state_name(mbi->State)[0])
        add(x->state, &x->states, 3, state_name(mbi->State), 0, mbi);
    if (mbi->State == MEM_COMMIT)
        add(x->protect, &x->protects, 32, "", mbi->Protect, mbi);
}

static int by_total(const void *a, const void *b)
{
    const struct tally *x = a, *y = b;
    return x->total < y->total ? 1 : x->total > y->total ? -1 : 0;
}

/* One summary table: "Name  count  size ( human) busy% total%". */
static void print_table(struct ds_session *s, ds_target *t, const char *header, struct tally *list,
                        size_t n, const struct tallies *x)
{
    if (n > 1) /* qsort wants a real array, even for none */
        qsort(list, n, sizeof *list, by_total);
    cmd_printf(s, "%s\n", header);
    for (size_t i = 0; i < n; i++) {
        char name[64], number[MEM_ADDR_TEXT], human[32], busy[16];
        if (list[i].name[0])
            snprintf(name, sizeof name, "%s", list[i].name);
        else
            protect_name(list[i].key, name, sizeof name);
        int is_free = strcmp(list[i].name, "Free") == 0 || strcmp(list[i].name, "MEM_FREE") == 0;
        if (is_free || x->busy == 0)
            snprintf(busy, sizeof busy, "%8s", "");
        else
            snprintf(busy, sizeof busy, "%7.2f%%", 100.0 * (double)list[i].total / (double)x->busy);
        cmd_printf(s, "%-32s%11" PRIu64 "%18s (%s)%s %7.2f%%\n", name, list[i].count,
                   table_number(t, list[i].total, number), human_size(list[i].total, human, sizeof human),
                   busy, x->all ? 100.0 * (double)list[i].total / (double)x->all : 0.0);
    }
    cmd_printf(s, "\n");
}

static void print_summary(struct ds_session *s, ds_target *t, struct tallies *x)
{
    print_table(s, t,
                "--- Usage Summary ---------------- RgnCount ----------- Total Size -------- "
                "%ofBusy %ofTotal",
                x->usage, x->usages, x);
    print_table(s, t,
                "--- Type Summary (for busy) ------ RgnCount ----------- Total Size -------- "
                "%ofBusy %ofTotal",
                x->type, x->types, x);
    print_table(s, t,
                "--- State Summary ---------------- RgnCount ----------- Total Size -------- "
                "%ofBusy %ofTotal",
                x->state, x->states, x);
    print_table(s, t,
                "--- Protect Summary (for commit) - RgnCount ----------- Total Size -------- "
                "%ofBusy %ofTotal",
                x->protect, x->protects, x);
    cmd_printf(s, "--- Largest Region by Usage ----------- Base Address -------- Region Size "
                  "----------\n");
    for (size_t i = 0; i < x->usages; i++) { /* still in the usage table's order */
        char base[MEM_ADDR_TEXT], size[MEM_ADDR_TEXT], human[32];
        cmd_printf(s, "%-34s%18s%21s (%s)\n", x->usage[i].name,
                   table_number(t, x->usage[i].largest_base, base),
                   table_number(t, x->usage[i].largest_size, size),
                   human_size(x->usage[i].largest_size, human, sizeof human));
    }
    cmd_printf(s, "\n");
}

/* One row of the region list. */
static void print_row(struct ds_session *s, ds_target *t, const MEMORY_BASIC_INFORMATION64 *mbi,
                      const char *usage, const char *detail)
{
    char base[MEM_ADDR_TEXT], end[MEM_ADDR_TEXT], size[MEM_ADDR_TEXT], protect[96];
    /* '+' opens an allocation (and marks each free run), as in WinDbg. */
    char mark = mbi->State == MEM_FREE || mbi->BaseAddress == mbi->AllocationBase ? '+' : ' ';
    int width = ds_pointer_size(t) == 4 ? 9 : 18;
    cmd_printf(s, "%c%*s%*s%*s %-11s %-11s %-34s %-10s %s\n", mark, width,
               table_number(t, mbi->BaseAddress, base), width,
               table_number(t, mbi->BaseAddress + mbi->RegionSize, end), width,
               table_number(t, mbi->RegionSize, size),
               mbi->State == MEM_FREE ? "" : type_name(mbi->Type), state_name(mbi->State),
               mbi->State == MEM_RESERVE ? "" : protect_name(mbi->Protect, protect, sizeof protect),
               usage, detail);
}

static HRESULT walk(struct ds_session *s, ds_target *t, int list)
{
    struct usage_context u;
    usage_begin(&u, s, t);
    struct tallies *x = calloc(1, sizeof *x);
    if (!x) {
        usage_end(&u);
        return cmd_error(s, E_OUTOFMEMORY, "Out of memory for !address's tallies\n");
    }
    if (list) {
        const char *header =
            ds_pointer_size(t) == 4
                ? "        BaseAddr EndAddr+1 RgnSize     Type       State                 "
                  "Protect             Usage"
                : "        BaseAddress      EndAddress+1        RegionSize     Type       State"
                  "                 Protect             Usage";
        cmd_printf(s, "\n%s\n", header);
        char dashes[160];
        size_t n = strlen(header) < sizeof dashes - 1 ? strlen(header) : sizeof dashes - 1;
        memset(dashes, '-', n);
        dashes[n] = '\0';
        cmd_printf(s, "%s\n", dashes);
    }
    uint64_t address = 0;
    size_t listed = 0;
    for (size_t regions = 0; regions < ADDRESS_MAX_REGIONS; regions++) {
        if (cmd_interrupted(s)) {
            free(x);
            usage_end(&u);
            return E_ABORT;
        }
        MEMORY_BASIC_INFORMATION64 mbi;
        if (FAILED(ds_query_virtual(t, address, &mbi)) || mbi.RegionSize == 0)
            break; /* above the last region */
        uint64_t end = mbi.BaseAddress + mbi.RegionSize;
        if (end != 0 && end <= address)
            break; /* an answer that would not move on */
        char detail[512];
        const struct cmd_module *module;
        const char *usage = usage_of(&u, &mbi, detail, sizeof detail, &module);
        if (list)
            print_row(s, t, &mbi, usage, detail);
        count_region(x, &mbi, usage);
        listed++;
        address = mbi.BaseAddress + mbi.RegionSize;
        if (address == 0)
            break; /* the last region ends at the top of the address space */
    }
    HRESULT hr = S_OK;
    if (listed == 0) {
        hr = cmd_error(s, E_FAIL, "!address: the target describes no memory regions (%s)\n",
                       ds_error_text(t));
    } else {
        cmd_printf(s, "\n");
        print_summary(s, t, x);
    }
    free(x);
    usage_end(&u);
    return hr;
}

/* ---- one address ---------------------------------------------------------- */

/* The address argument: one expression and nothing after it. */
static HRESULT parse_address(struct ds_session *s, const char *args, uint64_t *address)
{
    const char *p = cmd_skip_blanks(args);
    HRESULT hr = cmd_eval(s, &p, address);
    if (FAILED(hr))
        return hr;
    if (*cmd_skip_blanks(p))
        return cmd_caret_error(s, E_INVALIDARG, "Extra character", cmd_skip_blanks(p));
    return S_OK;
}

/* why: the reason when the library set none (NULL: the library's text). */
static HRESULT no_region(struct ds_session *s, ds_target *t, const char *command, uint64_t address,
                         HRESULT hr, const char *why)
{
    char where[MEM_ADDR_TEXT];
    return cmd_error(s, hr, "%s: no memory region holds %s (%s)\n", command,
                     mem_address_text(s, address, where), why ? why : ds_error_text(t));
}

/* The region of the walk that holds address: !address shows a region
 * from where it starts, while QueryVirtual answers from the address's
 * page on (what !vprot shows). */
static HRESULT region_holding(ds_target *t, uint64_t address, MEMORY_BASIC_INFORMATION64 *mbi,
                              const char **why)
{
    *why = NULL;
    uint64_t at = 0;
    address = mem_flat(t, address);
    for (size_t regions = 0; regions < ADDRESS_MAX_REGIONS; regions++) {
        HRESULT hr = ds_query_virtual(t, at, mbi);
        if (FAILED(hr))
            return hr;
        uint64_t end = mbi->BaseAddress + mbi->RegionSize;
        if (mbi->RegionSize == 0 || (end <= at && end != 0)) {
            /* An answer that would not move on: the library failed nothing,
             * so its error text would be stale. */
            *why = "the region walk did not advance";
            return E_FAIL;
        }
        uint64_t base = mem_flat(t, mbi->BaseAddress);
        if (address < base) /* in no region (a hole the walk skipped) */
            return ds_query_virtual(t, address, mbi);
        if (address - base < mbi->RegionSize)
            return S_OK;
        if (end == 0)
            break;
        at = end;
    }
    return ds_query_virtual(t, address, mbi);
}

/* "Label:                  value" (the value column starts at 24). */
#define FIELD "%-24s"

static HRESULT show_one(struct ds_session *s, ds_target *t, const char *args)
{
    uint64_t address;
    MEMORY_BASIC_INFORMATION64 mbi;
    HRESULT hr = parse_address(s, args, &address);
    if (FAILED(hr))
        return hr;
    const char *why;
    if (FAILED(hr = region_holding(t, address, &mbi, &why)))
        return no_region(s, t, "!address", address, hr, why);
    struct usage_context u;
    usage_begin(&u, s, t);
    char detail[512], a[MEM_ADDR_TEXT], b[MEM_ADDR_TEXT], human[32], protect[96];
    const struct cmd_module *module;
    const char *usage = usage_of(&u, &mbi, detail, sizeof detail, &module);

    cmd_printf(s, "\n" FIELD "%s\n", "Usage:", usage);
    cmd_printf(s, FIELD "%s\n", "Base Address:", mem_address_text(s, mbi.BaseAddress, a));
    cmd_printf(s, FIELD "%s\n", "End Address:",
               mem_address_text(s, mbi.BaseAddress + mbi.RegionSize, a));
    cmd_printf(s, FIELD "%s (%s)\n", "Region Size:", mem_address_text(s, mbi.RegionSize, a),
               human_size(mbi.RegionSize, human, sizeof human));
    cmd_printf(s, FIELD "%08" PRIx32 "          %s\n", "State:", mbi.State, state_name(mbi.State));
    if (mbi.State != MEM_RESERVE)
        cmd_printf(s, FIELD "%08" PRIx32 "          %s\n", "Protect:", mbi.Protect,
                   protect_name(mbi.Protect, protect, sizeof protect));
    if (mbi.State == MEM_FREE) {
        cmd_printf(s, FIELD "%s\n", "Type:", "<info not present at the target>");
    } else {
        cmd_printf(s, FIELD "%08" PRIx32 "          %s\n", "Type:", mbi.Type, type_name(mbi.Type));
        cmd_printf(s, FIELD "%s\n", "Allocation Base:", mem_address_text(s, mbi.AllocationBase, b));
        cmd_printf(s, FIELD "%08" PRIx32 "          %s\n", "Allocation Protect:",
                   mbi.AllocationProtect, protect_name(mbi.AllocationProtect, protect, sizeof protect));
        /* Where the bytes come from (GetOffsetInformation), and how many
         * follow the address in its region. */
        uint32_t source = 0;
        if (SUCCEEDED(ds_get_offset_information(t, DEBUG_DATA_SPACE_VIRTUAL,
                                                DEBUG_OFFSINFO_VIRTUAL_SOURCE, address, &source,
                                                sizeof source, NULL))) {
            static const char *const sources[] = {"invalid", "target", "mapped image",
                                                  "dump without memory info"};
            cmd_printf(s, FIELD "%" PRIu32 " (%s), length: %" PRIx64 "\n", "Content source:",
                       source, source < 4 ? sources[source] : "?",
                       mem_flat(t, mbi.BaseAddress) + mbi.RegionSize - mem_flat(t, address));
        }
    }
    if (module) {
        cmd_printf(s, FIELD "%s\n", "Image Path:", module->path);
        cmd_printf(s, FIELD "%s\n", "Module Name:", module->name);
        cmd_printf(s, FIELD "lmv m %s\n", "More info:", module->name);
    } else if (usage_file(&u, mbi.BaseAddress)[0]) {
        cmd_printf(s, FIELD "%s\n", "Mapped File Name:", usage_file(&u, mbi.BaseAddress));
    }
    usage_end(&u);
    return S_OK;
}

static HRESULT run_address(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    const char *p = cmd_skip_blanks(args);
    if (!*p)
        return walk(s, t, 1);
    if (strncmp(p, "-summary", 8) == 0 && !*cmd_skip_blanks(p + 8))
        return walk(s, t, 0);
    if (*p == '-' || *p == '/') /* -f:, -c:, -o: filters are not supported */
        return cmd_syntax_error(s, E_INVALIDARG, p);
    return show_one(s, t, p);
}

/* "Label: 00001000 MEM_COMMIT" (no name for a value that has none). */
static void vprot_flags(struct ds_session *s, const char *label, uint32_t value, const char *name)
{
    cmd_printf(s, "%s: %08" PRIx32 "%s%s\n", label, value, name[0] ? " " : "", name);
}

/* !vprot ADDR: the layout of Microsoft's !vprot page, label then value. */
static HRESULT run_vprot(struct ds_session *s, const char *name, const char *args)
{
    (void)name;
    ds_target *t = cmd_need_target(s);
    if (!t)
        return E_UNEXPECTED;
    uint64_t address;
    MEMORY_BASIC_INFORMATION64 mbi;
    if (!*cmd_skip_blanks(args))
        return cmd_syntax_error(s, E_INVALIDARG, args);
    HRESULT hr = parse_address(s, args, &address);
    if (FAILED(hr))
        return hr;
    if (FAILED(hr = ds_query_virtual(t, address, &mbi)))
        return no_region(s, t, "!vprot", address, hr, NULL);
    char a[MEM_ADDR_TEXT], protect[96];
    cmd_printf(s, "BaseAddress: %s\n", mem_address_text(s, mbi.BaseAddress, a));
    cmd_printf(s, "AllocationBase: %s\n", mem_address_text(s, mbi.AllocationBase, a));
    vprot_flags(s, "AllocationProtect", mbi.AllocationProtect,
                protect_name(mbi.AllocationProtect, protect, sizeof protect));
    cmd_printf(s, "RegionSize: %s\n", mem_address_text(s, mbi.RegionSize, a));
    vprot_flags(s, "State", mbi.State, state_name(mbi.State));
    vprot_flags(s, "Protect", mbi.Protect, protect_name(mbi.Protect, protect, sizeof protect));
    vprot_flags(s, "Type", mbi.Type, type_name(mbi.Type));
    return S_OK;
}

const struct cmd_def cmd_address_table[] = {
    {"!address", run_address, "!address [ADDR|-summary] memory regions, their usage and summaries"},
    {"!vprot", run_vprot, "!vprot ADDR            the protection of ADDR's region"},
    {NULL, NULL, NULL},
};
