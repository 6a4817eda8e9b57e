package dev.twasm.launcher;

/** {@code wasm help [COMMAND]}: the general help, or a command's. */
record HelpCommand(CommandName topic) implements Command {
    static final String HELP = """
                    Usage: wasm help [COMMAND]

                    Shows the help of COMMAND, or the general help. 'wasm COMMAND --help' does the same.
                    """;

    static HelpCommand parse(Arguments args) {
        CommandName topic = null;
        while (args.hasNext()) {
            if (args.atOption()) {
                args.common();
            } else if (topic != null) {
                throw Failure.usage("'help' takes one command name");
            } else {
                topic = CommandName.named(args.next());
            }
        }
        return new HelpCommand(topic);
    }

    @Override
    public int execute(Invocation invocation) {
        invocation.out().print(topic == null ? CommandName.generalHelp() : topic.help());
        return 0;
    }
}
