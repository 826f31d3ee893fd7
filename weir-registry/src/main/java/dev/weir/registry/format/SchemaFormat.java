package dev.weir.registry.format;

import java.util.List;

/**
 * One schema type the registry understands (AVRO, JSON, PROTOBUF): how to check a schema, what
 * makes two schemas the same, and when data written with one can be read with another.
 */
public interface SchemaFormat {

    /** The type's name in the Confluent API: {@code AVRO}, {@code JSON} or {@code PROTOBUF}. */
    String type();

    /**
     * Checks the schema and returns its canonical text: two registrations with the same canonical
     * text are the same schema and get the same id.
     *
     * @throws InvalidSchemaException when it is not a valid schema of this type
     */
    String canonicalize(SchemaText schema);

    /**
     * Why a consumer using {@code reader} cannot read data written with {@code writer}: one
     * message per problem, naming the field or element; empty when it can. Both are valid schemas.
     * BACKWARD compatibility checks (reader = new, writer = old), FORWARD the other way round.
     */
    List<String> readerProblems(SchemaText reader, SchemaText writer);
}
