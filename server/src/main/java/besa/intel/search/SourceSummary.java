package besa.intel.search;

/** A source dataset with how many active statements it contributes. */
public record SourceSummary(String id, String title, String originator, String legalBasis, long statements) {}
