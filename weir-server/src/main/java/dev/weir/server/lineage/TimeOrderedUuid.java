package dev.weir.server.lineage;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so run ids sort by
 * the time they began, as the OpenLineage spec recommends for {@code runId}.
 */
final class TimeOrderedUuid {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedUuid() {
    }

    static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long epochMillis) {
        long high = (epochMillis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
