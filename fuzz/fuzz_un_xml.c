/* fuzz_un_xml.c — libFuzzer target for the UN consolidated XML parser: bytes → temp file → parse → free.
 * Must stay true: any input ends in CORDON_OK or an error naming the file, never a crash or leak.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_parse_file("fuzz_un_xml", cdn_parse_un_xml, data, size);
}
