package besa.vetting.screening;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.ingest.ImportOptions;
import besa.intel.ingest.ImportResult;
import besa.intel.ingest.Ingestion;
import besa.intel.ingest.MappingLoader;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The CSV mapping docs/vetting.md gives for location events, through the real ingestion, up to a co-location finding. */
@SpringBootTest
class ColocationImportTest {
    @Autowired Ingestion ingestion;
    @Autowired PersonnelRegister register;
    @Autowired VettingAccess vetting;
    @Autowired JdbcClient jdbc;
    @Autowired ColocationDetector detector;
    @TempDir Path dir;

    static final String CRYPTO_MAPPING = """
            source:
              id: europol-sky-2021-RUN
              title: Sky ECC location extract, February 2021
              originator: EUROPOL
              legalBasis: Europol Regulation art. 18
              evaluation: B2
              handling: H2
            recordId: ref
            entities:
              - name: account
                type: Account
                key: handle
                properties:
                  handle: handle
                  service: service
              - name: cell
                type: Address
                key: cell
                properties:
                  full: cell
            relations:
              - type: LocatedAt
                subject: account
                object: cell
                properties:
                  time: seen_at
                  latitude: lat
                  longitude: lon
            """;

    static final String PHONE_MAPPING = """
            source:
              id: asp-phones-RUN
              title: Officers' phone locations
              originator: ASP
              legalBasis: Law 108/2014
              evaluation: A1
              handling: H1
            recordId: ref
            entities:
              - name: phone
                type: Phone
                key: number
                properties:
                  number: number
              - name: cell
                type: Address
                key: cell
                properties:
                  full: cell
            relations:
              - type: LocatedAt
                subject: phone
                object: cell
                properties:
                  time: seen_at
                  latitude: lat
                  longitude: lon
            """;

    @Test
    void locationEventsImportedThroughTheDocumentedMappingAttributeTheCryptophone() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String number = "+35569" + String.format("%07d", Math.abs(run.hashCode()) % 10_000_000);
        Path crypto = dir.resolve("sky.csv"), phones = dir.resolve("phones.csv");
        Files.writeString(crypto, """
                ref,handle,service,seen_at,lat,lon,cell
                SKY-0001,shqiponjaRUN,Sky ECC,2021-02-03 14:05,41.32750,19.81870,TIR-0412
                SKY-0002,shqiponjaRUN,Sky ECC,2021-02-03T18:40:00+01:00,41.31990,19.44670,DUR-0107
                SKY-0003,shqiponjaRUN,Sky ECC,04.02.2021 09:00,41.33000,19.82000,TIR-0413
                """.replace("RUN", run));
        Files.writeString(phones, """
                ref,number,seen_at,lat,lon,cell
                P-1,NUMBER,2021-02-03 14:15,41.32790,19.81900,TIR-0412
                P-2,NUMBER,2021-02-03 18:30,41.32000,19.44700,DUR-0107
                P-3,NUMBER,2021-02-04 08:50,41.33100,19.82000,TIR-0413
                """.replace("NUMBER", number));
        for (Object[] file : new Object[][] {{crypto, CRYPTO_MAPPING}, {phones, PHONE_MAPPING}}) {
            ImportResult r = ingestion.importCsv((Path) file[0], MappingLoader.load(((String) file[1]).replace("RUN", run)),
                    new ImportOptions(false, null, p -> {}));
            assertThat(r.errors()).isEmpty();
            assertThat(r.rowsImported()).isEqualTo(3);
        }
        assertThat(jdbc.sql("select value from statement where prop = 'time' and source_id = ? order by value").param("europol-sky-2021-" + run)
                .query(String.class).list()).containsExactly("2021-02-03T13:05:00Z", "2021-02-03T17:40:00Z", "2021-02-04T08:00:00Z");

        Officer officer = new Officer("imp-" + run, "Gëzim", null, "Import" + run, null, null, null, true,
                List.of(new Officer.Identifier(Officer.IdentifierKind.PHONE, number, number, Officer.Origin.ISSUED)), List.of(), List.of());
        List<Finding> found = vetting.system(scope -> {
            register.save(officer);
            List<Finding> out = new ArrayList<>();
            detector.screen(new ScreeningContext(register.find(List.of(officer.id())), scope, jdbc), out::add);
            return out;
        });
        assertThat(found).filteredOn(f -> f.summaryEn().contains("shqiponja" + run)).singleElement().satisfies(f -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> events = (List<Map<String, Object>>) f.evidence().get("events");
            assertThat(events).extracting(e -> e.get("minutes")).containsExactly(10L, 10L, 10L);
            assertThat(events).extracting(e -> e.get("place")).containsExactly("TIR-0412", "DUR-0107", "TIR-0413");
            assertThat(f.evidence()).containsEntry("days", 2);
        });
    }
}
