;; Divides by zero, to show how a trap is reported:
;; bin/wasm run --invoke main docs/examples/divide.wat
(module
  (func $divide (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $main (export "main") (result i32) (call $divide (i32.const 1) (i32.const 0))))
