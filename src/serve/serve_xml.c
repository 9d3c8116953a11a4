/*
 * serve_xml.c — the qXfer objects (features, memory-map, threads) and
 * lldb's qMemoryRegionInfo.
 *
 * A document is built whole on its first read in a session (bounded by
 * SERVE_DOC_CAP: its size follows the target's regions and threads, never
 * the request) and handed out in the chunks the client asks for, each cut
 * to what fits one reply.
 */
#include "serve.h"

#include "rsp/rsp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool readable_protect(uint32_t protect)
{
    uint32_t p = protect & 0xffu;
    return p != 0 && p != PAGE_NOACCESS && !(protect & PAGE_GUARD);
}

/* The committed, accessible regions, adjacent ones merged: gdb reads
   only inside a memory map's regions, which is what we want. */
static void build_memory_map(struct serve_session *s, struct serve_text *b)
{
    serve_text_printf(b, "<?xml version=\"1.0\"?>\n<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD "
           "GDB Memory Map V1.0//EN\" \"http://sourceware.org/gdb/gdb-memory-map.dtd\">\n"
           "<memory-map>\n");
    uint64_t at = 0, run_start = 0, run_end = 0;
    bool run = false;
    for (uint32_t i = 0; i < SERVE_MAX_REGIONS; i++) {
        MEMORY_BASIC_INFORMATION64 mbi;
        if (FAILED(ds_query_virtual(s->t, at, &mbi)) || mbi.RegionSize == 0)
            break;
        uint64_t end = mbi.BaseAddress + mbi.RegionSize;
        bool keep = mbi.State == MEM_COMMIT && readable_protect(mbi.Protect);
        if (keep && run && mbi.BaseAddress == run_end) {
            run_end = end;
        } else if (keep) {
            if (run)
                serve_text_printf(b, "  <memory type=\"ram\" start=\"0x%llx\" length=\"0x%llx\"/>\n",
                    (unsigned long long)run_start, (unsigned long long)(run_end - run_start));
            run = true;
            run_start = mbi.BaseAddress;
            run_end = end;
        }
        if (end <= at || end < mbi.BaseAddress) /* no progress or wrapped: the top */
            break;
        at = end;
    }
    if (run)
        serve_text_printf(b, "  <memory type=\"ram\" start=\"0x%llx\" length=\"0x%llx\"/>\n",
            (unsigned long long)run_start, (unsigned long long)(run_end - run_start));
    serve_text_printf(b, "</memory-map>\n");
}

static void build_threads(struct serve_session *s, struct serve_text *b)
{
    serve_text_printf(b, "<?xml version=\"1.0\"?>\n<threads>\n");
    uint32_t count = 0;
    if (FAILED(ds_get_number_threads(s->t, &count)) || count == 0)
        count = 0;
    /* Thread ids as in the stop reply: pPID.TID under multiprocess. */
    for (uint32_t i = 0; i < (count ? count : 1) && !b->full; i++) {
        uint32_t id = 1; /* a target without threads gets one */
        if (count && FAILED(ds_get_thread_ids(s->t, i, 1, &id)))
            continue;
        if (s->multiprocess)
            serve_text_printf(b, "  <thread id=\"p%x.%x\"/>\n", serve_pid(s), id);
        else
            serve_text_printf(b, "  <thread id=\"%x\"/>\n", id);
    }
    serve_text_printf(b, "</threads>\n");
}

static const char *doc_text(struct serve_session *s, struct serve_doc *d,
                            void (*build)(struct serve_session *, struct serve_text *), size_t *len)
{
    if (!d->built) {
        struct serve_text b = {0};
        build(s, &b);
        if (b.full && s->note)
            s->note(s->note_ctx, "a qXfer document was cut short at its size limit");
        d->text = b.text;
        d->len = b.text ? b.len : 0;
        d->built = true;
    }
    *len = d->len;
    return d->text ? d->text : "";
}

/* The chunk [off, off + len) of doc: "m" + data when more follows, "l" +
   data at the end; escaped, cut to what fits. */
static size_t chunk(const char *doc, size_t doc_len, uint64_t off, uint64_t len, char *reply)
{
    if (off >= doc_len) {
        reply[0] = 'l';
        return 1;
    }
    size_t avail = doc_len - (size_t)off;
    size_t want = len < avail ? (size_t)len : avail;
    size_t used = 0;
    size_t n = 1 + rsp_escape(doc + off, want, reply + 1, SERVE_REPLY_CAP - 1, &used);
    reply[0] = (size_t)off + used >= doc_len ? 'l' : 'm';
    return n;
}

size_t serve_qxfer(struct serve_session *s, const char *pkt, size_t n, char *reply)
{
    /* qXfer:OBJECT:read:ANNEX:OFF,LEN */
    const char *end = pkt + n;
    const char *object = pkt + strlen("qXfer:");
    const char *colon = memchr(object, ':', (size_t)(end - object));
    if (!colon || (size_t)(end - colon) < 6 || memcmp(colon, ":read:", 6) != 0)
        return 0;
    size_t object_len = (size_t)(colon - object);
    const char *annex = colon + 6;
    const char *annex_end = memchr(annex, ':', (size_t)(end - annex));
    if (!annex_end)
        return 0;
    const char *p = annex_end + 1;
    uint64_t off, len;
    if (!rsp_scan_hex_u64(&p, end, &off) || p == end || *p != ',')
        return strcpy(reply, "E00"), 3;
    p++;
    if (!rsp_scan_hex_u64(&p, end, &len) || p != end)
        return strcpy(reply, "E00"), 3;
    size_t annex_len = (size_t)(annex_end - annex);

#define IS(a, str) (a##_len == strlen(str) && memcmp(a, str, a##_len) == 0)
    if (IS(object, "features")) {
        const char *xml = serve_target_xml(s->t);
        if (!xml || !IS(annex, "target.xml"))
            return strcpy(reply, "E00"), 3;
        return chunk(xml, strlen(xml), off, len, reply);
    }
    size_t doc_len;
    if (IS(object, "memory-map") && annex_len == 0) {
        const char *doc = doc_text(s, &s->memory_map, build_memory_map, &doc_len);
        return chunk(doc, doc_len, off, len, reply);
    }
    if (IS(object, "threads") && annex_len == 0) {
        const char *doc = doc_text(s, &s->threads, build_threads, &doc_len);
        return chunk(doc, doc_len, off, len, reply);
    }
    if ((IS(object, "libraries-svr4") || IS(object, "libraries")) && annex_len == 0) {
        const char *doc = serve_libraries_doc(s, object_len == strlen("libraries-svr4"), &doc_len);
        return doc ? chunk(doc, doc_len, off, len, reply) : (strcpy(reply, "E00"), 3);
    }
#undef IS
    return 0;
}

size_t serve_region_info(struct serve_session *s, uint64_t addr, char *reply)
{
    MEMORY_BASIC_INFORMATION64 mbi;
    char text[160];
    if (FAILED(ds_query_virtual(s->t, addr, &mbi)) || mbi.RegionSize == 0) {
        /* Above the last region: the rest of the address space is free. */
        uint64_t rest = addr ? 0 - addr : UINT64_MAX; /* 2^64 does not fit: one short */
        snprintf(text, sizeof text, "start:%llx;size:%llx;", (unsigned long long)addr,
                 (unsigned long long)rest);
    } else if (mbi.State != MEM_COMMIT) {
        snprintf(text, sizeof text, "start:%llx;size:%llx;",
                 (unsigned long long)mbi.BaseAddress, (unsigned long long)mbi.RegionSize);
    } else {
        bool r, w, x;
        serve_protect_rwx(mbi.Protect, &r, &w, &x);
        snprintf(text, sizeof text, "start:%llx;size:%llx;permissions:%s%s%s;",
                 (unsigned long long)mbi.BaseAddress, (unsigned long long)mbi.RegionSize,
                 r ? "r" : "", w ? "w" : "", x ? "x" : "");
    }
    size_t k = strlen(text);
    memcpy(reply, text, k);
    return k;
}
