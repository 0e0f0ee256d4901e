package besa.exchange.envelope;

import besa.exchange.partner.HandlingCode;

/**
 * One value of one property as it travels: with the provenance it has in the intelligence store
 * (originator, source, legal basis, evaluation code) and its handling code.
 */
public record SharedStatement(String prop, String value, String originator, String source, String legalBasis,
                              String evaluation, HandlingCode handling) {
    public SharedStatement {
        if (prop == null || prop.isBlank()) throw new IllegalArgumentException("a statement needs a property");
        if (value == null) throw new IllegalArgumentException("statement " + prop + " needs a value");
        if (originator == null || originator.isBlank()) throw new IllegalArgumentException("statement " + prop + " needs its originator");
        if (handling == null) throw new IllegalArgumentException("statement " + prop + " needs a handling code");
        source = source == null ? "" : source;
        legalBasis = legalBasis == null ? "" : legalBasis;
        evaluation = evaluation == null ? "" : evaluation;
    }
}
