package dev.weir.spec;

import java.util.ArrayList;
import java.util.List;

/** Collects findings so that one run reports every mistake, not just the first. */
public final class Diagnostics {

    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic d) {
        items.add(d);
    }

    public void addAll(List<Diagnostic> ds) {
        items.addAll(ds);
    }

    public void error(Position p, String message) {
        add(Diagnostic.error(p, message));
    }

    public void error(Position p, String message, String hint) {
        add(Diagnostic.error(p, message, hint));
    }

    public void warning(Position p, String message, String hint) {
        add(Diagnostic.warning(p, message, hint));
    }

    /** Runs {@code body}; a {@link SpecException} it throws is recorded instead of propagated. */
    public void collect(Runnable body) {
        try {
            body.run();
        } catch (SpecException e) {
            items.addAll(e.diagnostics());
        }
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> all() {
        return List.copyOf(items);
    }

    public void throwIfErrors() {
        if (hasErrors()) {
            throw new SpecException(items.stream().filter(Diagnostic::isError).toList());
        }
    }
}
