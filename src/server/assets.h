/* assets.h — the web page files (web/) compiled into the binary by tools/embed.c at build time.
 * Invariant: the table is generated, never edited; every path starts with '/' and has an ETag. */
#ifndef CDN_SRV_ASSETS_H
#define CDN_SRV_ASSETS_H

#include <stddef.h>

typedef struct cdn_asset {
    const char *path;          /* "/app.js" */
    const char *content_type;  /* "text/javascript; charset=utf-8" */
    const char *etag;          /* "\"3f2a…\"", a hash of the content */
    const unsigned char *data;
    size_t len;
} cdn_asset;

extern const cdn_asset cdn_assets[];
extern const size_t cdn_n_assets;

#endif
