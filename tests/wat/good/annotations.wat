;; Annotations (WebAssembly 3.0's annotations proposal): (@id ...) may stand
;; wherever white space may, and the reader ignores them, whatever their
;; balanced contents (tokens, strings, parentheses, comments, "(@" inside).
(@custom "leading" (after func))
((@a) module (@a) $annotated (@name "annotated module")
  ((@a) func (@a) $add (@a) (export "add") (@a)
    ((@a) param (@a) i32 i32) ((@a) result i32)
    (@"string id" x-y$yz"aa"-2 0x 8q { } [ ] , ; (@) (@ x) (; a comment ;))
    local.get (@a) 0
    local.get 1 (@a
      ;; a line comment inside: )
    )
    i32.add)
  (@a (nested (parens (and "strings )" (@too)))))
  (memory (@a) 1))
