package dev.weir.engine.testing;

import dev.weir.engine.compile.CompiledPipeline;
import dev.weir.engine.compile.PipelineCompiler;
import dev.weir.engine.schema.InMemorySchemas;
import dev.weir.engine.expr.CompiledExpression;
import dev.weir.engine.expr.ExpressionCompiler;
import dev.weir.spec.Diagnostics;
import dev.weir.spec.Names;
import dev.weir.spec.model.Format;
import dev.weir.spec.model.Project;
import dev.weir.spec.test.Expectation;
import dev.weir.spec.test.InputRecord;
import dev.weir.spec.test.PipelineTest;
import dev.weir.spec.test.TestCase;
import dev.weir.spec.test.TopicExpectation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project's tests checked against its pipelines, ready to run: every test names pipelines
 * the project has, sends records only to topics those pipelines read (in a form the topic's
 * format can carry), expects records only on topics they read or write, and writes valid
 * {@code each} expressions. All mistakes are reported at once, each at its position.
 */
public final class TestSuite {

    /** One case to run, with the test it belongs to and the pipelines it runs. */
    record Selected(PipelineTest test, TestedPipelines pipelines, TestCase testCase) {
    }

    private final Project project;
    private final Map<String, CompiledPipeline> compiled;
    private final Map<PipelineTest, TestedPipelines> tests;
    private final Map<Expectation.Each, CompiledExpression> conditions;

    private final InMemorySchemas schemas;
    private final WireCodec wire;

    private TestSuite(Project project, InMemorySchemas schemas, Map<String, CompiledPipeline> compiled,
                      Map<PipelineTest, TestedPipelines> tests, Map<Expectation.Each, CompiledExpression> conditions) {
        this.project = project;
        this.schemas = schemas;
        this.wire = new WireCodec(project, schemas);
        this.compiled = compiled;
        this.tests = tests;
        this.conditions = conditions;
    }

    /** Compiles the project's pipelines for test drivers and checks its tests against them. */
    public static TestSuite of(Project project) {
        // One registry in memory for the run: inputs, pipelines and expectations see the same ids.
        InMemorySchemas schemas = new InMemorySchemas();
        List<CompiledPipeline> compiled = PipelineCompiler.forTests(Optional.of(schemas)).compileAll(project);
        Diagnostics diagnostics = new Diagnostics();
        ExpressionCompiler expressions = new ExpressionCompiler();
        Map<PipelineTest, TestedPipelines> tests = new LinkedHashMap<>();
        Map<Expectation.Each, CompiledExpression> conditions = new HashMap<>();
        for (PipelineTest test : project.tests()) {
            diagnostics.collect(() -> {
                TestedPipelines target = TestedPipelines.of(test, project, compiled);
                tests.put(test, target);
                for (TestCase c : test.cases()) {
                    checkCase(c, target, expressions, conditions, diagnostics);
                }
            });
        }
        diagnostics.throwIfErrors();
        return new TestSuite(project, schemas, byName(compiled), Collections.unmodifiableMap(tests), conditions);
    }

    private static void checkCase(TestCase c, TestedPipelines target, ExpressionCompiler expressions,
                                  Map<Expectation.Each, CompiledExpression> conditions, Diagnostics diagnostics) {
        Set<String> inputTopics = new LinkedHashSet<>();
        for (InputRecord in : c.input()) {
            inputTopics.add(in.topic());
            Format format = target.reads().get(in.topic());
            if (format == null) {
                diagnostics.error(in.topicPos(), "no pipeline under test reads topic '" + in.topic() + "'",
                        Names.hint(in.topic(), target.reads().keySet()));
            } else {
                diagnostics.collect(() -> InputEncoder.check(in, format));
            }
        }
        for (TopicExpectation e : c.expect()) {
            if (!target.readsOrWrites(e.topic()) && !inputTopics.contains(e.topic())) {
                Set<String> known = new LinkedHashSet<>(target.writes());
                known.addAll(target.reads().keySet());
                diagnostics.error(e.pos(), "no pipeline under test writes topic '" + e.topic() + "'",
                        Names.hint(e.topic(), known));
            }
            for (Expectation x : e.checks()) {
                if (x instanceof Expectation.Each each) {
                    diagnostics.collect(() -> conditions.put(each, expressions.compile(each.condition())));
                }
            }
        }
    }

    private static Map<String, CompiledPipeline> byName(List<CompiledPipeline> compiled) {
        Map<String, CompiledPipeline> out = new HashMap<>();
        compiled.forEach(p -> out.put(p.name(), p));
        return out;
    }

    /**
     * The suite's pipelines, compiled once more: a topology must not be shared by test drivers
     * that run at the same time, so each thread that runs cases has its own.
     */
    Map<String, CompiledPipeline> compileAgain() {
        return byName(PipelineCompiler.forTests(Optional.of(schemas)).compileAll(project));
    }

    WireCodec wire() {
        return wire;
    }

    /** The format pipelines under test read {@code topic} in (json when none reads it). */
    Format inputFormat(String topic) {
        for (TestedPipelines t : tests.values()) {
            Format f = t.reads().get(topic);
            if (f != null) {
                return f;
            }
        }
        return Format.JSON;
    }

    Map<String, CompiledPipeline> compiled() {
        return compiled;
    }

    /** Every test, in the order the project declares them. */
    public List<PipelineTest> tests() {
        return List.copyOf(tests.keySet());
    }

    /** The cases the filter selects, in file order. */
    List<Selected> select(CaseFilter filter) {
        List<Selected> out = new ArrayList<>();
        tests.forEach((test, target) -> test.cases().stream().filter(c -> filter.matches(test, c))
                .forEach(c -> out.add(new Selected(test, target, c))));
        return out;
    }

    /** How many cases the filter selects. */
    public int count(CaseFilter filter) {
        return select(filter).size();
    }

    CompiledExpression condition(Expectation.Each each) {
        CompiledExpression c = conditions.get(each);
        if (c == null) {
            throw new IllegalStateException("each condition was not compiled: " + each.condition());
        }
        return c;
    }
}
