// shape.cc - libshape (C++, -fno-exceptions -fno-rtti): a base class with
// virtual functions whose vtable lives here, and a registry that static
// constructors of other modules fill.
#include "shape.h"

Shape *Shape::first = 0;

Shape::Shape() : next(first) { first = this; }
int Shape::area() const { return 0; }
int Shape::sides() const { return 0; }

static Shape origin; // a static constructor of this module

extern "C" int shape_count() {
  int n = 0;
  for (const Shape *s = Shape::first; s; s = s->next) n++;
  return n;
}
// Virtual calls into whichever modules defined the shapes.
extern "C" int shape_total_area() {
  int sum = 0;
  for (const Shape *s = Shape::first; s; s = s->next) sum += s->area();
  return sum;
}
extern "C" int shape_total_sides() {
  int sum = 0;
  for (const Shape *s = Shape::first; s; s = s->next) sum += s->sides();
  return sum;
}
