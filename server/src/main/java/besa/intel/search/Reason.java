package besa.intel.search;

import java.util.List;

/**
 * Why a hit matched, as a code plus arguments so pages can render it in either language: the
 * message key is {@code search.reason.<code>} with the arguments in order.
 *
 * <p>Codes: {@code name-exact} (value, query token), {@code name-token} (value ≈ query token, same
 * sound key across scripts and spellings), {@code name-fuzzy} (value ~ query token, similarity %),
 * {@code phone} (E.164), {@code imei} (15-digit IMEI), {@code identifier} (compact form),
 * {@code iban}, {@code email}, {@code address-token} (value, query token).
 */
public record Reason(String code, List<String> args) {
    public Reason {
        args = List.copyOf(args);
    }

    public static Reason of(String code, String... args) {
        return new Reason(code, List.of(args));
    }

    public String messageKey() {
        return "search.reason." + code;
    }
}
