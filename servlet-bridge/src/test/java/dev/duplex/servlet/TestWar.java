package dev.duplex.servlet;

import dev.duplex.endpoint.session.SessionRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Unpacked web applications for the deployment tests, assembled under target/wars. */
final class TestWar {
    private TestWar() {
    }

    /** Assembles target/wars/NAME: the classes of {@code member}'s package in WEB-INF/classes, and a page. */
    static Path assemble(String name, Class<?> member) throws IOException, URISyntaxException {
        Path classes = codeSource(member);
        String packagePath = member.getPackageName().replace('.', '/');
        Path war = classes.getParent().resolve("wars").resolve(name);
        Path target = war.resolve("WEB-INF/classes").resolve(packagePath);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(classes.resolve(packagePath))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(war.resolve("index.html"), "<p>the " + name + " application</p>\n");
        return war;
    }

    /**
     * Puts Duplex itself into the application's WEB-INF/lib (the engine and endpoint layer, and this servlet
     * bridge), as a WAR that brings its own WebSocket implementation has it: the application's class loader
     * then loads Duplex, in place of the copy on the container's class path.
     */
    static void bringDuplex(Path war) throws IOException, URISyntaxException {
        Path lib = Files.createDirectories(war.resolve("WEB-INF/lib"));
        for (Class<?> ofJar : List.of(SessionRuntime.class, DuplexServletContainerInitializer.class)) {
            Path source = codeSource(ofJar);
            Path jar = lib.resolve(ofJar.getPackageName().replace('.', '-') + ".jar");
            if (Files.isDirectory(source)) {
                jar(source, jar);
            } else {
                Files.copy(source, jar, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> tree = Files.walk(classes)) {
            for (Path path : (Iterable<Path>) tree.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }
}
