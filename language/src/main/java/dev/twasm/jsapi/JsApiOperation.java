package dev.twasm.jsapi;

/**
 * The members of the {@code WebAssembly} polyglot symbol that GraalJS 25.0.1 reads (and then
 * executes) to implement the JavaScript API; see docs/embedding.md for each one's arguments and
 * result. {@code member} is the name GraalJS looks up, {@code arity} its argument count.
 */
enum JsApiOperation {
    MODULE_INSTANTIATE("module_instantiate", 2),
    MODULE_EXPORTS("module_exports", 1),
    MODULE_IMPORTS("module_imports", 1),
    CUSTOM_SECTIONS("custom_sections", 2),
    INSTANCE_EXPORT("instance_export", 2),
    FUNC_TYPE("func_type", 1),
    IS_FUNC("is_func", 1),
    TABLE_ALLOC("table_alloc", 4),
    TABLE_GROW("table_grow", 3),
    TABLE_READ("table_read", 2),
    TABLE_WRITE("table_write", 3),
    TABLE_SIZE("table_size", 1),
    MEM_ALLOC("mem_alloc", 3),
    MEM_GROW("mem_grow", 2),
    MEM_AS_BYTE_BUFFER("mem_as_byte_buffer", 1),
    MEM_SET_GROW_CALLBACK("mem_set_grow_callback", 1),
    MEM_SET_NOTIFY_CALLBACK("mem_set_notify_callback", 1),
    MEM_SET_WAIT_CALLBACK("mem_set_wait_callback", 1),
    GLOBAL_ALLOC("global_alloc", 3),
    GLOBAL_READ("global_read", 1),
    GLOBAL_WRITE("global_write", 2),
    EMBEDDER_DATA_GET("embedder_data_get", 1),
    EMBEDDER_DATA_SET("embedder_data_set", 2);

    final String member;
    final int arity;

    JsApiOperation(String member, int arity) {
        this.member = member;
        this.arity = arity;
    }
}
