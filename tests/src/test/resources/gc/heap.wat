;; GcHeapTest's module: "churn" allocates n short-lived 64 KiB arrays, each held by a list node
;; only until the list is dropped every 16 nodes, and returns the sum of 0..n-1 read back from the
;; nodes; "hoard" keeps every node it allocates reachable from a local, so it can never finish.
(module
  (type $chunk (array (mut i8)))
  (type $node (struct (field $next (ref null $node)) (field $value i64) (field $chunk (ref $chunk))))

  (func $node (param $next (ref null $node)) (param $value i64) (result (ref $node))
    (struct.new $node (local.get $next) (local.get $value) (array.new_default $chunk (i32.const 65536))))

  (func (export "churn") (param $n i32) (result i64)
    (local $list (ref null $node)) (local $i i32) (local $sum i64)
    (loop $next
      (if (i32.eqz (i32.and (local.get $i) (i32.const 15)))
        (then (local.set $list (ref.null $node))))
      (local.set $list (call $node (local.get $list) (i64.extend_i32_u (local.get $i))))
      (local.set $sum (i64.add (local.get $sum) (struct.get $node $value (ref.as_non_null (local.get $list)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum))

  (func (export "hoard") (result i32)
    (local $list (ref null $node)) (local $i i64)
    (loop $next
      (local.set $list (call $node (local.get $list) (local.get $i)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next))
    (unreachable)))
