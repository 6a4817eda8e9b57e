package dev.twasm.tests.tools;

import dev.twasm.binary.ModuleEncoder;
import dev.twasm.text.WatParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The module without DWARF of the tools tests, which the tools show as its listing: export
 * {@code count_odd(n)} counts the odd numbers in 1..n, calling {@code $classify} from a loop;
 * {@code $classify}'s {@code then} branch ({@code i32.const -1}, for a negative argument) never
 * runs. At the call's statement in the first iteration, {@code $i} = 1 and {@code $odd} = 0.
 */
final class ListingModule {
    static final String TEXT = """
                    (module
                      (func $classify (param $x i32) (result i32)
                        local.get $x
                        i32.const 0
                        i32.lt_s
                        if (result i32)
                          i32.const -1
                        else
                          local.get $x
                          i32.const 2
                          i32.rem_u
                        end)
                      (func $count_odd (export "count_odd") (param $n i32) (result i32)
                        (local $i i32) (local $odd i32)
                        (block $done
                          (loop $next
                            local.get $i
                            local.get $n
                            i32.ge_u
                            br_if $done
                            local.get $i
                            i32.const 1
                            i32.add
                            local.set $i
                            local.get $odd
                            local.get $i
                            call $classify
                            i32.add
                            local.set $odd
                            br $next))
                        local.get $odd))
                    """;

    private ListingModule() {
    }

    /** Writes the module's binary encoding (with a name section from its identifiers) to {@code dir/name}. */
    static Path write(Path dir, String name) throws IOException {
        return Files.write(dir.resolve(name), ModuleEncoder.encode(WatParser.parseModule(TEXT)));
    }
}
