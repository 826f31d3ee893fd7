package dev.weir.engine.step;

import dev.weir.engine.compile.CompileContext;
import dev.weir.engine.compile.StreamStep;
import dev.weir.spec.step.JoinStep;
import org.apache.kafka.streams.kstream.KStream;

import java.util.Map;

public final class JoinStreamStep implements StreamStep {

    private final JoinStep spec;

    public JoinStreamStep(JoinStep spec) {
        this.spec = spec;
    }

    @Override
    public KStream<String, Map<String, Object>> apply(KStream<String, Map<String, Object>> in, CompileContext ctx) {
        throw new dev.weir.spec.SpecException(dev.weir.spec.Diagnostic.error(spec.pos(), "step type join is not available yet"));
    }
}
