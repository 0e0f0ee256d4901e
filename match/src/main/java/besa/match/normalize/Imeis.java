package besa.match.normalize;

import java.util.Optional;

/** IMEIs: compared on their first 14 digits (the TAC and serial), the 15th being a Luhn check digit. */
public final class Imeis {
    private Imeis() {}

    /** The 14-digit core of an IMEI written with or without check digit, spaces or dashes; empty if it is none. */
    public static Optional<String> core(String raw) {
        if (raw == null) return Optional.empty();
        StringBuilder digits = new StringBuilder(16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') digits.append(c);
            else if (c != ' ' && c != '-' && c != '/' && c != '.') return Optional.empty();
        }
        return switch (digits.length()) {
            case 14 -> Optional.of(digits.toString());
            case 15 -> Optional.of(digits.substring(0, 14));
            default -> Optional.empty();
        };
    }

    /** The full 15-digit IMEI with its Luhn check digit. */
    public static String withCheckDigit(String core14) {
        return core14 + checkDigit(core14);
    }

    /** True when a 15-digit IMEI's last digit is the Luhn check digit of the first 14. */
    public static boolean isValid(String fifteen) {
        return fifteen.length() == 15 && fifteen.chars().allMatch(Character::isDigit)
                && fifteen.charAt(14) - '0' == checkDigit(fifteen.substring(0, 14));
    }

    static int checkDigit(String core14) {
        int sum = 0;
        for (int i = 0; i < core14.length(); i++) {
            int d = core14.charAt(i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
