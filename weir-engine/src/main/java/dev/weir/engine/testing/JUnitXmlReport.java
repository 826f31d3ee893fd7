package dev.weir.engine.testing;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A test run as JUnit XML, the format Jenkins, GitLab and GitHub test reporters read: one
 * {@code testsuite} per test file, one {@code testcase} per case (class name: the test's name),
 * a {@code failure} with the first difference and where the expectation was written.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static void write(TestReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toXml(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JUnit XML to " + file + ": " + e.getMessage(), e);
        }
    }

    public static String toXml(TestReport report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "weir test");
            counts(xml, report.results(), report.duration());
            for (Map.Entry<String, List<CaseResult>> suite : report.byFile().entrySet()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", suite.getKey());
                counts(xml, suite.getValue(), suite.getValue().stream().map(CaseResult::duration)
                        .reduce(Duration.ZERO, Duration::plus));
                for (CaseResult r : suite.getValue()) {
                    testCase(xml, r);
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out.toString();
    }

    private static void counts(XMLStreamWriter xml, List<CaseResult> results, Duration time) throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(results.size()));
        xml.writeAttribute("failures", Long.toString(results.stream().filter(r -> !r.passed()).count()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(time));
    }

    private static void testCase(XMLStreamWriter xml, CaseResult r) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        if (r.passed()) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("name", clean(r.name()));
        xml.writeAttribute("classname", clean(r.test().name()));
        xml.writeAttribute("file", clean(r.file()));
        xml.writeAttribute("line", Integer.toString(r.testCase().pos().line()));
        xml.writeAttribute("time", seconds(r.duration()));
        if (r.failure().isPresent()) {
            Failure f = r.failure().get();
            xml.writeCharacters("\n      ");
            xml.writeStartElement("failure");
            xml.writeAttribute("message", clean(f.message()));
            xml.writeAttribute("type", "weir.test.failure");
            xml.writeCharacters(clean(f.format()));
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    /** XML 1.0 cannot carry most control characters, even escaped; record values may hold any. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
            out.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return out.toString();
    }
}
