package dev.weir.spec.generator;

import dev.weir.spec.Position;

import java.util.Optional;

/**
 * One generated field: its kind and the modifiers any field may carry, applied in this order:
 * {@code min}/{@code max} clamp a number, {@code round} keeps that many decimals ({@code 0} makes
 * an integer), {@code format} turns the value into text with {@link String#format}, and
 * {@code nullRate} replaces that share of the values with null.
 *
 * @param name     the field's name; {@code name[]} for a list's items, {@code a.b} inside an object
 * @param pos      where the field's definition starts
 */
public record FieldSpec(String name, FieldGen gen, Optional<Double> min, Optional<Double> max, Optional<Integer> round,
                        Optional<String> format, double nullRate, Position pos) {

    /** A field with no modifiers. */
    public static FieldSpec of(String name, FieldGen gen, Position pos) {
        return new FieldSpec(name, gen, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0.0, pos);
    }
}
