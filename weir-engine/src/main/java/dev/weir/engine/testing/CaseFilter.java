package dev.weir.engine.testing;

import dev.weir.spec.test.PipelineTest;
import dev.weir.spec.test.TestCase;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Chooses cases by text, ignoring case. A case is named three ways: its name,
 * {@code <test>/<case>} and {@code <file>/<case>}. Plain text matches when one of them contains
 * it; text with {@code *} (any characters) or {@code ?} (one character) is a glob that must
 * match one of them whole.
 */
public final class CaseFilter {

    public static final CaseFilter ALL = new CaseFilter("", null);

    private final String text;
    private final Pattern glob;

    private CaseFilter(String text, Pattern glob) {
        this.text = text;
        this.glob = glob;
    }

    public static CaseFilter of(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.indexOf('*') < 0 && t.indexOf('?') < 0) {
            return new CaseFilter(t, null);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : t.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (part) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(part);
            });
        }
        return new CaseFilter(t, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    public boolean matches(PipelineTest test, TestCase testCase) {
        for (String name : List.of(testCase.name(), test.name() + "/" + testCase.name(),
                test.file() + "/" + testCase.name())) {
            String n = name.toLowerCase(Locale.ROOT);
            if (glob == null ? n.contains(text) : glob.matcher(n).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
