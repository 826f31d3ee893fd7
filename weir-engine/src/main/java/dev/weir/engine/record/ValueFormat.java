package dev.weir.engine.record;

import dev.weir.engine.schema.SchemaException;

import java.util.Map;

/**
 * How one topic's values are read and written. Reading never throws: a value that cannot be read
 * comes back failed, to be dead-lettered. Writing throws when the record does not fit, and the
 * record is dead-lettered by the caller.
 */
public interface ValueFormat {

    Decoded decode(byte[] bytes);

    byte[] encode(Map<String, Object> record) throws SchemaException;
}
