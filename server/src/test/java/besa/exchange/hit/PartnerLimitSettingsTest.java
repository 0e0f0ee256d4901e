package besa.exchange.hit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Per-partner limits are checked when the node starts, not when that partner first asks. */
class PartnerLimitSettingsTest {
    static final PartnerLimits.Limits DEFAULTS = new PartnerLimits.Limits(60, 300, 10, 200_000);

    @Test
    void validSettingsPass() {
        var env = new MockEnvironment().withProperty("besa.exchange.limits.partner.tnp-ankara.hit-queries-per-hour", "20")
                .withProperty("besa.exchange.limits.partner.europol-hq.xmatch-records-per-day", "0");
        assertThatCode(() -> HitConfig.checkPerPartner(env, DEFAULTS)).doesNotThrowAnyException();
    }

    @Test
    void aNegativeValueOrAnUnknownNameStopsTheStartNamingTheSetting() {
        var negative = new MockEnvironment().withProperty("besa.exchange.limits.partner.tnp-ankara.hit-queries-per-day", "-1");
        assertThatThrownBy(() -> HitConfig.checkPerPartner(negative, DEFAULTS)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("besa.exchange.limits.partner.tnp-ankara.*").hasMessageContaining("must not be negative");

        var typo = new MockEnvironment().withProperty("besa.exchange.limits.partner.tnp-ankara.hit-queries-per-hr", "5");
        assertThatThrownBy(() -> HitConfig.checkPerPartner(typo, DEFAULTS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("besa.exchange.limits.partner.tnp-ankara.hit-queries-per-hr is not a partner limit");

        var notANumber = new MockEnvironment().withProperty("besa.exchange.limits.partner.tnp-ankara.xmatch-runs-per-day", "ten");
        assertThatThrownBy(() -> HitConfig.checkPerPartner(notANumber, DEFAULTS)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("besa.exchange.limits.partner.tnp-ankara.*");
    }
}
