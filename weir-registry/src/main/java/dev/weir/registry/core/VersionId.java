package dev.weir.registry.core;

/** A version as clients name it: a number from 1, or {@code latest} (also {@code -1}). */
public final class VersionId {

    /** Stands for the latest version that is not deleted. */
    public static final int LATEST = -1;

    private VersionId() {
    }

    /**
     * @throws RegistryException 42202 when it is neither
     */
    public static int parse(String text) {
        if ("latest".equalsIgnoreCase(text)) {
            return LATEST;
        }
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 || v == LATEST) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw RegistryException.invalidVersion(text);
    }
}
