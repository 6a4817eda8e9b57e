;; A linked list of Wasm GC structs, for the memory tools (docs/tools.md): `sum_list n` builds the
;; list n, n-1, ..., 1 (n struct.new in $build), copies it into an i32 array (one array.new in
;; $to_array) and returns the sum of the array's elements.
(module
  (type $node (struct (field $value i32) (field $next (ref null $node))))
  (type $ints (array (mut i32)))

  (func $build (param $n i32) (result (ref null $node))
    (local $list (ref null $node))
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $list (struct.new $node (local.get $i) (local.get $list)))
        (br $next)))
    (local.get $list))

  (func $to_array (param $list (ref null $node)) (param $n i32) (result (ref $ints))
    (local $array (ref $ints))
    (local $i i32)
    (local.set $array (array.new_default $ints (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (ref.is_null (local.get $list)))
        (array.set $ints (local.get $array) (local.get $i) (struct.get $node $value (local.get $list)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $list (struct.get $node $next (local.get $list)))
        (br $next)))
    (local.get $array))

  (func $sum (param $array (ref $ints)) (result i32)
    (local $i i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $array))))
        (local.set $total (i32.add (local.get $total) (array.get $ints (local.get $array) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $total))

  (func (export "sum_list") (param $n i32) (result i32)
    (call $sum (call $to_array (call $build (local.get $n)) (local.get $n)))))
