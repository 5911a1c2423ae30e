// shape.h - the class libshape defines and libsquare derives from.
struct Shape {
  Shape();
  virtual int area() const;  // 0 for the base (its key function: the vtable is in libshape)
  virtual int sides() const; // 0 for the base
  Shape *next;               // the next registered shape
  static Shape *first;       // every shape constructed so far, newest first
};
