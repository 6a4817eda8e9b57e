;; A wasi:cli/command component written for this project in the component text format: it
;; writes a line to standard output through wasi:cli/stdout and wasi:io/streams and returns ok
;; from wasi:cli/run. Built with build.sh (jco parse, that is wasm-tools parse).
(component $hello
  (import "wasi:io/error@0.2.0" (instance $io-error
    (export "error" (type (sub resource)))))
  (alias export $io-error "error" (type $error))
  (import "wasi:io/streams@0.2.0" (instance $streams
    (export "output-stream" (type $output-stream (sub resource)))
    (alias outer $hello $error (type $error-outer))
    (export "error" (type $error-type (eq $error-outer)))
    (type $stream-error (variant (case "last-operation-failed" (own $error-type)) (case "closed")))
    (export "stream-error" (type $stream-error-type (eq $stream-error)))
    (export "[method]output-stream.blocking-write-and-flush"
      (func (param "self" (borrow $output-stream)) (param "contents" (list u8)) (result (result (error $stream-error-type)))))))
  (alias export $streams "output-stream" (type $output-stream))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout
    (alias outer $hello $output-stream (type $output-stream-outer))
    (export "output-stream" (type $output-stream-type (eq $output-stream-outer)))
    (export "get-stdout" (func (result (own $output-stream-type))))))

  (core module $Memory (memory (export "memory") 1))
  (core instance $memory (instantiate $Memory))
  (core func $get-stdout (canon lower (func $stdout "get-stdout")))
  (core func $write (canon lower (func $streams "[method]output-stream.blocking-write-and-flush") (memory (core memory $memory "memory"))))
  (core func $drop-stream (canon resource.drop $output-stream))
  (core module $Main
    (import "env" "memory" (memory 1))
    (import "wasi" "get-stdout" (func $get-stdout (result i32)))
    (import "wasi" "write" (func $write (param i32 i32 i32 i32)))
    (import "wasi" "drop" (func $drop (param i32)))
    (data (i32.const 64) "Hello from a component\0a")
    (func (export "run") (result i32)
      (local $out i32)
      (local.set $out (call $get-stdout))
      ;; the result (result<_, stream-error>) goes to address 8
      (call $write (local.get $out) (i32.const 64) (i32.const 23) (i32.const 8))
      (call $drop (local.get $out))
      ;; ok, unless the write failed
      (i32.load8_u (i32.const 8))))
  (core instance $main (instantiate $Main
    (with "env" (instance $memory))
    (with "wasi" (instance
      (export "get-stdout" (func $get-stdout))
      (export "write" (func $write))
      (export "drop" (func $drop-stream))))))
  (func $run (result (result)) (canon lift (core func $main "run")))
  (instance $run (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run)))
