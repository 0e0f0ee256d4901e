package besa.vetting.screening;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a service or platform name (an Account's {@code service}, a lead's {@code platform}) is an
 * encrypted-communication ("cryptophone") service of the kind partners attribute to criminal groups:
 * Sky ECC, EncroChat, ANOM, Phantom Secure, Exclu, Ennetcom, Ghost... Written any way ("SKY_ECC",
 * "Sky ECC", "skyecc.com", "EncroChat"). Ordinary messengers (WhatsApp, Signal, Telegram) are not
 * cryptophone services: everyone uses them.
 */
public final class Cryptophones {
    private Cryptophones() {}

    /** Distinctive names: found anywhere in the folded text. */
    private static final Set<String> LONG = Set.of("skyecc", "skyglobal", "encrochat", "phantomsecure", "ennetcom", "arcanesecure", "matrixsecure");
    /** Short names that are also parts of ordinary words: only as a whole word. */
    private static final Set<String> WORDS = Set.of("anom", "an0m", "exclu", "ghost", "sky", "encro", "matrix", "mpc", "omerta");

    public static boolean isCryptophone(String serviceOrPlatform) {
        if (serviceOrPlatform == null || serviceOrPlatform.isBlank()) return false;
        String lower = serviceOrPlatform.toLowerCase(Locale.ROOT);
        String folded = lower.replaceAll("[^a-z0-9]", "");
        for (String n : LONG) if (folded.contains(n)) return true;
        for (String w : lower.split("[^a-z0-9]+")) if (WORDS.contains(w)) return true;
        return false;
    }
}
