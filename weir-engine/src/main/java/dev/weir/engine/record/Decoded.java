package dev.weir.engine.record;

import java.util.Map;

/**
 * A record as it enters a pipeline: the decoded fields, or the raw bytes and why they could not
 * be decoded. Decoding never throws, so a bad record reaches the pipeline's first processor and
 * goes to the dead-letter topic instead of stopping the application.
 */
public final class Decoded {

    private final Map<String, Object> fields;
    private final byte[] raw;
    private String error;

    private Decoded(Map<String, Object> fields, byte[] raw, String error) {
        this.fields = fields;
        this.raw = raw;
        this.error = error;
    }

    public static Decoded ok(Map<String, Object> fields, byte[] raw) {
        return new Decoded(fields, raw, null);
    }

    public static Decoded failed(byte[] raw, String error) {
        return new Decoded(null, raw, error);
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public byte[] raw() {
        return raw;
    }

    public String error() {
        return error;
    }

    public boolean isOk() {
        return error == null;
    }

    /** Marks the record bad after decoding, e.g. when its event time cannot be read. */
    public void fail(String reason) {
        this.error = reason;
    }
}
