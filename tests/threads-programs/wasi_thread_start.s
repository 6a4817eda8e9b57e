# The entry point of a thread started by wasi-threads' thread-spawn: wasi_thread_start(tid,
# start_arg), where start_arg is a struct wasi_thread (wasi_pthread.c). A new thread runs in a
# new instance of the module, whose __stack_pointer is still the main thread's and whose
# thread-local storage is not set up, so before any C code runs this sets the stack pointer to the
# thread's own stack (field 0) and initializes its TLS block (field 1) with the linker's
# __wasm_init_tls, then calls wasi_thread_main(tid, start_arg).
	.globaltype __stack_pointer, i32
	.functype __wasm_init_tls (i32) -> ()
	.functype wasi_thread_main (i32, i32) -> ()

	.text
	.export_name wasi_thread_start, wasi_thread_start
	.globl wasi_thread_start
	.type wasi_thread_start,@function
wasi_thread_start:
	.functype wasi_thread_start (i32, i32) -> ()
	local.get 1
	i32.load 0
	global.set __stack_pointer
	local.get 1
	i32.load 4
	call __wasm_init_tls
	local.get 0
	local.get 1
	call wasi_thread_main
	end_function
