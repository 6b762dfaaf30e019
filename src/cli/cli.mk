# cli.mk — make rules of the `cordon` tool: its shell tests join `make test`.
TEST_SCRIPTS += tests/cli/test_cli.sh
