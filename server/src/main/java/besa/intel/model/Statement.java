package besa.intel.model;

/** One value of one property of one entity, as one source supplied it. */
public record Statement(String entityId, String prop, String value, String original, Provenance provenance) {}
