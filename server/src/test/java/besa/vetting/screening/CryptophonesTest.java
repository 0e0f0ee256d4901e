package besa.vetting.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CryptophonesTest {
    @Test
    void knowsTheServicesHoweverWritten() {
        for (String s : List.of("SKY_ECC", "Sky ECC", "skyecc.com", "EncroChat", "ENCROCHAT", "ANOM", "an0m", "Phantom Secure", "Exclu", "Sky Global")) {
            assertThat(Cryptophones.isCryptophone(s)).as(s).isTrue();
        }
    }

    @Test
    void ordinaryMessengersAndWordsThatContainANameAreNot() {
        for (String s : List.of("WhatsApp", "Signal", "Telegram", "anomaly detection", "exclusive", "PHONE", "", "   ")) {
            assertThat(Cryptophones.isCryptophone(s)).as(s).isFalse();
        }
        assertThat(Cryptophones.isCryptophone(null)).isFalse();
    }
}
