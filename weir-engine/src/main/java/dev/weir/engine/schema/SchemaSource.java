package dev.weir.engine.schema;

/** Where codecs get schemas by id and ids for schemas: a registry over HTTP, or the schemas of a test. */
public interface SchemaSource {

    RegisteredSchema byId(int id) throws SchemaException;

    /** Registers the schema under the subject (or finds it there) and returns its id. */
    int register(String subject, String type, String schema) throws SchemaException;
}
