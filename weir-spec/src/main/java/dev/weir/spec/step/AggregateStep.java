package dev.weir.spec.step;

import dev.weir.spec.Names;
import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.model.Expr;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.StoreKind;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups records by an expression and computes functions per group, optionally per event-time
 * window. With {@code to}, results go to that topic and the records go on unchanged to the next
 * step; without it, the results replace the stream.
 * <pre>
 * - aggregate:
 *     groupBy: merchant_id
 *     window: { tumbling: 1m, grace: 10s }
 *     emit: final
 *     compute: { count: "count()", total: "sum(amount)", buyers: "count_distinct(customer_id)" }
 *     to: merchant-stats
 * </pre>
 */
public record AggregateStep(String id, Expr groupBy, Optional<Window> window, Emit emit, Map<String, Aggregation> compute,
                            Optional<String> to, Format format, StoreKind store, Position pos) implements Step {

    public static final String TYPE = "aggregate";

    public static final StepDoc DOC = new StepDoc(TYPE, "Compute per group and window",
            "Groups records by an expression and computes count(), sum(x), avg(x), min(x), max(x) and "
                    + "count_distinct(x) per group, optionally per event-time window. With to, results go to that "
                    + "topic and records go on unchanged; without it, the results replace the stream.",
            ValueType.object(StepDoc.NAME,
                    FieldDoc.required("groupBy", ValueType.expression(), "The group key."),
                    FieldDoc.optional("window", ValueType.object(
                            FieldDoc.optional("tumbling", ValueType.duration(), "Fixed windows of this size, one after the other."),
                            FieldDoc.optional("hopping", ValueType.duration(), "Overlapping windows of this size; needs advance."),
                            FieldDoc.optional("advance", ValueType.duration(), "How far a hopping window moves; at most its size."),
                            FieldDoc.optional("session", ValueType.duration(), "Windows that close after this long without records."),
                            FieldDoc.optional("grace", ValueType.duration(), "0s", "How long late records are still counted."))
                            .exactlyOneOf("tumbling", "hopping", "session")
                            .requiring("hopping", "advance"),
                            "Per event-time window; without it, one running result per group."),
                    FieldDoc.optional("emit", ValueType.enumOf(Emit.class), "updates",
                            "A result on every record (updates), or one per window when it closes (final; needs window)."),
                    FieldDoc.required("compute", ValueType.mapOf(ValueType.string()),
                            "Result fields, each an aggregate call: count(), sum(x), avg(x), min(x), max(x), "
                                    + "count_distinct(x), where x is an expression."),
                    FieldDoc.optional("to", ValueType.string(), "Write results to this topic and let records go on."),
                    FieldDoc.optional("format", ValueType.enumOf(Format.class), "json", "Encoding of the results on the to topic."),
                    FieldDoc.optional("store", ValueType.enumOf(StoreKind.class), "rocksdb", "Where group state is kept.")),
            """
            - aggregate:
                groupBy: merchant_id
                window: { tumbling: 1m, grace: 10s }
                emit: final
                compute: { count: "count()", total: "sum(amount)", buyers: "count_distinct(customer_id)" }
                to: merchant-stats
            """);

    /** {@code updates}: a result on every record; {@code final}: one result when the window closes. */
    public enum Emit { UPDATES, FINAL }

    public enum Function {
        COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT;

        public String keyword() {
            return name().toLowerCase();
        }
    }

    /** One computed column: a function and its argument ({@code count()} has none). */
    public record Aggregation(Function function, Optional<Expr> argument, Position pos) {
    }

    /** An event-time window. {@code graceSet} says the user wrote {@code grace}, even as 0s. */
    public sealed interface Window permits Tumbling, Hopping, Session {
        Duration grace();

        boolean graceSet();
    }

    public record Tumbling(Duration size, Duration grace, boolean graceSet) implements Window {
        public Tumbling(Duration size, Duration grace) {
            this(size, grace, true);
        }
    }

    public record Hopping(Duration size, Duration advance, Duration grace, boolean graceSet) implements Window {
        public Hopping(Duration size, Duration advance, Duration grace) {
            this(size, advance, grace, true);
        }
    }

    public record Session(Duration gap, Duration grace, boolean graceSet) implements Window {
        public Session(Duration gap, Duration grace) {
            this(gap, grace, true);
        }
    }

    private static final Pattern CALL = Pattern.compile("\\s*([a-zA-Z_]+)\\s*\\((.*)\\)\\s*", Pattern.DOTALL);

    @Override
    public String type() {
        return TYPE;
    }

    static AggregateStep parse(String defaultId, YNode node) {
        Fields f = Fields.of(node, "aggregate step");
        String id = f.optionalString("name").orElse(defaultId);
        Expr groupBy = Expr.of(f.required("groupBy"), "groupBy");
        Optional<Window> window = f.optional("window").map(AggregateStep::parseWindow);
        Emit emit = f.optionalEnum("emit", Emit.class).orElse(Emit.UPDATES);
        if (emit == Emit.FINAL && window.isEmpty()) {
            throw SpecException.at(f.required("emit").pos(), "emit: final needs a window",
                    "add window: { tumbling: 1m } or use emit: updates");
        }
        Map<String, Aggregation> compute = new LinkedHashMap<>();
        YNode.YMap computeNode = Fields.asMap(f.required("compute"), "compute");
        computeNode.entries().forEach((name, e) -> compute.put(name, parseAggregation(e.value(), name)));
        if (compute.isEmpty()) {
            throw SpecException.at(computeNode.pos(), "compute is empty", "e.g. compute: { count: \"count()\" }");
        }
        Optional<String> to = f.optionalString("to");
        Format format = f.optionalEnum("format", Format.class).orElse(Format.JSON);
        StoreKind store = f.optionalEnum("store", StoreKind.class).orElse(StoreKind.ROCKSDB);
        f.finish();
        return new AggregateStep(id, groupBy, window, emit, compute, to, format, store, node.pos());
    }

    private static Window parseWindow(YNode node) {
        Fields f = Fields.of(node, "window");
        Optional<Duration> graceSetting = f.optionalDuration("grace");
        Duration grace = graceSetting.orElse(Duration.ZERO);
        boolean graceSet = graceSetting.isPresent();
        Optional<Duration> tumbling = f.optionalDuration("tumbling");
        Optional<Duration> hopping = f.optionalDuration("hopping");
        Optional<Duration> advance = f.optionalDuration("advance");
        Optional<Duration> session = f.optionalDuration("session");
        f.finish();
        int kinds = (tumbling.isPresent() ? 1 : 0) + (hopping.isPresent() ? 1 : 0) + (session.isPresent() ? 1 : 0);
        if (kinds != 1) {
            throw SpecException.at(node.pos(), "window needs exactly one of: tumbling, hopping, session",
                    "e.g. window: { tumbling: 1m, grace: 10s }");
        }
        if (tumbling.isPresent()) {
            return new Tumbling(positive(tumbling.get(), node), grace, graceSet);
        }
        if (hopping.isPresent()) {
            Duration adv = advance.orElseThrow(() -> SpecException.at(node.pos(), "a hopping window needs 'advance'",
                    "e.g. window: { hopping: 5m, advance: 1m }"));
            if (adv.compareTo(hopping.get()) > 0) {
                throw SpecException.at(node.pos(), "'advance' must not be larger than the window size");
            }
            return new Hopping(positive(hopping.get(), node), positive(adv, node), grace, graceSet);
        }
        return new Session(positive(session.get(), node), grace, graceSet);
    }

    private static Duration positive(Duration d, YNode node) {
        if (d.isZero() || d.isNegative()) {
            throw SpecException.at(node.pos(), "window durations must be positive");
        }
        return d;
    }

    private static Aggregation parseAggregation(YNode node, String name) {
        Fields.string(node, "compute." + name);
        Expr call = Expr.of(node, "compute." + name);
        String text = call.text();
        Matcher m = CALL.matcher(text);
        var valid = Arrays.stream(Function.values()).map(Function::keyword).toList();
        if (!m.matches()) {
            throw SpecException.at(node.pos(), "'" + text + "' is not an aggregate function call",
                    "write one of: " + String.join(", ", valid.stream().map(v -> v + "(...)").toList()));
        }
        String fn = m.group(1).toLowerCase();
        Function function = Arrays.stream(Function.values()).filter(v -> v.keyword().equals(fn)).findFirst()
                .orElseThrow(() -> SpecException.at(node.pos(), "unknown aggregate function '" + fn + "'",
                        Names.hint(fn, valid)));
        String arg = m.group(2).trim();
        int begin = m.start(2) + (m.group(2).length() - m.group(2).stripLeading().length());
        if (function == Function.COUNT) {
            if (!arg.isEmpty()) {
                throw SpecException.at(node.pos(), "count() takes no argument", "to count distinct values use count_distinct(expr)");
            }
            return new Aggregation(function, Optional.empty(), node.pos());
        }
        if (arg.isEmpty()) {
            throw SpecException.at(node.pos(), fn + "() needs an argument, e.g. " + fn + "(amount)");
        }
        return new Aggregation(function, Optional.of(call.part(begin, begin + arg.length())), node.pos());
    }
}
