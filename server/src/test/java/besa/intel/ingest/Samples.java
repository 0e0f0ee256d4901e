package besa.intel.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The sample files under src/test/resources/ingest, with ids made unique per test run (the database is shared). */
public final class Samples {
    private Samples() {}

    public static String text(String name) {
        try (var in = Samples.class.getResourceAsStream("/ingest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The sample mapping with source id {@code tnp-extract-RUN}. */
    public static String mappingYaml(String run) {
        return text("persons.yaml").replace("id: tnp-extract", "id: tnp-extract-" + run);
    }

    public static Mapping mapping(String run) {
        return MappingLoader.load(mappingYaml(run));
    }

    public static Path copy(Path dir, String name) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text(name));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
