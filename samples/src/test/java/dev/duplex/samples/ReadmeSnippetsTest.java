package dev.duplex.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} code block of the READMEs compiles as shown, against the samples' class path (Duplex, Jetty,
 * Weld and the samples themselves), so that a newcomer who copies one gets no missing import or changed name.
 * A block is its imports followed by either whole type declarations or statements, which are compiled as the
 * body of a method that may throw. A block may use the types declared by the blocks above it in the same file, as
 * a reader following the text would have them.
 */
class ReadmeSnippetsTest {
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:public\\s+)?(?:final\\s+|abstract\\s+)?(class|record|interface|enum)\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*public\\s+(?:final\\s+|abstract\\s+)?(?:class|record|interface|enum)\\s+(\\w+)",
            Pattern.MULTILINE);

    /** A fenced java block: where it is, for the failure message, and its text. */
    private record Snippet(Path file, int line, String code, Path classes) {
        String where() {
            return repositoryRoot().relativize(file) + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheReadmesCompiles() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        for (Path readme : readmes()) {
            snippets.addAll(javaBlocks(readme));
        }
        assertTrue(snippets.size() >= 3, "found only " + snippets.size() + " java blocks: is the README where expected?");
        return snippets.stream().map(snippet -> DynamicTest.dynamicTest(snippet.where(), () -> compile(snippet)));
    }

    private static Path repositoryRoot() {
        // Surefire runs in the module's directory.
        return Path.of("").toAbsolutePath().getParent();
    }

    private static List<Path> readmes() throws IOException {
        Path root = repositoryRoot();
        List<Path> readmes = new ArrayList<>();
        readmes.add(root.resolve("README.md"));
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(module -> module.resolve("README.md")).filter(Files::isRegularFile).sorted()
                    .forEach(readmes::add);
        }
        return readmes;
    }

    private static List<Snippet> javaBlocks(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        List<Snippet> blocks = new ArrayList<>();
        Path classes = Files.createTempDirectory("readme-snippets"); // shared by the blocks of this file
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            blocks.add(new Snippet(readme, start + 1, String.join("\n", lines.subList(start, end)), classes));
            i = end;
        }
        return blocks;
    }

    private static void compile(Snippet snippet) throws IOException {
        StringBuilder imports = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        for (String line : snippet.code().split("\n", -1)) {
            if (rest.length() == 0 && (line.startsWith("import ") || line.isBlank())) {
                imports.append(line).append('\n');
            } else {
                rest.append(line).append('\n');
            }
        }
        String unitName;
        String source;
        if (TOP_LEVEL_TYPE.matcher(rest).find()) {
            Matcher publicType = PUBLIC_TYPE.matcher(rest);
            unitName = publicType.find() ? publicType.group(1) : "Snippet" + snippet.line();
            source = imports + "\n" + rest;
        } else {
            unitName = "Snippet" + snippet.line();
            source = imports + "\nclass " + unitName + " {\n    void run() throws Exception {\n" + rest + "    }\n}\n";
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = snippet.classes();
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + unitName + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> options = List.of("-classpath", classPath + java.io.File.pathSeparator + classes,
                "-d", classes.toString(), "-proc:none",
                "-Xlint:none", "--release", "17");
        boolean compiled;
        try (var files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            compiled = javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
        }
        if (!compiled) {
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> "line " + d.getLineNumber() + " of the compiled unit: " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            fail("the java block at " + snippet.where() + " does not compile as shown:\n" + errors
                    + "\n--- compiled as ---\n" + source);
        }
    }
}
