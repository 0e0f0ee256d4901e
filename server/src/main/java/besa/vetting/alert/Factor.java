package besa.vetting.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** One reason an alert was raised (V90 {@code vetting_factor}), with its evidence as the detector wrote it. */
public record Factor(String key, String kind, double weight, String summarySq, String summaryEn, boolean active,
        Map<String, Object> evidence, Instant firstSeen, Instant lastSeen) {

    public Factor {
        evidence = evidence == null ? Map.of() : evidence;
    }

    /** The summary in the reader's language: Albanian unless he reads English. */
    public String summary(Locale locale) {
        return locale != null && locale.getLanguage().equals("en") ? summaryEn : summarySq;
    }

    @JsonProperty("percent")
    public int percent() {
        return (int) Math.round(weight * 100);
    }
}
