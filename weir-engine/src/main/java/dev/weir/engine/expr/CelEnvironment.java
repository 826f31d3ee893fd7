package dev.weir.engine.expr;

import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * The one CEL setup of Weir, shared by the expressions pipelines run and by {@code weir validate},
 * so that what the checker accepts is what the runtime does: numbers compare across int and
 * double, timestamps take epoch seconds, comprehensions are bounded; the standard macros (has,
 * all, exists, map, filter) and the string, math, list, set, encoder and binding extensions.
 */
public final class CelEnvironment {

    public static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableTimestampEpoch(true)
            .comprehensionMaxIterations(10_000)
            .build();

    /** The type of the reserved {@code record} and {@code meta} variables: JSON-shaped maps. */
    public static final MapType JSON_OBJECT = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private CelEnvironment() {
    }

    /** A compiler builder with Weir's options, macros and libraries; callers add the variables. */
    public static CelCompilerBuilder compilerBuilder() {
        return CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS), CelExtensions.lists(),
                        CelExtensions.sets(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.bindings());
    }

    /** The runtime for programs checked by {@link #compilerBuilder()} compilers. */
    static CelRuntime runtime() {
        return CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
                .addLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS), CelExtensions.lists(),
                        CelExtensions.sets(OPTIONS), CelExtensions.encoders(OPTIONS))
                .build();
    }
}
