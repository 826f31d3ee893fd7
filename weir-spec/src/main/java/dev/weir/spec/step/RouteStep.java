package dev.weir.spec.step;

import dev.weir.spec.Position;
import dev.weir.spec.SpecException;
import dev.weir.spec.doc.FieldDoc;
import dev.weir.spec.doc.StepDoc;
import dev.weir.spec.doc.ValueType;
import dev.weir.spec.model.Expr;
import dev.weir.spec.model.Format;
import dev.weir.spec.yaml.Fields;
import dev.weir.spec.yaml.YNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends each record to the topic of the first branch whose {@code when} is true. A routed record
 * leaves the pipeline unless its branch says {@code continue: true} (then a copy goes to the
 * topic and the record goes on). A record no branch matches goes to {@code default} if given,
 * else it goes on to the next step.
 * <pre>
 * - route:
 *     - { when: "amount > 5000.0", to: fraud-alerts, continue: true }
 *     - { default: other-topic }
 * </pre>
 */
public record RouteStep(String id, List<Branch> branches, Optional<String> defaultTopic, Format format, Position pos)
        implements Step {

    public static final String TYPE = "route";

    private static final ValueType BRANCHES = ValueType.listOf(ValueType.oneOf(
            ValueType.object(
                    FieldDoc.required("when", ValueType.expression(), "Records for which this is true take this branch."),
                    FieldDoc.required("to", ValueType.string(), "The topic they are sent to."),
                    FieldDoc.optional("continue", ValueType.bool(), "false",
                            "Send a copy to the topic and let the record go on to the next step.")),
            ValueType.object(
                    FieldDoc.required("default", ValueType.string(), "The topic for records no branch matches."))));

    public static final StepDoc DOC = new StepDoc(TYPE, "Send records to topics",
            "Sends each record to the first branch whose when holds. A routed record leaves the pipeline unless "
                    + "its branch says continue: true. A record no branch matches goes to the default topic when "
                    + "there is one, else on to the next step. Write the list of branches alone, or a mapping "
                    + "with branches and the other settings.",
            ValueType.oneOf(BRANCHES, ValueType.object(StepDoc.NAME,
                    FieldDoc.required("branches", BRANCHES, "The branches, tried in order."),
                    FieldDoc.optional("default", ValueType.string(), "The topic for records no branch matches."),
                    FieldDoc.optional("format", ValueType.enumOf(Format.class), "json",
                            "How records are written to the branch topics."))),
            """
            - route:
                - { when: "amount > 5000.0", to: fraud-alerts, continue: true }
                - { when: "country == 'US'", to: us-transactions }
                - { default: other-transactions }
            """);

    public record Branch(Expr when, String to, boolean continueAfter, Position pos) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    static RouteStep parse(String defaultId, YNode node) {
        String id = defaultId;
        Format format = Format.JSON;
        YNode branchList = node;
        Optional<String> defaultTopic = Optional.empty();
        if (node instanceof YNode.YMap) {
            Fields f = Fields.of(node, "route step");
            id = f.optionalString("name").orElse(defaultId);
            format = f.optionalEnum("format", Format.class).orElse(Format.JSON);
            defaultTopic = f.optionalString("default");
            branchList = f.required("branches");
            f.finish();
        }
        List<Branch> branches = new ArrayList<>();
        for (YNode item : Fields.list(branchList, "route", i -> i)) {
            Fields b = Fields.of(item, "route branch");
            if (b.has("default")) {
                if (defaultTopic.isPresent()) {
                    throw SpecException.at(item.pos(), "route has more than one default branch");
                }
                defaultTopic = Optional.of(b.requiredString("default"));
                b.finish();
                continue;
            }
            Expr when = Expr.of(b.required("when"), "when");
            String to = b.requiredString("to");
            boolean cont = b.optionalBool("continue").orElse(false);
            b.finish();
            branches.add(new Branch(when, to, cont, item.pos()));
        }
        if (branches.isEmpty()) {
            throw SpecException.at(node.pos(), "route needs at least one branch with 'when' and 'to'");
        }
        return new RouteStep(id, List.copyOf(branches), defaultTopic, format, node.pos());
    }
}
