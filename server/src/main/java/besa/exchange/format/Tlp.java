package besa.exchange.format;

import besa.intel.model.Handling;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Traffic Light Protocol markings and Besa's handling codes, both ways: CLEAR/WHITE → H0, GREEN → H1,
 * AMBER and AMBER+STRICT → H2, RED → H3. Export writes TLP 2.0 markings (H0 → CLEAR, H1 → GREEN,
 * H2 → AMBER, H3 → RED). The marking ids are the standard ones (STIX 2.1 §7.2.1.4 for TLP 1.0, the
 * OASIS TLP 2.0 extension for TLP 2.0), so they mean the same in every STIX tool.
 */
final class Tlp {
    /** The OASIS extension definition that carries TLP 2.0 in a marking definition. */
    static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private static final Map<String, String> LEVEL_OF_ID = Map.of(
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "white",
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "green",
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "amber",
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red",
            "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear",
            "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green",
            "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber",
            "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict",
            "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red");

    /** TLP 2.0 marking ids written on export, by handling code. */
    private static final Map<Handling, String> ID_OF_HANDLING = Map.of(
            Handling.H0, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            Handling.H1, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            Handling.H2, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            Handling.H3, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

    private Tlp() {}

    /** The TLP level ("clear", "amber+strict" …) of a standard marking id, if it is one. */
    static Optional<String> levelOfId(String id) {
        return Optional.ofNullable(LEVEL_OF_ID.get(id));
    }

    /** The handling code of a TLP level (with or without "TLP:", any case), if it is one. */
    static Optional<Handling> handling(String level) {
        String l = level.strip().toLowerCase(Locale.ROOT);
        if (l.startsWith("tlp:")) l = l.substring(4);
        return Optional.ofNullable(switch (l) {
            case "clear", "white" -> Handling.H0;
            case "green" -> Handling.H1;
            case "amber", "amber+strict" -> Handling.H2;
            case "red" -> Handling.H3;
            default -> null;
        });
    }

    static String markingId(Handling h) {
        return ID_OF_HANDLING.get(h);
    }

    /** The TLP 2.0 level written for a handling code. */
    static String level(Handling h) {
        return switch (h) {
            case H0 -> "clear";
            case H1 -> "green";
            case H2 -> "amber";
            case H3 -> "red";
        };
    }
}
