package dev.twasm.text;

/**
 * The identifier context of a module being parsed (spec §6.6.1 "Indices", §6.6.13 "Modules"):
 * the index spaces with their identifiers, all bound before any field is parsed so that fields can
 * refer to later ones, and the type section.
 */
final class ModuleScope {
    final TypeTable types = new TypeTable();
    final IndexSpace typeNames = new IndexSpace("type", "type");
    final IndexSpace funcs = new IndexSpace("func", "function");
    final IndexSpace tables = new IndexSpace("table", "table");
    final IndexSpace memories = new IndexSpace("memory", "memory");
    final IndexSpace globals = new IndexSpace("global", "global");
    final IndexSpace tags = new IndexSpace("tag", "tag");
    final IndexSpace elems = new IndexSpace("elem", "elem segment");
    final IndexSpace datas = new IndexSpace("data", "data segment");
    /** Per explicitly defined type, by type index, the identifiers of its structure fields (empty for other types). */
    final java.util.List<IndexSpace> fieldNames = new java.util.ArrayList<>();
}
