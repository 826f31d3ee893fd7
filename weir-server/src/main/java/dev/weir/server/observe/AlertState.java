package dev.weir.server.observe;

import java.time.Instant;
import java.util.Optional;

/**
 * Where an alert rule stands: OK, PENDING (its condition holds, not yet for its whole duration)
 * or FIRING. {@code since} is when it entered that status; {@code message} says why, in words.
 */
public record AlertState(String rule, String description, Status status, Instant since, String condition,
                         String message, Optional<Double> value) {

    public enum Status { OK, PENDING, FIRING }
}
