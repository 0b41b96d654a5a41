package dev.duplex.tck.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the {@code TEST-*.xml} files that maven-failsafe-plugin writes (the JUnit XML format of
 * Surefire) into {@link TestOutcome}s.
 *
 * <p>A {@code <testcase>} with a {@code <failure>} or {@code <error>} child failed, one with a
 * {@code <skipped>} child was skipped, any other passed (a test that passed on a rerun carries only
 * {@code flakyFailure} children and counts as passed). Stateless; thread-safe.
 */
public final class FailsafeReports {

    private FailsafeReports() {
    }

    /** Reads every {@code TEST-*.xml} in the directory, in file name order; none if it does not exist. */
    public static List<TestOutcome> read(Path reportsDirectory) throws IOException {
        if (!Files.isDirectory(reportsDirectory)) {
            return List.of();
        }
        List<Path> reports;
        try (Stream<Path> files = Files.list(reportsDirectory)) {
            reports = files.filter(FailsafeReports::isTestReport).sorted().toList();
        }
        List<TestOutcome> outcomes = new ArrayList<>();
        for (Path report : reports) {
            outcomes.addAll(readReport(report));
        }
        return outcomes;
    }

    /** Reads one report file. */
    public static List<TestOutcome> readReport(Path report) throws IOException {
        Document document;
        try {
            document = newBuilder().parse(report.toFile());
        } catch (SAXException e) {
            throw new IOException("Not a readable failsafe report: " + report + ": " + e.getMessage(), e);
        }
        NodeList testCases = document.getElementsByTagName("testcase");
        List<TestOutcome> outcomes = new ArrayList<>(testCases.getLength());
        for (int i = 0; i < testCases.getLength(); i++) {
            outcomes.add(outcome((Element) testCases.item(i)));
        }
        return outcomes;
    }

    private static TestOutcome outcome(Element testCase) {
        TestOutcome.Status status = TestOutcome.Status.PASSED;
        String message = "";
        for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element element)) {
                continue;
            }
            switch (element.getTagName()) {
                case "failure", "error" -> {
                    status = TestOutcome.Status.FAILED;
                    message = firstLine(element);
                }
                case "skipped" -> {
                    if (status != TestOutcome.Status.FAILED) {
                        status = TestOutcome.Status.SKIPPED;
                        message = firstLine(element);
                    }
                }
                default -> {
                    // system-out, system-err, flakyFailure, rerunFailure, properties: not a verdict
                }
            }
        }
        return new TestOutcome(testCase.getAttribute("classname"), testCase.getAttribute("name"), status, message);
    }

    /** The message attribute, else the element's text; first line only, trimmed. */
    private static String firstLine(Element element) {
        String text = element.getAttribute("message");
        if (text.isBlank()) {
            text = element.getTextContent();
        }
        if (text == null) {
            return "";
        }
        text = text.strip();
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    private static boolean isTestReport(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("TEST-") && name.endsWith(".xml") && Files.isRegularFile(file);
    }

    private static DocumentBuilder newBuilder() throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("No usable XML parser: " + e.getMessage(), e);
        }
    }
}
