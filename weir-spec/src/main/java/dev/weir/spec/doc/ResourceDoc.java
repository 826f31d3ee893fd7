package dev.weir.spec.doc;

import java.util.Objects;

/**
 * The documentation of a resource kind: its {@code spec}'s fields and an example resource that
 * the real loader accepts (a test makes sure).
 *
 * @param files        where such resources usually live, e.g. {@code topics/*.yaml}
 * @param specRequired whether the resource must have a {@code spec}
 * @param example      a whole resource: apiVersion, kind, metadata and spec
 */
public record ResourceDoc(String kind, String title, String summary, String files, ValueType.ObjectOf spec,
                          boolean specRequired, String example) {

    public ResourceDoc {
        Objects.requireNonNull(kind, "kind can't be null");
        Objects.requireNonNull(title, "title can't be null");
        Objects.requireNonNull(summary, "summary can't be null");
        Objects.requireNonNull(files, "files can't be null");
        Objects.requireNonNull(spec, "spec can't be null");
        Objects.requireNonNull(example, "example can't be null");
    }
}
