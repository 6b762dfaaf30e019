/* fuzz_ofac_advanced.c — libFuzzer target for the OFAC advanced XML parser: bytes → temp file → parse → free.
 * Must stay true: any input ends in CORDON_OK or an error naming the file, never a crash or leak.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_parse_file("fuzz_ofac_advanced", cdn_parse_ofac_advanced, data, size);
}
