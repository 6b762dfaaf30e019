/* fuzz_uk_csv.c — libFuzzer target for the UK OFSI ConList CSV parser: bytes → temp file → parse → free.
 * Must stay true: any input ends in CORDON_OK or an error naming the file, never a crash or leak.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_parse_file("fuzz_uk_csv", cdn_parse_uk_csv, data, size);
}
