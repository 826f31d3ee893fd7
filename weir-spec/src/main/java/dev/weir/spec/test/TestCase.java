package dev.weir.spec.test;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One case of a {@link PipelineTest}: records in, optionally some wall-clock time, and what must come out. */
public record TestCase(String name, List<InputRecord> input, Optional<Duration> advanceTime,
                       List<TopicExpectation> expect, Position pos) {

    static TestCase parse(YNode node) {
        Fields f = Fields.of(node, "test case");
        String name = f.requiredString("name");
        if (name.isBlank()) {
            throw SpecException.at(f.required("name").pos(), "a test case needs a name that says what it checks");
        }
        List<InputRecord> input = f.optional("input").map(InputRecord::parseAll).orElse(List.of());
        Optional<Duration> advance = f.optionalDuration("advanceTime");
        List<TopicExpectation> expect = TopicExpectation.parseAll(f.required("expect"));
        f.finish();
        Map<String, Position> topics = new HashMap<>();
        for (TopicExpectation e : expect) {
            Position previous = topics.putIfAbsent(e.topic(), e.pos());
            if (previous != null) {
                throw SpecException.at(e.pos(), "topic '" + e.topic() + "' is expected twice", "first at " + previous);
            }
        }
        return new TestCase(name, List.copyOf(input), advance, expect, node.pos());
    }
}
