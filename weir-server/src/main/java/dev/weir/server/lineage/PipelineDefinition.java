package dev.weir.server.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.spec.Position;
import dev.weir.spec.model.Expr;
import dev.weir.spec.model.Pipeline;
import dev.weir.spec.model.Project;
import dev.weir.spec.step.MaskStep;
import dev.weir.spec.step.Step;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline does, apart from where it is written: its source, steps, sink, dead-letter
 * topic and guarantee, as canonical JSON, and the SHA-256 of that. Moving a pipeline in its file,
 * editing comments or its owner leaves the hash as it is; changing what it does changes it. A
 * mask step's salt is a secret, so only whether it has one counts.
 */
final class PipelineDefinition {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineDefinition() {
    }

    /** The hex SHA-256 of the pipeline's canonical JSON. */
    static String hash(Pipeline pipeline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson(pipeline).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String canonicalJson(Pipeline pipeline) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", pipeline.name());
        out.put("source", canonical(pipeline.source()));
        out.put("steps", canonical(pipeline.steps()));
        out.put("sink", canonical(pipeline.sink()));
        out.put("deadLetterTopic", pipeline.errors().deadLetterTopic());
        out.put("guarantee", pipeline.guarantee().name());
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the canonical form holds only maps, lists and scalars", e);
        }
    }

    /** Records as maps of their components (a step also with its type), without positions. */
    private static Object canonical(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Expr e) {
            return e.text();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Duration d) {
            return d.toString();
        }
        if (value instanceof Optional<?> o) {
            return o.map(PipelineDefinition::canonical).orElse(null);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(canonical(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
            return out;
        }
        if (value instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (r instanceof Step s) {
                out.put("type", s.type());
            }
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (c.getType() == Position.class) {
                    continue;
                }
                try {
                    Object v = c.getAccessor().invoke(r);
                    if (r instanceof MaskStep && c.getName().equals("salt")) {
                        // A secret: its hash would be published. Whether there is one counts, not its value.
                        v = ((Optional<?>) v).isPresent();
                    }
                    out.put(c.getName(), canonical(v));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
                }
            }
            return out;
        }
        throw new IllegalArgumentException("no canonical form for " + value.getClass().getName());
    }

    /**
     * The YAML document that declares the pipeline, as written (so {@code ${env:...}} references
     * stay unresolved): the lines between the {@code ---} separators around its metadata.
     */
    static Optional<String> sourceText(Project project, Pipeline pipeline) {
        Position at = pipeline.metadata().pos();
        if (at.line() <= 0) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(project.dir().resolve(Path.of(at.file())), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        int index = Math.min(at.line(), lines.size()) - 1;
        int begin = index;
        while (begin > 0 && !separator(lines.get(begin - 1))) {
            begin--;
        }
        int end = index;
        while (end < lines.size() && !separator(lines.get(end))) {
            end++;
        }
        return Optional.of(String.join("\n", lines.subList(begin, end)).strip() + "\n");
    }

    private static boolean separator(String line) {
        return line.startsWith("---") || line.equals("...");
    }
}
