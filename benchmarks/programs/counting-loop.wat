;; The counting loop of ../shared/docs/platform.md: loop(100000000) is the reference measurement.
(module
  (func (export "loop") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block (loop
      (br_if 1 (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $s (i32.xor (i32.add (local.get $s) (i32.mul (local.get $i) (local.get $i)))
                             (i32.const 7)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0)))
    (local.get $s)))
