// cxxexcept.cpp - C++ exceptions as emscripten compiles them to wasm
// (em++ -fwasm-exceptions: the legacy try/catch/rethrow instructions, with
// cleanup pads that run destructors and rethrow): throws through recursion,
// catch by base class, rethrow with `throw;`, nested handlers, a
// function-try across a function pointer, and the counts at the end.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

struct Guard {
  int *n;
  ~Guard() { ++*n; }
};

struct Custom : std::logic_error {
  int code;
  explicit Custom(int c) : std::logic_error("custom"), code(c) {}
};

static int down(int k, int *dtors) {
  Guard g{dtors};
  std::vector<int> v(k + 1, k); // a destructor with memory behind it
  if (k == 0) throw std::runtime_error("bottom");
  return down(k - 1, dtors) + v[0];
}

static void relay(int k, int *rethrown) {
  try {
    if (k % 3 == 0) throw Custom(k);
    if (k % 3 == 1) throw k;
  } catch (...) {
    ++*rethrown;
    throw; // rethrow whatever it was
  }
}

static int apply(int (*f)(int), int x) { return f(x); }
static int risky(int x) {
  if (x > 5) throw std::out_of_range("x > 5");
  return x * 2;
}

int main(int argc, char **argv) {
  (void)argv;
  int dtors = 0, caught = 0, rethrown = 0, customs = 0, ints = 0, none = 0, ranges = 0;
  for (int i = 0; i < 200; i++) {
    try {
      down(10 + i % 5, &dtors);
    } catch (const std::exception &e) {
      if (std::string(e.what()) == "bottom") caught++;
    }
  }
  for (int k = 0; k < 300; k++) {
    try {
      relay(k, &rethrown);
      none++;
    } catch (const Custom &c) {
      customs += c.code % 7 == 0;
      customs++;
    } catch (int v) {
      ints += v > 0;
    }
  }
  int sum = 0;
  for (int x = 0; x < 10; x++) {
    try {
      try {
        sum += apply(risky, x + argc);
      } catch (const std::invalid_argument &) {
        sum -= 1000; // never: the inner handler does not match
      }
    } catch (const std::out_of_range &e) {
      ranges++;
    }
  }
  std::printf("caught %d dtors %d rethrown %d customs %d ints %d none %d ranges %d sum %d\n",
              caught, dtors, rethrown, customs, ints, none, ranges, sum);
  return caught == 200 ? 0 : 1;
}
