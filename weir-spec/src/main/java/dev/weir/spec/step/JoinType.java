package dev.weir.spec.step;

/** Which records a join keeps when the other side has no match. */
public enum JoinType {
    /** Only records with a match. */
    INNER,
    /** Every record of this stream; the joined field is null when nothing matched. */
    LEFT,
    /** Every record of both streams (stream–stream joins only). */
    OUTER
}
