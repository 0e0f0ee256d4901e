package besa.vetting.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import besa.vetting.screening.FactorKind;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The screening's quality on a generated scenario (500 officers, 25,000 entities): recall and
 * precision per factor kind and per alert against the ground truth, and namesakes and siblings kept
 * below a "probably him" PERSON weight.
 *
 * <p><b>Needs the screening engine and its detectors</b> (IDENTIFIER, PERSON, NETWORK, COLOCATION,
 * CONTRADICTION): on a build without them it fails on purpose at the first assertion. Thresholds
 * (see docs/vetting.md, "Benchmark data and quality"): 10 officers are planted per category, so one
 * miss costs 0.1 in a one-category kind; exact identifiers and leads must be all but perfect, the
 * fuzzy kinds (person, co-location) may miss two in ten.
 */
@SpringBootTest
class ScreeningQualityTest {
    static final int OFFICERS = 500;
    static final long ENTITIES = 25_000;

    @Autowired ScenarioLoader loader;
    @Autowired ScreeningRunner runner;
    @Autowired ScreeningQuality quality;

    static final Map<FactorKind, double[]> MIN_RECALL_PRECISION = Map.of(
            FactorKind.IDENTIFIER, new double[] {0.95, 0.95},
            FactorKind.NETWORK, new double[] {0.9, 0.85},
            FactorKind.PERSON, new double[] {0.8, 0.8},
            FactorKind.COLOCATION, new double[] {0.8, 0.8},
            FactorKind.CONTRADICTION, new double[] {0.9, 0.9});

    @Test
    void screeningFindsThePlantedOfficersAndLeavesTheHardNegatives() {
        ScreeningScenario s = new ScreeningScenario(ScreeningScenario.DEFAULT_SEED, OFFICERS, ENTITIES);
        loader.ensure(s, new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(runner.available()).as("a Screening bean (the engine is merged)").isTrue();
        assertThat(runner.runFull()).isPresent();

        ScreeningQuality.Report r = quality.measure(s.truth());
        String table = String.join("\n", r.lines());
        MIN_RECALL_PRECISION.forEach((kind, min) -> {
            ScreeningQuality.Score score = r.byKind().get(kind);
            assertThat(score.recall()).as("recall of %s%n%s", kind, table).isGreaterThanOrEqualTo(min[0]);
            assertThat(score.precision()).as("precision of %s%n%s", kind, table).isGreaterThanOrEqualTo(min[1]);
        });
        assertThat(r.alerts().recall()).as("alert recall%n%s", table).isGreaterThanOrEqualTo(0.95);
        assertThat(r.alerts().precision()).as("alert precision%n%s", table).isGreaterThanOrEqualTo(0.85);
        for (Truth.Category c : new Truth.Category[] {Truth.Category.NAMESAKE, Truth.Category.SIBLING}) {
            assertThat(r.maxWeight(c, FactorKind.PERSON)).as("PERSON weight on a %s%n%s", c, table).isLessThan(0.5);
        }
        assertThat(r.fired().getOrDefault(Truth.Category.SAME_TOWN, Map.of())).as("co-location in the same town only%n%s", table)
                .doesNotContainKey(FactorKind.COLOCATION);
        assertThat(r.fired().getOrDefault(Truth.Category.DECLARED_CRYPTOPHONE, Map.of())).as("no contradiction for who declared it%n%s", table)
                .doesNotContainKey(FactorKind.CONTRADICTION);
    }
}
