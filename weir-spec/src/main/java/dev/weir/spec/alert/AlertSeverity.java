package dev.weir.spec.alert;

/** How urgent a firing alert is, for whoever receives it. */
public enum AlertSeverity {
    INFO, WARNING, CRITICAL;

    /** As written in YAML and in events: {@code info}, {@code warning}, {@code critical}. */
    public String word() {
        return name().toLowerCase();
    }
}
