package dev.weir.engine.step;

import dev.weir.engine.expr.RecordMeta;
import dev.weir.spec.step.MaskStep;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Hides fields. {@code hash} is HMAC-SHA256 keyed with the salt (plain SHA-256 without one), so
 * equal values stay equal and can still be joined or counted; {@code redact} replaces the value;
 * {@code keep-last} shows only the last characters. Absent and null fields stay as they are.
 */
public final class MaskRecordStep implements RecordStep {

    public static final String REDACTED = "****";

    private final String id;
    private final List<String> fields;
    private final MaskStep.Method method;
    private final byte[] salt;
    private final int keep;
    private final ThreadLocal<Mac> mac;
    private static final HexFormat HEX = HexFormat.of();

    public MaskRecordStep(MaskStep spec) {
        this.id = spec.id();
        this.fields = spec.fields();
        this.method = spec.method();
        this.salt = spec.salt().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.keep = spec.keep();
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean changesRecord() {
        return true;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> record, RecordMeta meta) {
        for (String field : fields) {
            Object v = record.get(field);
            if (v != null) {
                record.put(field, mask(v instanceof String s ? s : String.valueOf(v)));
            }
        }
        return record;
    }

    String mask(String value) {
        return switch (method) {
            case REDACT -> REDACTED;
            case KEEP_LAST -> value.length() <= keep ? value
                    : "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
            case HASH -> HEX.formatHex(digest(value.getBytes(StandardCharsets.UTF_8)));
        };
    }

    private byte[] digest(byte[] bytes) {
        if (salt == null) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
        return mac.get().doFinal(bytes);
    }

    private Mac newMac() {
        if (salt == null) {
            return null;
        }
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(salt, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
