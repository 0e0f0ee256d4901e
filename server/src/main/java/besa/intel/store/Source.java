package besa.intel.store;

/** A dataset as one originator supplied it, under one legal basis. */
public record Source(String id, String title, String originator, String legalBasis) {}
