// square.cc - libsquare, linked against libshape: a derived class with its
// own vtable, static objects registered by their constructors in libshape.
#include "shape.h"

struct Square : Shape {
  explicit Square(int s) : side(s) {}
  int area() const override { return side * side; }
  int sides() const override { return 4; }
  int side; // length of a side
};

static Square small(3), big(4);

extern "C" int square_area_via_base(const Shape *s) { return s->area(); }
extern "C" const Shape *square_big() { return &big; }
