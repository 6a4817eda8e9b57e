module dev.twasm {
    requires org.graalvm.truffle;
    exports dev.twasm.model;
    exports dev.twasm.binary;
    exports dev.twasm.exception;
    exports dev.twasm.text;
    exports dev.twasm.text.script;
    exports dev.twasm.validation;
}
