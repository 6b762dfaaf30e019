/* server.h — the entry point of `cordon serve`, the HTTP API and web page (see src/server/).
 * Invariant: the server uses only include/cordon.h from the library; the CLI dispatcher calls this. */
#ifndef CDN_SERVER_H
#define CDN_SERVER_H

/* Runs `cordon serve [--index FILE] [--listen HOST:PORT] [--threads N] [--timeout S] [--quiet]`.
 * argv[0] is "serve". Returns the process exit status (0 after SIGINT/SIGTERM, 2 on bad usage). */
int cdn_serve_main(int argc, char **argv);

#endif
