package dev.weir.engine.validate;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.weir.engine.step.AggregateStreamStep;
import dev.weir.engine.validate.ExpressionChecker.Expect;
import dev.weir.engine.validate.RecordType.Field;
import dev.weir.engine.validate.RecordType.Removal;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.Names;
import dev.weir.spec.model.Expr;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.model.Source;
import dev.weir.spec.model.Topic;
import dev.weir.spec.step.AggregateStep;
import dev.weir.spec.step.DedupeStep;
import dev.weir.spec.step.EnrichStep;
import dev.weir.spec.step.FilterStep;
import dev.weir.spec.step.JoinStep;
import dev.weir.spec.step.JoinType;
import dev.weir.spec.step.MapStep;
import dev.weir.spec.step.MaskStep;
import dev.weir.spec.step.RouteStep;
import dev.weir.spec.step.Step;
import dev.weir.spec.step.ValidateStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Follows the record type through one pipeline, doing to it what each step does to records (see
 * the step classes of the engine), and type-checks every expression against the type where it
 * runs. Route, filter and dedupe leave the type as it is.
 */
final class TypeFlow {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Project project;
    private final ExpressionChecker checker;
    private final Diagnostics out;
    private final SinkSchemaCheck sinks;

    TypeFlow(Project project, ExpressionChecker checker, Diagnostics out) {
        this.project = project;
        this.checker = checker;
        this.out = out;
        this.sinks = new SinkSchemaCheck(project, out);
    }

    /** Checks {@code pipeline}; returns the type of the records that reach its sink. */
    RecordType check(Pipeline pipeline) {
        Source source = pipeline.source();
        RecordType type = source.topics().stream().map(t -> RecordTypes.ofTopic(project, t, source.format()))
                .reduce(RecordType::union).orElseGet(RecordType::open);
        RecordType atSource = type;
        source.key().ifPresent(k -> checker.check(k, atSource, Expect.KEY, "the source key", out));
        source.timestamp().ifPresent(t -> checker.check(t, atSource, Expect.TIME, "the source timestamp", out));
        for (Step step : pipeline.steps()) {
            type = apply(step, type);
        }
        RecordType atSink = type;
        pipeline.sink().flatMap(s -> s.key()).ifPresent(k -> checker.check(k, atSink, Expect.KEY, "the sink key", out));
        pipeline.sink().ifPresent(s -> sinks.check(atSink, s.topic(), s.format(), "the sink", s.pos()));
        return type;
    }

    private RecordType apply(Step step, RecordType in) {
        if (step instanceof FilterStep s) {
            checker.check(s.expr(), in, Expect.BOOL, "filter", out);
            return in;
        }
        if (step instanceof MapStep s) {
            return map(s, in);
        }
        if (step instanceof MaskStep s) {
            return mask(s, in);
        }
        if (step instanceof ValidateStep s) {
            return validate(s, in);
        }
        if (step instanceof RouteStep s) {
            s.branches().forEach(b -> checker.check(b.when(), in, Expect.BOOL, "a route condition", out));
            s.branches().forEach(b -> sinks.check(in, b.to(), s.format(), "the route branch to '" + b.to() + "'", b.pos()));
            s.defaultTopic().ifPresent(t -> sinks.check(in, t, s.format(), "the route's default", s.pos()));
            return in;
        }
        if (step instanceof DedupeStep s) {
            checker.check(s.key(), in, Expect.KEY, "the dedupe key", out);
            return in;
        }
        if (step instanceof EnrichStep s) {
            return enrich(s, in);
        }
        if (step instanceof JoinStep s) {
            return join(s, in);
        }
        if (step instanceof AggregateStep s) {
            return aggregate(s, in);
        }
        throw new IllegalStateException("no type rule for step type " + step.type());
    }

    /** Sets (each expression reads the incoming record), then renames, then drops, as MapRecordStep does. */
    private RecordType map(MapStep s, RecordType in) {
        RecordType type = in;
        for (Map.Entry<String, Expr> set : s.set().entrySet()) {
            CelType t = checker.check(set.getValue(), in, Expect.ANY, "set." + set.getKey(), out)
                    .map(RecordTypes::ofResult).orElse(SimpleType.DYN);
            String text = set.getValue().text().trim();
            boolean copy = IDENTIFIER.matcher(text).matches();
            Optional<RecordType> shape = copy ? in.field(text).flatMap(Field::shape) : Optional.empty();
            // A copied field is there when its source is; a typed result is a value (an expression that fails sends
            // the record to the dead-letter topic), only dyn may be null.
            boolean required = copy ? in.field(text).map(Field::required).orElse(false) : isValue(t);
            type = type.with(new Field(set.getKey(), t, required, shape));
        }
        RecordType beforeRename = type;
        s.rename().keySet().forEach(from -> has(s, beforeRename, from));
        type = type.renamed(s.rename(), from -> new Removal("renamed to '" + s.rename().get(from) + "' by " + ref(s),
                Optional.of("use '" + s.rename().get(from) + "'")));
        for (String drop : s.drop()) {
            if (has(s, type, drop)) {
                type = type.without(drop, new Removal("dropped by " + ref(s), Optional.empty()));
            }
        }
        return type;
    }

    private static boolean isValue(CelType t) {
        return switch (t.kind()) {
            case BOOL, INT, DOUBLE, STRING, LIST, MAP -> true;
            default -> false;
        };
    }

    /** Every masked field becomes a string; absent and null fields stay as they are. */
    private RecordType mask(MaskStep s, RecordType in) {
        RecordType type = in;
        for (String name : s.fields()) {
            if (has(s, type, name)) {
                boolean required = type.field(name).map(Field::required).orElse(false);
                type = type.with(new Field(name, SimpleType.STRING, required, Optional.empty()));
            }
        }
        return type;
    }

    /** Required fields are there after the step, checked types narrow the fields; rules see both. */
    private RecordType validate(ValidateStep s, RecordType in) {
        RecordType type = in;
        for (String name : s.required()) {
            if (has(s, type, name)) {
                type = type.with(type.field(name).orElse(Field.of(name, SimpleType.DYN)).asRequired(true));
            }
        }
        for (Map.Entry<String, ValidateStep.FieldType> check : s.types().entrySet()) {
            String name = check.getKey();
            if (!has(s, type, name)) {
                continue;
            }
            Field f = type.field(name).orElse(Field.of(name, SimpleType.DYN));
            Optional<CelType> narrowed = narrow(f.type(), check.getValue());
            if (narrowed.isEmpty()) {
                out.error(s.pos(), "step '" + s.id() + "' checks that '" + name + "' is "
                        + check.getValue().name().toLowerCase() + ", but it is " + RecordType.typeName(f.type()) + " here",
                        "every record that has '" + name + "' would fail the check");
                continue;
            }
            boolean keepShape = check.getValue() == ValidateStep.FieldType.OBJECT;
            type = type.with(new Field(name, narrowed.get(), f.required(), keepShape ? f.shape() : Optional.empty()));
        }
        RecordType checked = type;
        s.rules().forEach(r -> checker.check(r.expr(), checked, Expect.BOOL, "rule '" + r.name() + "'", out));
        return type;
    }

    /** The type a field has once validate checked its JSON type; empty when no value of {@code current} passes. */
    private static Optional<CelType> narrow(CelType current, ValidateStep.FieldType check) {
        CelKind k = current.kind();
        if (k == CelKind.DYN) {
            return Optional.of(RecordTypes.ofJsonType(check));
        }
        boolean passes = switch (check) {
            case STRING -> k == CelKind.STRING;
            case NUMBER -> k == CelKind.INT || k == CelKind.DOUBLE;
            case INTEGER -> k == CelKind.INT || k == CelKind.DOUBLE; // a number that is whole
            case BOOLEAN -> k == CelKind.BOOL;
            case OBJECT -> k == CelKind.MAP;
            case ARRAY -> k == CelKind.LIST;
        };
        if (!passes) {
            return Optional.empty();
        }
        return Optional.of(check == ValidateStep.FieldType.INTEGER ? SimpleType.INT : current);
    }

    /** Adds field {@code as}: the table's row, null when a left join finds none. */
    private RecordType enrich(EnrichStep s, RecordType in) {
        checker.check(s.key(), in, Expect.KEY, "the enrich key", out);
        Format format = project.topic(s.table()).map(Topic::format).orElse(Format.JSON);
        RecordType row = RecordTypes.ofTopic(project, s.table(), format);
        return in.with(new Field(s.as(), RecordTypes.objectType(row), s.join() == JoinType.INNER, Optional.of(row)));
    }

    /** Adds field {@code as}: the other topic's record. An outer join may emit the other record alone. */
    private RecordType join(JoinStep s, RecordType in) {
        checker.check(s.key(), in, Expect.KEY, "the join key", out);
        RecordType other = RecordTypes.ofTopic(project, s.topic(), s.format());
        checker.check(s.otherKey(), other, Expect.KEY, "the join's otherKey (on " + s.topic() + ")", out);
        RecordType base = s.join() == JoinType.OUTER ? in.allOptional() : in;
        return base.with(new Field(s.as(), RecordTypes.objectType(other), s.join() == JoinType.INNER, Optional.of(other)));
    }

    /**
     * With {@code to}, records go on unchanged. Without, the results replace them: the group key
     * (a string), the window's bounds (strings) and each column, typed as AggregateStreamStep says.
     */
    private RecordType aggregate(AggregateStep s, RecordType in) {
        checker.check(s.groupBy(), in, Expect.KEY, "groupBy", out);
        List<Field> results = new ArrayList<>();
        results.add(new Field(AggregateStreamStep.groupField(s.groupBy().text()), SimpleType.STRING, true, Optional.empty()));
        if (s.window().isPresent()) {
            results.add(new Field(AggregateStreamStep.WINDOW_START, SimpleType.STRING, true, Optional.empty()));
            results.add(new Field(AggregateStreamStep.WINDOW_END, SimpleType.STRING, true, Optional.empty()));
        }
        s.compute().forEach((column, aggregation) -> {
            AggregateStep.Function fn = aggregation.function();
            Optional<CelType> arg = aggregation.argument().flatMap(a -> checker.check(a, in,
                    fn == AggregateStep.Function.COUNT_DISTINCT ? Expect.ANY : Expect.NUMBER, fn.keyword() + "()", out));
            results.add(column(column, fn, arg, aggregation.argument().map(a -> certain(a, in)).orElse(false)));
        });
        if (s.to().isPresent()) {
            sinks.check(RecordType.closed(results), s.to().get(), s.format(), "step '" + s.id() + "'", s.pos());
            return in;
        }
        RecordType replaced = RecordType.closed(results);
        return in.replacedBy(replaced, new Removal("replaced by the results of " + ref(s),
                Optional.of("after that step records have: " + String.join(", ", replaced.fieldNames()))));
    }

    /**
     * count and count_distinct are ints; avg a double; sum, min and max keep the argument's type
     * (a sum of ints past the long range becomes a double, which the checker does not model). All
     * but the counts are null for a group whose arguments were all null, which cannot happen when
     * the argument is a field every record has ({@code certain}).
     */
    private static Field column(String name, AggregateStep.Function fn, Optional<CelType> arg, boolean certain) {
        CelType argType = arg.filter(t -> t.kind() == CelKind.INT || t.kind() == CelKind.DOUBLE).orElse(SimpleType.DYN);
        return switch (fn) {
            case COUNT, COUNT_DISTINCT -> new Field(name, SimpleType.INT, true, Optional.empty());
            case AVG -> new Field(name, SimpleType.DOUBLE, certain, Optional.empty());
            case SUM, MIN, MAX -> new Field(name, argType, certain, Optional.empty());
        };
    }

    /** Whether {@code e} names a field every record has, non-null. */
    private static boolean certain(Expr e, RecordType in) {
        String text = e.text().trim();
        return IDENTIFIER.matcher(text).matches() && in.field(text).map(Field::required).orElse(false);
    }

    /**
     * Whether a step that names field {@code name} (mask, validate, rename, drop) can find it:
     * reports a field an earlier step removed, or one a closed record does not have.
     */
    private boolean has(Step s, RecordType type, String name) {
        if (type.field(name).isPresent()) {
            return true;
        }
        Optional<Removal> removal = type.removal(name);
        if (removal.isPresent()) {
            out.error(s.pos(), "field '" + name + "' was " + removal.get().how(), removal.get().hint().orElse(null));
            return false;
        }
        if (type.isClosed()) {
            out.error(s.pos(), "unknown field '" + name + "' in step '" + s.id() + "'",
                    Names.closest(name, type.fieldNames()).map(c -> "did you mean '" + c + "'?")
                            .orElse("fields here: " + String.join(", ", type.fieldNames())));
            return false;
        }
        return true;
    }

    private static String ref(Step s) {
        return "step '" + s.id() + "' (" + s.pos() + ")";
    }
}
