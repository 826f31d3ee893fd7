package dev.weir.spec;

/** Where something stands in a project file, 1-based, printed as {@code file:line:col}. */
public record Position(String file, int line, int column) {

    public static final Position UNKNOWN = new Position("<unknown>", 0, 0);

    public static Position of(String file) {
        return new Position(file, 1, 1);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
