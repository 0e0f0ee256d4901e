package besa.vetting.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.screening.FactorKind;
import besa.vetting.screening.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The measure and the benchmark's polling read what the alert writer wrote (V90's tables), without a
 * screening engine: alerts are written here as a perfect screening would, plus one namesake's weak
 * person factor.
 */
@SpringBootTest
class ScreeningMeasureTest {
    @Autowired AlertWriter alerts;
    @Autowired VettingAccess vetting;
    @Autowired ScreeningQuality quality;
    @Autowired ScreeningRunner runner;

    @Test
    void scoresWhatTheAlertsHoldAndFindsAFactorByItsEntity() {
        // Not the other tests' seeds: officer ids carry seed mod 1000.
        ScreeningScenario s = new ScreeningScenario(ScreeningScenario.DEFAULT_SEED + 500, 60, 2_000);
        s.generate(r -> { });
        List<Truth> truth = s.truth();
        Truth namesake = truth.stream().filter(t -> t.category() == Truth.Category.NAMESAKE).findFirst().orElseThrow();
        vetting.system(scope -> {
            for (Truth t : truth) {
                List<Finding> found = new ArrayList<>();
                for (FactorKind k : t.expected()) {
                    found.add(Finding.officer(t.officerId(), k, k + ":" + t.entities().getFirst(), 0.9, "gjetje " + k, "finding " + k,
                            Map.of("entities", t.entities())));
                }
                if (t == namesake) {
                    found.add(Finding.officer(t.officerId(), FactorKind.PERSON, "PERSON:" + t.entities().getFirst(), 0.3, "emër i njëjtë",
                            "same name", Map.of("entities", t.entities())));
                }
                if (!found.isEmpty()) alerts.merge("SCREENING", t.officerId(), null, Set.of(), found);
            }
            return null;
        });

        ScreeningQuality.Report r = quality.measure(truth);
        for (FactorKind k : List.of(FactorKind.IDENTIFIER, FactorKind.NETWORK, FactorKind.COLOCATION, FactorKind.CONTRADICTION)) {
            assertThat(r.byKind().get(k).recall()).as("recall of %s", k).isEqualTo(1.0);
            assertThat(r.byKind().get(k).precision()).as("precision of %s", k).isEqualTo(1.0);
        }
        assertThat(r.byKind().get(FactorKind.PERSON).falsePositives()).isEqualTo(1);
        assertThat(r.maxWeight(Truth.Category.NAMESAKE, FactorKind.PERSON)).isEqualTo(0.3);
        assertThat(r.alerts().recall()).isEqualTo(1.0);
        assertThat(r.scored()).isEqualTo(truth.size() - (int) truth.stream().filter(t -> t.category() == Truth.Category.RESERVED).count());

        Truth shared = truth.stream().filter(t -> t.category() == Truth.Category.SHARED_PHONE).findFirst().orElseThrow();
        assertThat(runner.factorExists(shared.officerId(), shared.entities().getFirst())).isTrue();
        assertThat(runner.factorExists(shared.officerId(), "no-such-entity")).isFalse();
        assertThat(runner.factorExists(namesake.officerId(), shared.entities().getFirst())).isFalse();
    }
}
