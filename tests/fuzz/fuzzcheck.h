#pragma once

#include <cstdio>
#include <cstdlib>

/// A property of the code under fuzzing; a violation aborts, so libFuzzer saves the input.
#define FUZZ_CHECK(condition) \
    do { \
        if (!(condition)) { \
            std::fprintf(stderr, "property violated: %s (%s:%d)\n", #condition, __FILE__, \
                         __LINE__); \
            std::abort(); \
        } \
    } while (false)
