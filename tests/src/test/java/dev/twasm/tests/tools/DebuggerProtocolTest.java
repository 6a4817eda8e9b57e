package dev.twasm.tests.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.twasm.tests.tools.DevToolsClient.array;
import static dev.twasm.tests.tools.DevToolsClient.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The debugger end to end: {@code bin/wasm run --inspect} as a process, driven over the Chrome
 * DevTools Protocol as Chrome DevTools drives it. A breakpoint on a C source line of the committed
 * {@code hotspot-O0.wasm} (DWARF line tables) is hit and its C locals are read; in a module without
 * DWARF, a breakpoint on a line of the listing the debugger shows is hit and a Wasm local read.
 * The program then runs to its normal end. Every wait is bounded ({@link #TIMEOUT}).
 */
class DebuggerProtocolTest {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Pauses other than the awaited one (the suspension at the first statement) that a test resumes past. */
    static final int OTHER_PAUSES = 10;

    @TempDir
    Path dir;

    /** A debugger session on a {@code bin/wasm run --inspect} process. */
    record Session(BinWasm.Running wasm, DevToolsClient cdp) {
        /** Starts {@code bin/wasm run --inspect=127.0.0.1:PORT --inspect.Path=RANDOM ARGS...}, connects and enables the domains. */
        static Session start(String... args) {
            int port = BinWasm.freePort();
            String path = UUID.randomUUID().toString();
            List<String> command = new ArrayList<>(List.of("run", "--inspect=127.0.0.1:" + port, "--inspect.Path=" + path));
            command.addAll(List.of(args));
            BinWasm.Running wasm = BinWasm.start(command.toArray(String[]::new));
            String listening = wasm.awaitErrLine("Debugger listening on ", TIMEOUT);
            URI address = URI.create(listening.substring("Debugger listening on ".length()).strip());
            assertEquals(URI.create("ws://127.0.0.1:" + port + "/" + path), address, listening);
            DevToolsClient cdp = DevToolsClient.connect(address, TIMEOUT);
            cdp.call("Runtime.enable");
            cdp.call("Debugger.enable");
            return new Session(wasm, cdp);
        }

        /**
         * Waits for a pause whose top frame satisfies {@code wanted}, resuming past others (the
         * suspension at the first statement), starting with the events after {@code after}.
         */
        Map<String, Object> pausedAt(Predicate<Map<String, Object>> wanted, String what, int after) {
            List<String> others = new ArrayList<>();
            for (int i = 0; i < OTHER_PAUSES; i++) {
                Map<String, Object> paused = cdp.await("Debugger.paused", p -> true, after, () -> "paused before at " + others);
                Map<String, Object> top = object(array(paused.get("callFrames")).getFirst());
                if (wanted.test(top)) {
                    return paused;
                }
                others.add(top.get("functionName") + " " + url(top) + ":" + lineNumber(top));
                after = cdp.eventCount();
                cdp.call("Debugger.resume");
            }
            return fail("never paused at " + what + "; paused at " + others);
        }

        /** The URL of the script a frame is in, from its {@code Debugger.scriptParsed}. */
        String url(Map<String, Object> frame) {
            Object scriptId = object(frame.get("location")).get("scriptId");
            return cdp.events("Debugger.scriptParsed").stream().filter(s -> scriptId.equals(s.get("scriptId"))).map(s -> (String) s.get("url")).findFirst()
                            .orElseGet(() -> fail("no Debugger.scriptParsed for script " + scriptId + " of frame " + Json.write(frame)));
        }

        /** The variables of a frame's scopes, innermost scope first, by name (a leading $ dropped), as printed values. */
        Map<String, String> variables(Map<String, Object> frame) {
            Map<String, String> variables = new LinkedHashMap<>();
            for (Object scope : array(frame.get("scopeChain"))) {
                Map<String, Object> object = object(object(scope).get("object"));
                if (!object.containsKey("objectId") || "global".equals(object(scope).get("type"))) {
                    continue;
                }
                Map<String, Object> properties = cdp.call("Runtime.getProperties", Map.of("objectId", object.get("objectId"), "ownProperties", true));
                for (Object property : array(properties.get("result"))) {
                    Map<String, Object> p = object(property);
                    String name = ((String) p.get("name")).replaceFirst("^\\$", "");
                    variables.putIfAbsent(name, p.containsKey("value") ? printed(object(p.get("value"))) : "?");
                }
            }
            return variables;
        }

        /** Sets the variable {@code name} (a leading $ ignored) of a paused frame to the number {@code value}, in the first scope that has it. */
        void setVariable(Map<String, Object> frame, String name, long value) {
            List<Object> scopes = array(frame.get("scopeChain"));
            for (int i = 0; i < scopes.size(); i++) {
                Map<String, Object> object = object(object(scopes.get(i)).get("object"));
                if (!object.containsKey("objectId") || "global".equals(object(scopes.get(i)).get("type"))) {
                    continue;
                }
                Map<String, Object> properties = cdp.call("Runtime.getProperties", Map.of("objectId", object.get("objectId"), "ownProperties", true));
                for (Object property : array(properties.get("result"))) {
                    String own = (String) object(property).get("name");
                    if (own.replaceFirst("^\\$", "").equals(name)) {
                        cdp.call("Debugger.setVariableValue", Map.of("scopeNumber", i, "variableName", own, "newValue", Map.of("value", value), "callFrameId", frame.get("callFrameId")));
                        return;
                    }
                }
            }
            fail("no variable " + name + " in " + Json.write(frame.get("scopeChain")));
        }

        /** After the last pause: lets the program run to its end (which ends the debugger session too) and returns how it ended. */
        BinWasm.Exit finish() {
            BinWasm.Exit exit = wasm.waitFor(TIMEOUT);
            cdp.close();
            return exit;
        }

        void close() {
            cdp.close();
            wasm.close();
        }
    }

    /** A remote object's value as the debugger shows it: numbers without a fraction as integers. */
    static String printed(Map<String, Object> remote) {
        Object value = remote.get("value");
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return value != null ? value.toString() : String.valueOf(remote.get("description"));
    }

    static int lineNumber(Map<String, Object> frame) {
        return ((Number) object(frame.get("location")).get("lineNumber")).intValue();
    }

    @Test
    void breakpointOnACSourceLineReadsCLocals() throws IOException {
        Path source = BinWasm.PROGRAMS.resolve("hotspot.c");
        // The loop body of count_collatz_steps; at its first execution start = 1 and total_steps = 0.
        int line = Files.readAllLines(source).indexOf("        total_steps += collatz_length(start);"); // 0-based, as in the protocol
        assertTrue(line > 0, "hotspot.c changed: no loop body line");
        Session session = Session.start(BinWasm.PROGRAMS.resolve("hotspot-O0.wasm").toString());
        try {
            DevToolsClient cdp = session.cdp();
            Map<String, Object> breakpoint = cdp.call("Debugger.setBreakpointByUrl", Map.of("urlRegex", "(.*/)?hotspot\\.c$", "lineNumber", line));
            int mark = cdp.eventCount();
            cdp.call("Runtime.runIfWaitingForDebugger");
            Map<String, Object> paused = session.pausedAt(frame -> session.url(frame).endsWith("hotspot.c") && lineNumber(frame) == line, "hotspot.c:" + (line + 1), mark);
            Map<String, Object> frame = object(array(paused.get("callFrames")).getFirst());
            String url = session.url(frame);
            assertEquals("count_collatz_steps", frame.get("functionName"));
            Map<String, String> variables = session.variables(frame);
            assertEquals("1", variables.get("start"), "the loop variable at the first iteration; variables: " + variables);
            assertEquals("0", variables.get("total_steps"), "variables: " + variables);
            assertEquals("3000000", variables.get("limit"), "the parameter; variables: " + variables);
            // The C file is the script the debugger shows: its URL names the file beside the module, its source is the file's text.
            Object scriptId = object(frame.get("location")).get("scriptId");
            String shown = (String) cdp.call("Debugger.getScriptSource", Map.of("scriptId", scriptId)).get("scriptSource");
            cdp.call("Debugger.removeBreakpoint", Map.of("breakpointId", breakpoint.get("breakpointId")));
            cdp.call("Debugger.resume");
            BinWasm.Exit exit = session.finish();
            assertEquals(0, exit.code(), exit.toString());
            assertEquals(Files.readString(BinWasm.PROGRAMS.resolve("expected/hotspot.txt")), exit.out());
            assertTrue(url.startsWith("file:") && Path.of(URI.create(url)).equals(source), "the URL of hotspot.c's script: " + url);
            assertEquals(Files.readString(source), shown, "the source of hotspot.c's script");
        } finally {
            session.close();
        }
    }

    @Test
    void breakpointOnAListingLineReadsWasmLocals() throws IOException {
        Path module = ListingModule.write(dir, "count-odd.wasm");
        Session session = Session.start("--invoke", "count_odd", module.toString(), "3");
        try {
            DevToolsClient cdp = session.cdp();
            int mark = cdp.eventCount();
            cdp.call("Runtime.runIfWaitingForDebugger");
            // Suspended at the first statement: the module's listing is loaded; find the line of the call.
            Map<String, Object> first = cdp.await("Debugger.paused", p -> true, mark);
            Map<String, Object> top = object(array(first.get("callFrames")).getFirst());
            String url = session.url(top);
            assertTrue(!url.isEmpty(), "the listing has a URL");
            String listing = (String) cdp.call("Debugger.getScriptSource", Map.of("scriptId", object(top.get("location")).get("scriptId"))).get("scriptSource");
            List<String> lines = listing.lines().toList();
            int line = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches(".*\\bcall\\b.*")) {
                    line = i;
                    break;
                }
            }
            assertTrue(line >= 0, "no call instruction in the listing:\n" + listing);
            // The statement holding the call (local.set $odd (i32.add (local.get $odd) (call $classify (local.get $i))))
            // starts on the line of its first instruction, two lines up: a statement's line, where the breakpoint stays.
            line -= 2;
            assertTrue(lines.get(line).matches(".*\\blocal\\.get\\b.*"), "the statement's first instruction: " + lines.get(line));
            Map<String, Object> breakpoint = cdp.call("Debugger.setBreakpointByUrl", Map.of("url", url, "lineNumber", line));
            List<Object> resolved = array(breakpoint.get("locations"));
            assertEquals(1, resolved.size(), "the breakpoint resolves in the loaded listing: " + Json.write(breakpoint));
            assertEquals(line, ((Number) object(resolved.getFirst()).get("lineNumber")).intValue(), "resolved on its own line: " + Json.write(breakpoint));
            mark = cdp.eventCount();
            cdp.call("Debugger.resume");
            int callLine = line;
            Map<String, Object> paused = session.pausedAt(frame -> url.equals(session.url(frame)) && lineNumber(frame) == callLine, "the call in the listing, line " + callLine, mark);
            Map<String, Object> frame = object(array(paused.get("callFrames")).getFirst());
            assertEquals("count_odd", frame.get("functionName"));
            Map<String, String> variables = session.variables(frame);
            assertEquals("1", variables.get("i"), "variables: " + variables);
            assertEquals("0", variables.get("odd"), "variables: " + variables);
            assertEquals("3", variables.get("n"), "variables: " + variables);
            // Set in the debugger, a local is what the function goes on with: 40 odd numbers so far, then 1 and 3.
            session.setVariable(frame, "odd", 40);
            assertEquals("40", session.variables(frame).get("odd"));
            cdp.call("Debugger.removeBreakpoint", Map.of("breakpointId", breakpoint.get("breakpointId")));
            cdp.call("Debugger.resume");
            BinWasm.Exit exit = session.finish();
            assertEquals(0, exit.code(), exit.toString());
            assertEquals("42\n", exit.out());
        } finally {
            session.close();
        }
    }
}
