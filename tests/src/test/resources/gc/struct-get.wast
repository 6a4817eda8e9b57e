;; StructFieldLoadTest: "get" reads a field of a struct that escaped to a global, so the read cannot be folded away.
(module
  (type $point (struct (field $x (mut i32)) (field $y (mut i64))))
  (global $p (mut (ref null $point)) (ref.null $point))
  (func (export "make") (param $v i32) (global.set $p (struct.new $point (local.get $v) (i64.const 5))))
  (func (export "get") (result i32) (struct.get $point $x (global.get $p))))
(invoke "make" (i32.const 3))
(assert_return (invoke "get") (i32.const 3))
