# text.mk — make rules of the name layer: the Unihan reading table (han.c) is generated at build time
# from Debian's unicode-data, so the repository carries no copy of it.

UNIHAN_READINGS ?= /usr/share/unicode/Unihan_Readings.txt.bz2
UNIHAN_VARIANTS ?= /usr/share/unicode/Unihan_Variants.txt.bz2
GEN_SRC += $(BUILD)/gen/unihan_table.c

$(BUILD)/tools/gen_unihan: tools/gen_unihan.c
	@mkdir -p $(dir $@)
	cc -std=c17 -O2 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/unihan_table.c: $(BUILD)/tools/gen_unihan $(UNIHAN_READINGS) $(UNIHAN_VARIANTS)
	@mkdir -p $(dir $@)
	bzcat $(UNIHAN_READINGS) $(UNIHAN_VARIANTS) | $(BUILD)/tools/gen_unihan $@
