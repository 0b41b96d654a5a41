package dev.duplex.servlet;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bridge's core speaks the Servlet API alone; what a container needs beyond it lives in that container's
 * adapter package ({@code dev.duplex.servlet.jetty}, {@code dev.duplex.servlet.tomcat}). Checked on the compiled classes: a type a class uses is
 * named in its constant pool ({@code org/eclipse/jetty/...}, {@code org/apache/...}).
 */
class PortableCoreTest {
    /** The adapter packages, which may use their container's types. */
    private static final List<String> ADAPTERS = List.of("jetty", "tomcat");

    @Test
    void coreClassesReferenceNoContainerTypes() throws IOException, URISyntaxException {
        Path classes = Path.of(ServletTransport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path core = classes.resolve("dev/duplex/servlet");
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(core)) {
            classFiles = files.filter(path -> path.toString().endsWith(".class"))
                    .filter(path -> !ADAPTERS.contains(core.relativize(path).getName(0).toString()))
                    .toList();
        }
        assertTrue(classFiles.contains(core.resolve("ServletTransport.class")), "found the core's classes under " + core);
        for (Path classFile : classFiles) {
            String constants = new String(Files.readAllBytes(classFile), ISO_8859_1);
            assertFalse(constants.contains("org/eclipse/jetty/"), classFile + " refers to a Jetty type");
            assertFalse(constants.contains("org/apache/"), classFile + " refers to an Apache (Tomcat) type");
        }
    }
}
