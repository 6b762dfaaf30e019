# server.mk — make rules for `cordon serve`: the web page embedded as generated C, and the test scripts.
# The web files are compiled into the binary, so the server needs no files beside it at run time.

WEB_FILES := web/index.html web/app.js web/style.css web/favicon.svg
TOOL_GEN += $(BUILD)/gen/web_assets.c
TEST_SCRIPTS += tests/server/test_api.sh tests/browser/test_web.sh

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	cc -std=c17 -O2 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/web_assets.c: $(BUILD)/tools/embed $(WEB_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ $(WEB_FILES)

$(BUILD)/gen/web_assets.o: src/server/assets.h
