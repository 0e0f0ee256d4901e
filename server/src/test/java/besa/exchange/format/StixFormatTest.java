package besa.exchange.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.access.ReadScope;
import besa.exchange.format.StixException.Problem;
import besa.intel.model.EntityType;
import besa.intel.model.Handling;
import besa.intel.model.Statement;
import besa.intel.store.IntelStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** STIX 2.1 in and out: the sample bundle, the mapping of provenance, the round trip, and refusals with their place. */
@SpringBootTest
class StixFormatTest {
    static final Path SAMPLE = Path.of("../docs/examples/stix-phishing-bundle.json");
    static final String IND_IP = "indicator--" + uuid("ind-ip"), IND_FILE = "indicator--" + uuid("ind-file"),
            IND_SIGMA = "indicator--" + uuid("ind-sigma"), TA = "threat-actor--" + uuid("ta"), IS = "intrusion-set--" + uuid("is"),
            FILE = "file--" + uuid("file"), REL_INDICATES = "relationship--" + uuid("r1");

    @Autowired CyberFormats formats;
    @Autowired IntelStore store;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    /** The sample's ids are name-based UUIDs (docs/examples was generated that way). */
    static String uuid(String seed) {
        return SampleIds.of(seed);
    }

    static StixImport options(String source) {
        return new StixImport(source, "CERT.al phishing feed", "Law 2/2017 on cyber security, art. 11", "AKCESK (CERT.al)", 'B', Handling.H2);
    }

    static byte[] sample() throws Exception {
        return Files.readAllBytes(SAMPLE);
    }

    @Test
    void theSampleBundleImportsWithItsProvenance() throws Exception {
        String source = "stix-sample-" + run;
        var r = formats.importStix(sample(), options(source), ReadScope.system(), "");
        // 2 groups, 4 indicators, 5 observables, 4 relationships; the malware and the relationship to it are left out.
        assertThat(r.result().rowsImported()).isEqualTo(15);
        assertThat(r.skipped()).extracting(Problem::toString).hasSize(2)
                .anySatisfy(s -> assertThat(s).contains("malware").contains("left out"))
                .anySatisfy(s -> assertThat(s).contains("target_ref").contains("does not model"));

        Map<String, List<Statement>> ip = props(IND_IP, source);
        assertThat(values(ip, "pattern")).containsExactly("[ipv4-addr:value = '185.220.101.47']");
        assertThat(values(ip, "patternType")).containsExactly("stix");
        assertThat(values(ip, "validFrom")).containsExactly("2026-11-01T00:00:00Z");
        assertThat(values(ip, "validUntil")).containsExactly("2027-05-01T00:00:00Z");
        assertThat(values(ip, "indicatorType")).containsExactlyInAnyOrder("malicious-activity", "attribution");
        assertThat(values(ip, "label")).containsExactlyInAnyOrder("phishing", "c2");
        Statement pattern = ip.get("pattern").getFirst();
        assertThat(pattern.provenance().originator()).isEqualTo("AKCESK (CERT.al)"); // created_by_ref → the identity's name
        assertThat(pattern.provenance().handling()).isEqualTo(Handling.H2);          // TLP:AMBER
        assertThat(pattern.provenance().grading().code()).isEqualTo("B1");          // confidence 85, reliability of the import
        assertThat(pattern.provenance().recordKey()).isEqualTo(IND_IP);
        assertThat(pattern.provenance().legalBasis()).isEqualTo("Law 2/2017 on cyber security, art. 11");

        assertThat(props(IND_FILE, source).get("pattern").getFirst().provenance().handling()).isEqualTo(Handling.H3); // TLP 1.0 RED
        assertThat(props(IND_FILE, source).get("pattern").getFirst().provenance().grading().code()).isEqualTo("B3"); // confidence 50
        Statement sigma = props(IND_SIGMA, source).get("patternType").getFirst();
        assertThat(sigma.value()).isEqualTo("sigma");
        assertThat(sigma.provenance().handling()).isEqualTo(Handling.H0);          // TLP:CLEAR
        assertThat(sigma.provenance().grading().code()).isEqualTo("B4");          // no confidence: cannot be judged

        assertThat(store.find(TA).orElseThrow().type()).isEqualTo(EntityType.Organization);
        assertThat(values(props(TA, source), "alias")).containsExactlyInAnyOrder("Black Eagle", "BlackEagle-AL");
        assertThat(values(props(TA, source), "activity")).containsExactly("threat-actor");
        assertThat(values(props(IS, source), "activity")).containsExactly("intrusion-set");
        Map<String, List<Statement>> file = props(FILE, source);
        assertThat(values(file, "kind")).containsExactly("file");
        assertThat(values(file, "sha256")).containsExactly("4BF1B2C8D0E6A4F37A2B9D7C1E5F0A8B3C6D9E2F1A4B7C0D3E6F9A2B5C8D1E4F");
        assertThat(file.get("kind").getFirst().provenance().grading().code()).isEqualTo("B4");
        Map<String, List<Statement>> rel = props(REL_INDICATES, source);
        assertThat(store.find(REL_INDICATES).orElseThrow().type()).isEqualTo(EntityType.Association);
        assertThat(values(rel, "subject")).containsExactly(IND_IP);
        assertThat(values(rel, "object")).containsExactly(IS);
        assertThat(values(rel, "role")).containsExactly("indicates");
    }

    @Test
    void exportThenReimportGivesTheSameStatements() throws Exception {
        String source = "stix-round-" + run;
        formats.importStix(sample(), options(source), ReadScope.system(), "");
        byte[] bundle = formats.exportStix(source, List.of(), ReadScope.system(), "test");

        // Every exported object reads back into exactly the statements the store holds for it from this source.
        var read = new StixReader(new StixImport(source, null, "another basis (ignored: the bundle carries its own)", null, 'X', Handling.H0)).read(bundle);
        assertThat(read.entities()).hasSize(15);
        assertThat(read.skipped()).isEmpty();
        for (var c : read.entities()) {
            var entity = StixWriter.entity(c.line());
            List<String> exported = entity.statements().stream().map(s -> String.join("|", s.path("prop").asString(), s.path("value").asString(),
                    s.path("original").asString(), s.path("record").asString(), s.path("originator").asString(), s.path("legalBasis").asString(),
                    s.path("evaluation").asString(), s.path("handling").asString())).sorted().toList();
            List<String> stored = store.find(entity.id()).orElseThrow().statements().stream().filter(s -> s.provenance().sourceId().equals(source))
                    .map(s -> String.join("|", s.prop(), s.value(), s.original(), s.provenance().recordKey(), s.provenance().originator(),
                            s.provenance().legalBasis(), s.provenance().grading().code(), s.provenance().handling().name())).sorted().toList();
            assertThat(exported).as(entity.id()).isEqualTo(stored);
            assertThat(entity.type()).isEqualTo(store.find(entity.id()).orElseThrow().type());
        }
        // Importing the export into the same source adds, retires and restores nothing.
        var again = formats.importStix(bundle, new StixImport(source, null, "another basis", null, 'X', Handling.H0), ReadScope.system(), "");
        assertThat(again.result().statementsAdded()).isZero();
        assertThat(again.result().statementsRetired()).isZero();
        assertThat(again.result().statementsRestored()).isZero();
        // And exporting again gives the same objects (ids, values, markings), apart from timestamps and the bundle id.
        assertThat(objects(formats.exportStix(source, List.of(), ReadScope.system(), "test"))).isEqualTo(objects(bundle));
    }

    @Test
    void handlingCodesAndTlpMapBothWays() throws Exception {
        String source = "stix-tlp-" + run;
        String[][] cases = { // marking on import, handling expected
            {"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "H0"}, // TLP 1.0 WHITE
            {"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "H0"}, // TLP 2.0 CLEAR
            {"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "H1"}, // TLP 1.0 GREEN
            {"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "H2"}, // TLP 1.0 AMBER
            {"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "H2"}, // TLP 2.0 AMBER+STRICT
            {"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "H3"}, // TLP 2.0 RED
            {"marking-definition--" + uuid("own-tlp"), "H2"},                   // a definition in the bundle naming TLP:AMBER
            {"marking-definition--" + uuid("terms"), "H3"},                     // a statement of terms
        };
        List<String> objects = new ArrayList<>();
        objects.add("""
                {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--%s","created":"2026-01-01T00:00:00Z",
                 "definition_type":"tlp","name":"TLP:AMBER","definition":{"tlp":"amber"}}""".formatted(uuid("own-tlp")));
        objects.add("""
                {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--%s","created":"2026-01-01T00:00:00Z",
                 "definition_type":"statement","definition":{"statement":"Only for the joint investigation team"}}""".formatted(uuid("terms")));
        for (int i = 0; i < cases.length; i++) {
            objects.add("""
                    {"type":"domain-name","spec_version":"2.1","id":"domain-name--%s","value":"tlp%d-%s.example","object_marking_refs":["%s"]}"""
                    .formatted(uuid("tlp" + i + run), i, run, cases[i][0]));
        }
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[" + String.join(",", objects) + "]}";
        formats.importStix(bundle.getBytes(StandardCharsets.UTF_8), new StixImport(source, null, "test", "CERT.al", 'A', Handling.H1),
                ReadScope.system(), "");
        for (int i = 0; i < cases.length; i++) {
            var st = props("domain-name--" + uuid("tlp" + i + run), source).get("value").getFirst();
            assertThat(st.provenance().handling().name()).as(cases[i][0]).isEqualTo(cases[i][1]);
        }
        // Back: each handling code becomes the TLP 2.0 marking, whose definition travels in the bundle.
        JsonNode out = StixReader.JSON.readTree(formats.exportStix(source, List.of(), ReadScope.system(), "test"));
        Map<String, String> markingOf = new java.util.HashMap<>();
        Map<String, String> nameOf = new java.util.HashMap<>();
        for (JsonNode o : out.path("objects").values()) {
            if (o.path("type").asString().equals("marking-definition")) nameOf.put(o.path("id").asString(), o.path("name").asString());
            if (o.path("type").asString().equals("domain-name")) markingOf.put(o.path("value").asString(), o.path("object_marking_refs").path(0).asString());
        }
        for (int i = 0; i < cases.length; i++) {
            String expected = switch (cases[i][1]) {
                case "H0" -> "TLP:CLEAR";
                case "H1" -> "TLP:GREEN";
                case "H2" -> "TLP:AMBER";
                default -> "TLP:RED";
            };
            assertThat(nameOf.get(markingOf.get("tlp" + i + "-" + run + ".example"))).as("case %d", i).isEqualTo(expected);
        }
    }

    @Test
    void badBundlesAreRefusedSayingWhereAndWhyAndNothingIsStored() {
        String source = "stix-bad-" + run;
        String ok = indicator("ind-ok", "\"pattern\":\"[url:value = 'http://x.example/']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"");
        refused("{\"type\":\"bundle\",\"id\":\"bundle--" + uuid("b") + "\",\"objects\":[" + ok + ","
                + indicator("ind-1", "\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"") + "]}", source,
                "objects[1] (indicator--" + uuid("ind-1") + ") pattern: required");
        refused(bundle(indicator("ind-2", "\"pattern\":\"[x:y = 'z']\",\"pattern_type\":\"stix\",\"valid_from\":\"yesterday\"")), source,
                "objects[0] (indicator--" + uuid("ind-2") + ") valid_from: not a STIX timestamp");
        refused(bundle(indicator("ind-3", "\"pattern\":\"[x:y = 'z']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\",\"confidence\":150")),
                source, "objects[0] (indicator--" + uuid("ind-3") + ") confidence: must be an integer from 0 to 100");
        refused(bundle("{\"type\":\"indicator\",\"id\":\"malware--" + uuid("x") + "\"}"), source, "objects[0] (malware--" + uuid("x") + ") id: must be indicator--<UUID>");
        refused(bundle(ok + ",{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--" + uuid("r") + "\",\"created\":\"2026-01-01T00:00:00Z\","
                + "\"modified\":\"2026-01-01T00:00:00Z\",\"relationship_type\":\"indicates\",\"source_ref\":\"indicator--" + uuid("ind-ok")
                + "\",\"target_ref\":\"threat-actor--" + uuid("nobody") + "\"}"), source,
                "objects[1] (relationship--" + uuid("r") + ") target_ref: 'threat-actor--" + uuid("nobody") + "' is not in the bundle");
        refused(bundle("{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--" + uuid("ip") + "\",\"value\":\"10.0.0.1\",\"object_marking_refs\":[\"marking-definition--"
                + uuid("unknown") + "\"]}"), source, "objects[0] (ipv4-addr--" + uuid("ip") + ") object_marking_refs[0]: 'marking-definition--" + uuid("unknown")
                + "' is neither a standard TLP marking nor a marking definition in the bundle");
        refused("{\"type\":\"bundle\",\"objects\":[", source, "bundle: not valid JSON");
        refused("{\"type\":\"report\",\"id\":\"x\"}", source, "bundle type: a STIX bundle must be an object");
        assertThat(store.source(source)).isEmpty();
    }

    private void refused(String bundle, String source, String expected) {
        assertThatThrownBy(() -> formats.importStix(bundle.getBytes(StandardCharsets.UTF_8), new StixImport(source, null, "test", "CERT.al", 'B', Handling.H1),
                ReadScope.system(), "")).isInstanceOf(StixException.class)
                .satisfies(e -> assertThat(((StixException) e).problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p).startsWith(expected)));
    }

    private static String indicator(String seed, String fields) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + uuid(seed) + "\",\"created\":\"2026-01-01T00:00:00Z\","
                + "\"modified\":\"2026-01-01T00:00:00Z\"," + fields + "}";
    }

    private static String bundle(String objects) {
        return "{\"type\":\"bundle\",\"id\":\"bundle--" + uuid("bundle") + "\",\"objects\":[" + objects + "]}";
    }

    private Map<String, List<Statement>> props(String id, String source) {
        return store.find(id).orElseThrow().statements().stream().filter(s -> s.provenance().sourceId().equals(source))
                .collect(Collectors.groupingBy(Statement::prop));
    }

    private static List<String> values(Map<String, List<Statement>> props, String prop) {
        return props.getOrDefault(prop, List.of()).stream().map(Statement::value).toList();
    }

    /** The bundle's objects without their timestamps, by id. */
    static Map<String, String> objects(byte[] bundle) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (JsonNode o : StixReader.JSON.readTree(bundle).path("objects").values()) {
            var copy = (tools.jackson.databind.node.ObjectNode) o.deepCopy();
            copy.remove(List.of("created", "modified"));
            m.put(o.path("id").asString(), copy.toString());
        }
        return m;
    }
}
