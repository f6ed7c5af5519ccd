// doctest main for the sync core suite (mutations, authorization, push/pull, replica).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
