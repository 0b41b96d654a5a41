package dev.duplex.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine must not depend on Jakarta or servlet types, so that every transport can build on it. Checked on the
 * compiled classes: any type a class uses is named in its constant pool as {@code jakarta/...} or
 * {@code javax/servlet/...}.
 */
class EngineIsTransportNeutralTest {

    @Test
    void engineClassesReferenceNoJakartaOrServletTypes() throws IOException, URISyntaxException {
        Path classes = Path.of(Utf8Validator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path engine = classes.resolve("dev/duplex/engine");
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(engine)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        assertTrue(classFiles.contains(engine.resolve("Utf8Validator.class")),
                "found the engine's classes under " + engine);

        for (Path classFile : classFiles) {
            String constants = new String(Files.readAllBytes(classFile), ISO_8859_1);
            assertFalse(constants.contains("jakarta/"), classFile + " refers to a jakarta type");
            assertFalse(constants.contains("javax/servlet/"), classFile + " refers to a servlet type");
        }
    }
}
