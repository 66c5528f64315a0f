// Two definitions that the libstdc++ headers of a current GCC expect from a newer C and C++
// runtime than 统信UOS V20's (glibc 2.28, GCC 8's libstdc++: GLIBCXX_3.4.25), kept inside the
// plugin (plugin.map exports nothing but Qt's entry points). GCC's own "nonshared" libstdc++ for
// old systems (devtoolset/gcc-toolset) does the same.
#include <new>

// glibc 2.32+: non-zero while the process has one thread, letting libstdc++ skip atomic
// reference counting. 0 means "maybe several threads": always atomic, correct everywhere.
extern "C" char __libc_single_threaded = 0;

namespace std {
// GLIBCXX_3.4.29 (GCC 11): thrown by `new T[n]` when n is too large.
[[noreturn]] void __throw_bad_array_new_length() { throw std::bad_array_new_length(); }
}  // namespace std
