;; Counts the primes below n with a sieve of Eratosthenes in linear memory.
;; Run: bin/wasm run --invoke count_primes docs/examples/primes.wat 1000000
(module
  (memory 16)
  (func (export "count_primes") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $count i32)
    ;; the sieve needs n bytes; grow memory if it is too small
    (if (i32.gt_u (local.get $n) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.sub (i32.add (i32.shr_u (local.get $n) (i32.const 16)) (i32.const 1)) (memory.size))))))
    (memory.fill (i32.const 0) (i32.const 1) (local.get $n))
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.load8_u (local.get $i))
          (then
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            ;; multiples of i start at i*i; skip when i*i >= n (i > n / i), which also avoids overflow
            (local.set $j (select (i32.mul (local.get $i) (local.get $i)) (local.get $n)
                                  (i32.le_u (local.get $i) (i32.div_u (local.get $n) (local.get $i)))))
            (block $marked
              (loop $inner
                (br_if $marked (i32.ge_u (local.get $j) (local.get $n)))
                (i32.store8 (local.get $j) (i32.const 0))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $inner)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $count)))
